import type { Knex } from '@mikro-orm/knex';
import type { PoolClient } from 'pg';

/**
 * Work on one connection of the ORM's pool, as a plain `pg` client: for
 * statements with PostgreSQL's own `$1` placeholders and array parameters,
 * which knex's `?` bindings would rewrite.
 */
export async function withPoolClient<T>(
  knex: Knex,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = (await knex.client.acquireConnection()) as PoolClient;
  try {
    return await work(client);
  } finally {
    await knex.client.releaseConnection(client);
  }
}

/** Runs `work` in one transaction on one pooled connection, committed when it resolves. */
export function inTransaction<T>(knex: Knex, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withPoolClient(knex, async (client) => {
    await client.query('begin');
    try {
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
  });
}

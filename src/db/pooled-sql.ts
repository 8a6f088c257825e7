import type { Knex } from '@mikro-orm/knex';
import type { PoolClient } from 'pg';

import type { Sql, TransactionalSql } from '../reports/sql-executor';

/**
 * The report engine's executor over the ORM's own connection pool. Statements
 * use PostgreSQL's `$1` placeholders, so they go to a `pg` client taken from
 * the pool rather than through knex's `?` bindings.
 */
export function pooledSql(knex: Knex): TransactionalSql {
  const withClient = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = (await knex.client.acquireConnection()) as PoolClient;
    try {
      return await work(client);
    } finally {
      await knex.client.releaseConnection(client);
    }
  };

  return {
    query: (text, params) => withClient((client) => runQuery(client, text, params)),
    transaction: (work) => withClient((client) => inTransaction(client, work)),
  };
}

async function runQuery<T>(client: PoolClient, text: string, params?: readonly unknown[]) {
  const result = await client.query(text, params as unknown[] | undefined);
  return result.rows as T[];
}

async function inTransaction<T>(client: PoolClient, work: (tx: Sql) => Promise<T>): Promise<T> {
  const tx: Sql = { query: (text, params) => runQuery(client, text, params) };

  await client.query('begin');
  try {
    const result = await work(tx);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}

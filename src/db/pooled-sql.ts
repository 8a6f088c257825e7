import type { Knex } from '@mikro-orm/knex';
import type { PoolClient } from 'pg';

import type { Sql, TransactionalSql } from '../reports/sql-executor';
import { inTransaction, withPoolClient } from './pool-client';

/** The report engine's executor over the ORM's own connection pool. */
export function pooledSql(knex: Knex): TransactionalSql {
  return {
    query: (text, params) => withPoolClient(knex, (client) => runQuery(client, text, params)),
    transaction: (work) => inTransaction(knex, (client) => work(clientSql(client))),
  };
}

function clientSql(client: PoolClient): Sql {
  return { query: (text, params) => runQuery(client, text, params) };
}

async function runQuery<T>(client: PoolClient, text: string, params?: readonly unknown[]) {
  const result = await client.query(text, params as unknown[] | undefined);
  return result.rows as T[];
}

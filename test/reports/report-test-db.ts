/**
 * The report tests' database: the project's test database (a fresh PGlite, or a new database
 * on TEST_DATABASE_URL's server) opened and migrated by the service's own code, seen through
 * the report engine's executor.
 */
import { pooledSql } from '../../src/db/pooled-sql';
import type { Sql, TransactionalSql } from '../../src/reports/sql-executor';
import { createTestDatabase, openMigratedDatabase } from '../support/test-database';

export interface ReportTestDatabase {
  readonly db: TransactionalSql;
  readonly label: 'postgresql' | 'embedded';
  close(): Promise<void>;
}

export async function openReportTestDatabase(): Promise<ReportTestDatabase> {
  const testDatabase = await createTestDatabase();
  const database = await openMigratedDatabase(testDatabase);
  return {
    db: pooledSql(database.knex),
    label: testDatabase.label,
    close: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
}

/** Empties every event and report table, so each test starts from nothing. */
export async function truncateAll(sql: Sql): Promise<void> {
  await sql.query(`truncate search_event, search_rating_event, result_clicked_event,
    detail_page_event, attribution_referrer_event, usage_reports, source_report,
    attribution_referer_report, top_searches, top_results, search_quality_report`);
}

/**
 * The executor with `schemas` first on the search path of every statement, for tests that need
 * tables other than the migrated ones under the same names.
 */
export function onSearchPath(db: TransactionalSql, schemas: string): TransactionalSql {
  const transaction: TransactionalSql['transaction'] = (work) =>
    db.transaction(async (tx) => {
      await tx.query(`set local search_path = ${schemas}`);
      return work(tx);
    });
  const query = <T extends object>(text: string, params?: readonly unknown[]) =>
    transaction((tx) => tx.query<T>(text, params));
  return { transaction, query };
}

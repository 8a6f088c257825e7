import { ABSENT_CATALOG } from '../../src/reports/catalog';
import { readReports } from '../../src/reports/read-reports';
import { produceWindowReports } from '../../src/reports/report-engine';
import { REPORT_SCHEMA_SQL } from '../../src/reports/report-schema-sql';
import { dailyWindows } from '../../src/reports/report-window';
import type { TransactionalSql } from '../../src/reports/sql-executor';
import { onSearchPath, openReportTestDatabase, type ReportTestDatabase } from './report-test-db';

/** Two of the original service's report tables as its SQLAlchemy models created them. */
const ORIGINAL_TABLES_SQL = `
create table usage_reports (id serial primary key, start_time timestamp, end_time timestamp,
  results_clicked integer, attribution_buttonclicks integer, survey_responses integer,
  source_clicked integer, creator_clicked integer, shared_social integer, sessions integer,
  searches integer, attribution_referer_hits integer, avg_rating float,
  avg_searches_per_session float);
create index ix_usage_reports_start_time on usage_reports (start_time);
create index ix_usage_reports_end_time on usage_reports (end_time);
create table top_searches (id serial primary key, start_time timestamp, end_time timestamp,
  term varchar, hits integer);
create index ix_top_searches_start_time on top_searches (start_time);
insert into top_searches (start_time, end_time, term, hits)
  values ('2020-01-01 00:00', '2020-01-02 00:00', 'old', 7);`;

/**
 * The original tables live in a schema of their own, first on the search path, so that the
 * migrated event tables stay visible behind them.
 */
describe('REPORT_SCHEMA_SQL over the original tables', () => {
  let testDb: ReportTestDatabase;
  let legacy: TransactionalSql;

  beforeAll(async () => {
    testDb = await openReportTestDatabase();
    await testDb.db.query('create schema legacy');
    legacy = onSearchPath(testDb.db, 'legacy, public');
    await legacy.transaction((tx) => tx.query(ORIGINAL_TABLES_SQL));
    // Run twice to prove it idempotent, in a session time zone other than UTC to prove the
    // original naive values are read as UTC.
    for (let run = 0; run < 2; run += 1) {
      await legacy.transaction(async (tx) => {
        await tx.query(`set local timezone = 'America/New_York'`);
        await tx.query(REPORT_SCHEMA_SQL);
      });
    }
  });

  afterAll(() => testDb?.close());

  it('then window columns are timestamptz and top lists have a rank', async () => {
    const columns = await testDb.db.query(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'legacy' and table_name in ('usage_reports', 'top_searches')
          and column_name in ('start_time', 'end_time', 'rank') order by 1, 2`,
    );

    const tz = 'timestamp with time zone';
    expect(columns).toEqual([
      { table_name: 'top_searches', column_name: 'end_time', data_type: tz },
      { table_name: 'top_searches', column_name: 'rank', data_type: 'integer' },
      { table_name: 'top_searches', column_name: 'start_time', data_type: tz },
      { table_name: 'usage_reports', column_name: 'end_time', data_type: tz },
      { table_name: 'usage_reports', column_name: 'start_time', data_type: tz },
    ]);
  });

  it('then the original start_time index is kept and not duplicated', async () => {
    const indexes = await testDb.db.query(
      `select indexname from pg_indexes
        where schemaname = 'legacy' and tablename = 'top_searches'
          and indexdef like '%(start_time)'`,
    );

    expect(indexes).toEqual([{ indexname: 'ix_top_searches_start_time' }]);
  });

  it('then an original row keeps its UTC window and reads back without a rank', async () => {
    const rows = await readReports(legacy, 'top_searches', '2020-01-01', '2020-01-01');

    expect(rows).toEqual([
      {
        start_time: '2020-01-01T00:00:00.000Z',
        end_time: '2020-01-02T00:00:00.000Z',
        term: 'old',
        hits: 7,
      },
    ]);
  });

  it('then reports can be produced and read', async () => {
    const [window] = await dailyWindows(testDb.db, '2026-12-01', '2026-12-01', 'UTC');

    await produceWindowReports(legacy, window, ABSENT_CATALOG);

    expect(await readReports(legacy, 'usage', '2026-12-01', '2026-12-01')).toHaveLength(1);
  });
});

import { reportDays } from '../../src/reports/report-jobs';
import { EVENT_TABLES, purgeEvents } from '../../src/reports/retention';
import type { Sql } from '../../src/reports/sql-executor';
import { oneOfEachAt } from './event-factories';
import { insertEvents } from './report-fixtures';
import { openReportTestDatabase, truncateAll, type ReportTestDatabase } from './report-test-db';

const silent = { info: () => undefined, warn: () => undefined };
const RETENTION_DAYS = 30;

/** Instants relative to the database clock, and the UTC days they fall on. */
async function instantsAgo(sql: Sql, intervals: Record<string, string>) {
  const entries = await Promise.all(
    Object.entries(intervals).map(async ([name, interval]) => {
      const [row] = await sql.query<{ at: string; day: string }>(
        `select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
                to_char((t at time zone 'UTC')::date, 'YYYY-MM-DD') as day
           from (select now() - $1::interval as t) as i`,
        [interval],
      );
      return [name, row] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function remainingEvents(sql: Sql, table: string): Promise<string[]> {
  const rows = await sql.query<{ at: string }>(
    `select to_char("timestamp" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
       from ${table} order by "timestamp"`,
  );
  return rows.map((row) => row.at);
}

describe('purgeEvents', () => {
  let testDb: ReportTestDatabase;
  let at: Awaited<ReturnType<typeof instantsAgo>>;
  const deps = () => ({ db: testDb.db, logger: silent, timeZone: 'UTC', catalogTable: 'image' });

  beforeAll(async () => {
    testDb = await openReportTestDatabase();
  });

  // One event of each kind: on an unreported old day, on a reported old day, a minute either
  // side of the retention cutoff on reported days, and yesterday.
  beforeEach(async () => {
    await truncateAll(testDb.db);
    at = await instantsAgo(testDb.db, {
      unreported: '40 days',
      reported: '35 days',
      justPast: '30 days 1 minute',
      justWithin: '29 days 23 hours 59 minutes',
      recent: '1 day',
    });
    for (const instant of Object.values(at)) {
      for (const [table, rows] of Object.entries(oneOfEachAt(instant.at))) {
        await insertEvents(testDb.db, table, rows);
      }
    }
    for (const name of ['reported', 'justPast', 'justWithin']) {
      await reportDays(deps(), at[name].day, at[name].day);
    }
  });

  afterAll(() => testDb?.close());

  it('when run, then it deletes exactly the old events of reported days', async () => {
    const summary = await purgeEvents(testDb.db, silent, 'UTC', {
      retentionDays: RETENTION_DAYS,
      dryRun: false,
      batchRows: 1,
    });

    for (const table of EVENT_TABLES) {
      expect(await remainingEvents(testDb.db, table)).toEqual([
        at.unreported.at,
        at.justWithin.at,
        at.recent.at,
      ]);
      expect(summary.rows[table]).toBe(2);
    }
    expect(summary.unreportedDays).toEqual([at.unreported.day]);
    expect(summary.purgedDays).toEqual([...new Set([at.reported.day, at.justPast.day])]);
  });

  it('when run, then the purged days are marked so that their reports are kept', async () => {
    await purgeEvents(testDb.db, silent, 'UTC', { retentionDays: RETENTION_DAYS, dryRun: false });

    const [result] = await reportDays(deps(), at.reported.day, at.reported.day);

    expect(result.outcome.status).toBe('kept');
  });

  it('when it is a dry run, then it counts what a run would delete and deletes nothing', async () => {
    const summary = await purgeEvents(testDb.db, silent, 'UTC', {
      retentionDays: RETENTION_DAYS,
      dryRun: true,
    });

    for (const table of EVENT_TABLES) {
      expect(await remainingEvents(testDb.db, table)).toHaveLength(5);
      expect(summary.rows[table]).toBe(2);
    }
    const marked = await testDb.db.query('select 1 from usage_reports where events_purged');
    expect(marked).toEqual([]);
  });

  it('when there are no events, then there is nothing to do', async () => {
    await truncateAll(testDb.db);

    const summary = await purgeEvents(testDb.db, silent, 'UTC', {
      retentionDays: RETENTION_DAYS,
      dryRun: false,
    });

    expect(summary).toMatchObject({ purgedDays: [], unreportedDays: [] });
  });
});

import { backfill, reportDays, type DayProgress } from '../../src/reports/report-jobs';
import { yesterday } from '../../src/reports/report-window';
import { searchAt } from './event-factories';
import { insertEvents } from './report-fixtures';
import { openReportTestDatabase, truncateAll, type ReportTestDatabase } from './report-test-db';

const silent = { info: () => undefined, warn: () => undefined };

/** The day `days` before `day`, both `YYYY-MM-DD`. */
function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

describe('report jobs', () => {
  let testDb: ReportTestDatabase;
  let lastDay: string;
  const deps = () => ({ db: testDb.db, logger: silent, timeZone: 'UTC', catalogTable: 'image' });

  beforeAll(async () => {
    testDb = await openReportTestDatabase();
    lastDay = await yesterday(testDb.db, 'UTC');
  });

  beforeEach(() => truncateAll(testDb.db));

  afterAll(() => testDb?.close());

  async function reportedDays(): Promise<string[]> {
    const rows = await testDb.db.query<{ day: string }>(
      `select to_char(start_time at time zone 'UTC', 'YYYY-MM-DD') as day
         from usage_reports order by start_time`,
    );
    return rows.map((row) => row.day);
  }

  it('when some days have reports, then backfill produces the others up to yesterday', async () => {
    const since = daysBefore(lastDay, 3);
    await reportDays(deps(), daysBefore(lastDay, 1), daysBefore(lastDay, 1));

    const results = await backfill(deps(), since);

    expect(results.map((result) => result.day)).toEqual([since, daysBefore(lastDay, 2), lastDay]);
    expect(await reportedDays()).toEqual([0, 1, 2, 3].map((n) => daysBefore(lastDay, 3 - n)));
  });

  it('when forced, then backfill produces every day again and keeps one set each', async () => {
    const since = daysBefore(lastDay, 2);
    await backfill(deps(), since);

    const results = await backfill(deps(), since, { force: true });

    expect(results).toHaveLength(3);
    expect(await reportedDays()).toEqual([since, daysBefore(lastDay, 1), lastDay]);
  });

  it('when a day was reported before it ended, then backfill reports it again', async () => {
    await reportDays(deps(), lastDay, lastDay);
    await testDb.db.query(`update usage_reports set produced_at = start_time + interval '1 hour'`);

    const results = await backfill(deps(), lastDay);

    expect(results.map((result) => result.day)).toEqual([lastDay]);
    expect(await reportedDays()).toEqual([lastDay]);
  });

  it('when a backfill is interrupted, then the next one resumes after the last day done', async () => {
    const since = daysBefore(lastDay, 2);
    const controller = new AbortController();
    const progress: DayProgress = {
      start: () => undefined,
      dayDone: () => controller.abort(),
      stop: () => undefined,
    };
    await backfill(deps(), since, { progress, signal: controller.signal });
    expect(await reportedDays()).toEqual([since]);

    const resumed = await backfill(deps(), since);

    expect(resumed.map((result) => result.day)).toEqual([daysBefore(lastDay, 1), lastDay]);
  });

  it('when a day range is reported, then progress hears of each day in order', async () => {
    const heard: string[] = [];
    const progress: DayProgress = {
      start: (total) => heard.push(`start ${total}`),
      dayDone: (result, done) => heard.push(`${result.day} ${result.outcome.status} ${done}`),
      stop: () => heard.push('stop'),
    };

    await reportDays(deps(), '2026-02-27', '2026-03-01', { progress });

    expect(heard).toEqual([
      'start 3',
      '2026-02-27 produced 1',
      '2026-02-28 produced 2',
      '2026-03-01 produced 3',
      'stop',
    ]);
  });

  it('when a day has lost its raw events, then its reports are kept, not recomputed', async () => {
    await insertEvents(testDb.db, 'search_event', [searchAt('2026-12-01T10:00:00Z')]);
    await reportDays(deps(), '2026-12-01', '2026-12-01');
    await testDb.db.query('update usage_reports set events_purged = true');
    await testDb.db.query('delete from search_event');

    const [result] = await reportDays(deps(), '2026-12-01', '2026-12-01');

    expect(result.outcome).toEqual({ status: 'kept', reason: 'events purged' });
    const [usage] = await testDb.db.query<{ searches: number }>(
      'select searches from usage_reports',
    );
    expect(usage.searches).toBe(1);
  });
});

import { ABSENT_CATALOG, resolveCatalog, type Catalog } from '../../src/reports/catalog';
import { REPORT_KINDS } from '../../src/reports/report-definition';
import { readReports } from '../../src/reports/read-reports';
import { produceWindowReports } from '../../src/reports/report-engine';
import { dailyWindows } from '../../src/reports/report-window';
import type { Sql } from '../../src/reports/sql-executor';
import { clickAt, searchAt, SESSION_B } from './event-factories';
import { createCatalog, insertAllEvents, insertEvents, readFixtureEvents } from './report-fixtures';
import { openReportTestDatabase, truncateAll, type ReportTestDatabase } from './report-test-db';

const silent = { info: () => undefined, warn: () => undefined };

describe('produceWindowReports', () => {
  let testDb: ReportTestDatabase;
  let sql: Sql;

  beforeAll(async () => {
    testDb = await openReportTestDatabase();
    sql = testDb.db;
  });

  beforeEach(() => truncateAll(sql));

  afterAll(() => testDb?.close());

  async function produceDay(day: string, catalog: Catalog = ABSENT_CATALOG, timeZone = 'UTC') {
    const [window] = await dailyWindows(sql, day, day, timeZone);
    return produceWindowReports(testDb.db, window, catalog);
  }

  async function readAll(day: string, timeZone = 'UTC') {
    const kinds = REPORT_KINDS.map((kind) => readReports(sql, kind, day, day, timeZone));
    return Object.fromEntries((await Promise.all(kinds)).map((rows, i) => [REPORT_KINDS[i], rows]));
  }

  it('when the same day is produced twice, then it has one set of rows with the same values', async () => {
    const events = readFixtureEvents();
    await insertAllEvents(sql, events);
    await createCatalog(sql, 'image', events.catalog_image);
    const catalog = await resolveCatalog(sql, 'image', silent);
    await produceDay('2026-12-01', catalog);
    const first = await readAll('2026-12-01');

    await produceDay('2026-12-01', catalog);

    expect(await readAll('2026-12-01')).toEqual(first);
    const [{ n }] = await sql.query<{ n: number }>('select count(*)::int as n from usage_reports');
    expect(n).toBe(1);
    await sql.query('drop table image');
  });

  it('when a report fails, then the window keeps its previous reports', async () => {
    await insertEvents(sql, 'search_event', [searchAt('2026-12-01T10:00:00Z')]);
    await produceDay('2026-12-01');
    const before = await readAll('2026-12-01');
    const broken: Catalog = { relation: '"no_such_table"', present: true };

    await expect(produceDay('2026-12-01', broken)).rejects.toThrow(/no_such_table/);

    expect(await readAll('2026-12-01')).toEqual(before);
  });

  it('when an event is at a window edge, then it belongs to the window it starts', async () => {
    await insertEvents(sql, 'search_event', [
      searchAt('2026-11-30T23:59:59.999Z'),
      searchAt('2026-12-01T00:00:00.000Z'),
      searchAt('2026-12-01T23:59:59.999Z'),
      searchAt('2026-12-02T00:00:00.000Z'),
    ]);

    await produceDay('2026-12-01');

    const [usage] = await readReports(sql, 'usage', '2026-12-01', '2026-12-01');
    expect(usage.searches).toBe(2);
  });

  it('when a day in America/New_York lasts 25 hours, then it counts all of them', async () => {
    await insertEvents(sql, 'search_event', [
      searchAt('2026-11-01T03:59:59.999Z'), // 23:59:59.999 EDT on 31 October
      searchAt('2026-11-01T04:00:00.000Z'), // midnight EDT
      searchAt('2026-11-02T04:59:59.999Z'), // 23:59:59.999 EST on 1 November
      searchAt('2026-11-02T05:00:00.000Z'), // midnight EST
    ]);

    await produceDay('2026-11-01', ABSENT_CATALOG, 'America/New_York');

    const [usage] = await readReports(sql, 'usage', '2026-11-01', '2026-11-01', 'America/New_York');
    expect(usage).toMatchObject({
      start_time: '2026-11-01T04:00:00.000Z',
      end_time: '2026-11-02T05:00:00.000Z',
      searches: 2,
    });
  });

  it('when a window has no events, then usage is zero and undefined figures are null', async () => {
    await produceDay('2026-12-01');

    const { usage, search_quality, top_searches } = await readAll('2026-12-01');

    expect(usage).toEqual([
      expect.objectContaining({
        searches: 0,
        sessions: 0,
        results_clicked: 0,
        avg_rating: null,
        avg_searches_per_session: 0,
      }),
    ]);
    expect(top_searches).toEqual([]);
    expect(search_quality).toEqual([
      expect.objectContaining({
        term: null,
        searches: 0,
        pairs: 0,
        clicked_pairs: 0,
        click_through_rate: null,
        mean_reciprocal_rank: null,
        avg_click_rank: null,
        zero_click_rate: null,
        zero_result_rate: null,
        relevance: null,
      }),
    ]);
  });

  it('when a click has the largest valid rank, then the figures do not overflow', async () => {
    await insertEvents(sql, 'search_event', [searchAt('2026-12-01T10:00:00Z')]);
    await insertEvents(sql, 'result_clicked_event', [
      clickAt('2026-12-01T10:00:01Z', { result_rank: 2147483647 }),
    ]);

    await produceDay('2026-12-01');

    const [whole] = await readReports(sql, 'search_quality', '2026-12-01', '2026-12-01');
    expect(whole.mean_reciprocal_rank).toBe(1 / 2147483648);
    expect(whole.avg_click_rank).toBe(2147483647);
  });

  it("when a pair clicked several times, then its reciprocal rank is its earliest click's", async () => {
    await insertEvents(sql, 'search_event', [
      searchAt('2026-12-01T10:00:00Z'),
      searchAt('2026-12-01T10:00:00Z', { session_uuid: SESSION_B, result_count: 0 }),
    ]);
    await insertEvents(sql, 'result_clicked_event', [
      clickAt('2026-12-01T10:00:09Z', { result_rank: 0 }),
      clickAt('2026-12-01T10:00:05Z', { result_rank: 3 }),
    ]);

    await produceDay('2026-12-01');

    const [whole, cat] = await readReports(sql, 'search_quality', '2026-12-01', '2026-12-01');
    expect(cat).toMatchObject({
      term: 'cat',
      pairs: 2,
      clicked_pairs: 1,
      mean_reciprocal_rank: 0.125,
    });
    expect(whole).toMatchObject({
      click_through_rate: 0.5,
      avg_click_rank: 1.5,
      zero_result_rate: 0.5,
    });
  });
});

import { ABSENT_CATALOG } from '../../src/reports/catalog';
import { readReports } from '../../src/reports/read-reports';
import { produceWindowReports } from '../../src/reports/report-engine';
import { dailyWindows } from '../../src/reports/report-window';
import { searchAt } from './event-factories';
import { insertEvents } from './report-fixtures';
import { openReportTestDatabase, truncateAll, type ReportTestDatabase } from './report-test-db';

const DAY = '2026-12-01';

describe('top lists', () => {
  let testDb: ReportTestDatabase;

  beforeAll(async () => {
    testDb = await openReportTestDatabase();
  });

  beforeEach(() => truncateAll(testDb.db));

  afterAll(() => testDb?.close());

  async function produceDay() {
    const [window] = await dailyWindows(testDb.db, DAY, DAY, 'UTC');
    await produceWindowReports(testDb.db, window, ABSENT_CATALOG);
  }

  const searches = (queries: string[]) =>
    insertEvents(
      testDb.db,
      'search_event',
      queries.map((query) => searchAt(`${DAY}T12:00:00Z`, { query })),
    );

  it.each([
    ['spaces, tabs and case', [' Cat\tDOG ', 'cat dog', 'CAT \n dog'], 'cat dog'],
    ['Unicode spaces', ['cat\u00a0dog', 'cat\u3000\u2003dog', '\u2028cat dog\u00a0'], 'cat dog'],
    ['Unicode capitals', ['ÜNÏCODE Term', 'ünïcode term', 'Ünïcode TERM'], 'ünïcode term'],
  ])('when queries differ in %s, then they count as one term', async (_case, queries, term) => {
    await searches(queries);

    await produceDay();

    expect(await readReports(testDb.db, 'top_searches', DAY, DAY)).toEqual([
      expect.objectContaining({ term, hits: 3 }),
    ]);
  });

  it('when a query is only spaces, then it has no top-search row but counts as a search', async () => {
    await searches(['   ', '\u3000', 'owl']);

    await produceDay();

    const top = await readReports(testDb.db, 'top_searches', DAY, DAY);
    const usage = await readReports(testDb.db, 'usage', DAY, DAY);
    expect(top.map(({ term, hits }) => [term, hits])).toEqual([['owl', 1]]);
    expect(usage[0].searches).toBe(3);
  });

  it('when terms tie, then they are ordered by code point', async () => {
    await searches(['éclair', 'zebra', 'Apple', 'apple', 'Zebra', 'banana', 'éclair']);

    await produceDay();

    const rows = await readReports(testDb.db, 'top_searches', DAY, DAY);
    expect(rows.map(({ term, hits }) => [term, hits])).toEqual([
      ['apple', 2],
      ['zebra', 2],
      ['éclair', 2],
      ['banana', 1],
    ]);
  });

  it('when there are more terms and results than the lists hold, then 100 and 500 are kept', async () => {
    await testDb.db.query(
      `insert into search_event ("timestamp", query, session_uuid)
       select $1::timestamptz, 'term ' || lpad(i::text, 3, '0'), gen_random_uuid()
         from generate_series(1, 150) as i`,
      [`${DAY}T12:00:00Z`],
    );
    await testDb.db.query(
      `insert into result_clicked_event ("timestamp", session_uuid, result_uuid, query, result_rank)
       select $1::timestamptz, gen_random_uuid(), gen_random_uuid(), 'term', 0
         from generate_series(1, 600)`,
      [`${DAY}T12:00:00Z`],
    );

    await produceDay();

    const topSearches = await readReports(testDb.db, 'top_searches', DAY, DAY);
    expect(topSearches).toHaveLength(100);
    expect(topSearches[99].term).toBe('term 100');
    expect(await readReports(testDb.db, 'top_results', DAY, DAY)).toHaveLength(500);
    expect(await readReports(testDb.db, 'search_quality', DAY, DAY)).toHaveLength(101);
  });
});

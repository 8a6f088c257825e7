import { resolveCatalog } from '../../src/reports/catalog';
import { readReports } from '../../src/reports/read-reports';
import type { ReportKind } from '../../src/reports/report-definition';
import { produceWindowReports } from '../../src/reports/report-engine';
import { dailyWindows } from '../../src/reports/report-window';
import {
  createCatalog,
  insertAllEvents,
  readExpectedDays,
  readFixtureEvents,
  type ExpectedDay,
  type FixtureRow,
} from './report-fixtures';
import { asSet, withTolerance } from './report-matchers';
import { openReportTestDatabase, type ReportTestDatabase } from './report-test-db';

const silent = { info: () => undefined, warn: () => undefined };
const expectedDays = readExpectedDays();

/** The fixture's rows of one kind, each stamped with its window as the reader returns it. */
function expectedRows(day: ExpectedDay, kind: ReportKind): FixtureRow[] {
  const rows = kind === 'usage' ? [day.usage] : day[kind];
  return rows.map((row) => ({ start_time: day.start_time, end_time: day.end_time, ...row }));
}

describe('daily reports of the fixture events', () => {
  let testDb: ReportTestDatabase;

  beforeAll(async () => {
    testDb = await openReportTestDatabase();
    const events = readFixtureEvents();
    await insertAllEvents(testDb.db, events);
    await createCatalog(testDb.db, 'image', events.catalog_image);
    const catalog = await resolveCatalog(testDb.db, 'image', silent);
    for (const expected of expectedDays) {
      const [window] = await dailyWindows(testDb.db, expected.day, expected.day, expected.timezone);
      await produceWindowReports(testDb.db, window, catalog);
    }
  });

  afterAll(() => testDb?.close());

  describe.each(expectedDays)('$day in $timezone', (day) => {
    const read = (kind: ReportKind) => readReports(testDb.db, kind, day.day, day.day, day.timezone);

    it.each(['usage', 'top_searches', 'top_results', 'search_quality'] as const)(
      'when %s is read, then it holds the fixture rows in the fixture order',
      async (kind) => {
        const rows = await read(kind);

        expect(rows).toEqual(expectedRows(day, kind).map(withTolerance));
      },
    );

    it.each(['sources', 'attribution_referers'] as const)(
      'when %s is read, then it holds the fixture rows',
      async (kind) => {
        const rows = await read(kind);

        expect(asSet(rows)).toEqual(asSet(expectedRows(day, kind)).map(withTolerance));
      },
    );
  });
});

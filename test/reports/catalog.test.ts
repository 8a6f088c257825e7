import { quoteQualifiedName, resolveCatalog } from '../../src/reports/catalog';
import { readReports } from '../../src/reports/read-reports';
import { produceWindowReports } from '../../src/reports/report-engine';
import { dailyWindows } from '../../src/reports/report-window';
import type { ReportLogger } from '../../src/reports/sql-executor';
import {
  createCatalog,
  insertAllEvents,
  readExpectedDays,
  readFixtureEvents,
} from './report-fixtures';
import { asSet } from './report-matchers';
import { openReportTestDatabase, type ReportTestDatabase } from './report-test-db';

function recordingLogger() {
  const warnings: object[] = [];
  const log: ReportLogger = { info: () => undefined, warn: (obj) => warnings.push(obj) };
  return { log, warnings };
}

describe('quoteQualifiedName', () => {
  it.each([
    ['image', '"image"'],
    ['public.image', '"public"."image"'],
    ['Image', '"Image"'],
    ['a"b', '"a""b"'],
    ['image; drop table search_event', '"image; drop table search_event"'],
  ])('%j is quoted as %s', (name, quoted) => {
    expect(quoteQualifiedName(name)).toBe(quoted);
  });

  it.each(['', 'a..b', '.image', 'a.b.c'])('%j is refused', (name) => {
    expect(() => quoteQualifiedName(name)).toThrow(/not a table name/);
  });
});

describe('reports and the catalog table', () => {
  const utcDays = readExpectedDays().filter((day) => day.timezone === 'UTC');
  let testDb: ReportTestDatabase;

  beforeAll(async () => {
    testDb = await openReportTestDatabase();
    await insertAllEvents(testDb.db, readFixtureEvents());
  });

  afterAll(() => testDb?.close());

  async function produceUtcDays(catalogName: string) {
    const { log, warnings } = recordingLogger();
    const catalog = await resolveCatalog(testDb.db, catalogName, log);
    const [first, last] = [utcDays[0].day, utcDays[utcDays.length - 1].day];
    for (const window of await dailyWindows(testDb.db, first, last, 'UTC')) {
      await produceWindowReports(testDb.db, window, catalog);
    }
    return warnings;
  }

  const read = (kind: 'usage' | 'sources' | 'top_results', day: string) =>
    readReports(testDb.db, kind, day, day);

  it('when the catalog table is absent, then sources and titles are null and the log says so once', async () => {
    const warnings = await produceUtcDays('image');

    expect(warnings).toEqual([{ table: 'image' }]);
    for (const day of utcDays) {
      const [usage] = await read('usage', day.day);
      const sources = await read('sources', day.day);
      const topResults = await read('top_results', day.day);
      expect(sources).toEqual([
        expect.objectContaining({ source_id: null, result_clicks: usage.results_clicked }),
      ]);
      expect(usage.results_clicked).toBe(day.usage.results_clicked);
      expect(
        topResults.map(({ result_uuid, hits, source, title }) => ({
          result_uuid,
          hits,
          source,
          title,
        })),
      ).toEqual(day.top_results.map((row) => ({ ...row, source: null, title: null })));
    }
  });

  it('when the catalog name needs quoting and has a schema, then it is found and joined', async () => {
    await testDb.db.query('create schema "Catalog Schema"');
    await createCatalog(testDb.db, 'Catalog Schema.odd"image', readFixtureEvents().catalog_image);

    const warnings = await produceUtcDays('Catalog Schema.odd"image');

    expect(warnings).toEqual([]);
    for (const day of utcDays) {
      const sources = await read('sources', day.day);
      expect(
        asSet(sources.map(({ source_id, result_clicks }) => ({ source_id, result_clicks }))),
      ).toEqual(asSet(day.sources));
    }
  });
});

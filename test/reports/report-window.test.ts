import { dailyWindows, isIsoDay } from '../../src/reports/report-window';
import { openReportTestDatabase, type ReportTestDatabase } from './report-test-db';

describe('isIsoDay', () => {
  it.each([
    ['2026-12-01', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-12-01T00:00', false],
    ['', false],
  ])('%j is a day: %s', (text, expected) => {
    expect(isIsoDay(text)).toBe(expected);
  });
});

describe('dailyWindows', () => {
  let testDb: ReportTestDatabase;

  beforeAll(async () => {
    testDb = await openReportTestDatabase();
  });

  afterAll(() => testDb?.close());

  // Expected instants come from the zones' published rules: US DST starts on the second
  // Sunday of March and ends on the first Sunday of November, at 02:00 local; Chile's starts
  // on 2026-09-06 at 04:00 UTC, when local midnight jumps to 01:00.
  it.each([
    ['UTC', '2026-12-01', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z'],
    ['America/New_York', '2026-12-01', '2026-12-01T05:00:00.000Z', '2026-12-02T05:00:00.000Z'],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ['America/New_York', '2026-11-01', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
  ])('in %s, %s is [%s, %s)', async (timeZone, day, start, end) => {
    const [window] = await dailyWindows(testDb.db, day, day, timeZone);

    expect(window).toEqual({ day, start: new Date(start), end: new Date(end) });
  });

  it('when a range crosses DST changes, then each day ends where the next begins', async () => {
    const windows = await dailyWindows(testDb.db, '2026-03-01', '2026-11-30', 'America/New_York');

    expect(windows).toHaveLength(275);
    windows.slice(1).forEach((window, i) => expect(window.start).toEqual(windows[i].end));
    const hours = windows.map((w) => (w.end.getTime() - w.start.getTime()) / 3_600_000);
    expect(hours.filter((h) => h !== 24)).toEqual([23, 25]);
  });

  it('when the range is backwards, then there are no windows', async () => {
    await expect(dailyWindows(testDb.db, '2026-12-02', '2026-12-01', 'UTC')).resolves.toEqual([]);
  });

  it('when the time zone is unknown, then it fails naming the zone', async () => {
    await expect(
      dailyWindows(testDb.db, '2026-12-01', '2026-12-01', 'Mars/Olympus'),
    ).rejects.toThrow(/Mars\/Olympus/);
  });
});

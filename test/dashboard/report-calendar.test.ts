import {
  calendarOf,
  latestReport,
  type UsageSource,
  type Window,
} from '../../dashboard/src/report-calendar';

const HOUR_MS = 3_600_000;

/** A stand-in read API holding the usage windows of the given days. */
function apiWith(days: Record<string, Window>): UsageSource {
  return {
    rows: async (_name, range) =>
      Object.entries(days)
        .filter(([day]) => day >= range.from && day <= range.to)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, window]) => ({ ...window })),
  };
}

function shift(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * HOUR_MS).toISOString();
}

/** The day's window and its neighbours', which touch it (a DST day lasts 23 or 25 hours). */
function threeDays(day: string, start: string, end: string): Record<string, Window> {
  const before = new Date(Date.parse(day) - 24 * HOUR_MS).toISOString().slice(0, 10);
  const after = new Date(Date.parse(day) + 24 * HOUR_MS).toISOString().slice(0, 10);
  return {
    [before]: { start_time: shift(start, -24), end_time: start },
    [day]: { start_time: start, end_time: end },
    [after]: { start_time: end, end_time: shift(end, 24) },
  };
}

// Windows of 2026-12-01 (2026-11-01 for the DST day) as PostgreSQL makes them in each zone.
const ZONES = [
  ['UTC', '2026-12-01', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z'],
  [
    'America/New_York, 25 hours',
    '2026-11-01',
    '2026-11-01T04:00:00.000Z',
    '2026-11-02T05:00:00.000Z',
  ],
  ['Europe/Berlin', '2026-12-01', '2026-11-30T23:00:00.000Z', '2026-12-01T23:00:00.000Z'],
  [
    'Pacific/Auckland, UTC+13',
    '2026-12-01',
    '2026-11-30T11:00:00.000Z',
    '2026-12-01T11:00:00.000Z',
  ],
  [
    'Pacific/Kiritimati, UTC+14',
    '2026-12-01',
    '2026-11-30T10:00:00.000Z',
    '2026-12-01T10:00:00.000Z',
  ],
  [
    'Pacific/Pago_Pago, UTC-11',
    '2026-12-01',
    '2026-12-01T11:00:00.000Z',
    '2026-12-02T11:00:00.000Z',
  ],
  ['Etc/GMT+12, UTC-12', '2026-12-01', '2026-12-01T12:00:00.000Z', '2026-12-02T12:00:00.000Z'],
] as const;

describe('report calendar of the dashboard', () => {
  it.each(ZONES)(
    'when reports are made in %s, then each row gets its own day',
    async (_zone, day, start, end) => {
      const days = threeDays(day, start, end);
      const dayOf = await calendarOf(apiWith(days), days[day]);

      expect(Object.values(days).map(dayOf)).toEqual(Object.keys(days));
    },
  );

  it.each(ZONES)(
    'when reports are made in %s, then the latest reported day is found',
    async (_zone, day, start, end) => {
      const days = threeDays(day, start, end);
      const lastDay = Object.keys(days).sort().at(-1);

      const latest = await latestReport(apiWith(days), new Date(Date.parse(end) + 48 * HOUR_MS));

      expect(latest?.day).toBe(lastDay);
    },
  );

  it('when no day has a report, then there is no latest day', async () => {
    expect(await latestReport(apiWith({}), new Date())).toBeUndefined();
  });
});

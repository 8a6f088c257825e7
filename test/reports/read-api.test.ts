import { parse } from 'csv-parse/sync';

import type { Database } from '../../src/db/database';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  createTestDatabase,
  openMigratedDatabase,
  type TestDatabase,
} from '../support/test-database';
import {
  fixtureUtcDays,
  loadFixtureReports,
  readExpectedDays,
  type FixtureEvents,
} from './report-fixtures';

/**
 * GET /reports/*: the stored reports of the fixture days, behind the bearer
 * token, as JSON (checked against the contract by the test client) and CSV.
 */

const TOKEN = 'read-api-test-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const endpoints = ['usage', 'sources', 'referers', 'top-searches', 'top-results', 'search-quality'];
const utcDays = fixtureUtcDays();
const [firstDay, lastDay] = [utcDays[0], utcDays[utcDays.length - 1]];
const span = `from=${firstDay}&to=${lastDay}`;

// A search term a spreadsheet would run as a formula, on the first fixture day.
const formulaTerm = '=hyperlink("http://attacker.example","x")';

function addFormulaSearch(events: FixtureEvents): void {
  events.search_event.push({
    timestamp: `${firstDay}T12:00:00.000Z`,
    query: formulaTerm,
    session_uuid: '00000000-0000-0000-0000-0000000000aa',
    result_count: 1,
  });
}

describe(`GET /reports (${process.env.TEST_DB_LABEL ?? 'embedded'} database)`, () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let app: TestApp;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openMigratedDatabase(testDatabase);
    await loadFixtureReports(database, addFormulaSearch);
    app = await startTestApp(database, { REPORTS_TOKEN: TOKEN });
  });

  afterAll(async () => {
    await app.close();
    await database.close();
    await testDatabase.drop();
  });

  it.each(endpoints)('when /reports/%s is read without a token, then it is 401', async (name) => {
    const response = await app.request(`/reports/${name}?${span}`);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('when the token is wrong, then it is 401', async () => {
    const response = await app.request(`/reports/usage?${span}`, {
      headers: { authorization: 'Bearer not-the-token' },
    });

    expect(response.status).toBe(401);
  });

  it.each(endpoints)(
    'when /reports/%s is read with the token, then rows come back',
    async (name) => {
      const response = await app.request(`/reports/${name}?${span}`, { headers: auth });

      expect(response.status).toBe(200);
      expect((response.json as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    },
  );

  it('when usage is read, then each fixture day has its expected searches', async () => {
    const response = await app.request(`/reports/usage?${span}`, { headers: auth });

    const rows = (response.json as { rows: { start_time: string; searches: number }[] }).rows;
    const expected = readExpectedDays().filter((day) => day.timezone === 'UTC');
    const searchesByDay = (day: string) =>
      expected.find((item) => item.day === day)!.usage.searches as number;
    expect(rows.map((row) => row.start_time.slice(0, 10))).toEqual(utcDays);
    // The first day holds the one added formula search besides the fixture's.
    expect(rows.map((row) => row.searches)).toEqual(
      utcDays.map((day, index) => searchesByDay(day) + (index === 0 ? 1 : 0)),
    );
  });

  it('when top searches are read as CSV, then a formula is escaped and the rest reads back', async () => {
    const json = await app.request(`/reports/top-searches?${span}`, { headers: auth });
    const csv = await app.request(`/reports/top-searches?${span}`, {
      headers: { ...auth, accept: 'text/csv' },
    });

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const parsed: Record<string, string>[] = parse(csv.text, { columns: true });
    const jsonRows = (json.json as { rows: Record<string, unknown>[] }).rows;
    const formulaRow = parsed.find((row) => row.term.includes('hyperlink'))!;
    expect(formulaRow.term).toBe(`'${formulaTerm}`);
    const unescaped = parsed.map((row) => ({
      ...row,
      term: row.term.startsWith("'=") ? row.term.slice(1) : row.term,
      hits: Number(row.hits),
    }));
    expect(unescaped).toEqual(jsonRows);
  });

  it('when neither JSON nor CSV is acceptable, then it is 406', async () => {
    const response = await app.request(`/reports/usage?${span}`, {
      headers: { ...auth, accept: 'application/xml' },
    });

    expect(response.status).toBe(406);
  });

  it('when to is before from, then it is 400', async () => {
    const response = await app.request(`/reports/usage?from=${lastDay}&to=${firstDay}`, {
      headers: auth,
    });

    expect(response.status).toBe(400);
  });

  it('when no REPORTS_TOKEN is configured, then reports are not served at all', async () => {
    const closed = await startTestApp(database);
    try {
      const response = await closed.request(`/reports/usage?${span}`, { headers: auth });

      expect(response.status).toBe(503);
    } finally {
      await closed.close();
    }
  });
});

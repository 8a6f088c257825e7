/** The report fixtures of test/fixtures/reports and loaders for them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createFixtureCatalog, insertFixtureEvents } from '../../src/cli/demo-data';
import type { Database } from '../../src/db/database';
import { pooledSql } from '../../src/db/pooled-sql';
import { reportDays } from '../../src/reports/report-jobs';
import { silentLogger } from '../support/test-database';

const FIXTURES = join(__dirname, '..', 'fixtures', 'reports');

export type FixtureRow = Record<string, unknown>;

export interface ExpectedDay {
  day: string;
  timezone: string;
  start_time: string;
  end_time: string;
  usage: FixtureRow;
  sources: FixtureRow[];
  attribution_referers: FixtureRow[];
  top_searches: FixtureRow[];
  top_results: FixtureRow[];
  search_quality: FixtureRow[];
}

export type FixtureEvents = Record<string, FixtureRow[]>;

export function readFixtureEvents(): FixtureEvents {
  return JSON.parse(readFileSync(join(FIXTURES, 'events.json'), 'utf8')) as FixtureEvents;
}

export function readExpectedDays(): ExpectedDay[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as ExpectedDay[];
}

/** The fixture loaders are the demo's (src/cli/demo-data.ts), under the names the tests use. */
export {
  insertEventRows as insertEvents,
  insertFixtureEvents as insertAllEvents,
  createCatalogTable as createCatalog,
} from '../../src/cli/demo-data';

/** The fixture's UTC days, in order (the expected file also holds an America/New_York day). */
export function fixtureUtcDays(): string[] {
  return readExpectedDays()
    .filter((day) => day.timezone === 'UTC')
    .map((day) => day.day)
    .sort();
}

/**
 * Loads the fixture events (after `edit`, if given) and a catalog `image` into a test
 * database, then produces the reports of the fixture's UTC days, as the demo does.
 */
export async function loadFixtureReports(
  database: Database,
  edit: (events: FixtureEvents) => void = () => {},
): Promise<void> {
  const db = pooledSql(database.knex);
  const events = readFixtureEvents();
  edit(events);
  await insertFixtureEvents(db, events);
  await createFixtureCatalog(db, 'image', events);
  const days = fixtureUtcDays();
  const deps = { db, logger: silentLogger, timeZone: 'UTC', catalogTable: 'image' };
  await reportDays(deps, days[0], days[days.length - 1]);
}

/** The report fixtures of test/fixtures/reports and loaders for them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** The report fixtures of test/fixtures/reports and loaders for them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { quoteQualifiedName } from '../../src/reports/catalog';
import type { Sql } from '../../src/reports/sql-executor';

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

/** The columns a client or the server fills in each event table (ids come from sequences). */
const EVENT_COLUMNS: Record<string, string[]> = {
  search_event: ['timestamp', 'query', 'session_uuid', 'result_count'],
  search_rating_event: ['timestamp', 'query', 'relevant'],
  result_clicked_event: ['timestamp', 'session_uuid', 'result_uuid', 'query', 'result_rank'],
  detail_page_event: ['timestamp', 'result_uuid', 'event_type'],
  attribution_referrer_event: [
    'timestamp',
    'image_uuid',
    'full_referer',
    'referer_domain',
    'resource',
  ],
};

/** Inserts rows into an event table in their given order, so ids follow that order. */
export async function insertEvents(sql: Sql, table: string, rows: FixtureRow[]): Promise<void> {
  const columns = EVENT_COLUMNS[table].map((column) => `"${column}"`);
  await sql.query(
    `insert into ${table} (${columns.join(', ')})
     select ${columns.map((column) => `r.${column}`).join(', ')}
       from jsonb_array_elements($1::jsonb) with ordinality as e(doc, n),
            jsonb_populate_record(null::${table}, e.doc) as r
      order by e.n`,
    [JSON.stringify(rows)],
  );
}

export async function insertAllEvents(sql: Sql, events: FixtureEvents): Promise<void> {
  for (const table of Object.keys(EVENT_COLUMNS)) await insertEvents(sql, table, events[table]);
}

/** Creates a catalog table like the search engine's `image` table and fills it. */
export async function createCatalog(sql: Sql, name: string, rows: FixtureRow[]): Promise<void> {
  const table = quoteQualifiedName(name);
  await sql.query(
    `create table ${table} (identifier uuid primary key, source varchar, provider varchar,
       title varchar)`,
  );
  await sql.query(
    `insert into ${table} select * from jsonb_to_recordset($1::jsonb)
       as r(identifier uuid, source varchar, provider varchar, title varchar)`,
    [JSON.stringify(rows)],
  );
}

/**
 * Loads the report fixture (test/fixtures/reports/events.json) into a
 * database: raw events with their own timestamps, and a catalog table like
 * the search engine's `image` table. Used by `demo` and the dashboard test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { packageRoot } from '../http/contract';
import { REPORTS } from '../reports/all-reports';
import { quoteQualifiedName } from '../reports/catalog';
import type { Sql } from '../reports/sql-executor';

type FixtureRow = Record<string, unknown>;
export type FixtureEvents = Record<string, FixtureRow[]>;

/** The columns each event table gets from the fixture (ids come from the sequences). */
const EVENT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
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

export function fixtureEventsPath(): string {
  return path.join(packageRoot(), 'test', 'fixtures', 'reports', 'events.json');
}

export function readFixtureEvents(file = fixtureEventsPath()): FixtureEvents {
  return JSON.parse(readFileSync(file, 'utf8')) as FixtureEvents;
}

/** Empties the event and report tables, so that loading twice never doubles a figure. */
export async function clearEventsAndReports(sql: Sql): Promise<void> {
  const tables = [...Object.keys(EVENT_COLUMNS), ...REPORTS.map((report) => report.table)];
  await sql.query(`truncate ${tables.join(', ')}`);
}

/** Inserts each event table's rows in their given order, in one statement per table. */
export async function insertFixtureEvents(sql: Sql, events: FixtureEvents): Promise<void> {
  for (const table of Object.keys(EVENT_COLUMNS)) {
    await insertEventRows(sql, table, events[table] ?? []);
  }
}

/** Inserts rows (with their timestamps) into one event table, in order, so ids follow it. */
export async function insertEventRows(sql: Sql, table: string, rows: FixtureRow[]) {
  const quoted = EVENT_COLUMNS[table].map((column) => `"${column}"`);
  await sql.query(
    `insert into ${table} (${quoted.join(', ')})
     select ${quoted.map((column) => `r.${column}`).join(', ')}
       from jsonb_array_elements($1::jsonb) with ordinality as e(doc, n),
            jsonb_populate_record(null::${table}, e.doc) as r
      order by e.n`,
    [JSON.stringify(rows)],
  );
}

/** (Re)creates the catalog table `name` with the fixture's `catalog_image` rows. */
export async function createFixtureCatalog(sql: Sql, name: string, events: FixtureEvents) {
  await createCatalogTable(sql, name, events.catalog_image ?? []);
}

/** (Re)creates a catalog table like the search engine's `image` table, holding `rows`. */
export async function createCatalogTable(sql: Sql, name: string, rows: FixtureRow[]) {
  const table = quoteQualifiedName(name);
  await sql.query(`drop table if exists ${table}`);
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

/** The first and last day, in `timeZone`, that hold an event. */
export async function eventDays(
  sql: Sql,
  timeZone: string,
): Promise<{ first: string; last: string }> {
  const stamps = Object.keys(EVENT_COLUMNS)
    .map((table) => `select "timestamp" from ${table}`)
    .join(' union all ');
  const [row] = await sql.query<{ first: string; last: string }>(
    `select to_char(min(("timestamp" at time zone $1)::date), 'YYYY-MM-DD') as first,
            to_char(max(("timestamp" at time zone $1)::date), 'YYYY-MM-DD') as last
       from (${stamps}) as events`,
    [timeZone],
  );
  return row;
}

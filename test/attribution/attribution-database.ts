/** Database helpers of the attribution tests; the database itself comes from test/support. */
import type { Database } from '../../src/db/database';
import { selectAll } from '../support/test-database';

export const TABLE = 'attribution_referrer_event';

/** The stored columns of every row, oldest first. */
export async function storedRows(database: Database): Promise<Record<string, unknown>[]> {
  const rows = await selectAll(database, TABLE);
  return rows.map(({ image_uuid, full_referer, referer_domain, resource }) => ({
    image_uuid,
    full_referer,
    referer_domain,
    resource,
  }));
}

export async function countRows(database: Database, what = 'count(*)'): Promise<number> {
  const result = await database.knex.raw(`select ${what} as n from ${TABLE}`);
  return Number(result.rows[0].n);
}

/**
 * Makes the database itself fail, as a full disk would (SQLSTATE 53100), for every INSERT
 * that starts once the table holds `rows` rows: a failure in the middle of an ingest, with
 * no test hook in the code under test.
 */
export async function failInsertsFrom(database: Database, rows: number): Promise<void> {
  await database.knex.raw(`
    create or replace function sa_attr_fail_when_full() returns trigger language plpgsql as $$
    begin
      if (select count(*) from ${TABLE}) >= ${rows} then
        raise exception 'could not extend file: No space left on device' using errcode = '53100';
      end if;
      return null;
    end $$`);
  await database.knex.raw(`
    create trigger sa_attr_fail_when_full before insert on ${TABLE}
    for each statement execute function sa_attr_fail_when_full()`);
}

export async function repairInserts(database: Database): Promise<void> {
  await database.knex.raw(`drop trigger if exists sa_attr_fail_when_full on ${TABLE}`);
}

export async function clearEvents(database: Database): Promise<void> {
  await repairInserts(database);
  await database.knex.raw(`truncate ${TABLE}`);
}

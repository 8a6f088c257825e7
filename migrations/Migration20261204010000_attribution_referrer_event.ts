import { Migration } from '@mikro-orm/migrations';

/**
 * The table of the attribution log worker (SPEC §4, §7), with the name and columns of the
 * original service; `if not exists` lets this run against a database that it created. Reports
 * and retention select by day, hence the index on the timestamp.
 */
export class Migration20261204010000_attribution_referrer_event extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table if not exists attribution_referrer_event (
        id bigserial primary key,
        "timestamp" timestamptz not null default now(),
        image_uuid uuid,
        full_referer text not null,
        referer_domain text not null,
        resource text not null
      );
      create index if not exists ix_attribution_referrer_event_timestamp
        on attribution_referrer_event ("timestamp");
    `);
  }

  async down(): Promise<void> {
    this.addSql(`drop table if exists attribution_referrer_event;`);
  }
}

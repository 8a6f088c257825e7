import { Migration } from '@mikro-orm/migrations';

/**
 * The event tables of the original service. `if not exists` lets this run
 * against a database that the old service created; the only column it
 * lacked is `search_event.result_count`.
 */
export class Migration20261204000000_event_tables extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table if not exists search_event (
        id bigserial primary key,
        "timestamp" timestamptz not null default now(),
        query text not null,
        session_uuid uuid not null,
        result_count integer
      );
      alter table search_event add column if not exists result_count integer;

      create table if not exists search_rating_event (
        id bigserial primary key,
        "timestamp" timestamptz not null default now(),
        query text not null,
        relevant boolean not null
      );

      create table if not exists result_clicked_event (
        id bigserial primary key,
        "timestamp" timestamptz not null default now(),
        session_uuid uuid not null,
        result_uuid uuid not null,
        query text not null,
        result_rank integer not null
      );

      create table if not exists detail_page_event (
        id bigserial primary key,
        "timestamp" timestamptz not null default now(),
        result_uuid uuid not null,
        event_type text not null
      );
    `);
  }

  async down(): Promise<void> {
    this.addSql(`
      drop table if exists detail_page_event;
      drop table if exists result_clicked_event;
      drop table if exists search_rating_event;
      drop table if exists search_event;
    `);
  }
}

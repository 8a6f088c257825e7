/**
 * DDL of the report tables (SPEC §4 and §6), to be run by a migration.
 *
 * Databases of the original service already hold `usage_reports`, `source_report`,
 * `attribution_referer_report`, `top_searches` and `top_results`, so every table is created
 * only when missing and then brought up to date:
 * - the original `start_time`/`end_time` are `timestamp without time zone` holding UTC; they
 *   become `timestamptz` so that comparing them with a window never depends on the session's
 *   TimeZone setting;
 * - the top lists gain `rank`, because the original stored them in no order. Old rows keep a
 *   null rank and are read in hits order;
 * - `usage_reports` gains `events_purged`, set by retention once a window's raw events are
 *   deleted: recomputing such a window would replace its reports with empty ones;
 * - and `produced_at`: a report made before its window ended covers part of it only, so
 *   backfill must not count it as done. Old rows get the time of the migration, after their
 *   windows.
 * Index names follow the original's `ix_<table>_<column>` so an old database keeps its own
 * start_time index instead of gaining a duplicate. Report reads and the per-window delete
 * filter on `start_time`; nothing else needs an index at a few hundred rows a day.
 *
 * The statement is idempotent: running it on a database that is already current changes nothing.
 * It is the body of a migration, so it is frozen once released: a later schema change is a new
 * migration, never an edit here.
 */
export const REPORT_SCHEMA_SQL = `
create table if not exists usage_reports (
  id bigserial primary key,
  start_time timestamptz not null,
  end_time timestamptz not null,
  results_clicked integer not null,
  attribution_buttonclicks integer not null,
  survey_responses integer not null,
  source_clicked integer not null,
  creator_clicked integer not null,
  shared_social integer not null,
  sessions integer not null,
  searches integer not null,
  attribution_referer_hits integer not null,
  avg_rating double precision,
  avg_searches_per_session double precision not null,
  events_purged boolean not null default false,
  produced_at timestamptz not null default now()
);

create table if not exists source_report (
  id bigserial primary key,
  start_time timestamptz not null,
  end_time timestamptz not null,
  source_id varchar,
  result_clicks integer not null
);

create table if not exists attribution_referer_report (
  id bigserial primary key,
  start_time timestamptz not null,
  end_time timestamptz not null,
  domain varchar,
  hits integer not null
);

create table if not exists top_searches (
  id bigserial primary key,
  start_time timestamptz not null,
  end_time timestamptz not null,
  rank integer,
  term varchar not null,
  hits integer not null
);

create table if not exists top_results (
  id bigserial primary key,
  start_time timestamptz not null,
  end_time timestamptz not null,
  rank integer,
  result_uuid uuid not null,
  hits integer not null,
  source varchar,
  title varchar
);

create table if not exists search_quality_report (
  id bigserial primary key,
  start_time timestamptz not null,
  end_time timestamptz not null,
  rank integer,
  term varchar,
  searches integer not null,
  pairs integer not null,
  clicked_pairs integer not null,
  click_through_rate double precision,
  mean_reciprocal_rank double precision,
  avg_click_rank double precision,
  zero_click_rate double precision,
  zero_result_rate double precision,
  relevance double precision
);

alter table usage_reports add column if not exists events_purged boolean not null default false;
alter table usage_reports add column if not exists produced_at timestamptz not null default now();
alter table top_searches add column if not exists rank integer;
alter table top_results add column if not exists rank integer;

comment on column usage_reports.events_purged is
  'the window''s raw events were deleted by retention, so its reports must not be recomputed';
comment on column search_quality_report.term is 'normalised search term; null for the whole window';

do $$
declare
  report_table text;
  window_column text;
begin
  foreach report_table in array array['usage_reports', 'source_report',
      'attribution_referer_report', 'top_searches', 'top_results'] loop
    foreach window_column in array array['start_time', 'end_time'] loop
      if exists (select 1 from information_schema.columns
                  where table_schema = current_schema() and table_name = report_table
                    and column_name = window_column
                    and data_type = 'timestamp without time zone') then
        execute format('alter table %I alter column %I type timestamptz using %I at time zone ''UTC''',
                       report_table, window_column, window_column);
      end if;
    end loop;
  end loop;
end
$$;

create index if not exists ix_usage_reports_start_time on usage_reports (start_time);
create index if not exists ix_source_report_start_time on source_report (start_time);
create index if not exists ix_attribution_referer_report_start_time
  on attribution_referer_report (start_time);
create index if not exists ix_top_searches_start_time on top_searches (start_time);
create index if not exists ix_top_results_start_time on top_results (start_time);
create index if not exists ix_search_quality_report_start_time on search_quality_report (start_time);
`;

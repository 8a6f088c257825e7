import { Migration } from '@mikro-orm/migrations';

/**
 * The original service stored event times as `timestamp without time zone`
 * holding UTC. Comparing such a column with a report window would depend on
 * the session's time zone, so a database it made gets `timestamptz`, read as
 * UTC. Tables this project created already have it; this changes nothing there.
 */
export class Migration20261204030000_event_timestamps_utc extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      do $$
      declare
        event_table text;
      begin
        foreach event_table in array array['search_event', 'search_rating_event',
            'result_clicked_event', 'detail_page_event', 'attribution_referrer_event'] loop
          if exists (select 1 from information_schema.columns
                      where table_schema = current_schema() and table_name = event_table
                        and column_name = 'timestamp'
                        and data_type = 'timestamp without time zone') then
            execute format('alter table %I alter column "timestamp" type timestamptz '
                           'using "timestamp" at time zone ''UTC''', event_table);
            execute format('alter table %I alter column "timestamp" set default now()', event_table);
          end if;
        end loop;
      end
      $$;
    `);
  }

  async down(): Promise<void> {
    // Nothing to undo: timestamptz is what this project's own tables have.
  }
}

import { Migration } from '@mikro-orm/migrations';

import { REPORT_SCHEMA_SQL } from '../src/reports/report-schema-sql';

/**
 * The report tables (SPEC §4, §6), created or brought up to date from the original service's
 * (see report-schema-sql.ts), and the indexes the report and retention queries need: each
 * selects one day of events by timestamp, which without an index is a scan of the whole table
 * per report per day (measured with `make bench-reports`, README).
 */
export class Migration20261204020000_report_tables extends Migration {
  async up(): Promise<void> {
    this.addSql(REPORT_SCHEMA_SQL);
    this.addSql(`
      create index if not exists ix_search_event_timestamp on search_event ("timestamp");
      create index if not exists ix_result_clicked_event_timestamp
        on result_clicked_event ("timestamp");
      create index if not exists ix_detail_page_event_timestamp on detail_page_event ("timestamp");
      create index if not exists ix_search_rating_event_timestamp
        on search_rating_event ("timestamp");
    `);
  }

  /**
   * Removes what this migration added, but keeps the five original report tables: on a
   * database of the original service they hold its reports.
   */
  async down(): Promise<void> {
    this.addSql(`
      drop index if exists ix_search_event_timestamp;
      drop index if exists ix_result_clicked_event_timestamp;
      drop index if exists ix_detail_page_event_timestamp;
      drop index if exists ix_search_rating_event_timestamp;
      drop table if exists search_quality_report;
      alter table usage_reports drop column if exists events_purged;
      alter table top_searches drop column if exists rank;
      alter table top_results drop column if exists rank;
    `);
  }
}

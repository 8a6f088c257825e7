import type { MigrationObject } from '@mikro-orm/core';

import { Migration20261204000000_event_tables } from './Migration20261204000000_event_tables';
import { Migration20261204010000_attribution_referrer_event } from './Migration20261204010000_attribution_referrer_event';
import { Migration20261204020000_report_tables } from './Migration20261204020000_report_tables';
import { Migration20261204030000_event_timestamps_utc } from './Migration20261204030000_event_timestamps_utc';

/**
 * Every migration, oldest first. Listing the classes (rather than scanning a
 * folder) makes the same list work from sources under ts-jest and from the
 * compiled `dist/` output.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261204000000_event_tables', class: Migration20261204000000_event_tables },
  {
    name: 'Migration20261204010000_attribution_referrer_event',
    class: Migration20261204010000_attribution_referrer_event,
  },
  { name: 'Migration20261204020000_report_tables', class: Migration20261204020000_report_tables },
  {
    name: 'Migration20261204030000_event_timestamps_utc',
    class: Migration20261204030000_event_timestamps_utc,
  },
];

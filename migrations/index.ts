import type { MigrationObject } from '@mikro-orm/core';

import { Migration20261204000000_event_tables } from './Migration20261204000000_event_tables';

/**
 * Every migration, oldest first. Listing the classes (rather than scanning a
 * folder) makes the same list work from sources under ts-jest and from the
 * compiled `dist/` output.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261204000000_event_tables', class: Migration20261204000000_event_tables },
];

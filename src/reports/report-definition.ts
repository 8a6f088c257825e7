import type { Catalog } from './catalog';

/** The reports of SPEC §6, named as the read API and the fixtures name them. */
export const REPORT_KINDS = [
  'usage',
  'sources',
  'attribution_referers',
  'top_searches',
  'top_results',
  'search_quality',
] as const;

export type ReportKind = (typeof REPORT_KINDS)[number];

/** How one report is stored, produced and read back. */
export interface ReportDefinition {
  readonly kind: ReportKind;
  readonly table: string;
  /** Columns a reader gets after `start_time` and `end_time`. */
  readonly columns: readonly string[];
  /** ORDER BY terms that put one window's rows in report order. */
  readonly order: string;
  /** INSERT … SELECT producing this report of the window `[$1, $2)`. */
  insertSql(catalog: Catalog): string;
}

/**
 * Condition selecting the events of the window `[$1, $2)`. Half-open, so an event at exactly
 * midnight belongs to the day it starts and never to two days.
 */
export function inWindowSql(alias?: string): string {
  const column = alias ? `${alias}."timestamp"` : '"timestamp"';
  return `${column} >= $1::timestamptz and ${column} < $2::timestamptz`;
}

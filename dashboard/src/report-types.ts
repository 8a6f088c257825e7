/** Report rows as the read API returns them; the types come from the contract. */
import type { components } from '../../generated/api';

type Schemas = components['schemas'];

export type UsageRow = Schemas['UsageReport'];
export type SourceRow = Schemas['SourceReport'];
export type RefererRow = Schemas['RefererReport'];
export type TopSearchRow = Schemas['TopSearchReport'];
export type TopResultRow = Schemas['TopResultReport'];
export type SearchQualityRow = Schemas['SearchQualityReport'];

/** The path segment of each report under `reports/`, as the contract names them. */
export interface ReportRows {
  usage: UsageRow;
  sources: SourceRow;
  referers: RefererRow;
  'top-searches': TopSearchRow;
  'top-results': TopResultRow;
  'search-quality': SearchQualityRow;
}

export type ReportName = keyof ReportRows;

export const REPORT_NAMES: readonly ReportName[] = [
  'usage',
  'sources',
  'referers',
  'top-searches',
  'top-results',
  'search-quality',
];

/** Every report of one date range. */
export type RangeReports = { [Name in ReportName]: ReportRows[Name][] };

/** Days as the API takes them, `YYYY-MM-DD` in the service's report time zone. */
export interface DayRange {
  from: string;
  to: string;
}

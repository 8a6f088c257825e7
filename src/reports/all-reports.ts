import { ATTRIBUTION_REFERER_REPORT } from './attribution-referer-report';
import type { ReportDefinition, ReportKind } from './report-definition';
import { SEARCH_QUALITY_REPORT } from './search-quality-report';
import { SOURCE_REPORT } from './source-report';
import { TOP_RESULTS_REPORT } from './top-results-report';
import { TOP_SEARCHES_REPORT } from './top-searches-report';
import { USAGE_REPORT } from './usage-report';

/** Every report, in production order: search quality reads the top-searches list. */
export const REPORTS: readonly ReportDefinition[] = [
  USAGE_REPORT,
  SOURCE_REPORT,
  ATTRIBUTION_REFERER_REPORT,
  TOP_SEARCHES_REPORT,
  TOP_RESULTS_REPORT,
  SEARCH_QUALITY_REPORT,
];

export function reportDefinition(kind: ReportKind): ReportDefinition {
  const report = REPORTS.find((candidate) => candidate.kind === kind);
  if (!report) throw new Error(`unknown report kind ${kind}`);
  return report;
}

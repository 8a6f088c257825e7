/** The most clicked results with their catalog title and source. */
import { topResults, type ResultFigures } from '../aggregate';
import { emptyNote } from '../dom';
import { formatCount } from '../format';
import type { TopResultRow } from '../report-types';
import { dataTable, type Column } from '../tables/data-table';
import { csvActions, panel, type SectionContext } from './panel';
import { UNKNOWN_SOURCE } from './totals-sections';

/** A screenful; the CSV holds every stored row. */
const SHOWN_RESULTS = 50;

const COLUMNS: readonly Column<ResultFigures>[] = [
  { header: 'Title', value: (row) => row.title, display: (row) => row.title ?? '(untitled)' },
  { header: 'Source', value: (row) => row.source, display: (row) => row.source ?? UNKNOWN_SOURCE },
  { header: 'Clicks', value: (row) => row.hits, format: formatCount },
  { header: 'Result', value: (row) => row.resultUuid },
];

export function topResultsSection(
  parent: HTMLElement,
  context: SectionContext,
  rows: TopResultRow[],
): void {
  const section = panel(parent, 'top-results', 'Most clicked results');
  const results = topResults(rows, SHOWN_RESULTS);
  if (results.length === 0) {
    section.append(emptyNote('No result clicks in this range.'));
    return;
  }
  section.append(
    dataTable(`Most clicked results (top ${SHOWN_RESULTS})`, COLUMNS, results),
    csvActions(context.link, [['top-results', 'Download CSV']]),
  );
}

/** The top searches with their search quality, as a sortable table. */
import type { TermFigures } from '../aggregate';
import { emptyNote } from '../dom';
import { formatCount, formatPercent, formatRank } from '../format';
import type { SearchQualityRow, TopSearchRow } from '../report-types';
import type { Column } from '../tables/data-table';
import { sortableTable } from '../tables/sortable-table';
import { topSearchFigures } from '../top-search-figures';
import { csvActions, panel, type SectionContext } from './panel';

const COLUMNS: readonly Column<TermFigures>[] = [
  { header: 'Term', value: (row) => row.term },
  { header: 'Hits', value: (row) => row.hits, format: formatCount },
  { header: 'Click-through rate', value: (row) => row.clickThroughRate, format: formatPercent },
  { header: 'Mean reciprocal rank', value: (row) => row.meanReciprocalRank, format: formatRank },
  { header: 'Zero-result rate', value: (row) => row.zeroResultRate, format: formatPercent },
];

export function topSearchesSection(
  parent: HTMLElement,
  context: SectionContext,
  topSearches: TopSearchRow[],
  quality: SearchQualityRow[],
): void {
  const section = panel(parent, 'top-searches', 'Top searches');
  const figures = topSearchFigures(topSearches, quality);
  if (figures.length === 0) {
    section.append(emptyNote('No searches in this range.'));
    return;
  }
  section.append(
    sortableTable(
      'Top searches: hits and search quality per term. Press a column header to sort.',
      COLUMNS,
      figures,
    ),
    csvActions(context.link, [
      ['top-searches', 'Download top searches CSV'],
      ['search-quality', 'Download search quality CSV'],
    ]),
  );
}

/** Clicks per source and attribution embeds per referring domain, as bar charts. */
import { refererTotals, sourceTotals, type Total } from '../aggregate';
import { barChart, barChartHeight } from '../charts/bar-chart';
import { emptyNote } from '../dom';
import { formatCount } from '../format';
import type { RefererRow, ReportName, SourceRow } from '../report-types';
import { dataTable } from '../tables/data-table';
import { chartCanvas, csvActions, numbers, panel, type SectionContext } from './panel';

/** How the source report's null source (a result missing from the catalog) is labelled. */
export const UNKNOWN_SOURCE = '(not in the catalog)';

export function sourcesSection(
  parent: HTMLElement,
  context: SectionContext,
  rows: SourceRow[],
): void {
  drawTotals(parent, context, {
    id: 'sources',
    title: 'Result clicks per source',
    label: 'Result clicks',
    category: 'Source',
    totals: sourceTotals(rows, UNKNOWN_SOURCE),
    report: 'sources',
    empty: 'No result clicks in this range.',
  });
}

export function referersSection(
  parent: HTMLElement,
  context: SectionContext,
  rows: RefererRow[],
): void {
  drawTotals(parent, context, {
    id: 'referers',
    title: 'Attribution embeds per referring domain',
    label: 'Embeds',
    category: 'Domain',
    totals: refererTotals(rows),
    report: 'referers',
    empty: 'No attribution embeds in this range.',
  });
}

interface TotalsPanel {
  id: string;
  title: string;
  label: string;
  category: string;
  totals: Total[];
  report: ReportName;
  empty: string;
}

function drawTotals(parent: HTMLElement, context: SectionContext, spec: TotalsPanel): void {
  const section = panel(parent, spec.id, spec.title);
  if (spec.totals.length === 0) {
    section.append(emptyNote(spec.empty));
    return;
  }
  const height = barChartHeight(spec.totals.length);
  const canvas = chartCanvas(section, `Bar chart: ${spec.title}`, height);
  context.charts.push(barChart(canvas, spec.totals, spec.label));
  const table = dataTable(spec.title, totalColumns(spec), spec.totals);
  section.append(numbers(table), csvActions(context.link, [[spec.report, 'Download CSV']]));
}

function totalColumns(spec: TotalsPanel) {
  return [
    { header: spec.category, value: (total: Total) => total.label },
    { header: spec.label, value: (total: Total) => total.value, format: formatCount },
  ];
}

/** The two time series: volume per day, and search quality per day. */
import { qualitySeries, usageSeries, type Series } from '../aggregate';
import { timeSeriesChart, type Scale } from '../charts/time-series-chart';
import { emptyNote } from '../dom';
import { formatCount, formatPercent, formatRank } from '../format';
import type { ReportName, SearchQualityRow, UsageRow } from '../report-types';
import { chartCanvas, csvActions, numbers, panel, seriesTable, type SectionContext } from './panel';

const CHART_HEIGHT_PX = 280;

export function usageSection(parent: HTMLElement, context: SectionContext, rows: UsageRow[]): void {
  const title = 'Searches, sessions and result clicks per day';
  const series = usageSeries(context.link.range, context.dayOf, rows);
  drawSeries(parent, context, { id: 'usage', title, series, scale: 'count', report: 'usage' });
}

export function qualitySection(
  parent: HTMLElement,
  context: SectionContext,
  rows: SearchQualityRow[],
): void {
  const title = 'Click-through rate, mean reciprocal rank and zero-result rate per day';
  const series = qualitySeries(context.link.range, context.dayOf, rows);
  drawSeries(parent, context, {
    id: 'quality',
    title,
    series,
    scale: 'share',
    report: 'search-quality',
  });
}

interface SeriesPanel {
  id: string;
  title: string;
  series: Series;
  scale: Scale;
  report: ReportName;
}

function drawSeries(parent: HTMLElement, context: SectionContext, spec: SeriesPanel): void {
  const section = panel(parent, spec.id, spec.title);
  if (spec.series.days.length === 0) {
    section.append(emptyNote('No reports in this range.'));
    return;
  }
  const canvas = chartCanvas(section, `Line chart: ${spec.title}`, CHART_HEIGHT_PX);
  context.charts.push(timeSeriesChart(canvas, spec.series, spec.scale));
  const table = seriesTable(spec.title, spec.series, (name) => formatOf(spec.scale, name));
  section.append(numbers(table), csvActions(context.link, [[spec.report, 'Download CSV']]));
}

function formatOf(scale: Scale, name: string) {
  if (scale === 'count') return formatCount;
  return name === 'Mean reciprocal rank' ? formatRank : formatPercent;
}

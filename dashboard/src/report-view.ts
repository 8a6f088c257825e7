/** Fetches every report of a range and draws the page's sections from them. */
import type { Chart } from 'chart.js';

import type { ApiClient } from './api';
import type { CsvLink } from './csv-download';
import { emptyNote } from './dom';
import type { DayOf } from './report-calendar';
import { REPORT_NAMES, type DayRange, type RangeReports } from './report-types';
import { qualitySection, usageSection } from './sections/daily-sections';
import type { SectionContext } from './sections/panel';
import { topResultsSection } from './sections/top-results-section';
import { topSearchesSection } from './sections/top-searches-section';
import { referersSection, sourcesSection } from './sections/totals-sections';

export async function fetchReports(api: ApiClient, range: DayRange): Promise<RangeReports> {
  const rows = await Promise.all(REPORT_NAMES.map((name) => api.rows(name, range)));
  return Object.fromEntries(REPORT_NAMES.map((name, i) => [name, rows[i]])) as RangeReports;
}

/** The part of the page the reports are drawn in; it owns the charts drawn there. */
export interface ReportArea {
  draw(link: CsvLink, dayOf: DayOf, reports: RangeReports): void;
  /** Says why there is nothing to draw, instead of drawing empty axes. */
  showEmpty(text: string): void;
  clear(): void;
}

export function createReportArea(parent: HTMLElement): ReportArea {
  let charts: Chart[] = [];
  const clear = () => {
    // A chart holds listeners and a resize observer until it is destroyed.
    charts.forEach((chart) => chart.destroy());
    charts = [];
    parent.replaceChildren();
  };
  return {
    clear,
    showEmpty: (text) => {
      clear();
      parent.append(emptyNote(text));
    },
    draw: (link, dayOf, reports) => {
      clear();
      charts = drawReports(parent, { link, dayOf, charts: [] }, reports);
    },
  };
}

/**
 * Draws into `parent`, which is in the document already: Chart.js sizes each
 * chart from its container.
 */
function drawReports(parent: HTMLElement, context: SectionContext, reports: RangeReports): Chart[] {
  usageSection(parent, context, reports.usage);
  qualitySection(parent, context, reports['search-quality']);
  topSearchesSection(parent, context, reports['top-searches'], reports['search-quality']);
  sourcesSection(parent, context, reports.sources);
  referersSection(parent, context, reports.referers);
  topResultsSection(parent, context, reports['top-results']);
  return context.charts;
}

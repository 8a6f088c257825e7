/** The parts every report section is built from: a titled section, a chart, its numbers, CSV. */
import type { Chart } from 'chart.js';

import type { Series } from '../aggregate';
import { csvButton, type CsvLink } from '../csv-download';
import { el } from '../dom';
import { formatDay, type Format } from '../format';
import type { DayOf } from '../report-calendar';
import type { ReportName } from '../report-types';
import { dataTable, type Column } from '../tables/data-table';

/** What a section needs to draw itself; `charts` collects its charts for the next redraw. */
export interface SectionContext {
  link: CsvLink;
  dayOf: DayOf;
  charts: Chart[];
}

export function panel(parent: HTMLElement, id: string, title: string): HTMLElement {
  const section = el(
    'section',
    { class: 'panel', id, 'aria-labelledby': `${id}-title` },
    el('h2', { id: `${id}-title` }, title),
  );
  parent.append(section);
  return section;
}

/**
 * A canvas in a box of fixed height (Chart.js fills its container). The
 * canvas is an image to assistive technology; its numbers follow as a table.
 */
export function chartCanvas(
  section: HTMLElement,
  label: string,
  heightPx: number,
): HTMLCanvasElement {
  const canvas = el('canvas', {
    role: 'img',
    'aria-label': `${label}. The numbers follow as a table.`,
  });
  const box = el('div', { class: 'chart' }, canvas);
  // Set through the CSSOM: the Content-Security-Policy forbids inline style attributes.
  box.style.height = `${heightPx}px`;
  section.append(box);
  return canvas;
}

/** The chart's numbers, folded away for sighted readers and reachable by keyboard and screen reader. */
export function numbers(table: HTMLElement): HTMLElement {
  return el('details', { class: 'numbers' }, el('summary', {}, 'Numbers as a table'), table);
}

export function csvActions(link: CsvLink, reports: readonly [ReportName, string][]): HTMLElement {
  return el(
    'div',
    { class: 'actions' },
    ...reports.map(([name, label]) => csvButton(link, name, label)),
  );
}

/** One row a day, one column a series. */
export function seriesTable(
  caption: string,
  series: Series,
  formatOf: (name: string) => Format,
): HTMLElement {
  const columns: Column<number>[] = [
    { header: 'Day', value: (i) => series.days[i], display: (i) => formatDay(series.days[i]) },
    ...Object.keys(series.values).map((name) => ({
      header: name,
      value: (i: number) => series.values[name][i],
      format: formatOf(name),
    })),
  ];
  return dataTable(
    caption,
    columns,
    series.days.map((_, index) => index),
  );
}

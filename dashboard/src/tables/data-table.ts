/**
 * Accessible tables: a caption, column headers, the first cell of each row as
 * its row header, and the exact value of every cell in `data-value`. Wide
 * tables scroll inside a focusable region so a keyboard can scroll them.
 */
import { el } from '../dom';
import type { Format } from '../format';

export type CellValue = string | number | null;

export interface Column<Row> {
  header: string;
  value: (row: Row) => CellValue;
  /** Display of a numeric value; text is shown as is. */
  format?: Format;
  /** Display of a text value, when it differs from the value (a day as "Dec 1"). */
  display?: (row: Row) => string;
}

export function dataTable<Row>(
  caption: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): HTMLElement {
  const head = el('tr', {}, ...columns.map((column) => headerCell(column)));
  const table = el(
    'table',
    {},
    el('caption', {}, caption),
    el('thead', {}, head),
    tableBody(columns, rows),
  );
  return scrollRegion(caption, table);
}

export function scrollRegion(label: string, table: HTMLTableElement): HTMLElement {
  return el(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' },
    table,
  );
}

export function headerCell<Row>(column: Column<Row>, content?: Node): HTMLTableCellElement {
  const numeric = column.format !== undefined;
  return el('th', { scope: 'col', class: numeric ? 'num' : '' }, content ?? column.header);
}

export function tableBody<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): HTMLTableSectionElement {
  return el('tbody', {}, ...rows.map((row) => tableRow(columns, row)));
}

function tableRow<Row>(columns: readonly Column<Row>[], row: Row): HTMLTableRowElement {
  const cells = columns.map((column, index) => {
    const value = column.value(row);
    const attributes = { 'data-value': value === null ? '' : String(value) };
    const text = cellText(column, row, value);
    if (index === 0) return el('th', { ...attributes, scope: 'row' }, text);
    return el('td', { ...attributes, class: column.format ? 'num' : '' }, text);
  });
  return el('tr', {}, ...cells);
}

function cellText<Row>(column: Column<Row>, row: Row, value: CellValue): string {
  if (column.display) return column.display(row);
  if (column.format) return column.format(value as number | null);
  return String(value ?? '');
}

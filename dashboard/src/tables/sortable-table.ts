/**
 * A data table whose columns sort when their header button is pressed
 * (mouse, Enter or Space); `aria-sort` tells screen readers the order.
 */
import { compareText } from '../aggregate';
import { el } from '../dom';
import { headerCell, scrollRegion, tableBody, type CellValue, type Column } from './data-table';

type Direction = 'ascending' | 'descending';

interface SortState {
  column: number;
  direction: Direction;
}

export function sortableTable<Row>(
  caption: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): HTMLElement {
  // Rows arrive in report order (most hits first), which no single column reproduces for ties.
  let sort: SortState | undefined;
  const headers = columns.map((column, index) =>
    headerCell(
      column,
      sortButton(column.header, () => resort(index)),
    ),
  );
  const table = el('table', { class: 'sortable' }, el('caption', {}, caption));
  table.append(el('thead', {}, el('tr', {}, ...headers)), tableBody(columns, rows));

  const resort = (index: number) => {
    sort = nextSort(sort, index, columns[index].format !== undefined);
    table.tBodies[0].replaceWith(tableBody(columns, sortedRows(rows, columns[index], sort)));
    headers.forEach((header, i) => {
      if (i === index) header.setAttribute('aria-sort', sort!.direction);
      else header.removeAttribute('aria-sort');
    });
  };
  return scrollRegion(caption, table);
}

function sortButton(label: string, onPress: () => void): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'sort' }, label);
  button.addEventListener('click', onPress);
  return button;
}

/** A new column sorts numbers largest first and text A to Z; the same column flips. */
function nextSort(current: SortState | undefined, column: number, numeric: boolean): SortState {
  if (current?.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { column, direction: numeric ? 'descending' : 'ascending' };
}

function sortedRows<Row>(rows: readonly Row[], column: Column<Row>, sort: SortState): Row[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => compareCells(column.value(a), column.value(b), sign));
}

/** Missing figures go last whichever the direction, so they never crowd the top. */
function compareCells(a: CellValue, b: CellValue, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  return sign * compareText(String(a), String(b));
}

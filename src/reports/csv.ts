/**
 * CSV (RFC 4180) for report rows. Search terms are user text: a cell that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * carriage return) gets a leading single quote, as OWASP's CSV injection
 * advice describes. Numbers are written as numbers; null is an empty cell.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): string {
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) lines.push(columns.map((column) => cell(row[column])).join(','));
  return lines.join('\r\n') + '\r\n';
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);

  const text = String(value);
  return quote(FORMULA_START.test(text) ? `'${text}` : text);
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

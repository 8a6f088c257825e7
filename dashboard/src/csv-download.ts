/**
 * CSV downloads. A plain link cannot send the bearer token, so the button
 * fetches the CSV with it and saves the response as a Blob.
 */
import type { ApiClient } from './api';
import { el } from './dom';
import type { DayRange, ReportName } from './report-types';

export interface CsvLink {
  api: ApiClient;
  range: DayRange;
  onError: (error: unknown) => void;
}

export function csvButton(link: CsvLink, name: ReportName, label = 'Download CSV'): HTMLElement {
  const button = el('button', { type: 'button', class: 'csv' }, label);
  button.setAttribute(
    'aria-label',
    `${label}: ${name} report, ${link.range.from} to ${link.range.to}`,
  );
  button.addEventListener('click', () => {
    button.disabled = true;
    download(link, name)
      .catch(link.onError)
      .finally(() => {
        button.disabled = false;
      });
  });
  return button;
}

async function download({ api, range }: CsvLink, name: ReportName): Promise<void> {
  const blob = await api.csv(name, range);
  const url = URL.createObjectURL(blob);
  const anchor = el('a', { href: url, download: `${name}-${range.from}-${range.to}.csv` });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel a download the browser has not read yet; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

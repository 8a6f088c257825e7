/**
 * The page's flow: get a token, find the range, fetch its reports, draw them;
 * on 401 forget the token and ask again.
 */
import { ApiError, createApiClient, type ApiClient } from './api';
import { isValidRange, rangeEndingOn, rangeFromQuery } from './date-range';
import { askToken, say, showRangeForm, type Page } from './page';
import { calendarOf, latestReport, type DayOf } from './report-calendar';
import { createReportArea, fetchReports, type ReportArea } from './report-view';
import type { DayRange } from './report-types';
import type { TokenStore } from './token-store';

export const UNAUTHORIZED_MESSAGE =
  'The reports token was not accepted (401 Unauthorized). ' +
  'Enter the REPORTS_TOKEN the service was started with.';

interface Dashboard {
  begin(): void;
  show(range: DayRange): void;
  forgetToken(): void;
}

export function startDashboard(page: Page, tokens: TokenStore, location: Location): void {
  const dashboard = createDashboard(page, tokens, location, createReportArea(page.report));

  page.rangeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const range = { from: page.fromInput.value, to: page.toInput.value };
    if (!isValidRange(range)) {
      return say(page, 'Choose a start day on or before the end day, at most a year apart.');
    }
    history.replaceState(null, '', `?from=${range.from}&to=${range.to}`);
    dashboard.show(range);
  });
  page.forgetButton.addEventListener('click', () => dashboard.forgetToken());
  dashboard.begin();
}

function createDashboard(
  page: Page,
  tokens: TokenStore,
  location: Location,
  area: ReportArea,
): Dashboard {
  let api: ApiClient | undefined;
  // Found once from the first row seen; REPORT_TIMEZONE does not change under a running page.
  let dayOf: DayOf | undefined;
  // Only the latest range asked for is drawn, whichever answer arrives last.
  let latestRequest = 0;

  const show = async (range: DayRange) => {
    const request = ++latestRequest;
    say(page, '', `Loading the reports from ${range.from} to ${range.to}…`);
    showRangeForm(page, range);
    const reports = await fetchReports(api!, range);
    const [first] = reports.usage;
    if (first !== undefined) dayOf ??= await calendarOf(api!, first);
    if (request !== latestRequest) return;
    if (first === undefined) {
      area.showEmpty('No reports in this range: choose another one.');
      return say(page, '', `No reports from ${range.from} to ${range.to}.`);
    }
    area.draw({ api: api!, range, onError: fail }, dayOf!, reports);
    say(page, '', `Reports from ${range.from} to ${range.to}.`);
  };

  const begin = async () => {
    const token = tokens.read() ?? (await askToken(page));
    tokens.save(token);
    api = createApiClient(location.href, token);
    const asked = rangeFromQuery(location.search);
    if (asked !== undefined) return show(asked);
    const latest = await latestReport(api, new Date());
    if (latest === undefined) return showNoReports(page, area);
    dayOf = latest.dayOf;
    await show(rangeEndingOn(latest.day));
  };

  function fail(error: unknown): void {
    if (!(error instanceof ApiError && error.status === 401)) return say(page, describe(error));
    tokens.forget();
    area.clear();
    say(page, UNAUTHORIZED_MESSAGE);
    begin().catch(fail);
  }

  return {
    begin: () => begin().catch(fail),
    show: (range) => show(range).catch(fail),
    forgetToken: () => {
      tokens.forget();
      area.clear();
      say(page, '', 'The token is forgotten.');
      begin().catch(fail);
    },
  };
}

/** Nothing in the last year: say so, and leave the range form to look further back. */
function showNoReports(page: Page, area: ReportArea): void {
  showRangeForm(page, rangeEndingOn(new Date().toISOString().slice(0, 10)));
  say(page, '', 'No reports yet.');
  area.showEmpty(
    'There are no daily reports in the last year. ' +
      'They appear here once the reports of a day have been produced.',
  );
}

function describe(error: unknown): string {
  const reason =
    error instanceof ApiError
      ? `${error.title} (${error.status}). ${error.message}`
      : String(error instanceof Error ? error.message : error);
  return `The reports could not be read: ${reason}`;
}

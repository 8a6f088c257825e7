/** The one module that talks to the service: the report read API, nothing else. */
import type { DayRange, ReportName, ReportRows } from './report-types';

/** A refused or failed request, with the problem+json title and detail when the service sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  rows<Name extends ReportName>(name: Name, range: DayRange): Promise<ReportRows[Name][]>;
  csv(name: ReportName, range: DayRange): Promise<Blob>;
}

/**
 * `pageUrl` is the dashboard's own address: the API lives beside it
 * (`<BASE_PATH>/dashboard` → `<BASE_PATH>/reports/…`), so resolving relative
 * to it works under any BASE_PATH or proxy prefix.
 */
export function createApiClient(pageUrl: string, token: string): ApiClient {
  const get = async (name: ReportName, range: DayRange, accept: string) => {
    const url = reportUrl(pageUrl, name, range);
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: accept },
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok) throw await toApiError(response);
    return response;
  };

  return {
    rows: async (name, range) => {
      const body = (await (await get(name, range, 'application/json')).json()) as { rows: never[] };
      return body.rows;
    },
    csv: async (name, range) => (await get(name, range, 'text/csv')).blob(),
  };
}

export function reportUrl(pageUrl: string, name: ReportName, range: DayRange): string {
  const url = new URL(`reports/${name}`, pageUrl);
  url.search = new URLSearchParams({ from: range.from, to: range.to }).toString();
  return url.toString();
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = new ApiError(response.status, response.statusText, `HTTP ${response.status}`);
  if (!(response.headers.get('content-type') ?? '').includes('json')) return fallback;
  try {
    const problem = (await response.json()) as { title?: string; detail?: string };
    return new ApiError(
      response.status,
      problem.title ?? fallback.title,
      problem.detail ?? fallback.message,
    );
  } catch {
    return fallback;
  }
}

import type { RequestHandler } from 'express';

import type { OperationHandlers } from '../http/routes';
import { problems } from '../http/problems';
import { toCsv } from './csv';
import type { ReportKind } from './report-definition';
import type { ReportRow } from './read-reports';

type ReportOperation =
  | 'getUsageReports'
  | 'getSourceReports'
  | 'getRefererReports'
  | 'getTopSearchReports'
  | 'getTopResultReports'
  | 'getSearchQualityReports';

/** Reads the stored rows of one report kind for the days `from` to `to`, inclusive. */
export type ReadReports = (kind: ReportKind, from: string, to: string) => Promise<ReportRow[]>;

const kindOf: Record<ReportOperation, ReportKind> = {
  getUsageReports: 'usage',
  getSourceReports: 'sources',
  getRefererReports: 'attribution_referers',
  getTopSearchReports: 'top_searches',
  getTopResultReports: 'top_results',
  getSearchQualityReports: 'search_quality',
};

// A year of daily rows is the most one read returns; longer spans are paged by date.
const MAX_DAYS = 366;

export function createReportHandlers(
  readReports: ReadReports,
  columnsOf: (kind: ReportKind) => readonly string[],
): Pick<OperationHandlers, ReportOperation> {
  const handler = (kind: ReportKind): RequestHandler => {
    return async (req, res, next) => {
      const { from, to } = req.query as { from: string; to: string };
      const format = req.accepts(['application/json', 'text/csv']);
      if (!format) return next(problems.notAcceptable());
      if (!isOrderedSpan(from, to)) return next(spanProblem());

      const rows = await readReports(kind, from, to);

      if (format === 'text/csv') {
        const columns = ['start_time', 'end_time', ...columnsOf(kind)];
        res.type('text/csv').attachment(`${kind}-${from}-${to}.csv`).send(toCsv(columns, rows));
      } else {
        res.json({ from, to, rows });
      }
    };
  };

  const entries = Object.entries(kindOf).map(([operation, kind]) => [operation, handler(kind)]);
  return Object.fromEntries(entries) as Pick<OperationHandlers, ReportOperation>;
}

function isOrderedSpan(from: string, to: string): boolean {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return days >= 0 && days < MAX_DAYS;
}

function spanProblem() {
  return problems.validation([
    { path: '/query/to', message: `must be on or after from, at most ${MAX_DAYS} days later` },
  ]);
}

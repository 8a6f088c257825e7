import { performance } from 'node:perf_hooks';

import { resolveCatalog } from './catalog';
import { listDays } from './report-days';
import { produceWindowReports, type WindowOutcome } from './report-engine';
import { dailyWindows, yesterday, type DailyWindow } from './report-window';
import type { ReportLogger, TransactionalSql } from './sql-executor';

/** What the report commands need, built once by the caller. */
export interface ReportJobDeps {
  readonly db: TransactionalSql;
  readonly logger: ReportLogger;
  readonly timeZone: string;
  readonly catalogTable: string;
}

/** One day's result, as told to a progress display and returned to the caller. */
export interface DayResult {
  readonly day: string;
  readonly outcome: WindowOutcome;
  readonly seconds: number;
}

/** Follows a run day by day; the CLI shows a bar on a terminal and log lines otherwise. */
export interface DayProgress {
  start(totalDays: number): void;
  dayDone(result: DayResult, done: number): void;
  stop(): void;
}

export interface RunOptions {
  readonly progress?: DayProgress;
  /** Stops the run between two days; the days already done stay committed. */
  readonly signal?: AbortSignal;
}

/**
 * Produces the reports of each window in turn, each in its own transaction, so an interrupted
 * run keeps every day it finished and a re-run can pick up from there.
 */
async function produceDays(
  deps: ReportJobDeps,
  windows: readonly DailyWindow[],
  { progress, signal }: RunOptions,
): Promise<DayResult[]> {
  const catalog = await resolveCatalog(deps.db, deps.catalogTable, deps.logger);
  const results: DayResult[] = [];
  progress?.start(windows.length);
  try {
    for (const window of windows) {
      if (signal?.aborted) break;
      const started = performance.now();
      const outcome = await produceWindowReports(deps.db, window, catalog);
      results.push({ day: window.day, outcome, seconds: (performance.now() - started) / 1000 });
      progress?.dayDone(results[results.length - 1], results.length);
    }
  } finally {
    progress?.stop();
  }
  return results;
}

/** `report --day FROM [--to TO]`: the reports of every day from FROM to TO inclusive. */
export async function reportDays(
  deps: ReportJobDeps,
  fromDay: string,
  toDay: string,
  options: RunOptions = {},
): Promise<DayResult[]> {
  const windows = await dailyWindows(deps.db, fromDay, toDay, deps.timeZone);
  return produceDays(deps, windows, options);
}

/**
 * `backfill --since DAY [--force]`: every day from DAY to yesterday that has no reports yet,
 * or every one of them when forced. Today is left out: its window is still filling.
 */
export async function backfill(
  deps: ReportJobDeps,
  sinceDay: string,
  { force = false, ...options }: RunOptions & { force?: boolean } = {},
): Promise<DayResult[]> {
  const lastDay = await yesterday(deps.db, deps.timeZone);
  const days = await listDays(deps.db, sinceDay, lastDay, deps.timeZone);
  return produceDays(deps, force ? days : days.filter((day) => !day.reported), options);
}

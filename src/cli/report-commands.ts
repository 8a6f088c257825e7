import { Command, InvalidArgumentError } from 'commander';

import { assertMigrated, openDatabase } from '../db/database';
import { pooledSql } from '../db/pooled-sql';
import { backfill, reportDays, type DayResult, type ReportJobDeps } from '../reports/report-jobs';
import { isIsoDay } from '../reports/report-window';
import { purgeEvents } from '../reports/retention';
import { createDayProgress } from './day-progress';
import type { CommandContext } from './program';

function isoDay(value: string): string {
  if (!isIsoDay(value)) throw new InvalidArgumentError('expected a date like 2026-12-01.');
  return value;
}

/** Opens the database for one command and closes it however the command ends. */
async function withReportJobs<T>(
  { config, logger }: CommandContext,
  work: (deps: ReportJobDeps) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config, logger);
  try {
    await assertMigrated(database);
    const db = pooledSql(database.knex);
    const { reportTimeZone: timeZone, catalogImageTable: catalogTable } = config;
    return await work({ db, logger, timeZone, catalogTable });
  } finally {
    await database.close();
  }
}

/**
 * SIGINT or SIGTERM ends a run after the day in progress, which commits or rolls back whole;
 * a second signal falls through to Node's default and ends the process at once.
 */
async function untilSignalled<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    // A stopped run is unfinished: `backfill && purge` must not go on as if it were done.
    if (controller.signal.aborted) process.exitCode = INTERRUPTED;
  }
}

const INTERRUPTED = 130;

// Ten years of days: beyond that a range is a typo (say 1026 for 2026), not a backfill.
const MAX_DAYS = 3660;
const DAY_MS = 86_400_000;

/**
 * Refuses a range that is mostly not there yet or absurdly long, before any day is written.
 * "Tomorrow" is reckoned in UTC plus a day, so no time zone's today is refused.
 */
function checkRange(firstDay: string, lastDay: string, now = Date.now()): void {
  const latest = new Date(now + 2 * DAY_MS).toISOString().slice(0, 10);
  if (lastDay > latest) {
    throw new InvalidArgumentError(`${lastDay} has not happened yet.`);
  }
  if ((Date.parse(lastDay) - Date.parse(firstDay)) / DAY_MS >= MAX_DAYS) {
    throw new InvalidArgumentError(`at most ${MAX_DAYS} days in one run; split the range.`);
  }
}

function summarise({ logger }: CommandContext, results: DayResult[]): number {
  const kept = results.filter((result) => result.outcome.status === 'kept').map((r) => r.day);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  if (kept.length > 0) logger.warn({ days: kept }, 'reports kept: raw events already purged');
  logger.info({ days: results.length, kept: kept.length, seconds }, 'reports done');
  return kept.length;
}

async function report(context: CommandContext, options: { day: string; to?: string }) {
  if (options.to !== undefined && options.to < options.day) {
    throw new InvalidArgumentError('--to must not be before --day.');
  }
  checkRange(options.day, options.to ?? options.day);
  const results = await withReportJobs(context, (deps) =>
    untilSignalled((signal) =>
      reportDays(deps, options.day, options.to ?? options.day, {
        signal,
        progress: createDayProgress(context.logger),
      }),
    ),
  );
  // A day asked for by name that could not be produced is a failure for a script to see.
  if (summarise(context, results) > 0) process.exitCode = 1;
}

async function runBackfill(context: CommandContext, options: { since: string; force?: boolean }) {
  checkRange(options.since, new Date().toISOString().slice(0, 10));
  const results = await withReportJobs(context, (deps) =>
    untilSignalled((signal) =>
      backfill(deps, options.since, {
        force: options.force,
        signal,
        progress: createDayProgress(context.logger),
      }),
    ),
  );
  summarise(context, results);
}

async function purge(context: CommandContext, options: { dryRun?: boolean }) {
  const { retentionDays, reportTimeZone } = context.config;
  const summary = await withReportJobs(context, ({ db, logger }) =>
    purgeEvents(db, logger, reportTimeZone, { retentionDays, dryRun: options.dryRun === true }),
  );
  context.logger.info(summary, options.dryRun ? 'purge dry run: nothing deleted' : 'purge done');
}

/** The `report`, `backfill` and `purge` commands of `search-analytics`. */
export function reportCommands(createContext: () => CommandContext): Command[] {
  const reportCommand = new Command('report')
    .description('produce the reports of a day, or of each day to --to (days in REPORT_TIMEZONE)')
    .requiredOption('--day <YYYY-MM-DD>', 'the day, or the first day of a range', isoDay)
    .option('--to <YYYY-MM-DD>', 'the last day of the range, inclusive', isoDay)
    .action((options: { day: string; to?: string }) => report(createContext(), options));

  const backfillCommand = new Command('backfill')
    .description('produce the reports of every day from --since to yesterday that has none')
    .requiredOption('--since <YYYY-MM-DD>', 'the first day', isoDay)
    .option('--force', 'produce every day again, even those that have reports')
    .action((options: { since: string; force?: boolean }) => runBackfill(createContext(), options));

  const purgeCommand = new Command('purge')
    .description('delete raw events older than RETENTION_DAYS, on days whose reports exist')
    .option('--dry-run', 'count what would be deleted, delete nothing')
    .action((options: { dryRun?: boolean }) => purge(createContext(), options));

  return [reportCommand, backfillCommand, purgeCommand];
}

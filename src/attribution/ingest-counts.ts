import type { Logger } from 'pino';

import type { ParseResult } from './parse-record';

/** What a worker has done so far; logged at intervals and when it stops (SPEC §7). */
export interface IngestCounts {
  /** Records taken from the input, skipped ones included. */
  read: number;
  /** Records passed over unread because an earlier run already handled them. */
  skipped: number;
  saved: number;
  ignored: number;
  malformed: number;
  /** Saved records whose rows are committed. */
  stored: number;
  /** Every record up to this one (1-based, skipped ones included) is fully handled. */
  doneThrough: number;
}

export function emptyCounts(): IngestCounts {
  return { read: 0, skipped: 0, saved: 0, ignored: 0, malformed: 0, stored: 0, doneThrough: 0 };
}

export function countResult(counts: IngestCounts, kind: ParseResult['kind']): void {
  counts[kind] += 1;
}

/** The counts an operator reads in the log. */
export function countFields({ saved, ignored, malformed, stored }: IngestCounts) {
  return { saved, ignored, malformed, stored };
}

export function logCounts(logger: Logger, counts: IngestCounts, message: string): void {
  logger.info(countFields(counts), message);
}

/**
 * Logs the counts every `intervalMs` until the returned function is called. The timer does
 * not keep the process alive on its own.
 */
export function logCountsEvery(
  logger: Logger,
  counts: IngestCounts,
  intervalMs: number,
  message: string,
): () => void {
  const timer = setInterval(() => logCounts(logger, counts, message), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

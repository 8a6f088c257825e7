/**
 * `attribution ingest`: newline-delimited access-log records in, rows in
 * `attribution_referrer_event` out (SPEC §7, issue 4). Records are parsed as they arrive and
 * stored in batches, in input order, so that a failure can say exactly where to resume.
 */
import type { Logger } from 'pino';

import type { IgnoredDomains } from './ignored-domains';
import {
  countFields,
  countResult,
  emptyCounts,
  logCounts,
  logCountsEvery,
  type IngestCounts,
} from './ingest-counts';
import { LINE_TOO_LONG, type InputLine } from './line-reader';
import { parseAccessLogRecord, type AttributionEvent, type ParseResult } from './parse-record';
import type { StoreEvents } from './referrer-event-store';

export interface IngestOptions {
  ignoredDomains: IgnoredDomains;
  store: StoreEvents;
  logger: Logger;
  /** Rows per INSERT. */
  batchSize: number;
  /** A batch that is not full is still stored this long after it was started, for slow input. */
  maxBatchDelayMs: number;
  progressIntervalMs: number;
  /** Records already handled by an earlier run (its failure message names the number). */
  skip: number;
  /** Stops reading; what was read is stored before `ingest` resolves. */
  signal?: AbortSignal;
}

/** The database or the input failed: `counts` say how far the input is stored. */
export class IngestStoppedError extends Error {
  constructor(
    readonly counts: Readonly<IngestCounts>,
    failed: 'database' | 'reading the input',
    cause: unknown,
  ) {
    super(
      `${failed} failed (${oneLine(cause)}) after ` +
        `${counts.stored} records stored; input records 1 to ` +
        `${counts.doneThrough} are done, so a re-run with --skip ${counts.doneThrough} resumes`,
      { cause },
    );
    this.name = 'IngestStoppedError';
  }
}

function oneLine(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim();
}

/**
 * Resolves with the final counts once the input ends (or `signal` aborts) and every row is
 * committed; rejects with IngestStoppedError when the database fails, or with the input's
 * own error when reading fails.
 */
export async function ingest(
  lines: AsyncIterable<InputLine>,
  options: IngestOptions,
): Promise<IngestCounts> {
  const counts = emptyCounts();
  const rows = new OrderedBatches(options, counts);
  options.logger.info({ skip: options.skip }, 'attribution ingest started');
  const stopLogging = logCountsEvery(
    options.logger,
    counts,
    options.progressIntervalMs,
    'attribution ingest progress',
  );
  try {
    await readAll(lines, (line) => handleLine(line, counts, rows, options), rows, options);
    await rows.finish();
    logCounts(options.logger, counts, 'attribution ingest finished');
    return { ...counts };
  } catch (error) {
    const stopped = error instanceof IngestStoppedError ? error : await inputFailed(rows, error);
    options.logger.error({ err: stopped, ...countFields(counts) }, 'attribution ingest stopped');
    throw stopped;
  } finally {
    stopLogging();
  }
}

/** Stores what was read before the input failed, so that the resume point is exact. */
async function inputFailed(rows: OrderedBatches, cause: unknown): Promise<IngestStoppedError> {
  try {
    await rows.finish();
  } catch (error) {
    return error as IngestStoppedError;
  }
  return new IngestStoppedError(rows.snapshot(), 'reading the input', cause);
}

const TOO_LONG: ParseResult = { kind: 'malformed', reason: 'record too long' };

function handleLine(
  line: InputLine,
  counts: IngestCounts,
  rows: OrderedBatches,
  options: IngestOptions,
): void {
  counts.read += 1;
  if (counts.read <= options.skip) {
    counts.skipped += 1;
    return;
  }
  const result =
    line === LINE_TOO_LONG ? TOO_LONG : parseAccessLogRecord(line, options.ignoredDomains);
  countResult(counts, result.kind);
  if (result.kind === 'saved') rows.add(result.event);
}

const TICK = Symbol('tick');
const STOP = Symbol('stop');

/**
 * Feeds every line to `handle`, sending a batch when it is full, and also when the input is
 * quiet for a while (`tail -F` may pause for hours: its rows must not wait for a full batch).
 */
async function readAll(
  lines: AsyncIterable<InputLine>,
  handle: (line: InputLine) => void,
  rows: OrderedBatches,
  options: IngestOptions,
): Promise<void> {
  const iterator = lines[Symbol.asyncIterator]();
  const alarm = new Alarm(options.maxBatchDelayMs, options.signal);
  try {
    for (;;) {
      const next = iterator.next();
      let woke = await alarm.race(next);
      while (woke === TICK) {
        await rows.send();
        woke = await alarm.race(next);
      }
      if (woke === STOP) return ignoreLateFailure(next);
      if (woke.done) return;
      handle(woke.value);
      if (rows.isFull()) await rows.send();
    }
  } finally {
    alarm.stop();
  }
}

function ignoreLateFailure(pending: Promise<unknown>): void {
  // Reading was abandoned on purpose; an error the source raises afterwards is not ours.
  pending.catch(() => undefined);
}

/**
 * Interrupts a wait for the next line every `intervalMs`, and for good when `signal` aborts.
 * Not `Promise.race` with a long-lived promise: every race would add a reaction to it that
 * holds its line until that promise settles, a leak of the whole input
 * (https://github.com/nodejs/node/issues/17469).
 */
class Alarm {
  private interrupt: (reason: typeof TICK | typeof STOP) => void = () => undefined;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => {
    this.stopped = true;
    this.interrupt(STOP);
  };

  constructor(
    intervalMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.timer = setInterval(() => this.interrupt(TICK), intervalMs);
    this.timer.unref();
    if (signal?.aborted) this.stopped = true;
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  race<T>(pending: Promise<T>): Promise<T | typeof TICK | typeof STOP> {
    if (this.stopped) return Promise.resolve(STOP);
    return new Promise((resolve, reject) => {
      this.interrupt = resolve;
      pending.then(resolve, reject);
    });
  }

  stop(): void {
    clearInterval(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

/**
 * Parsed rows waiting for the database. One batch is written while the next one fills, so
 * parsing and inserting overlap; batches commit in input order, which is what makes
 * `doneThrough` exact.
 */
class OrderedBatches {
  private events: AttributionEvent[] = [];
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: Pick<IngestOptions, 'store' | 'batchSize' | 'logger'>,
    private readonly counts: IngestCounts,
  ) {}

  add(event: AttributionEvent): void {
    this.events.push(event);
  }

  isFull(): boolean {
    return this.events.length >= this.options.batchSize;
  }

  /** Waits for the batch in flight (rethrowing its failure), then starts the pending one. */
  async send(): Promise<void> {
    await this.inFlight;
    const batch = this.events;
    const through = this.counts.read;
    this.events = [];
    this.inFlight = this.write(batch, through);
    // Observed by the next send() or finish(); until then it must not count as unhandled.
    this.inFlight.catch(() => undefined);
  }

  snapshot(): IngestCounts {
    return { ...this.counts };
  }

  async finish(): Promise<void> {
    await this.send();
    await this.inFlight;
  }

  private async write(batch: readonly AttributionEvent[], through: number): Promise<void> {
    if (batch.length > 0) {
      try {
        await this.options.store(batch);
      } catch (error) {
        throw new IngestStoppedError(this.snapshot(), 'database', error);
      }
      this.options.logger.debug(
        { table: 'attribution_referrer_event', rows: batch.length },
        'batch stored',
      );
    }
    this.counts.stored += batch.length;
    this.counts.doneThrough = through;
  }
}

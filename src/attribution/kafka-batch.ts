/**
 * The consumer's own logic, apart from kafkajs so that tests can drive it: a fetched batch
 * in, its rows stored, then its offsets resolved in order. An offset is resolved only after
 * the rows of its message are committed, so a crash re-reads rather than loses (SPEC §7).
 */
import type { IgnoredDomains } from './ignored-domains';
import { countResult, type IngestCounts } from './ingest-counts';
import { parseAccessLogRecord, type AttributionEvent, type ParseResult } from './parse-record';
import type { StoreEvents } from './referrer-event-store';

/** The parts of a kafkajs `Batch` used here. */
export interface FetchedBatch {
  readonly messages: readonly { offset: string; value: Buffer | null }[];
}

/** The parts of kafkajs's `EachBatchPayload` used here; the real payload satisfies it. */
export interface BatchControl {
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  commitOffsetsIfNecessary(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
}

export interface BatchDependencies {
  ignoredDomains: IgnoredDomains;
  store: StoreEvents;
  /** Counts of committed messages only: a batch that fails is counted when it is re-read. */
  counts: IngestCounts;
  /** Messages per INSERT; a fetched batch can hold many thousands. */
  chunkSize: number;
}

/**
 * Stores a batch chunk by chunk. A failure to store rejects and leaves that chunk and the rest
 * unresolved, for kafkajs to fetch again; a rebalance or shutdown (not running, or stale)
 * stops between chunks for the same reason.
 */
export async function storeFetchedBatch(
  batch: FetchedBatch,
  control: BatchControl,
  dependencies: BatchDependencies,
): Promise<void> {
  for (let start = 0; start < batch.messages.length; start += dependencies.chunkSize) {
    if (!control.isRunning() || control.isStale()) return;

    const chunk = batch.messages.slice(start, start + dependencies.chunkSize);
    const results = chunk.map(({ value }) => parseMessage(value, dependencies.ignoredDomains));
    await dependencies.store(savedEvents(results));

    for (const message of chunk) control.resolveOffset(message.offset);
    countCommitted(dependencies.counts, results);
    await control.commitOffsetsIfNecessary();
    await control.heartbeat();
  }
}

const NO_VALUE: ParseResult = { kind: 'malformed', reason: 'message without a value' };

function parseMessage(value: Buffer | null, ignoredDomains: IgnoredDomains): ParseResult {
  // A null value (a tombstone) carries no record.
  if (value === null) return NO_VALUE;
  return parseAccessLogRecord(value.toString('utf8'), ignoredDomains);
}

function savedEvents(results: readonly ParseResult[]): AttributionEvent[] {
  return results.flatMap((result) => (result.kind === 'saved' ? [result.event] : []));
}

function countCommitted(counts: IngestCounts, results: readonly ParseResult[]): void {
  for (const result of results) {
    counts.read += 1;
    countResult(counts, result.kind);
    if (result.kind === 'saved') counts.stored += 1;
  }
}

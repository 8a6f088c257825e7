/**
 * `attribution consume`: the kafkajs consumer around storeFetchedBatch. It joins the consumer
 * group, stores each fetched batch before resolving its offsets, and on stop finishes the
 * batch in hand, commits, and leaves the group.
 */
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';

import type { IgnoredDomains } from './ignored-domains';
import { emptyCounts, logCounts, logCountsEvery, type IngestCounts } from './ingest-counts';
import { storeFetchedBatch } from './kafka-batch';
import type { KafkaSettings } from './kafka-settings';
import type { StoreEvents } from './referrer-event-store';

export interface ConsumeOptions {
  kafka: KafkaSettings;
  ignoredDomains: IgnoredDomains;
  store: StoreEvents;
  logger: Logger;
  chunkSize: number;
  progressIntervalMs: number;
  /** Stops the consumer; `consume` resolves once it has left the group. */
  signal: AbortSignal;
}

/** Runs until `signal` aborts (resolving with the counts) or the consumer gives up (rejecting). */
export async function consume(options: ConsumeOptions): Promise<IngestCounts> {
  const counts = emptyCounts();
  const consumer = kafkaClient(options.kafka, options.logger).consumer({
    groupId: options.kafka.groupId,
  });
  const stopLogging = logCountsEvery(
    options.logger,
    counts,
    options.progressIntervalMs,
    'attribution consume progress',
  );
  try {
    const crashed = whenCrashedForGood(consumer);
    // Observed by the race below; a crash while leaving after a stop is no longer news.
    crashed.catch(() => undefined);
    await consumer.connect();
    // A new group starts at the oldest retained record: reading old hits beats losing them.
    await consumer.subscribe({ topics: [options.kafka.topic], fromBeginning: true });
    const dependencies = { ...options, counts };
    await consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: (payload) => storeFetchedBatch(payload.batch, payload, dependencies),
    });
    await Promise.race([crashed, whenAborted(options.signal)]);
    return { ...counts };
  } finally {
    await consumer.disconnect();
    stopLogging();
    logCounts(options.logger, counts, 'attribution consume stopped');
  }
}

type Consumer = ReturnType<Kafka['consumer']>;

/**
 * kafkajs retries a failing batch and restarts a crashed consumer by itself (so a database
 * outage only delays the batch); a crash it will not restart from ends `consume`.
 */
function whenCrashedForGood(consumer: Consumer): Promise<never> {
  return new Promise((_, reject) => {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) reject(payload.error);
    });
  });
}

function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export function kafkaClient(settings: KafkaSettings, logger: Logger): Kafka {
  return new Kafka({
    clientId: 'search-analytics',
    brokers: [...settings.brokers],
    ssl: settings.ssl,
    sasl: settings.sasl as SASLOptions | undefined,
    logLevel: logLevel.INFO,
    logCreator: () => (entry) => logKafkaEntry(logger, entry),
  });
}

/** kafkajs's own log lines, as pino lines of the worker's logger. */
function logKafkaEntry(logger: Logger, { namespace, level, log }: LogEntry): void {
  // pino stamps its own time and message; undefined fields are left out of the line.
  const fields = { kafka: namespace, ...log, message: undefined, timestamp: undefined };
  const message = log.message;
  if (level === logLevel.ERROR) logger.error(fields, message);
  else if (level === logLevel.WARN) logger.warn(fields, message);
  else if (level === logLevel.INFO) logger.info(fields, message);
  else logger.debug(fields, message);
}

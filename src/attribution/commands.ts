/**
 * `search-analytics attribution ingest|consume`: the entry points of the attribution log
 * worker (SPEC §7, issue 4). Each opens what it needs, runs, and closes it again.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';

import { Command, InvalidArgumentError } from 'commander';
import type { Logger } from 'pino';

import type { CommandContext } from '../cli/program';
import { ConfigError } from '../config';
import { assertMigrated, openDatabase, type Database } from '../db/database';
import { ingest } from './ingest';
import { consume } from './kafka-consumer';
import { readLines } from './line-reader';
import { MAX_RECORD_LENGTH } from './parse-record';
import { referrerEventStore } from './referrer-event-store';

/** Rows per INSERT: large enough to amortise a round trip, small enough to commit often. */
const BATCH_SIZE = 5000;
const MAX_BATCH_DELAY_MS = 1000;
const PROGRESS_INTERVAL_MS = 10_000;
/** Every record the parser can accept fits, whatever its characters (UTF-8 takes up to 4 bytes). */
const MAX_LINE_BYTES = 4 * MAX_RECORD_LENGTH;

export function attributionCommand(createContext: () => CommandContext): Command {
  const command = new Command('attribution').description(
    'the attribution log worker: which sites embed the badge images (access-log records in)',
  );
  command
    .command('ingest')
    .description('store the badge hits of newline-delimited access-log records')
    .argument('[file]', 'the records; "-" (the default) reads standard input', '-')
    .option(
      '--skip <records>',
      'pass over that many records first (a failed run names the number)',
      count,
      0,
    )
    .action((file: string, options: { skip: number }) =>
      runIngest(createContext(), file, options.skip),
    );
  command
    .command('consume')
    .description('store the badge hits of the access-log records on KAFKA_TOPIC')
    .action(() => runConsume(createContext()));
  return command;
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

async function runIngest(context: CommandContext, file: string, skip: number): Promise<void> {
  const { config, logger } = context;
  const input = await openInput(file);
  const stop = abortOnSignals(logger);
  try {
    await withDatabase(context, (database) =>
      ingest(readLines(input, MAX_LINE_BYTES), {
        ignoredDomains: config.attributionIgnoredDomains,
        store: referrerEventStore(database.knex),
        logger,
        batchSize: BATCH_SIZE,
        maxBatchDelayMs: MAX_BATCH_DELAY_MS,
        progressIntervalMs: PROGRESS_INTERVAL_MS,
        skip,
        signal: stop.signal,
      }),
    );
  } finally {
    stop.dispose();
    // Standard input would otherwise keep the process waiting after a stop.
    input.destroy();
  }
}

async function openInput(file: string): Promise<Readable> {
  if (file === '-') return process.stdin;
  // Opened before the database, so that a wrong path fails at once and names the file.
  const handle = await fs.promises.open(file, 'r');
  return handle.createReadStream({ highWaterMark: 256 * 1024 });
}

async function runConsume(context: CommandContext): Promise<void> {
  const { config, logger } = context;
  if (config.kafka.brokers.length === 0) {
    throw new ConfigError('KAFKA_BROKERS', 'must name the brokers (host:port,…) to consume from');
  }
  const stop = abortOnSignals(logger);
  try {
    await withDatabase(context, (database) =>
      consume({
        kafka: config.kafka,
        ignoredDomains: config.attributionIgnoredDomains,
        store: referrerEventStore(database.knex),
        logger,
        chunkSize: BATCH_SIZE,
        progressIntervalMs: PROGRESS_INTERVAL_MS,
        signal: stop.signal,
      }),
    );
  } finally {
    stop.dispose();
  }
}

async function withDatabase<T>(
  { config, logger }: CommandContext,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config, logger);
  try {
    await assertMigrated(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** SIGTERM or SIGINT stops the worker cleanly once; a second one gets the default (exit). */
function abortOnSignals(logger: Logger): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping: storing what was read');
    controller.abort();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
    },
  };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from 'pino';

import { createApp } from './app';
import type { Config } from './config';
import { isDatabaseUnreachable } from './db/database-errors';
import { assertMigrated, openDatabase, type Database } from './db/database';
import { EventStore } from './events/event-store';

export interface RunningServer {
  readonly port: number;
  /** Stops accepting, answers the requests in flight, stores their events, closes the database. */
  close(): Promise<void>;
}

/** The runner around the app factory: opens the database, listens, and knows how to stop. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = await openDatabase(config, logger);
  await refuseUnmigrated(database, logger).catch(async (error) => {
    await database.close();
    throw error;
  });
  const events = new EventStore(database, config.ingestQueueMax);
  const app = createApp({ config, database, events, logger });

  const server = http.createServer(app);
  // A slow client must not hold a connection (and its event) for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await listen(server, config.port, config.host);

  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: config.host, embedded: database.embedded }, 'listening');

  return {
    port,
    close: async () => {
      await closeServer(server, config.shutdownTimeoutMs);
      await events.drain();
      await database.close();
      logger.info('stopped');
    },
  };
}

/** Refuses a database behind on migrations; one that cannot be reached yet gets 503s until it is back. */
async function refuseUnmigrated(database: Database, logger: Logger): Promise<void> {
  try {
    await assertMigrated(database);
  } catch (error) {
    if (!isDatabaseUnreachable(error)) throw error;
    logger.warn(
      { cause: String(error) },
      'database unreachable at start; answering 503 until it is back',
    );
  }
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * `server.close` stops accepting and waits for the requests in flight; idle
 * keep-alive connections are closed at once so they cannot delay the exit,
 * and anything still open after the timeout is cut.
 */
function closeServer(server: http.Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** SIGTERM or SIGINT: close the server (see RunningServer.close), then exit 0. */
export function stopOnSignal(server: RunningServer, logger: Logger): void {
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

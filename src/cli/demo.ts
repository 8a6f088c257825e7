/**
 * `demo`: the dashboard on the report fixture, in one command. It keeps its
 * own embedded database under DATA_DIR/demo, so it never touches real data,
 * and a fresh random reports token that it prints with the page's address.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import type { Logger } from 'pino';

import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { pooledSql } from '../db/pooled-sql';
import { reportDays } from '../reports/report-jobs';
import { startServer, stopOnSignal } from '../server';
import {
  clearEventsAndReports,
  createFixtureCatalog,
  eventDays,
  insertFixtureEvents,
  readFixtureEvents,
} from './demo-data';
import type { CommandContext } from './program';

export async function runDashboardDemo({ config, logger }: CommandContext): Promise<void> {
  const demoConfig = Object.freeze({
    ...config,
    // Fixture events must never land in a real database, so DATABASE_URL is ignored.
    databaseUrl: undefined,
    dataDir: path.join(config.dataDir, 'demo'),
    // The token is printed on the terminal; the loopback address keeps the page to this machine.
    host: '127.0.0.1',
    reportsToken: randomBytes(16).toString('base64url'),
  });
  await loadDemoReports(demoConfig, logger);

  const server = await startServer(demoConfig, logger);
  const url = `http://127.0.0.1:${server.port}${demoConfig.basePath}/dashboard`;
  process.stdout.write(
    `\nDashboard demo on the report fixture:\n  ${url}\n` +
      `  reports token: ${demoConfig.reportsToken}\nPress Ctrl+C to stop.\n\n`,
  );
  stopOnSignal(server, logger);
}

/** Replaces whatever the demo database held with the fixture's events and their daily reports. */
async function loadDemoReports(demoConfig: Config, logger: Logger): Promise<void> {
  const database = await openDatabase(demoConfig, logger);
  try {
    const db = pooledSql(database.knex);
    const events = readFixtureEvents();
    await clearEventsAndReports(db);
    await insertFixtureEvents(db, events);
    await createFixtureCatalog(db, demoConfig.catalogImageTable, events);

    const { reportTimeZone: timeZone, catalogImageTable: catalogTable } = demoConfig;
    const { first, last } = await eventDays(db, timeZone);
    await reportDays({ db, logger, timeZone, catalogTable }, first, last);
    logger.info({ first, last }, 'demo reports produced');
  } finally {
    await database.close();
  }
}

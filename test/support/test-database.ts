import { randomBytes } from 'node:crypto';

import { Client } from 'pg';
import pino from 'pino';

import { openDatabase, type Database } from '../../src/db/database';
import { migrate } from '../../src/db/database';
import { IN_MEMORY } from '../../src/db/embedded-postgres';

/**
 * Each test file gets a database of its own: a fresh in-memory PGlite, or,
 * when TEST_DATABASE_URL is set, a new database on that PostgreSQL server,
 * dropped afterwards. No mock of either.
 */
export interface TestDatabase {
  /** The settings to open it with (what DATABASE_URL / DATA_DIR would say). */
  readonly settings: { databaseUrl: string | undefined; dataDir: string };
  readonly label: 'postgresql' | 'embedded';
  drop(): Promise<void>;
}

export const silentLogger = pino({ level: 'silent' });

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    return {
      settings: { databaseUrl: undefined, dataDir: IN_MEMORY },
      label: 'embedded',
      drop: async () => {},
    };
  }

  const name = `sa_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  return {
    settings: { databaseUrl: url.toString(), dataDir: IN_MEMORY },
    label: 'postgresql',
    drop: async () => {
      await withClient(serverUrl, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      );
    },
  };
}

/** A plain `pg` client on `url` for the length of `work`. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Opens a test database through the service's own code and migrates it. */
export async function openMigratedDatabase(
  testDatabase: TestDatabase,
  overrides: { dbPoolMax?: number; dbConnectTimeoutMs?: number } = {},
): Promise<Database> {
  const database = await openDatabase(
    { dbPoolMax: 5, dbConnectTimeoutMs: 2000, ...testDatabase.settings, ...overrides },
    silentLogger,
  );
  if (!database.embedded) await migrate(database, silentLogger);
  return database;
}

/** Rows of a table, for asserting what was stored. */
export async function selectAll(
  database: Database,
  table: string,
): Promise<Record<string, unknown>[]> {
  const result = await database.knex.raw(`select * from ${table} order by id`);
  return result.rows;
}

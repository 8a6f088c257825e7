import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openDatabase } from '../../src/db/database';
import { pooledSql } from '../../src/db/pooled-sql';
import { readReports } from '../../src/reports/read-reports';
import { listDays } from '../../src/reports/report-days';
import { yesterday } from '../../src/reports/report-window';
import { EVENT_TABLES } from '../../src/reports/retention';
import type { Sql } from '../../src/reports/sql-executor';
import { createTestDatabase, openMigratedDatabase, silentLogger } from '../support/test-database';
import { insertAllEvents, readExpectedDays, readFixtureEvents } from './report-fixtures';

/**
 * `search-analytics report | backfill | purge` as an operator runs them: the built CLI
 * (`dist/`, made by `make build` before the tests) in its own process, not on a terminal, so
 * progress comes as JSON log lines. With the embedded database the process keeps its data in
 * a directory that the test opens only while no CLI process holds it (PGlite takes one
 * process at a time).
 */

const cli = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

interface Run {
  code: number | null;
  logs: Record<string, unknown>[];
  stderr: string;
}

interface CliDatabase {
  env: Record<string, string>;
  use<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

async function cliDatabase(workDir: string): Promise<CliDatabase> {
  const testDatabase = await createTestDatabase();
  const settings = { ...testDatabase.settings, dataDir: path.join(workDir, 'data') };
  const url = settings.databaseUrl;
  if (url !== undefined) await (await openMigratedDatabase(testDatabase)).close();
  return {
    env: url === undefined ? { DATA_DIR: settings.dataDir } : { DATABASE_URL: url },
    use: async (work) => {
      const options = { ...settings, dbPoolMax: 1, dbConnectTimeoutMs: 2000 };
      const database = await openDatabase(options, silentLogger);
      try {
        return await work(pooledSql(database.knex));
      } finally {
        await database.close();
      }
    },
    drop: () => testDatabase.drop(),
  };
}

async function run(env: Record<string, string>, ...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout.on('data', (chunk) => out.push(String(chunk)));
  child.stderr.on('data', (chunk) => err.push(String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  const lines = out.join('').split('\n').filter(Boolean);
  return { code, logs: lines.map((line) => JSON.parse(line)), stderr: err.join('') };
}

const label = process.env.TEST_DB_LABEL ?? 'embedded';

describe(`search-analytics report, backfill and purge (${label})`, () => {
  const events = readFixtureEvents();
  const [firstDay, lastDay] = ['2026-11-30', '2026-12-02'];
  let workDir: string;
  let db: CliDatabase;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-report-cli-'));
    db = await cliDatabase(workDir);
    await db.use((sql) => insertAllEvents(sql, events));
  });

  afterAll(async () => {
    await db?.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('when report is given a day, then it stores that day and logs a line for it', async () => {
    const { code, logs } = await run(db.env, 'report', '--day', '2026-12-01');

    expect(code).toBe(0);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'day done', day: '2026-12-01', status: 'produced' }),
    );
    const usage = await db.use((sql) => readReports(sql, 'usage', '2026-12-01', '2026-12-01'));
    const expected = readExpectedDays().find((day) => day.start_time.startsWith('2026-12-01'));
    expect(usage).toEqual([expect.objectContaining({ searches: expected?.usage.searches })]);
  });

  it('when backfill runs twice, then the second run finds every day done', async () => {
    const first = await run(db.env, 'backfill', '--since', firstDay);
    const second = await run(db.env, 'backfill', '--since', firstDay);

    expect([first.code, second.code]).toEqual([0, 0]);
    const missing = await db.use(async (sql) => {
      const days = await listDays(sql, firstDay, await yesterday(sql, 'UTC'), 'UTC');
      return days.filter((day) => !day.reported);
    });
    expect(missing).toEqual([]);
    expect(second.logs).toContainEqual(expect.objectContaining({ msg: 'reports done', days: 0 }));
  });

  it('when purge is a dry run, then it counts the old events of reported days and keeps them', async () => {
    await run(db.env, 'report', '--day', firstDay, '--to', lastDay);

    const { code, logs } = await run({ ...db.env, RETENTION_DAYS: '1' }, 'purge', '--dry-run');

    expect(code).toBe(0);
    const counts = Object.fromEntries(EVENT_TABLES.map((table) => [table, events[table].length]));
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'purge dry run: nothing deleted', rows: counts }),
    );
    const [{ n }] = await db.use((sql) =>
      sql.query<{ n: number }>('select count(*)::int as n from search_event'),
    );
    expect(n).toBe(events.search_event.length);
  });

  it('when a day is not a calendar date, then report exits with status 1 and says why', async () => {
    const { code, stderr } = await run(db.env, 'report', '--day', '2026-02-30');

    expect(code).toBe(1);
    expect(stderr).toMatch(/2026-02-30.*expected a date like/);
  });
});

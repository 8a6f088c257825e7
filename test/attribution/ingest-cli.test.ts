import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openDatabase, type Database } from '../../src/db/database';
import {
  createTestDatabase,
  openMigratedDatabase,
  silentLogger,
  type TestDatabase,
} from '../support/test-database';
import {
  FIXTURE_IGNORED_DOMAINS,
  accessLogFixtureCases,
  accessLogRecord,
  badgeHit,
  expectedRow,
} from './access-log-fixture';
import { countRows, failInsertsFrom, repairInserts, storedRows } from './attribution-database';

/**
 * `search-analytics attribution ingest` as an operator runs it: the built CLI (`dist/`, made
 * by `make build` before the tests) in its own process, on a file or standard input. With
 * the embedded database the process keeps its data in a directory that the test opens after
 * the process has exited (PGlite takes one process at a time).
 */

const cli = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
const FIXTURE_FILE = path.join(__dirname, '..', 'fixtures', 'access-log.jsonl');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The database the CLI process writes to, and a way for the test to look at it. */
interface CliDatabase {
  env: Record<string, string>;
  /** Runs `work` on the database; with PGlite, only while no CLI process holds it. */
  use<T>(work: (database: Database) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

async function cliDatabase(workDir: string): Promise<CliDatabase> {
  const testDatabase: TestDatabase = await createTestDatabase();
  if (testDatabase.settings.databaseUrl !== undefined) {
    const database = await openMigratedDatabase(testDatabase);
    return {
      env: { DATABASE_URL: testDatabase.settings.databaseUrl },
      use: (work) => work(database),
      drop: async () => {
        await database.close();
        await testDatabase.drop();
      },
    };
  }
  const dataDir = path.join(workDir, 'data');
  const settings = { databaseUrl: undefined, dataDir, dbPoolMax: 1, dbConnectTimeoutMs: 2000 };
  return {
    env: { DATA_DIR: dataDir },
    use: async (work) => {
      const database = await openDatabase(settings, silentLogger);
      try {
        return await work(database);
      } finally {
        await database.close();
      }
    },
    drop: async () => {},
  };
}

describe(`search-analytics attribution ingest (${process.env.TEST_DB_LABEL ?? 'embedded'})`, () => {
  let workDir: string;
  let db: CliDatabase;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-attr-cli-'));
    db = await cliDatabase(workDir);
  });

  afterAll(async () => {
    await db.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  beforeEach(() =>
    db.use(async (database) => {
      await repairInserts(database);
      await database.knex.raw('truncate attribution_referrer_event');
    }),
  );

  function start(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [cli, 'attribution', 'ingest', ...args], {
      env: {
        PATH: process.env.PATH,
        ATTRIBUTION_IGNORED_DOMAINS: FIXTURE_IGNORED_DOMAINS,
        LOG_LEVEL: 'info',
        ...db.env,
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk) => (output.stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (output.stderr += String(chunk)));
    const finished = once(child, 'exit').then(([code]): Run => ({ code, ...output }));
    return { child, output, finished };
  }

  function logLines(run: Run): Record<string, unknown>[] {
    return run.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
  }

  it('when given the fixture on standard input, then it stores the expected rows and exits 0', async () => {
    const cases = accessLogFixtureCases();
    const saved = cases.filter(({ expected }) => expected.kind === 'saved');
    const { child, finished } = start(['-']);

    fs.createReadStream(FIXTURE_FILE).pipe(child.stdin);
    const run = await finished;

    expect(run.code).toBe(0);
    expect(logLines(run).pop()).toMatchObject({
      msg: 'attribution ingest finished',
      saved: saved.length,
      ignored: cases.filter(({ expected }) => expected.kind === 'ignored').length,
      malformed: cases.filter(({ expected }) => expected.kind === 'malformed').length,
    });
    const rows = await db.use(storedRows);
    expect(rows).toEqual(saved.map(({ expected }) => expectedRow(expected)));
  });

  it('when the database fails mid-ingest, then it exits non-zero naming the records stored', async () => {
    const file = path.join(workDir, 'records.jsonl');
    fs.writeFileSync(file, numberedRecords(30_000));
    await db.use((database) => failInsertsFrom(database, 12_000));

    const run = await start([file]).finished;

    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    const stored = Number(/after (\d+) records stored/.exec(run.stderr)?.[1]);
    expect(await db.use((database) => countRows(database))).toBe(stored);
    // Where the batches end depends on timing; the failure comes once 12,000 rows are in.
    expect(stored).toBeGreaterThanOrEqual(12_000);
    expect(stored).toBeLessThan(30_000);
    // Every record here is saved, so the records done are exactly the rows stored.
    expect(run.stderr).toContain(`--skip ${stored} `);
  });

  it('when re-run with the --skip it was told, then the rest is stored once', async () => {
    const file = path.join(workDir, 'records.jsonl');
    fs.writeFileSync(file, numberedRecords(30_000));
    await db.use((database) => failInsertsFrom(database, 12_000));
    const failed = await start([file]).finished;
    const skip = /--skip (\d+)/.exec(failed.stderr)![1];
    await db.use(repairInserts);

    const run = await start(['--skip', skip, file]).finished;

    expect(run.code).toBe(0);
    const distinct = await db.use((database) =>
      countRows(database, 'count(distinct full_referer)'),
    );
    expect(distinct).toBe(30_000);
    expect(await db.use((database) => countRows(database))).toBe(30_000);
  });

  it('when stopped with SIGTERM while standard input stays open, then what was read is stored', async () => {
    const { child, output, finished } = start(['-'], { LOG_LEVEL: 'debug' });
    child.stdin.write(numberedRecords(3));
    // A quiet input's rows are stored within a second, without waiting for a full batch.
    await waitFor(() => output.stdout.includes('"msg":"batch stored"'));

    child.kill('SIGTERM');
    const run = await finished;

    expect(run.code).toBe(0);
    expect(logLines(run).pop()).toMatchObject({ msg: 'attribution ingest finished', stored: 3 });
    expect(await db.use((database) => countRows(database))).toBe(3);
  });
});

/** `count` saved records, each with its own referer. */
function numberedRecords(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    lines.push(accessLogRecord(badgeHit(`https://site-${i}.example/page`)));
  }
  return `${lines.join('\n')}\n`;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20_000) throw new Error('condition not met within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

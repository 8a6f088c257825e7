import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openDatabase } from '../../src/db/database';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import {
  createTestDatabase,
  openMigratedDatabase,
  silentLogger,
  type TestDatabase,
} from '../support/test-database';

/**
 * The built service as a real process: the embedded database keeps its rows
 * across restarts, SIGTERM loses no accepted event, and request logs carry
 * no bodies or client addresses.
 */

const secretQuery = 'my private search about a rare orchid';

function searchBody(index: number) {
  return JSON.stringify({
    query: `${secretQuery} ${index}`,
    session_uuid: '6a1c1d2e-8b3f-4c2a-9e4d-1f0a2b3c4d5e',
  });
}

async function postSearch(service: ServiceProcess, index: number): Promise<number> {
  try {
    const response = await fetch(`${service.baseUrl}/search_event/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: searchBody(index),
    });
    await response.text();
    return response.status;
  } catch {
    return 0; // refused or cut: not accepted, so nothing is owed
  }
}

async function stop(service: ServiceProcess): Promise<number | null> {
  service.child.kill('SIGTERM');
  return service.exited;
}

async function countEmbeddedRows(dataDir: string): Promise<number> {
  const config = { databaseUrl: undefined, dataDir, dbPoolMax: 1, dbConnectTimeoutMs: 2000 };
  const database = await openDatabase(config, silentLogger);
  try {
    const result = await database.knex.raw('select count(*)::int as n from search_event');
    return result.rows[0].n;
  } finally {
    await database.close();
  }
}

describe('the service process', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-analytics-'));
  });

  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('when restarted, then the embedded database still has the earlier rows', async () => {
    const first = await startServiceProcess({ DATA_DIR: dataDir });
    for (const index of [1, 2, 3]) expect(await postSearch(first, index)).toBe(201);
    expect(await stop(first)).toBe(0);

    const second = await startServiceProcess({ DATA_DIR: dataDir });
    expect(await postSearch(second, 4)).toBe(201);
    expect(await stop(second)).toBe(0);

    expect(await countEmbeddedRows(dataDir)).toBe(4);
  });

  it('when logging requests, then no body and no client address is written', async () => {
    const service = await startServiceProcess({ DATA_DIR: dataDir });
    expect(await postSearch(service, 1)).toBe(201);
    await stop(service);

    const requestLines = service.logLines.map((line) => JSON.parse(line));
    const requestLog = requestLines.find((entry) => entry.msg === 'request');
    expect(requestLog).toMatchObject({ method: 'POST', route: '/search_event', status: 201 });
    expect(typeof requestLog.duration_ms).toBe('number');
    expect(service.logLines.join('\n')).not.toContain(secretQuery);
    expect(Object.keys(requestLog)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/addr|ip|agent|body/i)]),
    );
  });
});

describe(`SIGTERM during load (${process.env.TEST_DB_LABEL ?? 'embedded'} database)`, () => {
  let testDatabase: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-analytics-'));
  });

  afterAll(async () => {
    await testDatabase.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when SIGTERM arrives with requests in flight, then every 201 has its row and exit is 0', async () => {
    const databaseUrl = testDatabase.settings.databaseUrl;
    if (databaseUrl) await (await openMigratedDatabase(testDatabase)).close();
    const env: Record<string, string> = databaseUrl
      ? { DATABASE_URL: databaseUrl }
      : { DATA_DIR: dataDir };
    const service = await startServiceProcess(env);

    const requests = Array.from({ length: 300 }, (_, index) => postSearch(service, index));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exitCode = stop(service);
    const statuses = await Promise.all(requests);

    expect(await exitCode).toBe(0);
    const created = statuses.filter((status) => status === 201).length;
    expect(created).toBeGreaterThan(0);
    expect(await countRows(databaseUrl, dataDir)).toBe(created);
  });

  async function countRows(databaseUrl: string | undefined, dir: string): Promise<number> {
    if (!databaseUrl) return countEmbeddedRows(dir);

    const database = await openMigratedDatabase(testDatabase);
    try {
      const result = await database.knex.raw('select count(*)::int as n from search_event');
      return result.rows[0].n;
    } finally {
      await database.close();
    }
  }
});

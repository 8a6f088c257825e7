import { openDatabase, migrate, type Database } from '../../src/db/database';
import {
  IN_MEMORY,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../src/db/embedded-postgres';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, silentLogger, type TestDatabase } from '../support/test-database';

/**
 * SPEC §3 rule 13: with the database unreachable, requests get a quick 503
 * with Retry-After, and the service recovers by itself once it is back. The
 * database sits behind a loopback proxy that the test cuts and restores.
 */

const search = { query: 'lighthouse', session_uuid: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' };

async function targetUrl(testDatabase: TestDatabase): Promise<{ url: URL; stop(): Promise<void> }> {
  if (testDatabase.settings.databaseUrl) {
    return { url: new URL(testDatabase.settings.databaseUrl), stop: async () => {} };
  }
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres(IN_MEMORY);
  return { url: new URL(embedded.url), stop: () => embedded.stop() };
}

describe(`database outage (${process.env.TEST_DB_LABEL ?? 'embedded'} database)`, () => {
  let testDatabase: TestDatabase;
  let target: { url: URL; stop(): Promise<void> };
  let proxy: TcpProxy;
  let database: Database;
  let app: TestApp;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    target = await targetUrl(testDatabase);
    proxy = await startTcpProxy(target.url.hostname, Number(target.url.port || 5432));

    const viaProxy = new URL(target.url);
    viaProxy.port = String(proxy.port);
    // One connection, as the embedded database allows; a server would take more.
    const settings = { databaseUrl: viaProxy.toString(), dataDir: IN_MEMORY };
    database = await openDatabase(
      { ...settings, dbPoolMax: 1, dbConnectTimeoutMs: 1000 },
      silentLogger,
    );
    await migrate(database, silentLogger);
    app = await startTestApp(database);
  });

  afterAll(async () => {
    await app.close();
    await database.close();
    await proxy.close();
    await target.stop();
    await testDatabase.drop();
  });

  it('when the database is unreachable, then events get 503 with Retry-After within 5 s', async () => {
    expect((await app.request('/search_event', { body: search })).status).toBe(201);
    await proxy.cut();

    const started = Date.now();
    const response = await app.request('/search_event', { body: search });

    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await app.request('/readyz')).status).toBe(503);
  });

  it('when the database comes back, then events are stored again without a restart', async () => {
    await proxy.restore();

    const response = await app.request('/search_event', { body: search });

    expect(response.status).toBe(201);
    expect((await app.request('/readyz')).status).toBe(200);
    const rows = await database.knex.raw('select count(*)::int as n from search_event');
    expect(rows.rows[0].n).toBe(2);
  });
});

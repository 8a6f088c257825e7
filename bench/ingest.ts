/**
 * `make bench`: ingestion throughput of the service against a bare Express 5
 * app (the floor), both driven over loopback by autocannon for the same time.
 * Prints, per case, requests/s, events/s, p50, p99, errors and the ratio to
 * the floor, and checks that the rows stored equal the 201s counted.
 *
 *   make bench                      # PostgreSQL (BENCH_DATABASE_URL or the local server)
 *   make bench BENCH_DB=embedded    # PGlite
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

import autocannon from 'autocannon';
import { Client } from 'pg';

interface Case {
  name: string;
  path: string;
  connections: number;
  body: string;
  eventsPerRequest: number;
  table: string | undefined;
}

interface Figures {
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  created: number;
}

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const root = path.join(__dirname, '..', '..');
const session = '6a1c1d2e-8b3f-4c2a-9e4d-1f0a2b3c4d5e';
const searchBody = JSON.stringify({
  query: 'mountain lake',
  session_uuid: session,
  result_count: 12,
});
const batchBody = JSON.stringify({
  events: Array.from({ length: 100 }, (_, index) => ({
    kind: 'search_event',
    query: `batch term ${index}`,
    session_uuid: session,
  })),
});

function cases(): Case[] {
  const single = (connections: number): Case => ({
    name: `single event, ${connections} connections`,
    path: '/search_event',
    connections,
    body: searchBody,
    eventsPerRequest: 1,
    table: 'search_event',
  });
  const batch: Case = {
    name: 'batch of 100, 16 connections',
    path: '/events',
    connections: 16,
    body: batchBody,
    eventsPerRequest: 100,
    table: 'search_event',
  };
  return [single(1), single(16), single(64), batch];
}

async function drive(baseUrl: string, benchCase: Case): Promise<Figures> {
  const result = await autocannon({
    url: baseUrl + benchCase.path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: benchCase.body,
    connections: benchCase.connections,
    duration: durationSeconds,
  });
  const requestsPerSecond = result.requests.average;
  return {
    requestsPerSecond,
    eventsPerSecond: requestsPerSecond * benchCase.eventsPerRequest,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    created: result['2xx'],
  };
}

/**
 * Starts a server process on a free loopback port and waits until it answers.
 * Its log goes to /dev/null: written (as in production) but not read here.
 */
async function startProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((_, reject) =>
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`))),
  );
  await Promise.race([waitUntilListening(port), exited]);
  return { child, port };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilListening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      await fetch(`http://127.0.0.1:${port}/healthz`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nothing listening on port ${port}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const name = `sa_bench_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
  return { url: url.toString(), drop };
}

function cli(...args: string[]): string[] {
  return [path.join(root, 'dist', 'src', 'cli', 'main.js'), ...args];
}

async function migrate(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, cli('migrate'), {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error('migrate failed');
}

async function countRows(databaseUrl: string | undefined, table: string, dataDir: string) {
  if (!databaseUrl) return countEmbeddedRows(table, dataDir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const result = await client.query(`select count(*)::int as n from ${table}`);
  await client.end();
  return result.rows[0].n as number;
}

async function countEmbeddedRows(table: string, dataDir: string): Promise<number> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(path.join(dataDir, 'pgdata'));
  const result = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  await db.close();
  return result.rows[0].n;
}

function print(
  name: string,
  figures: Figures,
  floor: number | undefined,
  lost: number | undefined,
) {
  const ratio = floor ? (figures.requestsPerSecond / floor).toFixed(2) : '-';
  const cells = [
    name.padEnd(34),
    figures.requestsPerSecond.toFixed(0).padStart(8),
    figures.eventsPerSecond.toFixed(0).padStart(9),
    `${figures.p50}`.padStart(6),
    `${figures.p99}`.padStart(6),
    `${figures.errors}`.padStart(7),
    ratio.padStart(6),
    lost === undefined ? '     -' : `${lost}`.padStart(6),
  ];
  console.log(cells.join(' '));
}

async function main(): Promise<void> {
  const embedded = process.env.BENCH_DB === 'embedded';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-'));
  const postgres = embedded ? undefined : await freshPostgres();
  const env: Record<string, string> = postgres
    ? { DATABASE_URL: postgres.url, DB_POOL_MAX: '8' }
    : { DATA_DIR: dataDir };

  console.log(
    `# ${embedded ? 'embedded PGlite' : 'PostgreSQL'}, ${durationSeconds} s per case, ${os.cpus().length} cores`,
  );
  console.log(
    'case                               req/s  events/s  p50ms  p99ms  errors  floor   lost',
  );
  try {
    if (postgres) await migrate(env);
    await runCases(env, postgres?.url, dataDir);
  } finally {
    await postgres?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runCases(
  env: Record<string, string>,
  databaseUrl: string | undefined,
  dataDir: string,
) {
  const floor = await startProcess([path.join(__dirname, 'bare-express.js')], {});
  const floors = new Map<number, number>();
  for (const connections of [1, 16, 64]) {
    const figures = await drive(`http://127.0.0.1:${floor.port}`, { ...cases()[0], connections });
    floors.set(connections, figures.requestsPerSecond);
    print(`floor: bare Express, ${connections} conn.`, figures, undefined, undefined);
  }
  await stopProcess(floor.child);

  // Rows are counted after each service run stops, so that the embedded
  // database (one process at a time) is counted the same way as PostgreSQL.
  let rowsBefore = 0;
  const failures: string[] = [];
  for (const benchCase of cases()) {
    const service = await startProcess(cli('serve'), env);
    const figures = await drive(`http://127.0.0.1:${service.port}`, benchCase);
    await stopProcess(service.child);

    const rowsAfter = await countRows(databaseUrl, benchCase.table!, dataDir);
    const stored = rowsAfter - rowsBefore;
    const counted = figures.created * benchCase.eventsPerRequest;
    // autocannon stops counting when the time is up, but requests still in
    // flight are answered and stored: at most one per connection more rows
    // than counted 201s is expected; fewer rows than 201s is a lost event.
    const unanswered = stored - counted;
    if (unanswered < 0 || unanswered > benchCase.connections * benchCase.eventsPerRequest) {
      failures.push(`${benchCase.name}: ${counted} events answered 201, ${stored} rows stored`);
    }
    rowsBefore = rowsAfter;
    const floorRate =
      benchCase.eventsPerRequest === 1 ? floors.get(benchCase.connections) : undefined;
    print(benchCase.name, figures, floorRate, Math.max(0, counted - stored));
  }
  if (failures.length > 0) throw new Error(`rows and 201s disagree:\n${failures.join('\n')}`);
  console.log('rows stored = events answered 201 (+ requests in flight at the end) in every case');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

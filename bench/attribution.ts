/**
 * `make bench-attribution`: throughput of `search-analytics attribution ingest FILE` on
 * 1,000,000 generated access-log records into PostgreSQL (DATABASE_URL, else the local
 * server's `test` database). The built CLI runs as an operator runs it; the time is from its
 * start to its exit, so opening the database and the final commit are included.
 *
 * The records are what a log shipper sends (wrapped JSON): 85% badge hits from other sites,
 * 5% from the ignored domain, 5% other files, 5% malformed, so every path of the parser runs.
 * The rows the run adds are deleted afterwards.
 *
 *   make bench-attribution
 *   BENCH_RECORDS=200000 DATABASE_URL=postgresql://… make bench-attribution
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

const records = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const cli = path.join(__dirname, '..', 'src', 'cli', 'main.js');

function record(i: number): string {
  const kind = i % 20;
  const path = kind === 18 ? '/static/img/logo.png' : '/static/img/cc-by.svg';
  const referer =
    kind === 19 ? 'https://search.example.org/' : `https://site-${i % 5000}.example/posts/${i}`;
  const inner = JSON.stringify({
    time_local: '03/Dec/2026:10:15:42 +0000',
    remote_addr: '203.0.113.7',
    request: `GET ${path}?image_id=${uuid(i)} HTTP/1.1`,
    status: 200,
    body_bytes_sent: 1542,
    http_referer: `${referer}?utm_source=feed`,
    http_user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    upstream_response_time: '0.004',
  });
  const message = kind === 17 ? inner.slice(0, 40) : inner;
  return JSON.stringify({
    '@timestamp': '2026-12-03T10:15:42.000Z',
    message,
    host: { name: 'web-1' },
  });
}

function uuid(i: number): string {
  const hex = i.toString(16).padStart(12, '0');
  return `3b5e2c1a-7d4f-4e8b-a9c0-${hex}`;
}

async function writeRecords(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  for (let i = 0; i < records; i += 1) {
    if (!out.write(`${record(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Runs the CLI on `file`; resolves with its final log line and the seconds it took. */
async function ingestFile(
  file: string,
): Promise<{ seconds: number; final: Record<string, number> }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, 'attribution', 'ingest', file], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      ATTRIBUTION_IGNORED_DOMAINS: 'example.org',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  const [code] = await once(child, 'exit');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`attribution ingest exited with ${code}`);
  const final = JSON.parse(output.trim().split('\n').pop()!);
  return { seconds, final };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-bench-attribution-'));
  const file = path.join(dir, 'access.log.jsonl');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await writeRecords(file);
    await migrate();
    const before = await maxId(client);

    const { seconds, final } = await ingestFile(file);

    const added = Number((await client.query(countSql, [before])).rows[0].n);
    report(seconds, final, added, fs.statSync(file).size);
    await client.query('delete from attribution_referrer_event where id > $1', [before]);
  } finally {
    await client.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const countSql = 'select count(*) as n from attribution_referrer_event where id > $1';

async function maxId(client: Client): Promise<string> {
  const result = await client.query(
    'select coalesce(max(id), 0) as id from attribution_referrer_event',
  );
  return String(result.rows[0].id);
}

async function migrate(): Promise<void> {
  const child = spawn(process.execPath, [cli, 'migrate'], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`migrate exited with ${code}`);
}

function report(seconds: number, final: Record<string, number>, added: number, bytes: number) {
  const rate = Math.round(records / seconds);
  console.log(`attribution ingest: ${records} records (${(bytes / 2 ** 20).toFixed(0)} MiB)`);
  console.log(`  saved ${final.saved}, ignored ${final.ignored}, malformed ${final.malformed}`);
  console.log(`  rows added ${added}${added === final.saved ? '' : ' (MISMATCH with saved)'}`);
  console.log(`  ${seconds.toFixed(2)} s, ${rate} records/s`);
  if (added !== final.saved) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

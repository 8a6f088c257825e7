import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { parseIgnoredDomains } from '../../src/attribution/ignored-domains';
import { ingest, IngestStoppedError, type IngestOptions } from '../../src/attribution/ingest';
import { readLines } from '../../src/attribution/line-reader';
import { referrerEventStore, type StoreEvents } from '../../src/attribution/referrer-event-store';
import type { Database } from '../../src/db/database';
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
  expectedRow,
} from './access-log-fixture';
import {
  clearEvents,
  countRows,
  failInsertsFrom,
  repairInserts,
  storedRows,
} from './attribution-database';

/**
 * `ingest` with the real INSERT into the test database (embedded, or PostgreSQL when
 * TEST_DATABASE_URL is set), reading files as the command does.
 */

const FIXTURE_FILE = path.join(__dirname, '..', 'fixtures', 'access-log.jsonl');
const MAX_LINE_BYTES = 256 * 1024;

function fileLines(file: string) {
  return readLines(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), MAX_LINE_BYTES);
}

function* numbered(count: number, from = 0): Generator<number> {
  for (let i = from; i < from + count; i += 1) yield i;
}

/** Writes lines to a file through a stream, so the test never holds the file either. */
async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  for (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return fs.statSync(file).size;
}

const USER_AGENT = `Mozilla/5.0 (X11; Linux x86_64) ${'AppleWebKit/537.36 (KHTML, like Gecko) '.repeat(14)}`;

/** Record `i` of a generated log: every tenth is cut short (malformed), the others saved. */
function generatedRecord(i: number): string {
  const record = accessLogRecord({
    request: 'GET /static/img/cc-by.svg HTTP/1.1',
    http_referer: `https://site-${i % 1000}.example/page/${i}?session=${i}`,
    http_user_agent: USER_AGENT,
  });
  return i % 10 === 0 ? record.slice(0, -20) : record;
}

describe(`attribution ingest into the database (${process.env.TEST_DB_LABEL ?? 'embedded'})`, () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let workDir: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openMigratedDatabase(testDatabase);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-attr-ingest-'));
  });

  afterAll(async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    await database.close();
    await testDatabase.drop();
  });

  beforeEach(() => clearEvents(database));

  function options(overrides: Partial<IngestOptions> = {}): IngestOptions {
    return {
      ignoredDomains: parseIgnoredDomains(FIXTURE_IGNORED_DOMAINS),
      store: referrerEventStore(database.knex),
      logger: silentLogger,
      batchSize: 5000,
      // Only full batches (and the last) are sent, so where batches end is known in advance.
      maxBatchDelayMs: 600_000,
      progressIntervalMs: 10_000,
      skip: 0,
      ...overrides,
    };
  }

  it('when the fixture file is ingested, then exactly the expected rows are stored', async () => {
    const cases = accessLogFixtureCases();
    const saved = cases.filter(({ expected }) => expected.kind === 'saved');

    const counts = await ingest(fileLines(FIXTURE_FILE), options());

    expect(await storedRows(database)).toEqual(saved.map(({ expected }) => expectedRow(expected)));
    expect(counts).toMatchObject({
      saved: saved.length,
      ignored: cases.filter(({ expected }) => expected.kind === 'ignored').length,
      malformed: cases.filter(({ expected }) => expected.kind === 'malformed').length,
      stored: saved.length,
    });
  });

  it('when rows are stored, then the database sets their timestamp', async () => {
    const before = await database.knex.raw('select now() as now');

    await ingest(fileLines(FIXTURE_FILE), options());

    const result = await database.knex.raw(
      'select count(*) as n from attribution_referrer_event where "timestamp" >= ?',
      [before.rows[0].now],
    );
    expect(Number(result.rows[0].n)).toBe(await countRows(database));
  });

  it('when 200,000 records with a tenth malformed are ingested, then all are counted and memory stays flat', async () => {
    const file = path.join(workDir, 'generated.jsonl');
    const fileSize = await writeLines(file, mapIterable(numbered(200_000), generatedRecord));
    const heap = heapSampler();

    const counts = await ingest(
      fileLines(file),
      options({ store: heap.sampling(options().store) }),
    );

    expect(counts).toMatchObject({ read: 200_000, saved: 180_000, ignored: 0, malformed: 20_000 });
    expect(counts.stored).toBe(180_000);
    expect(await countRows(database)).toBe(180_000);
    const domains = new Set(
      [...numbered(200_000)].filter((i) => i % 10 !== 0).map((i) => i % 1000),
    );
    expect(await countRows(database, 'count(distinct referer_domain)')).toBe(domains.size);
    // Reading the file whole would take at least its size; streaming stays far below it.
    expect(fileSize).toBeGreaterThan(128 * 2 ** 20);
    // (about 25 MiB of short-lived garbage is typical; holding the input would exceed 150 MiB)
    expect(heap.growth()).toBeLessThan(96 * 2 ** 20);
  });

  it('when the database fails mid-ingest, then ingest stops saying how many records were stored', async () => {
    const file = path.join(workDir, 'thirty-thousand.jsonl');
    await writeLines(
      file,
      mapIterable(numbered(30_000), (i) => generatedRecord(i * 10 + 1)),
    );
    // Batches of 5,000: the fourth INSERT finds 15,000 rows and fails.
    await failInsertsFrom(database, 12_000);

    const failure = await ingest(fileLines(file), options()).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(IngestStoppedError);
    const { counts, message } = failure as IngestStoppedError;
    expect(counts.stored).toBe(15_000);
    expect(message).toContain('after 15000 records stored');
    expect(message).toContain('No space left on device');
    expect(await countRows(database)).toBe(15_000);
  });

  it('when a failed ingest is re-run with --skip, then every record is stored exactly once', async () => {
    const file = path.join(workDir, 'resume.jsonl');
    await writeLines(
      file,
      mapIterable(numbered(30_000), (i) => generatedRecord(i * 10 + 1)),
    );
    await failInsertsFrom(database, 12_000);
    const failure = (await ingest(fileLines(file), options()).catch(
      (e) => e,
    )) as IngestStoppedError;
    await repairInserts(database);

    await ingest(fileLines(file), options({ skip: failure.counts.doneThrough }));

    expect(await countRows(database)).toBe(30_000);
    expect(await countRows(database, 'count(distinct full_referer)')).toBe(30_000);
  });
});

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** The largest growth of the JS heap seen at any store call, over the heap before. */
function heapSampler() {
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  return {
    sampling(store: StoreEvents): StoreEvents {
      return (events) => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        return store(events);
      };
    },
    growth: () => peak - baseline,
  };
}

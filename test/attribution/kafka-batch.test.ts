import { parseIgnoredDomains } from '../../src/attribution/ignored-domains';
import { emptyCounts } from '../../src/attribution/ingest-counts';
import {
  storeFetchedBatch,
  type BatchControl,
  type BatchDependencies,
  type FetchedBatch,
} from '../../src/attribution/kafka-batch';
import { referrerEventStore, type StoreEvents } from '../../src/attribution/referrer-event-store';
import type { Database } from '../../src/db/database';
import {
  createTestDatabase,
  openMigratedDatabase,
  type TestDatabase,
} from '../support/test-database';
import {
  FIXTURE_IGNORED_DOMAINS,
  accessLogFixtureCases,
  accessLogRecord,
  badgeHit,
  expectedRow,
} from './access-log-fixture';
import { clearEvents, countRows, failInsertsFrom, storedRows } from './attribution-database';

/**
 * The consumer's logic through its seam: kafkajs would hand storeFetchedBatch a fetched batch
 * and its payload functions; here the test does, and records what the consumer asks of Kafka.
 * The rows go to the real test database.
 */

/** The payload functions of kafkajs, recording each call in order. */
function recordingControl(running: () => boolean = () => true) {
  const calls: string[] = [];
  const control: BatchControl = {
    resolveOffset: (offset) => calls.push(`resolve ${offset}`),
    heartbeat: async () => void calls.push('heartbeat'),
    commitOffsetsIfNecessary: async () => void calls.push('commit'),
    isRunning: running,
    isStale: () => false,
  };
  return { control, calls };
}

/** Messages at offsets 100, 101, … holding the given records. */
function batchOf(values: (string | null)[]): FetchedBatch {
  return {
    messages: values.map((value, i) => ({
      offset: String(100 + i),
      value: value === null ? null : Buffer.from(value),
    })),
  };
}

function savedRecord(n: number): string {
  return accessLogRecord(badgeHit(`https://site-${n}.example/`));
}

describe(`attribution consumer batches (${process.env.TEST_DB_LABEL ?? 'embedded'} database)`, () => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openMigratedDatabase(testDatabase);
  });

  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  beforeEach(() => clearEvents(database));

  function dependencies(overrides: Partial<BatchDependencies> = {}): BatchDependencies {
    return {
      ignoredDomains: parseIgnoredDomains(FIXTURE_IGNORED_DOMAINS),
      store: referrerEventStore(database.knex),
      counts: emptyCounts(),
      chunkSize: 5000,
      ...overrides,
    };
  }

  /** The real store, noting each INSERT in `calls` once it has committed. */
  function notingStore(calls: string[]): StoreEvents {
    const store = referrerEventStore(database.knex);
    return async (events) => {
      await store(events);
      calls.push(`stored ${events.length}`);
    };
  }

  it('when a batch holds the fixture records, then the expected rows are stored and every offset resolved', async () => {
    const cases = accessLogFixtureCases();
    const { control, calls } = recordingControl();
    const deps = dependencies();

    await storeFetchedBatch(batchOf(cases.map(({ line }) => line)), control, deps);

    const saved = cases.filter(({ expected }) => expected.kind === 'saved');
    expect(await storedRows(database)).toEqual(saved.map(({ expected }) => expectedRow(expected)));
    const offsets = cases.map((_, i) => `resolve ${100 + i}`);
    expect(calls.filter((call) => call.startsWith('resolve'))).toEqual(offsets);
    expect(deps.counts).toMatchObject({
      read: cases.length,
      saved: saved.length,
      stored: saved.length,
    });
  });

  it('when a batch is stored in chunks, then each chunk is committed before its offsets resolve, in order', async () => {
    const { control, calls } = recordingControl();
    const records = [1, 2, 3, 4, 5].map(savedRecord);

    await storeFetchedBatch(
      batchOf(records),
      control,
      dependencies({ store: notingStore(calls), chunkSize: 2 }),
    );

    // prettier-ignore
    expect(calls).toEqual([
      'stored 2', 'resolve 100', 'resolve 101', 'commit', 'heartbeat',
      'stored 2', 'resolve 102', 'resolve 103', 'commit', 'heartbeat',
      'stored 1', 'resolve 104', 'commit', 'heartbeat',
    ]);
  });

  it('when the database fails, then the batch rejects and the failed chunk stays unresolved', async () => {
    const { control, calls } = recordingControl();
    const deps = dependencies({ chunkSize: 3 });
    await failInsertsFrom(database, 3);

    const stored = storeFetchedBatch(batchOf([1, 2, 3, 4, 5, 6].map(savedRecord)), control, deps);

    await expect(stored).rejects.toThrow('No space left on device');
    expect(calls.filter((call) => call.startsWith('resolve'))).toEqual([
      'resolve 100',
      'resolve 101',
      'resolve 102',
    ]);
    expect(await countRows(database)).toBe(3);
    expect(deps.counts).toMatchObject({ read: 3, saved: 3, stored: 3 });
  });

  it('when the consumer stops mid-batch, then the rest of the batch is left for the next fetch', async () => {
    let chunks = 0;
    const { control, calls } = recordingControl(() => chunks++ < 1);

    await storeFetchedBatch(
      batchOf([1, 2, 3, 4].map(savedRecord)),
      control,
      dependencies({ chunkSize: 2 }),
    );

    expect(calls.filter((call) => call.startsWith('resolve'))).toEqual([
      'resolve 100',
      'resolve 101',
    ]);
    expect(await countRows(database)).toBe(2);
  });

  it('when a message has no value (a tombstone), then it counts as malformed and is resolved', async () => {
    const { control, calls } = recordingControl();
    const deps = dependencies();

    await storeFetchedBatch(batchOf([null, savedRecord(1)]), control, deps);

    expect(calls.filter((call) => call.startsWith('resolve'))).toEqual([
      'resolve 100',
      'resolve 101',
    ]);
    expect(deps.counts).toMatchObject({ malformed: 1, saved: 1, stored: 1 });
  });
});

import { randomBytes } from 'node:crypto';

import { parseIgnoredDomains } from '../../src/attribution/ignored-domains';
import { consume, kafkaClient, type ConsumeOptions } from '../../src/attribution/kafka-consumer';
import { referrerEventStore } from '../../src/attribution/referrer-event-store';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import {
  createTestDatabase,
  openMigratedDatabase,
  silentLogger,
  type TestDatabase,
} from '../support/test-database';
import { FIXTURE_IGNORED_DOMAINS, accessLogFixtureCases, expectedRow } from './access-log-fixture';
import { countRows, storedRows } from './attribution-database';

/**
 * `attribution consume` against a real broker. No broker can be installed where the suite
 * usually runs, and a stand-in would prove nothing about kafkajs, so this runs only when
 * KAFKA_BROKERS names one (README, "Attribution log worker"). The consumer's own logic is
 * covered without a broker by kafka-batch.test.ts.
 */

const brokers = process.env.KAFKA_BROKERS;

if (!brokers) {
  describe('attribution consume against a Kafka broker', () => {
    it.skip('skipped: set KAFKA_BROKERS=host:port (and KAFKA_SASL_*, KAFKA_SSL if needed) to run', () => {});
  });
} else {
  describe('attribution consume against a Kafka broker', () => {
    const topic = `sa-attr-test-${randomBytes(4).toString('hex')}`;
    const settings = loadConfig({
      ...kafkaVariables(),
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: topic,
    }).kafka;
    const kafka = kafkaClient(settings, silentLogger);
    const cases = accessLogFixtureCases();
    let testDatabase: TestDatabase;
    let database: Database;

    beforeAll(async () => {
      testDatabase = await createTestDatabase();
      database = await openMigratedDatabase(testDatabase);
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
      await admin.disconnect();
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: cases.map(({ line }) => ({ value: line })) });
      await producer.disconnect();
    });

    afterAll(async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
      await database.close();
      await testDatabase.drop();
    });

    function consumeFor(signal: AbortSignal) {
      const options: ConsumeOptions = {
        kafka: settings,
        ignoredDomains: parseIgnoredDomains(FIXTURE_IGNORED_DOMAINS),
        store: referrerEventStore(database.knex),
        logger: silentLogger,
        chunkSize: 5000,
        progressIntervalMs: 10_000,
        signal,
      };
      return consume(options);
    }

    it('when the fixture records are on the topic, then their rows are stored and the offsets committed', async () => {
      const saved = cases.filter(({ expected }) => expected.kind === 'saved');
      const controller = new AbortController();

      const running = consumeFor(controller.signal);
      await waitFor(async () => (await countRows(database)) >= saved.length);
      controller.abort();
      const counts = await running;

      // Two partitions: the order across them is Kafka's, so rows compare as a set.
      const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
      expect(sorted(await storedRows(database))).toEqual(
        sorted(saved.map(({ expected }) => expectedRow(expected))),
      );
      expect(counts).toMatchObject({ read: cases.length, stored: saved.length });
      expect(await committedMessages()).toBe(cases.length);
    });

    it('when the group consumes again, then no record is stored twice', async () => {
      const before = await countRows(database);
      const controller = new AbortController();

      const running = consumeFor(controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      controller.abort();
      const counts = await running;

      expect(counts.read).toBe(0);
      expect(await countRows(database)).toBe(before);
    });

    async function committedMessages(): Promise<number> {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const [committed] = await admin.fetchOffsets({ groupId: topic, topics: [topic] });
        return committed.partitions.reduce(
          (sum, { offset }) => sum + Math.max(0, Number(offset)),
          0,
        );
      } finally {
        await admin.disconnect();
      }
    }
  });
}

/** The KAFKA_* variables of this run, so brokers that need SASL or TLS work too. */
function kafkaVariables(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name.startsWith('KAFKA_')),
  );
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 200) {
    if (waited > 50_000) throw new Error('condition not met within 50 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

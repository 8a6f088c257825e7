import { randomUUID } from 'node:crypto';

import type { Database } from '../../src/db/database';
import { startTestApp, startTestStack, type TestApp, type TestStack } from '../support/test-app';
import { selectAll } from '../support/test-database';

/**
 * Natural batching of single events and the batch endpoint (issue 5): every
 * request gets its own answer and its own row, a refused row fails only its
 * own request, a full queue answers 503, and a batch is all-or-nothing.
 */

const search = (query: string) => ({ query, session_uuid: randomUUID() });

async function countRows(database: Database, table: string): Promise<number> {
  const result = await database.knex.raw(`select count(*)::int as n from ${table}`);
  return result.rows[0].n;
}

describe(`event batching (${process.env.TEST_DB_LABEL ?? 'embedded'} database)`, () => {
  let stack: TestStack;
  let database: Database;
  let app: TestApp;

  beforeAll(async () => {
    stack = await startTestStack();
    ({ database, app } = stack);
  });

  afterAll(() => stack.close());

  beforeEach(async () => {
    await database.knex.raw(
      'truncate search_event, search_rating_event, result_clicked_event, detail_page_event',
    );
  });

  it('when hundreds of requests are in flight, then each gets its own answer and row', async () => {
    const bodies = Array.from({ length: 400 }, (_, index) => search(`concurrent ${index}`));

    const responses = await Promise.all(
      bodies.map((body) => app.request('/search_event', { body })),
    );

    expect(responses.map((response) => response.status)).toEqual(bodies.map(() => 201));
    const rows = await selectAll(database, 'search_event');
    const stored = rows.map((row) => `${row.query}|${row.session_uuid}`).sort();
    expect(stored).toEqual(bodies.map((body) => `${body.query}|${body.session_uuid}`).sort());
  });

  it('when the database refuses one row among concurrent singles, then only it fails', async () => {
    await database.knex.raw(
      "alter table search_event add constraint test_refuse check (query <> 'refuse me')",
    );
    try {
      const queries = Array.from({ length: 60 }, (_, index) =>
        index === 30 ? 'refuse me' : `fine ${index}`,
      );

      const responses = await Promise.all(
        queries.map((query) => app.request('/search_event', { body: search(query) })),
      );

      const expected = queries.map((query) => (query === 'refuse me' ? 400 : 201));
      expect(responses.map((response) => response.status)).toEqual(expected);
      const stored = (await selectAll(database, 'search_event')).map((row) => row.query);
      expect(stored.sort()).toEqual(queries.filter((query) => query !== 'refuse me').sort());
    } finally {
      await database.knex.raw('alter table search_event drop constraint test_refuse');
    }
  });

  it('when the queue is full, then the overflow gets 503 with Retry-After and no row', async () => {
    const tinyQueue = await startTestApp(database, { INGEST_QUEUE_MAX: '2' });
    // Holding the table (and, on the one-connection embedded pool, the
    // connection) keeps the first INSERT waiting, so the queue fills for sure.
    const blocker = await database.knex.transaction();
    await blocker.raw('lock table search_event in exclusive mode');
    try {
      const pending = Array.from({ length: 100 }, (_, index) =>
        tinyQueue.request('/search_event', { body: search(`burst ${index}`) }),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      await blocker.commit();
      const responses = await Promise.all(pending);

      const created = responses.filter((response) => response.status === 201);
      const refused = responses.filter((response) => response.status === 503);
      expect(created.length + refused.length).toBe(100);
      expect(created.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      const retryAfter = refused.map((response) => Number(response.headers.get('retry-after')));
      expect(retryAfter.every((seconds) => seconds > 0)).toBe(true);
      expect(await countRows(database, 'search_event')).toBe(created.length);
    } finally {
      if (!blocker.isCompleted()) await blocker.rollback();
      await tinyQueue.close();
    }
  });

  it('when a batch mixes kinds, then every event is stored in its table', async () => {
    const session = randomUUID();
    const result = randomUUID().toUpperCase();
    const events = [
      { kind: 'search_event', query: 'owl', session_uuid: session, result_count: 12 },
      { kind: 'search_rating_event', query: 'owl', relevant: false },
      {
        kind: 'result_click_event',
        query: 'owl',
        session_uuid: session,
        result_uuid: result,
        result_rank: 4,
      },
      { kind: 'detail_page_event', event_type: 'CREATOR_CLICKED', result_uuid: result },
      { kind: 'search_event', query: 'owl at night', session_uuid: session },
    ];

    const response = await app.request('/events', { body: { events } });

    expect(response.status).toBe(201);
    expect(response.json).toEqual({ status: 'created', count: 5 });
    expect(await selectAll(database, 'search_event')).toEqual([
      expect.objectContaining({ query: 'owl', session_uuid: session, result_count: 12 }),
      expect.objectContaining({ query: 'owl at night', result_count: null }),
    ]);
    expect(await selectAll(database, 'result_clicked_event')).toEqual([
      expect.objectContaining({ result_uuid: result.toLowerCase(), result_rank: 4 }),
    ]);
    expect(await countRows(database, 'search_rating_event')).toBe(1);
    expect(await countRows(database, 'detail_page_event')).toBe(1);
  });

  it('when one event of a batch is bad, then the 400 names its index and nothing is stored', async () => {
    const events = [
      { kind: 'search_event', ...search('fine') },
      {
        kind: 'result_click_event',
        query: 'x',
        session_uuid: randomUUID(),
        result_uuid: randomUUID(),
        result_rank: -1,
      },
      { kind: 'detail_page_event', event_type: 'LIKED', result_uuid: randomUUID() },
    ];

    const response = await app.request('/events', { body: { events } });

    expect(response.status).toBe(400);
    const paths = (response.json as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/body/events/1/result_rank', '/body/events/2/event_type']),
    );
    expect(paths.some((path) => path.startsWith('/body/events/0'))).toBe(false);
    expect(await countRows(database, 'search_event')).toBe(0);
  });

  it('when a batch has 501 events or none, then it is 400', async () => {
    const tooMany = Array.from({ length: 501 }, (_, index) => ({
      kind: 'search_event',
      ...search(`n${index}`),
    }));

    expect((await app.request('/events', { body: { events: tooMany } })).status).toBe(400);
    expect((await app.request('/events', { body: { events: [] } })).status).toBe(400);
    expect(await countRows(database, 'search_event')).toBe(0);
  });

  it('when a batch of 500 arrives as a text/plain beacon, then all are stored', async () => {
    const events = Array.from({ length: 500 }, (_, index) => ({
      kind: 'search_event',
      ...search(`beacon ${index}`),
    }));

    const response = await app.request('/events', {
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ events }),
    });

    expect(response.status).toBe(201);
    expect(await countRows(database, 'search_event')).toBe(500);
  });

  it('when the database refuses a row of a batch, then nothing of it is stored', async () => {
    await database.knex.raw(
      "alter table search_rating_event add constraint test_refuse check (query <> 'refuse me')",
    );
    try {
      const events = [
        { kind: 'search_event', ...search('kept?') },
        { kind: 'search_rating_event', query: 'refuse me', relevant: true },
      ];

      const response = await app.request('/events', { body: { events } });

      expect(response.status).toBe(400);
      expect(await countRows(database, 'search_event')).toBe(0);
    } finally {
      await database.knex.raw('alter table search_rating_event drop constraint test_refuse');
    }
  });
});

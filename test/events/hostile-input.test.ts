import http from 'node:http';

import type { Database } from '../../src/db/database';
import { startTestStack, type TestApp, type TestStack } from '../support/test-app';
import { selectAll } from '../support/test-database';

/**
 * Inputs a hostile tester sent to the first version, each of which got a 500
 * or was stored altered: now a clear 4xx that stores nothing.
 */

const session = '6a1c1d2e-8b3f-4c2a-9e4d-1f0a2b3c4d5e';

describe(`hostile input (${process.env.TEST_DB_LABEL ?? 'embedded'} database)`, () => {
  let stack: TestStack;
  let database: Database;
  let app: TestApp;

  beforeAll(async () => {
    stack = await startTestStack({ BASE_PATH: '/analytics', REPORTS_TOKEN: 'secret' });
    ({ database, app } = stack);
  });

  afterAll(() => stack.close());

  async function searchRows(): Promise<number> {
    return (await selectAll(database, 'search_event')).length;
  }

  it.each([['[null]'], ['[1]'], ['["search_event"]'], ['[[{"kind": "search_event"}]]']])(
    'when a batch holds %s, then it is 400 naming the item',
    async (events) => {
      const response = await app.request('/analytics/events', { body: `{"events": ${events}}` });

      expect(response.status).toBe(400);
      const paths = (response.json as { errors: { path: string }[] }).errors.map((e) => e.path);
      expect(paths).toContain('/body/events/0');
    },
  );

  it('when a body is not compressed as its Content-Encoding says, then it is 400', async () => {
    const response = await app.request('/analytics/search_event', {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: JSON.stringify({ query: 'cat', session_uuid: session }),
    });

    expect(response.status).toBe(400);
  });

  it.each([
    ['a lone high surrogate', '"a\\ud800b"'],
    ['a lone low surrogate', '"\\udc00"'],
  ])('when the query holds %s, then it is 400 and nothing is stored', async (_name, query) => {
    const before = await searchRows();

    const response = await app.request('/analytics/search_event', {
      headers: { 'content-type': 'application/json' },
      body: `{"query": ${query}, "session_uuid": "${session}"}`,
    });

    expect(response.status).toBe(400);
    expect(await searchRows()).toBe(before);
  });

  it('when the body is not valid UTF-8, then it is 400 and nothing is stored', async () => {
    const before = await searchRows();
    const body = Buffer.concat([
      Buffer.from(`{"session_uuid": "${session}", "query": "caf`),
      Buffer.from([0xe9]), // Latin-1 é, not UTF-8
      Buffer.from('"}'),
    ]);

    const response = await fetch(`${app.baseUrl}/analytics/search_event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

    expect(response.status).toBe(400);
    expect(await searchRows()).toBe(before);
  });

  it('when a client declares a body far over the limit, then 413 comes before it is sent', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${app.baseUrl}/analytics/search_event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '100000000' },
      });
      request.on('response', (response) => resolve(response.statusCode!));
      request.on('error', reject);
      request.write('{"query": "');
      // The rest of the declared 100 MB is never sent.
    });

    expect(status).toBe(413);
  });

  it('when a batch body is over 512 KiB, then it is 413; a single event may not use that limit', async () => {
    const padding = 'x'.repeat(600 * 1024);
    const batch = await app.request('/analytics/events', { body: { events: [], padding } });
    const single = await app.request('/analytics/search_event', {
      body: { query: 'cat', session_uuid: session, padding: 'x'.repeat(100 * 1024) },
    });

    expect(batch.status).toBe(413);
    expect(single.status).toBe(413);
  });

  it.each(['/analytics/healthz', '/analytics/', '/analytics/openapi.json'])(
    'when %s is asked with HEAD, then it answers like GET without a body',
    async (path) => {
      const response = await fetch(app.baseUrl + path, { method: 'HEAD' });

      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
    },
  );

  it('when a method is not allowed, then the 405 says which are, in Allow', async () => {
    const response = await app.request('/analytics/search_event', { method: 'PUT' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it.each([
    ['from', '2026-02-30', '2026-03-01'],
    ['to', '2026-04-01', '2026-04-31'],
    ['from', '2026-13-01', '2026-12-31'],
  ])('when %s is not a calendar date, then the 400 names it', async (field, from, to) => {
    const response = await app.request(`/analytics/reports/usage?from=${from}&to=${to}`, {
      headers: { authorization: 'Bearer secret' },
    });

    expect(response.status).toBe(400);
    const paths = (response.json as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual([`/query/${field}`]);
  });

  it('when an event URL carries a cache-busting parameter, then the event is stored', async () => {
    const before = await searchRows();

    const response = await app.request('/analytics/search_event?t=1733300000', {
      body: { query: 'cat', session_uuid: session },
    });

    expect(response.status).toBe(201);
    expect(await searchRows()).toBe(before + 1);
  });

  it('when the docs are served under BASE_PATH, then the page points at it', async () => {
    const docs = await app.request('/analytics/');

    expect(docs.text).toContain('"servers":[{"url":"/analytics"}]');
    expect(docs.text).not.toContain('"servers":[{"url":"/"}]');
  });
});

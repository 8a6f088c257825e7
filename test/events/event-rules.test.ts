import type { Database } from '../../src/db/database';
import { startTestStack, type TestApp, type TestStack } from '../support/test-app';
import { selectAll } from '../support/test-database';

/** The rules of SPEC §3 beyond the fixture requests, each as its own case. */

const session = '6a1c1d2e-8b3f-4c2a-9e4d-1f0a2b3c4d5e';
const result = '9f8e7d6c-5b4a-4392-8171-605f4e3d2c1b';
const origin = 'https://search.example.org';

const search = (overrides: Record<string, unknown> = {}) => ({
  query: 'cat',
  session_uuid: session,
  ...overrides,
});
const click = (overrides: Record<string, unknown> = {}) => ({
  query: 'cat',
  session_uuid: session,
  result_uuid: result,
  result_rank: 1,
  ...overrides,
});

describe(`event rules (${process.env.TEST_DB_LABEL ?? 'embedded'} database)`, () => {
  let stack: TestStack;
  let database: Database;
  let app: TestApp;

  beforeAll(async () => {
    stack = await startTestStack({ BASE_PATH: '/analytics', ALLOWED_ORIGINS: origin });
    ({ database, app } = stack);
  });

  afterAll(() => stack.close());

  async function rowCount(table: string): Promise<number> {
    return (await selectAll(database, table)).length;
  }

  async function expectRejected(path: string, body: unknown, status = 400) {
    const table = path.includes('click')
      ? 'result_clicked_event'
      : path.replace(/^\/analytics\//, '');
    const before = await rowCount(table);
    const response = await app.request(path, { body });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await rowCount(table)).toBe(before);
    return response.json as { errors?: { path: string; message: string }[] };
  }

  it.each([
    ['a 1000-character query', 'x'.repeat(1000)],
    ['a query of 1000 astral characters', '🐈'.repeat(1000)],
    ['a query with right-to-left text and emoji', 'قطة 🐈 chat'],
  ])('when the query is %s, then it is stored as sent', async (_name, query) => {
    const response = await app.request('/analytics/search_event', { body: search({ query }) });

    expect(response.status).toBe(201);
    const rows = await selectAll(database, 'search_event');
    expect(rows[rows.length - 1].query).toBe(query);
  });

  it.each([
    ['an empty query', { query: '' }],
    ['a 1001-character query', { query: 'x'.repeat(1001) }],
    ['a URN-form UUID', { session_uuid: `urn:uuid:${session}` }],
    ['a UUID in braces', { session_uuid: `{${session}}` }],
    ['a UUID without dashes', { session_uuid: session.replace(/-/g, '') }],
    ['a negative result_count', { result_count: -1 }],
    ['a fractional result_count', { result_count: 1.5 }],
    ['a result_count past 2147483647', { result_count: 2147483648 }],
    ['a query that is a number', { query: 42 }],
  ])('when a search has %s, then it is 400 and nothing is stored', async (_name, overrides) => {
    await expectRejected('/analytics/search_event', search(overrides));
  });

  it.each([['"true"'], ['1'], ['null']])(
    'when relevant is %s, then it is 400',
    async (relevant) => {
      const body = `{"query": "cat", "relevant": ${relevant}}`;
      await expectRejected('/analytics/search_rating_event', body);
    },
  );

  it('when a search sends result_count 0, then it is stored', async () => {
    const response = await app.request('/analytics/search_event', {
      body: search({ result_count: 0 }),
    });

    expect(response.status).toBe(201);
    const rows = await selectAll(database, 'search_event');
    expect(rows[rows.length - 1].result_count).toBe(0);
  });

  it('when several fields are wrong, then the problem names each of them', async () => {
    const problem = await expectRejected(
      '/analytics/result_click_event',
      click({ result_rank: 2.5, result_uuid: 'nope', session_uuid: 7 }),
    );

    const paths = problem.errors!.map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/body/result_rank', '/body/result_uuid', '/body/session_uuid']),
    );
  });

  it('when the body is over 16 KiB, then it is 413 and nothing is stored', async () => {
    await expectRejected(
      '/analytics/search_event',
      search({ padding: 'x'.repeat(17 * 1024) }),
      413,
    );
  });

  it('when the body is a JSON array or a bare string, then it is 400', async () => {
    await expectRejected('/analytics/search_event', '[]');
    await expectRejected('/analytics/search_event', '"cat"');
  });

  it('when the preflight comes from an allowed origin, then it allows POST with JSON', async () => {
    const response = await app.request('/analytics/result_click_event/', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
  });

  it('when a preflight comes from another origin, then it is 403', async () => {
    const response = await app.request('/analytics/search_event', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'POST' },
    });

    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when served under BASE_PATH, then the docs and the spec are there too', async () => {
    const docs = await app.request('/analytics/');
    const yaml = await app.request('/analytics/swagger.yaml');
    const json = await app.request('/analytics/openapi.json');

    expect(docs.status).toBe(200);
    expect(docs.text).toContain('<html');
    expect(yaml.text).toContain('openapi: 3.0.3');
    expect((json.json as { servers: { url: string }[] }).servers[0].url).toBe('/analytics');
  });

  it('when the docs page is served, then it names no other host to load from', async () => {
    const docs = await app.request('/analytics/');

    const loads = docs.text.match(/<(script|link|img)[^>]+(src|href)="https?:\/\/[^"]+"/g);
    expect(loads).toBeNull();
    expect(docs.text).not.toContain('fonts.googleapis.com');
  });

  it('when the path is unknown or the method wrong, then it is a problem, not a stack', async () => {
    const unknown = await app.request('/analytics/nothing_here');
    const wrongMethod = await app.request('/analytics/search_event', { method: 'GET' });

    expect(unknown.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(wrongMethod.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('when probed, then healthz and readyz answer ok', async () => {
    expect((await app.request('/analytics/healthz')).json).toEqual({ status: 'ok' });
    expect((await app.request('/analytics/readyz')).json).toEqual({ status: 'ok' });
  });
});

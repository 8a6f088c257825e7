import fs from 'node:fs';
import path from 'node:path';

import type { Database } from '../../src/db/database';
import { startTestStack, type TestApp, type TestStack } from '../support/test-app';
import { selectAll } from '../support/test-database';

/**
 * Replays what deployed frontends send (test/fixtures/frontend-requests.jsonl):
 * each answer has the expected status, each 201 leaves exactly one new row
 * holding the values sent, and any other answer leaves no row at all.
 */

interface FrontendRequest {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  expect_status: number;
}

const fixtureFile = path.join(__dirname, '..', 'fixtures', 'frontend-requests.jsonl');
const cases: FrontendRequest[] = fs
  .readFileSync(fixtureFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

const tableOf: Record<string, string> = {
  search_event: 'search_event',
  search_rating_event: 'search_rating_event',
  result_click_event: 'result_clicked_event',
  detail_page_event: 'detail_page_event',
};
const tables = Object.values(tableOf);

/** The row a stored event must have, computed from the request alone. */
function expectedRow(operation: string, body: Record<string, unknown>): Record<string, unknown> {
  const lower = (value: unknown) => String(value).toLowerCase();
  switch (operation) {
    case 'search_event':
      return {
        query: body.query,
        session_uuid: lower(body.session_uuid),
        result_count: body.result_count ?? null,
      };
    case 'search_rating_event':
      return { query: body.query, relevant: body.relevant };
    case 'result_click_event':
      return {
        query: body.query,
        session_uuid: lower(body.session_uuid),
        result_uuid: lower(body.result_uuid),
        result_rank: body.result_rank,
      };
    default:
      return { event_type: body.event_type, result_uuid: lower(body.result_uuid) };
  }
}

function operationOf(requestPath: string): string {
  return requestPath.split('/').filter(Boolean).pop()!;
}

async function countRows(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (await selectAll(database, table)).length;
  return counts;
}

describe(`frontend requests (${process.env.TEST_DB_LABEL ?? 'embedded'} database)`, () => {
  let stack: TestStack;
  let database: Database;
  let app: TestApp;

  beforeAll(async () => {
    stack = await startTestStack({
      BASE_PATH: '/analytics',
      ALLOWED_ORIGINS: 'https://search.example.org',
    });
    ({ database, app } = stack);
  });

  afterAll(() => stack.close());

  it.each(cases.map((request) => [request.name, request] as const))(
    '%s',
    async (_name, request) => {
      const before = await countRows(database);

      const response = await app.request(request.path, {
        method: request.method,
        headers: request.headers,
        body: request.body === null ? undefined : request.body,
      });

      expect(response.status).toBe(request.expect_status);
      const after = await countRows(database);
      const operation = operationOf(request.path);
      for (const table of tables) {
        const stored = request.expect_status === 201 && table === tableOf[operation] ? 1 : 0;
        expect({ table, added: after[table] - before[table] }).toEqual({ table, added: stored });
      }
      if (request.expect_status === 201) {
        const rows = await selectAll(database, tableOf[operation]);
        const body = request.body as Record<string, unknown>;
        expect(rows[rows.length - 1]).toMatchObject(expectedRow(operation, body));
      }
    },
  );
});

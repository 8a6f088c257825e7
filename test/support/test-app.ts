import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createApp } from '../../src/app';
import type { Config } from '../../src/config';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { EventStore } from '../../src/events/event-store';
import { ContractChecker } from './contract';
import { createTestDatabase, openMigratedDatabase, silentLogger } from './test-database';

export interface TestApp {
  readonly baseUrl: string;
  readonly events: EventStore;
  /** Sends a request and checks the response against the contract. */
  request(path: string, init?: TestRequestInit): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestRequestInit {
  method?: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

const checker = () => new ContractChecker();

/** The app on an ephemeral loopback port, with the given settings over the defaults. */
export async function startTestApp(
  database: Database,
  env: Record<string, string> = {},
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const config = { ...loadConfig(env), ...overrides };
  const events = new EventStore(database, config.ingestQueueMax);
  const app = createApp({ config, database, events, logger: silentLogger });

  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const contract = checker();

  return {
    baseUrl,
    events,
    request: (path, init) => send(baseUrl, config.basePath, contract, path, init),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await events.drain();
    },
  };
}

async function send(
  baseUrl: string,
  basePath: string,
  contract: ContractChecker,
  path: string,
  init: TestRequestInit = {},
): Promise<TestResponse> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const body =
    init.body === undefined || typeof init.body === 'string'
      ? init.body
      : JSON.stringify(init.body);
  const response = await fetch(baseUrl + path, { method, headers: init.headers, body });

  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const json = contentType.includes('json') && text !== '' ? JSON.parse(text) : undefined;
  checkAgainstContract(contract, basePath, method, path, response.status, contentType, json);

  return { status: response.status, headers: response.headers, text, json };
}

export function checkAgainstContract(
  contract: ContractChecker,
  basePath: string,
  method: string,
  path: string,
  status: number,
  contentType: string,
  json: unknown,
): void {
  const pathname = new URL(path, 'http://x').pathname;
  // A preflight is CORS, not an operation; its answer has no body.
  if (method === 'OPTIONS') return;

  const route = contract.routeOf(pathname.slice(basePath.length) || '/');
  if (route === undefined) {
    contract.checkOutsideContract(method, pathname, status, contentType, json);
    return;
  }
  contract.check(method, route, status, contentType, json);
}

/** A test file's own database (see test-database.ts) with the app in front of it. */
export interface TestStack {
  readonly database: Database;
  readonly app: TestApp;
  close(): Promise<void>;
}

export async function startTestStack(env: Record<string, string> = {}): Promise<TestStack> {
  const testDatabase = await createTestDatabase();
  const database = await openMigratedDatabase(testDatabase);
  const app = await startTestApp(database, env);

  return {
    database,
    app,
    close: async () => {
      await app.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}

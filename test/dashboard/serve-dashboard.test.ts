import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import express from 'express';

import { serveDashboard } from '../../src/http/dashboard';

/** A stand-in build: the handler only serves files, whatever they hold. */
function fakeBuild(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-dashboard-'));
  fs.writeFileSync(path.join(directory, 'index.html'), '<!doctype html><title>page</title>');
  fs.writeFileSync(path.join(directory, 'app.js'), 'void 0;');
  return directory;
}

async function listen(directory: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express().use('/analytics/dashboard', serveDashboard(directory));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('serveDashboard', () => {
  const built = fakeBuild();
  const unbuilt = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-dashboard-none-'));
  let server: Awaited<ReturnType<typeof listen>>;
  let bare: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    server = await listen(built);
    bare = await listen(unbuilt);
  });

  afterAll(async () => {
    await server.close();
    await bare.close();
    fs.rmSync(built, { recursive: true, force: true });
    fs.rmSync(unbuilt, { recursive: true, force: true });
  });

  it.each(['/analytics/dashboard', '/analytics/dashboard/app.js'])(
    'when %s is read, then it comes with a policy that allows this origin only',
    async (pathname) => {
      const response = await fetch(server.url + pathname);

      expect(response.status).toBe(200);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).not.toMatch(/https?:|\*/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it.each([
    ['/analytics/dashboard/', '../dashboard', '/analytics/dashboard'],
    [
      '/analytics/dashboard//?from=2026-12-01',
      '../../dashboard?from=2026-12-01',
      '/analytics/dashboard',
    ],
    ['/analytics/dashboard/index.html', '../dashboard', '/analytics/dashboard'],
  ])(
    'when %s is asked for, then it redirects to the page without a trailing slash',
    async (pathname, location, resolved) => {
      const response = await fetch(server.url + pathname, { redirect: 'manual' });

      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe(location);
      expect(new URL(location, server.url + pathname).pathname).toBe(resolved);
    },
  );

  it('when a file does not exist, then the request goes on to the next handler', async () => {
    const response = await fetch(`${server.url}/analytics/dashboard/missing.js`);

    expect(response.status).toBe(404);
  });

  it('when the dashboard is not built, then the page says how to build it', async () => {
    const response = await fetch(`${bare.url}/analytics/dashboard`);

    expect(response.status).toBe(503);
    expect(await response.text()).toContain('make build');
  });
});

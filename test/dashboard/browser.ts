/**
 * Debian's Chromium driven by playwright-core: no browser is downloaded, and
 * every request the page makes is checked against the loopback host.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile (`--user-data-dir`), removed on close. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: the dashboard browser test needs Debian's chromium package ` +
        '(apt-get install -y chromium); it never downloads a browser.',
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that a test asserts on: requests to other hosts, console errors. */
export interface PageWatch {
  page: Page;
  foreignRequests: string[];
  consoleErrors: string[];
}

/**
 * Opens a page whose requests to any host but `allowedHost` are recorded and
 * aborted, so that a failing test never sends anything off the machine.
 */
export async function watchedPage(
  context: BrowserContext,
  allowedHost: string,
): Promise<PageWatch> {
  const page = await context.newPage();
  const watch: PageWatch = { page, foreignRequests: [], consoleErrors: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url, allowedHost)) return route.continue();
    watch.foreignRequests.push(url);
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(error.message));
  return watch;
}

/** Same host, or a URL that never leaves the page (blob:, data:). */
function isLocal(url: string, allowedHost: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'blob:' || protocol === 'data:' || hostname === allowedHost;
}

/** The part of a browser canvas `isCanvasDrawn` reads (the tests compile without DOM types). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}

/** Runs in the page: true when the canvas has a pixel that is not fully transparent. */
export function isCanvasDrawn(canvas: Canvas): boolean {
  const context = canvas.getContext('2d');
  if (context === null || canvas.width === 0 || canvas.height === 0) return false;
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let alpha = 3; alpha < pixels.length; alpha += 4) if (pixels[alpha] !== 0) return true;
  return false;
}

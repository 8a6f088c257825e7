/**
 * The dashboard page in a real browser against the real app and database,
 * with the report fixture's days produced by the report engine.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import type { Database } from '../../src/db/database';
import { loadFixtureReports, readExpectedDays, type ExpectedDay } from '../reports/report-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  createTestDatabase,
  openMigratedDatabase,
  type TestDatabase,
} from '../support/test-database';
import { CHROMIUM, isCanvasDrawn, launchChromium, watchedPage, type Browser } from './browser';
import { dayTopSearches, expectedTopSearches, type TermFigures } from './expected-figures';

const ROOT = path.join(__dirname, '..', '..');
const OUTPUT = path.join(ROOT, 'test-output');
const TOKEN = 'dashboard-test-token';
const BASE_PATH = '/analytics';
const UTC_DAYS = readExpectedDays().filter((day) => day.timezone === 'UTC');

jest.setTimeout(120_000);

/** Builds dist/dashboard the way `make build` does, so the test never reads a stale bundle. */
function buildDashboard(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-dashboard.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}

/** The top-searches table as shown: the exact value each cell carries. */
async function shownTopSearches(page: Page): Promise<TermFigures[]> {
  const cells = await page
    .locator('#top-searches tbody tr')
    .evaluateAll((rows: { children: ArrayLike<{ getAttribute(name: string): string | null }> }[]) =>
      rows.map((row) => Array.from(row.children, (cell) => cell.getAttribute('data-value') ?? '')),
    );
  const figure = (value: string) => (value === '' ? null : Number(value));
  return cells.map(([term, hits, ctr, mrr, zrr]) => ({
    term,
    hits: Number(hits),
    clickThroughRate: figure(ctr),
    meanReciprocalRank: figure(mrr),
    zeroResultRate: figure(zrr),
  }));
}

/** Expected figures compared to 1e-9, as the fixture README asks. */
function approximately(figures: TermFigures[]) {
  const close = (value: number | null) => (value === null ? null : expect.closeTo(value, 9));
  return figures.map((row) => ({
    ...row,
    clickThroughRate: close(row.clickThroughRate),
    meanReciprocalRank: close(row.meanReciprocalRank),
    zeroResultRate: close(row.zeroResultRate),
  }));
}

async function enterToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('Reports token').fill(token);
  await page.getByLabel('Reports token').press('Enter');
}

// CI installs Chromium and must run this test; on a developer's machine with
// only Node.js it is skipped, loudly, rather than failing `make test`.
const browserPresent = fs.existsSync(CHROMIUM);
if (!browserPresent && process.env.CI !== 'true') {
  console.warn(
    `SKIPPED the dashboard browser test: ${CHROMIUM} is not installed (apt-get install chromium)`,
  );
}
const describeInBrowser = browserPresent || process.env.CI === 'true' ? describe : describe.skip;

describeInBrowser('GET /dashboard in a browser', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let app: TestApp;
  let browser: Browser;
  let dashboardUrl: string;

  beforeAll(async () => {
    buildDashboard();
    browser = await launchChromium();
    testDatabase = await createTestDatabase();
    database = await openMigratedDatabase(testDatabase);
    await loadFixtureReports(database);
    app = await startTestApp(database, { REPORTS_TOKEN: TOKEN, BASE_PATH });
    dashboardUrl = `${app.baseUrl}${BASE_PATH}/dashboard`;
    fs.mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await testDatabase?.drop();
  });

  it('when the token is entered, then the last 30 reported days are drawn from the fixture reports', async () => {
    const { page, foreignRequests, consoleErrors } = await watchedPage(
      browser.context,
      '127.0.0.1',
    );
    const lastDay = UTC_DAYS.map((day) => day.day)
      .sort()
      .at(-1)!;
    const firstDay = new Date(Date.parse(lastDay) - 29 * 86_400_000).toISOString().slice(0, 10);

    await page.goto(dashboardUrl);
    await enterToken(page, TOKEN);
    await page.locator('#top-searches tbody tr').first().waitFor();

    expect(await page.locator('#from').inputValue()).toBe(firstDay);
    expect(await page.locator('#to').inputValue()).toBe(lastDay);
    const inRange = UTC_DAYS.filter((day) => day.day >= firstDay && day.day <= lastDay);
    expect(await shownTopSearches(page)).toEqual(approximately(expectedTopSearches(inRange)));
    const canvases = await page.locator('canvas').all();
    expect(canvases).toHaveLength(4);
    for (const canvas of canvases) expect(await canvas.evaluate(isCanvasDrawn)).toBe(true);
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard.png'), fullPage: true });
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it.each(UTC_DAYS.map((day) => [day.day, day] as [string, ExpectedDay]))(
    'when the range is set to %s with the keyboard, then the table holds that day’s report',
    async (_name, day) => {
      const { page, consoleErrors } = await watchedPage(browser.context, '127.0.0.1');
      await page.goto(dashboardUrl);
      await enterToken(page, TOKEN);
      await page.locator('#top-searches tbody tr').first().waitFor();

      await page.locator('#from').fill(day.day);
      await page.locator('#to').fill(day.day);
      await page.locator('#to').press('Enter');
      await page.getByText(`Reports from ${day.day} to ${day.day}.`).waitFor();

      expect(await shownTopSearches(page)).toEqual(approximately(dayTopSearches(day)));
      expect(new URL(page.url()).search).toBe(`?from=${day.day}&to=${day.day}`);
      expect(consoleErrors).toEqual([]);
      await page.close();
    },
  );

  it('when the range holds no report, then the page says so instead of drawing empty axes', async () => {
    const { page, consoleErrors } = await watchedPage(browser.context, '127.0.0.1');
    await page.goto(`${dashboardUrl}?from=2025-01-01&to=2025-01-31`);

    await enterToken(page, TOKEN);
    await page.getByText('No reports in this range').waitFor();

    expect(await page.locator('canvas').count()).toBe(0);
    expect(await page.locator('#from').inputValue()).toBe('2025-01-01');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('when a column header is pressed with the keyboard, then the table sorts by it', async () => {
    const { page } = await watchedPage(browser.context, '127.0.0.1');
    await page.goto(dashboardUrl);
    await enterToken(page, TOKEN);
    await page.locator('#top-searches tbody tr').first().waitFor();

    await page.getByRole('button', { name: 'Click-through rate' }).focus();
    await page.keyboard.press('Enter');

    const header = page.locator('#top-searches th', { hasText: 'Click-through rate' });
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const rates = (await shownTopSearches(page)).map((row) => row.clickThroughRate);
    const known = rates.filter((rate): rate is number => rate !== null);
    expect(rates).toEqual([
      ...[...known].sort((a, b) => b - a),
      ...rates.filter((r) => r === null),
    ]);
    await page.close();
  });

  it('when the page is as narrow as a phone, then nothing overflows sideways', async () => {
    const { page, consoleErrors } = await watchedPage(browser.context, '127.0.0.1');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(dashboardUrl);
    await enterToken(page, TOKEN);
    await page.locator('#top-searches tbody tr').first().waitFor();

    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard-narrow.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('when Download CSV is pressed, then the top-searches CSV of the read API is saved', async () => {
    const { page } = await watchedPage(browser.context, '127.0.0.1');
    await page.goto(dashboardUrl);
    await enterToken(page, TOKEN);
    await page.locator('#top-searches tbody tr').first().waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download top searches CSV/ }).click(),
    ]);

    const from = await page.locator('#from').inputValue();
    const to = await page.locator('#to').inputValue();
    expect(download.suggestedFilename()).toBe(`top-searches-${from}-${to}.csv`);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.split(/\r?\n/)[0]).toMatch(/^start_time,end_time,term,hits/);
    await page.close();
  });

  it('when the token is wrong, then the 401 message shows and the token is asked again', async () => {
    const { page, foreignRequests } = await watchedPage(browser.context, '127.0.0.1');
    await page.goto(dashboardUrl);

    await enterToken(page, 'not-the-token');

    await page.getByRole('alert').filter({ hasText: '401' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(
      'The reports token was not accepted (401 Unauthorized)',
    );
    expect(await page.getByLabel('Reports token').isVisible()).toBe(true);
    expect(await page.locator('#report canvas').count()).toBe(0);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });
});

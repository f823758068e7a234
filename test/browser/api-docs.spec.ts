/**
 * The API reference at /api/docs in a real browser with every request to another origin
 * refused (as offline): Swagger UI renders every documented operation under the API's content
 * security policy, with no script error.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../api/harness';
import { CHROMIUM, closeBrowserAndApi, HAVE_CHROMIUM, launch } from './browser';

describe.skipIf(!HAVE_CHROMIUM)(`API reference in ${CHROMIUM}`, () => {
  let api: TestApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi('api-docs');
    browser = await launch();
  }, 120_000);
  afterAll(() => closeBrowserAndApi(browser, api));

  it('renders every operation of the document from this server alone', async () => {
    const doc = (await (await api.call('/api/docs-json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(api.url)) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${api.url}/api/docs`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBe(operations);
    expect(await page.locator('.info .title').textContent()).toMatch(/Weegwijzer API/);
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

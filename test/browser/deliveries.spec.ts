/// <reference lib="dom" />
/**
 * A region's data officer in the browser: checks a broken delivery before sending ("Controleer
 * levering"), sees the report grouped by rule and is told nothing was stored; then uploads a
 * good .zip and sees it loaded. axe-clean with the report on screen.
 */
import { validAssessment, validSignal, writeTestBatch, zipFolder } from '@weegwijzer/etl';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, storeQuery, type TestApi } from '../api/harness';
import { closeBrowserAndApi, HAVE_CHROMIUM, launch, openView, runAxe, signInAs } from './browser';
import { ensureDashboardBuilt } from './dashboard-build';

describe.skipIf(!HAVE_CHROMIUM)('deliveries in the dashboard (regio)', () => {
  let api: TestApi;
  let browser: Browser;
  const work = mkdtempSync(join(tmpdir(), 'weegwijzer-deliveries-'));

  beforeAll(async () => {
    ensureDashboardBuilt();
    api = await startApi('browser-deliveries', {
      WEEGWIJZER_DEMO: '1',
      WEEGWIJZER_DEMO_SCALE: '0.05',
      WEEGWIJZER_DEMO_YEARS: '1',
      WEEGWIJZER_DEMO_REGIONS: 'VR13',
      RATE_LIMIT: '0',
    });
    browser = await launch();
  }, 600_000);
  afterAll(async () => {
    await closeBrowserAndApi(browser, api);
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('checks a broken delivery (grouped report, nothing stored), then uploads a good zip that loads', async () => {
    const bsn = '111222333';
    const broken = await writeTestBatch(join(work, 'broken'), {
      region: 'VR13',
      batchId: 'VR13-check-1',
      signals: [validSignal(1, { subject_pseudonym: bsn }), validSignal(2, { phenomenon: 'xyzzy_fenomeen' }), validSignal(3, { phenomenon: 'plugh_fenomeen' })],
      assessments: [validAssessment(1, 1)],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInAs(page, api.url, { role: 'regio', region: 'VR13' });
    await openView(page, 'gegevens');
    expect(await page.getAttribute('input[type="file"][name="files"]', 'accept')).toMatch(/\.xlsx.*\.zip|\.zip.*\.xlsx/);

    await page.setInputFiles(
      'input[type="file"][name="files"]',
      readdirSync(broken).map((f) => join(broken, f)),
    );
    await page.click('button.check-button');
    await page.waitForSelector('.check-report .report-group', { timeout: 60_000 });
    const status = await page.textContent('.upload-status');
    expect(status).toMatch(/zou worden afgekeurd \(3 fouten\)/);
    expect(status).toMatch(/Er is niets opgeslagen/);
    const groups = await page.$$eval('.check-report .report-group', (gs) =>
      gs.map((g) => ({
        rule: g.querySelector('h4 code')?.textContent,
        rows: Array.from(g.querySelectorAll('tbody tr')).map((tr) =>
          Array.from(tr.children)
            .slice(0, 3)
            .map((c) => (c.textContent ?? '').trim()),
        ),
      })),
    );
    // Dutch guidance per rule ("what to do"), never the value.
    expect(await page.textContent('.check-report .report-group h4')).toMatch(/lijkt een BSN/);
    expect(groups).toEqual([
      { rule: 'PII_BSN', rows: [['signals.csv', '1', 'subject_pseudonym']] },
      {
        rule: 'CODE_UNKNOWN',
        rows: [
          ['signals.csv', '2', 'phenomenon'],
          ['signals.csv', '3', 'phenomenon'],
        ],
      },
    ]);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toContain(bsn);
    expect(text).not.toMatch(/xyzzy|plugh/);
    expect(await runAxe(page)).toEqual([]);
    // Nothing of it reached the ledger.
    expect(await storeQuery(api, `SELECT id FROM batch WHERE batch_id = 'VR13-check-1'`)).toEqual([]);

    const good = await writeTestBatch(join(work, 'good'), {
      region: 'VR13',
      batchId: 'VR13-zip-browser',
      signals: [validSignal(11), validSignal(12)],
      assessments: [validAssessment(11, 11)],
    });
    const zip = await zipFolder(good, join(work, 'VR13-zip-browser.zip'), { folder: 'VR13-zip-browser' });
    await page.setInputFiles('input[type="file"][name="files"]', [zip]);
    await page.click('form.upload-form button[type="submit"]');
    await page.waitForSelector('text=Aanlevering VR13-zip-browser: geladen', { timeout: 90_000 });
    expect(await storeQuery(api, `SELECT status FROM batch WHERE batch_id = 'VR13-zip-browser'`)).toEqual([{ status: 'loaded' }]);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});

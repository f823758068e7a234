/// <reference lib="dom" />
/**
 * The dashboard in a real browser against the real API (createApp on port 0, a temporary
 * data directory, demo data at a small scale with a fixed seed): every view for every role,
 * axe-core WCAG 2.1 A/AA, no other region visible to a regio user, filters that change the
 * numbers, CSV equal to the API, keyboard-only use, screenshots; and the size of the first load.
 */
import { validAssessment, validSignal, writeTestBatch } from '@weegwijzer/etl';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VIEW_IDS } from '../../apps/dashboard/src/app/url-state';
import {
  allPageText,
  CHROMIUM,
  HAVE_CHROMIUM,
  openView,
  panelTable,
  roleName,
  runAxe,
  SCREENSHOTS,
  signedOut,
  signInAs,
  SMALL_DEMO,
  useDashboard,
  waitForData,
  type AxeViolation,
  type Role,
} from './browser';
import { DASHBOARD, ensureDashboardBuilt, gzipBytes, initialScripts, ROOT } from './dashboard-build';

const INITIAL_JS_LIMIT = 350 * 1024;
/** Every view the dashboard's URL knows, in the order of its menu (views.ts builds the menu apart). */
const ALL_VIEWS: string[] = [...VIEW_IDS];
const ROLES: Role[] = [
  { role: 'inspectie', region: null },
  { role: 'nctv', region: null },
  { role: 'regio', region: 'VR13' },
  { role: 'beheer', region: null },
];

describe('dashboard production build', () => {
  beforeAll(() => {
    ensureDashboardBuilt();
  }, 180_000);

  it('keeps the initial JavaScript (entry chunk and its static imports) within 350 KB gzipped', () => {
    const files = initialScripts();
    expect(files.length).toBeGreaterThan(0);
    const sizes = files.map((f) => ({ file: f.slice(ROOT.length + 1), gzip: gzipBytes(f) }));
    const total = sizes.reduce((n, s) => n + s.gzip, 0);
    console.log(`initial JS: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.length} file(s): ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB`).join(', ')}`);
    expect(total).toBeLessThanOrEqual(INITIAL_JS_LIMIT);
    // The views (and ECharts with them) are split off: the first load is the shell only.
    const assets = readdirSync(join(DASHBOARD, 'dist', 'assets')).filter((f) => f.endsWith('.js'));
    expect(assets.length).toBeGreaterThan(files.length + 10);
  });

  it('imports ECharts per chart type from echarts/core, never the whole library', () => {
    const offenders: string[] = [];
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/from\s+['"](echarts[^'"]*)['"]/g)) {
            used.add(m[1]);
            if (m[1] === 'echarts' || m[1].startsWith('echarts/dist') || m[1] === 'echarts/index') offenders.push(`${p}: ${m[1]}`);
          }
        }
      }
    };
    walk(join(DASHBOARD, 'src'));
    expect(offenders).toEqual([]);
    expect([...used].sort()).toEqual(['echarts/charts', 'echarts/components', 'echarts/core', 'echarts/renderers']);
  });
});

if (!HAVE_CHROMIUM) {
  console.warn(`Browser tests SKIPPED: no Chromium at ${CHROMIUM}. Install it with \`apt-get install chromium\` (or set CHROMIUM_PATH); .ci/run does.`);
}

describe.skipIf(!HAVE_CHROMIUM)('dashboard in Chromium', () => {
  const dash = useDashboard('browser', SMALL_DEMO);
  /** Text of every view per role, gathered by the tour for the regio check. */
  const seenText = new Map<string, Map<string, string>>();

  /** A table cell as the API would send it: a number, or null when shown as suppressed. */
  function parseNl(text: string): number | null | string {
    if (/^(< \d+|n < \d+|afgeschermd|< 3 regio’s)$/.test(text)) return null;
    const pct = /^(-?[\d.]+(?:,\d+)?)%$/.exec(text);
    if (pct) return Number(pct[1].replace(/\./g, '').replace(',', '.')) / 100;
    if (/^-?[\d.]+(,\d+)?$/.test(text)) return Number(text.replace(/\./g, '').replace(',', '.'));
    return text;
  }

  it('opens every view for every role: no errors, axe WCAG 2.1 A/AA clean, screenshots at 1440×900', async () => {
    const failures: string[] = [];
    const violations: Record<string, AxeViolation[]> = {};
    for (const r of ROLES) {
      const name = roleName(r);
      const { context, page, problems } = await dash.newPage();
      await signInAs(page, dash.api.url, r);
      const nav = await page.$$eval('nav.main-nav a[data-view]', (as) => as.map((a) => a.getAttribute('data-view')));
      // a regio user's menu starts with its own region page
      const expected =
        r.role === 'nctv' ? ALL_VIEWS.filter((v) => v !== 'gegevens') : r.role === 'regio' ? ['regio', ...ALL_VIEWS.filter((v) => v !== 'regio' && v !== 'aandacht')] : ALL_VIEWS;
      expect(nav, `views offered to ${name}`).toEqual(expected);
      const texts = new Map<string, string>();
      for (const view of nav as string[]) {
        await openView(page, view);
        const h1 = await page.textContent('main h1');
        if (!h1) failures.push(`${name}/${view}: no heading`);
        const alerts = await page.$$eval('main [role="alert"]', (els) => els.map((e) => (e.textContent ?? '').trim()));
        if (alerts.length) failures.push(`${name}/${view}: error shown: ${alerts.join(' | ')}`);
        const v = await runAxe(page);
        if (v.length) violations[`${name}/${view}`] = v;
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${view}.png`), fullPage: true });
        texts.set(view, await allPageText(page));
      }
      seenText.set(name, texts);
      if (problems.length) failures.push(`${name}: ${problems.join(' | ')}`);
      await context.close();
    }
    const summary = Object.entries(violations).flatMap(([where, vs]) => vs.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.html).join(' ‖ ')}`));
    expect(summary).toEqual([]);
    expect(failures).toEqual([]);
  }, 600_000);

  it('never shows a regio user another region’s name or code, on any view', () => {
    const texts = seenText.get('regio-VR13');
    expect(texts, 'the tour above ran for regio VR13').toBeDefined();
    expect([...(texts as Map<string, string>).keys()].sort()).toEqual(ALL_VIEWS.filter((v) => v !== 'aandacht').sort());
    const own = dash.regionNames.get('VR13') as string;
    const leaks: string[] = [];
    for (const [view, text] of texts as Map<string, string>) {
      for (const [code, name] of dash.regionNames) {
        if (code === 'VR13') continue;
        if (text.includes(code)) leaks.push(`${view}: code ${code}`);
        // A name inside the own region's name (none today) would not be a leak.
        if (text.includes(name) && !own.includes(name)) leaks.push(`${view}: name ${name}`);
      }
      expect(text, `${view} shows the own region`).toContain(own);
    }
    expect(leaks).toEqual([]);
  });

  it('follows the filters: URL, table numbers equal to the API for the same scope', async () => {
    const { context, page } = await dash.newPage();
    await signInAs(page, dash.api.url, { role: 'inspectie', region: null });
    await openView(page, 'stroom');
    await page.click('section[data-panel="flow-funnel"] .segmented button:nth-child(2)');
    const signalsCol = async () => {
      const t = await panelTable(page, 'flow-funnel');
      const i = t.head.indexOf('Signalen');
      return { rows: t.rows.map((r) => [r[0], parseNl(r[i])] as const), regions: t.rows.map((r) => r[0]) };
    };
    const totalOf = (rows: (readonly [string, unknown])[]) => rows.find(([n]) => n === 'Landelijk totaal')?.[1];

    const before = await signalsCol();
    const apiAll = await dash.apiMetric('inspectie', 'flow');
    expect(totalOf(before.rows)).toBe(apiAll.rows.find((r) => r.group === 'total')?.signals);
    expect(before.regions.length).toBe(26);

    // receiving party: a select of the filter bar
    await page.selectOption('form.filters select[id$="-receiving_party"]', 'politie');
    await page.waitForFunction(() => window.location.hash.includes('receiving_party=politie'));
    await waitForData(page);
    const police = await signalsCol();
    const apiPolice = await dash.apiMetric('inspectie', 'flow', { receiving_party: 'politie' });
    expect(totalOf(police.rows)).toBe(apiPolice.rows.find((r) => r.group === 'total')?.signals);
    expect(totalOf(police.rows)).not.toBe(totalOf(before.rows));

    // one region through the region picker
    await page.click('form.filters details.regions summary');
    await page.check('form.filters input[id$="-r-VR13"]');
    await page.waitForFunction(() => window.location.hash.includes('regions=VR13'));
    await waitForData(page);
    const one = await signalsCol();
    expect(one.regions).toEqual([dash.regionNames.get('VR13'), 'Landelijk totaal']);
    const apiOne = await dash.apiMetric('inspectie', 'flow', { receiving_party: 'politie', regions: 'VR13' });
    expect(one.rows[0][1]).toBe(apiOne.rows.find((r) => r.region_code === 'VR13')?.signals ?? null);

    // the period: whole months
    await page.fill('form.filters input[id$="-from"]', '2025-01');
    await page.waitForFunction(() => window.location.hash.includes('from=2025-01'));
    await waitForData(page);
    const period = await signalsCol();
    const apiPeriod = await dash.apiMetric('inspectie', 'flow', { receiving_party: 'politie', regions: 'VR13', from: '2025-01-01' });
    expect(totalOf(period.rows)).toBe(apiPeriod.rows.find((r) => r.group === 'total')?.signals ?? null);

    // the URL alone restores the view: reload keeps view and filters
    await page.reload();
    await waitForData(page);
    expect(await page.textContent('main h1')).toBe('Stroom');
    expect(await page.$eval('form.filters select[id$="-receiving_party"]', (s) => (s as HTMLSelectElement).value)).toBe('politie');
    await context.close();
  }, 120_000);

  it('downloads a CSV equal to the API’s numbers for the same scope', async () => {
    const { context, page } = await dash.newPage();
    await signInAs(page, dash.api.url, { role: 'inspectie', region: null });
    await openView(page, 'preweging', 'phenomenon=jihadisme');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('section[data-panel="dropoff-region"] button.csv')]);
    const dir = mkdtempSync(join(tmpdir(), 'weegwijzer-csv-'));
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const raw = readFileSync(file, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const lines = raw
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(';'));
    const res = await dash.apiMetric('inspectie', 'dropoff', { by: 'none', phenomenon: 'jihadisme' });
    const shown = ['region_code', 'with_pre', 'dropped', 'drop_rate', 'reached', 'direct', 'direct_rate'];
    // the API's label, with the unit where look-alike columns count different things ("(signalen)")
    const labels = shown.map((c) => res.columns.find((x) => x.name === c)?.label.nl as string);
    expect(lines[0].map((h, i) => h.replace(/ \((signalen|beoordelingen)\)$/, '') === labels[i])).toEqual(labels.map(() => true));
    expect(lines.length - 1).toBe(res.rows.length);
    const reasons = new Map(res.suppressed.map((s) => [`${s.row}|${s.column}`, s.reason]));
    res.rows.forEach((row, i) => {
      const cells = lines[i + 1];
      expect(cells[0]).toBe(row.region_code === null ? 'Landelijk totaal' : dash.regionNames.get(row.region_code as string));
      shown.slice(1).forEach((c, j) => {
        const cell = cells[j + 1];
        const v = row[c];
        if (v === null) {
          const reason = reasons.get(`${i}|${c}`) ?? '';
          const expected = /second|from a suppressed/.test(reason) ? 'afgeschermd' : reason === 'count below k' ? `< ${res.k}` : `n < ${res.k}`;
          expect(cell, `row ${i} ${c}`).toBe(reasons.has(`${i}|${c}`) ? expected : '');
        } else {
          expect(Number(cell.replace(',', '.')), `row ${i} ${c}`).toBe(v);
        }
      });
    });
    await context.close();
  }, 120_000);

  it('works by keyboard alone: skip link, role picker, view navigation with Enter, filters, chart/table switch', async () => {
    const { context, page } = await dash.newPage();
    await signedOut(page, dash.api.url);
    await page.reload();
    await page.waitForSelector('.role-picker button');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          tag: el?.tagName ?? '',
          text: (el?.textContent ?? '').trim(),
          id: el?.id ?? '',
          view: el?.getAttribute('data-view') ?? '',
          role: el?.getAttribute('data-role') ?? '',
          cls: el?.className ?? '',
          outline: el ? getComputedStyle(el).outlineStyle : 'none',
        };
      });
    const tabTo = async (match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 60) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        if (match(f)) return f;
      }
      throw new Error('focus never reached the target by Tab');
    };

    await page.keyboard.press('Tab');
    const skip = await focused();
    expect(skip.cls).toContain('skip-link');
    expect(skip.outline).not.toBe('none');
    const picker = await tabTo((f) => f.role === 'inspectie');
    expect(picker.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForSelector('nav.main-nav');
    await waitForData(page);

    const link = await tabTo((f) => f.view === 'stroom');
    expect(link.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.location.hash.startsWith('#/stroom'));
    await waitForData(page);
    const heading = await focused();
    expect([heading.tag, heading.text]).toEqual(['H1', 'Stroom']);

    const select = await tabTo((f) => f.id.endsWith('-receiving_party'));
    expect(select.outline).not.toBe('none');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => window.location.hash.includes('receiving_party=gemeente'));
    await waitForData(page);

    const toTable = await tabTo((f) => f.text === 'Tabel');
    expect(toTable.tag).toBe('BUTTON');
    await page.keyboard.press('Enter');
    const pressed = await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'));
    expect(pressed).toBe('true');
    expect(await page.isVisible('main section.panel .table-wrap:not([hidden]) table')).toBe(true);
    await context.close();
  }, 120_000);

  it('signs in with a token, and says why a wrong token is refused', async () => {
    const { context, page } = await dash.newPage();
    await signedOut(page, dash.api.url);
    await page.reload();
    await page.fill('.signin input[type="password"]', 'wgw_not-a-real-token');
    await page.click('.signin form button[type="submit"]');
    await page.waitForSelector('.signin .status.error');
    expect(await page.textContent('.signin .status.error')).toContain('Aanmelden is mislukt');
    await page.fill('.signin input[type="password"]', dash.tokens.get('nctv') as string);
    await page.click('.signin form button[type="submit"]');
    await page.waitForSelector('nav.main-nav');
    await waitForData(page);
    expect(await page.textContent('.who')).toContain('NCTV-adviseur');
    // signing out and in as another role shows that role's session, not the previous one
    await page.click('.header-tools button:has-text("Afmelden")');
    await page.click('.role-picker button[data-role="regio"][data-region="VR03"]');
    await page.waitForSelector('nav.main-nav');
    await waitForData(page);
    expect(await page.textContent('.who')).toContain(dash.regionNames.get('VR03') as string);
    await context.close();
  }, 60_000);

  it('switches to English: page language, UI strings and metric labels', async () => {
    const { context, page } = await dash.newPage();
    await signInAs(page, dash.api.url, { role: 'nctv', region: null });
    await openView(page, 'stroom');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.click('button.lang-toggle');
    await waitForData(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('main h1')).toBe('Flow');
    await page.click('section[data-panel="flow-funnel"] .segmented button:nth-child(2)');
    const t = await panelTable(page, 'flow-funnel');
    expect(t.head).toContain('Signals');
    expect(t.head).toContain('Reached weegploeg');
    await context.close();
  }, 60_000);

  it('explains an impossible filter instead of showing nothing', async () => {
    const { context, page } = await dash.newPage();
    await signInAs(page, dash.api.url, { role: 'inspectie', region: null });
    await openView(page, 'stroom', 'from=2025-06&to=2025-01');
    const alerts = await page.$$eval('[role="alert"]', (els) => els.map((e) => e.textContent ?? ''));
    expect(alerts.some((a) => a.includes('De beginmaand ligt na de eindmaand'))).toBe(true);
    expect(alerts.some((a) => a.includes('De filters zijn niet geldig'))).toBe(true);
    await context.close();
  }, 60_000);

  it('lets an administrator edit the registry (PUT), and the table shows the change', async () => {
    const { context, page } = await dash.newPage();
    await signInAs(page, dash.api.url, { role: 'beheer', region: null });
    await openView(page, 'register');
    await page.click('button[data-edit="VR01"]');
    await page.fill('form.edit-form input[id$="-keyOfficials"]', '3');
    await page.selectOption('form.edit-form select[id$="-covenantSigned"]', 'true');
    await page.click('form.edit-form button[type="submit"]');
    await page.waitForSelector('text=Opgeslagen.');
    await waitForData(page);
    const res = await dash.api.call('/api/v1/registry/regions/VR01', { token: dash.tokens.get('beheer') });
    const profile = (await res.json()) as { keyOfficials: number; covenantSigned: boolean };
    expect([profile.keyOfficials, profile.covenantSigned]).toEqual([3, true]);
    const t = await panelTable(page, 'registry');
    const row = t.rows.find((r) => r[0] === dash.regionNames.get('VR01')) as string[];
    expect(row[t.head.indexOf('Sleutelfunctionarissen')]).toBe('3');
    expect(row[t.head.indexOf('Convenant getekend')]).toBe('ja');
    // the change history of the region just saved
    await page.waitForSelector('table.history tbody tr');
    const history = await page.$$eval('table.history tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').trim())));
    expect(history.map((h) => [h[2], h[4]])).toEqual(
      expect.arrayContaining([
        ['Sleutelfunctionarissen', '3'],
        ['Convenant getekend', 'ja'],
      ]),
    );
    // Nobody else gets the edit form.
    const other = await dash.newPage();
    await signInAs(other.page, dash.api.url, { role: 'regio', region: 'VR13' });
    await openView(other.page, 'register');
    expect(await other.page.$$('button[data-edit]')).toHaveLength(0);
    await other.context.close();
    await context.close();
  }, 90_000);

  it('uploads a delivery as a region and shows the rejection report (file, row, column, rule)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weegwijzer-upload-'));
    try {
      const batchDir = await writeTestBatch(dir, {
        region: 'VR13',
        batchId: 'VR13-browser-1',
        // a date where a pseudonym belongs: the personal-data guard rejects the batch
        signals: [validSignal(1, { subject_pseudonym: '1990-01-01' }), validSignal(2)],
        assessments: [validAssessment(1, 1), validAssessment(2, 2)],
      });
      const files = readdirSync(batchDir).map((f) => join(batchDir, f));
      const { context, page } = await dash.newPage();
      await signInAs(page, dash.api.url, { role: 'regio', region: 'VR13' });
      await openView(page, 'gegevens');
      await page.setInputFiles('input[type="file"][name="files"]', files);
      await page.click('form.upload-form button[type="submit"]');
      await page.waitForSelector('text=afgekeurd', { timeout: 60_000 });
      const report = await page.$$eval('.report table tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').trim())));
      expect(report.some((r) => r[0].startsWith('signals') && r[1] === '1' && r[2] === 'subject_pseudonym')).toBe(true);
      expect(report.flat().join(' ')).not.toContain('1990-01-01');
      await context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

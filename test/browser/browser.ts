/// <reference lib="dom" />
/**
 * One Chromium for the browser tests (Debian's, never a downloaded one) and the helpers they
 * share: start the demo API with the dashboard, open a page, sign in through the demo role
 * picker, open a view, wait for its data, ask the API for a metric, run axe.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startApi, type TestApi } from '../api/harness';
import { ensureDashboardBuilt, ROOT } from './dashboard-build';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SCREENSHOTS = join(ROOT, 'screenshots');

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Demo data at a small scale with a fixed seed, in two regions (the regio users VR13 and VR03). */
export const SMALL_DEMO: Record<string, string> = {
  WEEGWIJZER_DEMO: '1',
  WEEGWIJZER_DEMO_SCALE: '0.15',
  WEEGWIJZER_DEMO_YEARS: '2',
  WEEGWIJZER_DEMO_SEED: '7',
  WEEGWIJZER_DEMO_REGIONS: 'VR13,VR03',
};

/** A metric response as the API sends it. */
export interface MetricResponse {
  k: number;
  columns: { name: string; kind: string; label: { nl: string; en: string } }[];
  rows: Record<string, unknown>[];
  suppressed: { row: number; column: string; reason: string }[];
}

export interface DashboardUnderTest {
  api: TestApi;
  browser: Browser;
  /** The demo sessions' tokens by `role` or `role-region`. */
  tokens: Map<string, string>;
  /** Region code → name, from the registry. */
  regionNames: Map<string, string>;
  /** GET /api/v1/metrics/{name} as that role (`role` or `role-region`); fails the test unless 200. */
  apiMetric(role: string, name: string, query?: Record<string, string>): Promise<MetricResponse>;
}

/**
 * The production build of the dashboard served by a real API (createApp on port 0, a temporary
 * data directory) with `env`, and a Chromium for it; the screenshot folder exists afterwards.
 * The demo sessions' tokens also sign in roles the role picker does not offer (see signInAs).
 */
export async function startDashboard(name: string, env: Record<string, string>): Promise<DashboardUnderTest> {
  ensureDashboardBuilt();
  const api = await startApi(name, env);
  try {
    const tokens = new Map(api.app.demoSessions.map((s) => [s.region ? `${s.role}-${s.region}` : s.role, s.token]));
    for (const [k, v] of tokens) tokensByRole.set(k, v);
    const regions = (await (await api.call('/api/v1/registry/regions', { token: tokens.get('inspectie') })).json()) as { code: string; name: string }[];
    const regionNames = new Map(regions.map((r) => [r.code, r.name]));
    const apiMetric = async (role: string, metric: string, query: Record<string, string> = {}) => {
      const q = new URLSearchParams(query).toString();
      const res = await api.call(`/api/v1/metrics/${metric}${q ? `?${q}` : ''}`, { token: tokens.get(role) });
      expect(res.status, `${metric}?${q} as ${role}`).toBe(200);
      return (await res.json()) as MetricResponse;
    };
    const browser = await launch();
    mkdirSync(SCREENSHOTS, { recursive: true });
    return { api, browser, tokens, regionNames, apiMetric };
  } catch (e) {
    await api.stop();
    throw e;
  }
}

export interface DashboardFixture extends DashboardUnderTest {
  /** newPage in this fixture's browser. */
  newPage(viewport?: { width: number; height: number }): ReturnType<typeof newPage>;
}

/**
 * startDashboard before the tests of the calling `describe`, and stopped after them. The
 * fields of the object returned are there once its beforeAll ran (hooks registered after this
 * call run after it).
 */
export function useDashboard(name: string, env: Record<string, string>): DashboardFixture {
  const fixture = {} as DashboardFixture;
  beforeAll(async () => {
    Object.assign(fixture, await startDashboard(name, env));
    fixture.newPage = (viewport) => newPage(fixture.browser, viewport);
  }, 600_000);
  afterAll(() => closeBrowserAndApi(fixture.browser, fixture.api), 60_000);
  return fixture;
}

export async function closeBrowserAndApi(browser: Browser | undefined, api: TestApi | undefined): Promise<void> {
  await browser?.close();
  await api?.stop();
}

/**
 * A new page in a context of its own (Dutch locale, downloads allowed); `problems` collects the
 * page's uncaught errors and console errors.
 */
export async function newPage(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'nl-NL' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error at ${page.url().split('#')[1] ?? '/'}: ${e.message} ${(e.stack ?? '').split('\n').slice(1, 4).join(' ')}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return { context, page, problems };
}

export interface Role {
  role: 'inspectie' | 'nctv' | 'regio' | 'beheer';
  region: string | null;
}

export function roleName(r: Role): string {
  return r.region ? `${r.role}-${r.region}` : r.role;
}

/** Tokens for roles the demo role picker does not offer (`role` or `role-region` → token). */
export const tokensByRole = new Map<string, string>();

/** Opens the dashboard signed out (the session forgotten), and with `lang` as the chosen language if given. */
export async function signedOut(page: Page, baseUrl: string, lang?: 'nl' | 'en'): Promise<void> {
  await page.goto(baseUrl + '/');
  await page.evaluate((l) => {
    sessionStorage.clear();
    if (l) localStorage.setItem('weegwijzer.lang', l);
  }, lang);
}

/** Signs in with the demo role picker (the button of that role and region), or with the token of a role it does not offer. */
export async function signInAs(page: Page, baseUrl: string, r: Role, lang: 'nl' | 'en' = 'nl'): Promise<void> {
  await signedOut(page, baseUrl, lang);
  await page.goto(baseUrl + '/#/overzicht');
  const token = tokensByRole.get(r.region ? `${r.role}-${r.region}` : r.role);
  if (r.role === 'beheer' && token) {
    // The role picker never offers beheer: sign in with its token, as an administrator would.
    await page.fill('.signin form input[type="password"]', token);
    await page.click('.signin form button[type="submit"]');
  } else {
    const selector = `.role-picker button[data-role="${r.role}"]${r.region ? `[data-region="${r.region}"]` : ''}`;
    await page.click(selector);
  }
  await page.waitForSelector('nav.main-nav');
}

/** Waits until no panel, view or boot screen is loading any more. */
export async function waitForData(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('main h1') !== null &&
      // the page shows the current URL (not the one before a filter change) ...
      (document.querySelector('main') as HTMLElement).dataset.hash === window.location.hash &&
      // ... and nothing is loading any more
      document.querySelectorAll('.status.loading, [data-state="loading"]').length === 0,
    null,
    { timeout },
  );
  // Charts draw on the next frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export async function openView(page: Page, view: string, query = ''): Promise<void> {
  await page.evaluate(
    ([v, q]) => {
      window.location.hash = `#/${v}${q ? `?${q}` : ''}`;
    },
    [view, query] as const,
  );
  await page.waitForFunction((v) => window.location.hash.startsWith(`#/${v}`), view);
  await waitForData(page);
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** axe-core with the WCAG 2.1 A/AA rules only. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the API's Content-Security-Policy (script-src 'self') stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const res = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  });
}

/** Every piece of text a user could read on the page, including hidden tables and labels. */
export async function allPageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText, document.body.textContent ?? ''];
    for (const el of Array.from(document.querySelectorAll('[aria-label], [title], [alt], option, input[value]'))) {
      parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '', el.getAttribute('alt') ?? '', (el as HTMLInputElement).value ?? '');
    }
    return parts.join('\n');
  });
}

/** The cells of a panel's table (thead and tbody), as text. */
export async function panelTable(page: Page, panel: string): Promise<{ head: string[]; rows: string[][] }> {
  return page.$eval(`section[data-panel="${panel}"] table`, (table) => ({
    head: Array.from(table.querySelectorAll('thead th')).map((c) => (c.textContent ?? '').trim()),
    rows: Array.from(table.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').trim())),
  }));
}

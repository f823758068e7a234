/// <reference lib="dom" />
/**
 * One Chromium for the browser tests (Debian's, never a downloaded one) and the page helpers
 * they share: sign in through the demo role picker, open a view, wait for its data, run axe.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './dashboard-build';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface Role {
  role: 'inspectie' | 'nctv' | 'regio' | 'beheer';
  region: string | null;
}

export function roleName(r: Role): string {
  return r.region ? `${r.role}-${r.region}` : r.role;
}

/** Signs in with the demo role picker (the button of that role and region). */
/** Tokens for roles the demo role picker does not offer (`role` or `role-region` → token). */
export const tokensByRole = new Map<string, string>();

export async function signInAs(page: Page, baseUrl: string, r: Role, lang: 'nl' | 'en' = 'nl'): Promise<void> {
  await page.goto(baseUrl + '/');
  await page.evaluate((l) => {
    sessionStorage.clear();
    localStorage.setItem('weegwijzer.lang', l);
  }, lang);
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

/**
 * The production build the browser tests run against: `vite build` of apps/dashboard, redone
 * when any input is newer than the last build (so `nx` need not run dashboard:build first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ROOT = resolve(__dirname, '..', '..');
export const DASHBOARD = join(ROOT, 'apps', 'dashboard');
export const DIST = join(DASHBOARD, 'dist');
const STAMP = join(DIST, '.vite', 'manifest.json');

function newestInput(): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'index.html', 'vite.config.ts', 'package.json']) {
    const full = join(DASHBOARD, p);
    if (existsSync(full)) walk(full);
  }
  return newest;
}

export function ensureDashboardBuilt(): { rebuilt: boolean } {
  if (existsSync(STAMP) && existsSync(join(DIST, 'index.html')) && statSync(STAMP).mtimeMs >= newestInput()) return { rebuilt: false };
  // vitest sets NODE_ENV=test, which would give React's development build: build for production.
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', 'production', '--logLevel', 'warn'], {
    cwd: DASHBOARD,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`vite build of the dashboard failed:\n${r.stdout}\n${r.stderr}`);
  return { rebuilt: true };
}

/**
 * The JavaScript a first visit loads: the entry script of index.html, every `modulepreload`,
 * and (transitively) every static `import` of those chunks — not the `import()`ed views.
 */
export function initialScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const start = [
    ...[...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]),
  ];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only: `import x from "./a.js"`, `import "./b.js"`, `export ... from "./c.js"`.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(resolve(dirname(file), m[1]));
    }
  };
  for (const s of start) visit(resolve(DIST, s.replace(/^\.?\//, '')));
  return [...seen];
}

export function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/**
 * Module boundaries (STYLE.md), enforced by reading every project's tags and scanning its
 * source imports. Nx tags: type:{app,lib,types,e2e}, scope:{api,dashboard,etl,shared}. A type:types
 * library holds types only (no runtime import or value); the dashboard imports nothing else.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const PROJECT_DIRS = ['libs/contract', 'libs/store', 'libs/metrics', 'libs/api-types', 'etl', 'apps/api', 'apps/dashboard'];

interface Project {
  dir: string;
  pkg: string;
  type: string;
  scope: string;
}

function loadProjects(): Project[] {
  return PROJECT_DIRS.filter((d) => {
    try {
      statSync(join(ROOT, d, 'package.json'));
      return true;
    } catch {
      return false;
    }
  }).map((dir) => {
    const p = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
    const tags: string[] = p.nx?.tags ?? [];
    const tag = (k: string) => tags.find((t) => t.startsWith(`${k}:`))?.slice(k.length + 1) ?? '';
    return { dir, pkg: p.name, type: tag('type'), scope: tag('scope') };
  });
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (['node_modules', 'dist', '__snapshots__'].includes(e.name)) continue;
      const f = join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (/\.(ts|tsx)$/.test(e.name) && !/\.spec\.tsx?$/.test(e.name)) out.push(f);
    }
  };
  try {
    walk(join(ROOT, dir, 'src'));
  } catch {
    /* project without src yet */
  }
  return out;
}

interface Import {
  spec: string;
  typeOnly: boolean;
}
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) out.push({ spec: m[3] ?? m[4] ?? m[5], typeOnly: Boolean(m[2]) });
  return out;
}

const projects = loadProjects();
const byPkg = new Map(projects.map((p) => [p.pkg, p]));

/** Which scopes a scope may depend on. */
const ALLOWED_SCOPES: Record<string, string[]> = {
  shared: ['shared'],
  etl: ['shared', 'etl'],
  api: ['shared', 'etl', 'api'],
  dashboard: ['dashboard'],
};
/** External packages a project must never import. */
const FORBIDDEN_EXTERNAL: Record<string, RegExp> = {
  'libs/contract': /^(@nestjs\/|typeorm|pg$|@duckdb\/|echarts|react)/,
  'libs/metrics': /^(@nestjs\/|typeorm|typeorm-pglite|pg$|@electric-sql\/|@duckdb\/|echarts|react)/,
  'libs/store': /^(@nestjs\/|echarts|react)/,
  etl: /^(@nestjs\/|echarts|react)/,
  'apps/dashboard': /^(@nestjs\/|typeorm|pg$|@duckdb\/|@electric-sql\/|node:)/,
};

describe('type:types libraries', () => {
  for (const p of projects.filter((x) => x.type === 'types')) {
    it(`${p.dir} has types only: every import and export is type-only, and nothing is a value`, () => {
      const problems: string[] = [];
      for (const file of sourceFiles(p.dir)) {
        const text = readFileSync(file, 'utf8');
        for (const imp of importsOf(file)) if (!imp.typeOnly) problems.push(`${relative(ROOT, file)}: runtime import of ${imp.spec}`);
        for (const m of text.matchAll(/^\s*export\s+(?!type\b|interface\b|declare\s+type\b)(\w+)/gm)) problems.push(`${relative(ROOT, file)}: exports a value (${m[1]})`);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('module boundaries', () => {
  it('finds the projects and their tags', () => {
    expect(projects.length).toBeGreaterThanOrEqual(5);
    for (const p of projects) {
      expect(['app', 'lib', 'types'], `${p.dir} type tag`).toContain(p.type);
      expect(Object.keys(ALLOWED_SCOPES), `${p.dir} scope tag`).toContain(p.scope);
    }
  });

  for (const p of projects) {
    it(`${p.dir} imports only what its tags allow`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(p.dir)) {
        for (const imp of importsOf(file)) {
          const where = `${relative(ROOT, file)} imports ${imp.spec}`;
          if (imp.spec.startsWith('@weegwijzer/')) {
            const target = byPkg.get(imp.spec.split('/').slice(0, 2).join('/'));
            if (!target) continue;
            if (target.type === 'app' && target.pkg !== p.pkg && !imp.typeOnly) violations.push(`${where}: a library or app may not import an app`);
            if (p.scope === 'dashboard') {
              if (!imp.typeOnly || target.type !== 'types') violations.push(`${where}: the dashboard may only import published types (a type:types library)`);
            } else if (!ALLOWED_SCOPES[p.scope].includes(target.scope)) {
              violations.push(`${where}: scope ${p.scope} may not depend on scope ${target.scope}`);
            }
            if (imp.spec.split('/').length > 2) violations.push(`${where}: import a library through its public index only`);
          } else if (/^\.\.?\//.test(imp.spec)) {
            // relative imports must stay inside the project
            const resolved = join(file, '..', imp.spec);
            if (!resolved.startsWith(join(ROOT, p.dir))) violations.push(`${where}: relative import leaves the project`);
          } else if (FORBIDDEN_EXTERNAL[p.dir]?.test(imp.spec) && !imp.typeOnly) {
            violations.push(`${where}: not allowed in ${p.dir}`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }
});

#!/usr/bin/env node
// `npm test`: every project's typecheck and tests through Nx on the embedded defaults
// (PGlite + DuckDB files), then — when DATABASE_URL is set — the suites that touch the
// operational store once more against that PostgreSQL server. Same tests, both stores.
import { spawnSync } from 'node:child_process';

const pgUrl = process.env.DATABASE_URL;
const embeddedEnv = { ...process.env };
delete embeddedEnv.DATABASE_URL;

function run(label, cmd, args, env) {
  console.log(`\n=== ${label}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  console.log(`=== ${label}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('lint (ESLint with Nx module boundaries) and format (Prettier)', 'sh', ['-c', 'npx eslint . --max-warnings=50 && npx prettier --check . --log-level=warn'], embeddedEnv);

run('typecheck + tests (embedded PGlite)', 'npx', ['nx', 'run-many', '-t', 'typecheck', 'test', '--outputStyle=stream'], embeddedEnv);

// Suites in test/ that use the operational store; each isolates itself in its own schema.
const PG_SUITES = ['store/', 'etl/', 'api/', 'ops/', 'metrics/postgres-dialect'];
if (pgUrl) {
  run(`operational-store suites on PostgreSQL (${new URL(pgUrl).host})`, 'npx', ['vitest', 'run', '--root', 'test', ...PG_SUITES], { ...process.env });
} else {
  console.log('\nPostgreSQL suites not run: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them too. .ci/run does.');
}

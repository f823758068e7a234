/** Shared helpers of the ETL suites: temp data dirs, the ledger store, CLI processes, file greps. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { closeOperationalStore, openOperationalStore } from '@weegwijzer/store';

export const ROOT = join(__dirname, '..', '..');

const temps: string[] = [];
export function tempDir(prefix = 'ww-etl-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}
export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The ledger store of this test run: PGlite in memory, or a private schema on DATABASE_URL. */
export const databaseUrl = process.env.DATABASE_URL || undefined;
export const storeKind = databaseUrl ? 'PostgreSQL' : 'PGlite';

export async function openLedger(tag: string): Promise<{ ds: DataSource; close: () => Promise<void> }> {
  const schema = databaseUrl ? `t_etl_${tag}_${process.pid}` : undefined;
  const ds = await openOperationalStore({ databaseUrl, dataDir: 'memory', schema });
  return {
    ds,
    close: async () => {
      if (schema) await ds.query(`DROP SCHEMA "${schema}" CASCADE`);
      await closeOperationalStore(ds);
    },
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Env for a CLI child: no DATABASE_URL (a child would share the public schema), PGlite under the data dir. */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
    WEEGWIJZER_DATA_DIR: dataDir,
    ...extra,
  };
}

/** The production bin. */
const CLI = join(ROOT, 'etl/src/cli.ts');
/** The same CLI with a hook that kills the process at a named point (support/crash-cli.ts). */
const CRASH_CLI = join(__dirname, 'support', 'crash-cli.ts');

export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  script = CLI,
): { child: ChildProcess; done: Promise<CliResult>; output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return startCli(args, env).done;
}

/** Runs the CLI so that it SIGKILLs itself when the ingest or purge reaches `point`. */
export function runCliCrashingAt(point: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return startCli([point, ...args], env, CRASH_CLI).done;
}

/** Every file under dir (recursively) whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const bytes = Buffer.from(needle);
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && readFileSync(p).includes(bytes)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

/**
 * The ETL command line (run from the repository root): `npm run etl -- <command>`.
 *
 *   validate <batch-dir|.zip> [--json]        check a batch, load nothing
 *   ingest <batch-dir|.zip>... [--json]       validate and load (exit 0 loaded/already, 2 rejected, 1 failure)
 *   purge [--dry-run] [--json]                remove what outlived WEEGWIJZER_RETENTION (counts in purge_log + audit log)
 *   demo --out <dir> [--seed N] [--years N] [--scale F] [--format <input format>]   (formats: etl/src/formats)
 *   pseudonymise --key-file <f> <in> <out>   HMAC-SHA256 pseudonyms for a region's export, locally
 *
 * The data directory is WEEGWIJZER_DATA_DIR (default ./data). When another process owns
 * it (the API, another ingest), `ingest` hands the work to that owner over its control
 * socket instead of becoming a second writer.
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import {
  acquireOwnership,
  closeOperationalStore,
  ControlCommandError,
  ControlServer,
  DataDirOwnedError,
  NoOwnerError,
  openOperationalStore,
  readSnapshotPointer,
  resolveDataDir,
  sendControl,
} from '@weegwijzer/store';
import { UsageError } from '@weegwijzer/contract';
import { Progress } from './cli/progress';
import { BatchStore } from './ingest/batch-store';
import { ingestControlHandler, purgeControlHandler } from './ingest/ingest.control';
import { Ingestor, type PurgeResult } from './ingest/ingestor';
import { parseRetention } from './ingest/retention';
import type { IngestProgress, IngestResult } from './ingest/ingest.types';
import { validateBatch } from './validate/batch.validator';
import type { ValidationReport } from './validate/report';
import { generateDemo } from './demo';
import { INPUT_FORMATS, type InputFormat } from './formats';
import { pseudonymiseFile } from './pseudonymise';

/** Configuration, read once at start. */
interface CliConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  keyFile: string | undefined;
  retention: string | undefined;
}

function readConfig(env: NodeJS.ProcessEnv): CliConfig {
  return {
    dataDir: resolveDataDir(env),
    databaseUrl: env.DATABASE_URL || undefined,
    keyFile: env.WEEGWIJZER_KEY_FILE || undefined,
    retention: env.WEEGWIJZER_RETENTION || undefined,
  };
}

/** What a caller of main() may hook into; the bin passes none. */
export interface CliHooks {
  /** Passed to the Ingestor: called at each named point of an ingest or purge (the crash tests kill the process there). */
  reached?: (point: string) => void;
}

const USAGE = `usage: npm run etl -- <command>
  validate <batch-dir|batch.zip> [--json]
  ingest <batch-dir|batch.zip>... [--json]
  purge [--dry-run] [--json]               (WEEGWIJZER_RETENTION, e.g. 5y)
  demo --out <dir> [--seed N] [--years N] [--scale F] [--format ${INPUT_FORMATS.join('|')}]
  pseudonymise --key-file <file> <in> <out>`;

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(args: string[], valued: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2);
      if (valued.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else if (name === 'json' || name === 'help' || name === 'dry-run') flags.set(name, true);
      else throw new UsageError(`unknown option --${name}`);
    } else positional.push(a);
  }
  return { positional, flags };
}

function numberFlag(p: Parsed, name: string): number | undefined {
  const v = p.flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
  return n;
}

function printReport(report: ValidationReport, out: (s: string) => void): void {
  for (const e of report.errors) {
    const where = [e.file, e.row !== null ? `row ${e.row}` : null, e.column ? `column ${e.column}` : null].filter(Boolean).join(', ');
    out(`  ${where}: ${e.rule} — ${e.message}${e.detail ? ` (${e.detail})` : ''}`);
  }
  if (report.truncated) out(`  ... and ${report.errorCount - report.errors.length} more error(s)`);
}

async function cmdValidate(cfg: CliConfig, args: string[]): Promise<number> {
  const p = parseArgs(args, []);
  if (p.positional.length !== 1) throw new UsageError('validate takes exactly one batch folder or .zip');
  const progress = new Progress();
  // Earlier batches in the data dir count for referential integrity; reading them is safe
  // while an owner runs (accepted batches are immutable).
  const pointer = readSnapshotPointer(cfg.dataDir);
  const store = new BatchStore(cfg.dataDir);
  const report = await validateBatch(resolve(p.positional[0]), {
    earlierBatches: (region) => store.earlierBatches(pointer?.batches ?? [], region),
    onProgress: (s) => progress.update(`${s.step}${s.file ? ` ${s.file}` : ''}`),
  });
  progress.done();
  if (p.flags.has('json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    const name = report.batch.region_code && report.batch.batch_id ? `${report.batch.region_code}/${report.batch.batch_id}` : p.positional[0];
    console.log(report.ok ? `${name}: valid (${report.counts.signals} signals, ${report.counts.assessments} assessments)` : `${name}: INVALID, ${report.errorCount} error(s)`);
    printReport(report, (s) => console.log(s));
  }
  return report.ok ? 0 : 2;
}

function ingestExitCode(result: IngestResult): number {
  if (result.batches.some((b) => b.outcome === 'failed')) return 1;
  if (result.batches.some((b) => b.outcome === 'rejected')) return 2;
  return 0;
}

function printIngest(result: IngestResult): void {
  for (const b of result.batches) {
    const name = b.region_code && b.batch_id ? `${b.region_code}/${b.batch_id}` : b.dir;
    console.log(`${name}: ${b.message}`);
    if (b.outcome === 'rejected' && b.report) printReport(b.report, (s) => console.log(s));
  }
  if (result.snapshot)
    console.log(`serving snapshot ${result.snapshot.id}: ${result.snapshot.batches} batches, ${result.snapshot.signals} signals, ${result.snapshot.assessments} assessments`);
}

/** How long an ingest waits for another process that owns the data directory but takes no commands. */
const OWNER_WAIT_MS = 30 * 60_000;

async function cmdIngest(cfg: CliConfig, hooks: CliHooks, args: string[]): Promise<number> {
  const p = parseArgs(args, []);
  if (p.positional.length === 0) throw new UsageError('ingest needs at least one batch folder or .zip');
  const dirs = p.positional.map((d) => resolve(d));
  const progress = new Progress();
  const onProgress = (e: IngestProgress) => progress.update(`${e.batch ? `${e.batch}: ` : ''}${e.message}`, e.phase === 'done' ? e.total : e.index - 1, e.total);
  let result: IngestResult | null = null;
  let waitingFor: number | null = null;
  const waitUntil = Date.now() + OWNER_WAIT_MS;
  while (!result) {
    try {
      result = await sendControl<IngestResult>(cfg.dataDir, 'ingest', { dirs, submittedBy: 'cli' }, (e) => onProgress(e as IngestProgress));
      progress.done('(loaded by the process that owns the data directory)');
    } catch (e) {
      if (!(e instanceof NoOwnerError)) throw e;
      try {
        result = await ingestAsOwner(cfg, hooks, dirs, onProgress);
        progress.done();
      } catch (err) {
        if (!(err instanceof DataDirOwnedError)) throw err;
        // Another process owns the data directory but does not take commands (yet): another
        // CLI still opening the store, say. Wait for its socket or for it to finish.
        if (Date.now() > waitUntil) throw new Error(`could not reach or become the owner of ${cfg.dataDir}: ${err.message}, for ${OWNER_WAIT_MS / 1000} s`, { cause: err });
        if (waitingFor !== err.owner.pid) {
          waitingFor = err.owner.pid;
          process.stderr.write(`the data directory is in use by process ${err.owner.pid} (started ${err.owner.started_at}); waiting for it…\n`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
  if (p.flags.has('json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else printIngest(result);
  return ingestExitCode(result);
}

/** Owns the data dir for the duration of the ingest, and serves other CLIs meanwhile. */
async function ingestAsOwner(cfg: CliConfig, hooks: CliHooks, dirs: string[], onProgress: (e: IngestProgress) => void): Promise<IngestResult> {
  const ownership = acquireOwnership(cfg.dataDir);
  let server: ControlServer | null = null;
  const store = await openOperationalStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir }).catch((e) => {
    ownership.release();
    throw e;
  });
  try {
    const ingestor = new Ingestor({ dataDir: cfg.dataDir, store, reached: hooks.reached, keyFile: cfg.keyFile });
    server = new ControlServer(ownership).register('ingest', ingestControlHandler(ingestor)).register('purge', purgeControlHandler(ingestor));
    await server.listen();
    return await ingestor.ingest(dirs, { submittedBy: 'cli', onProgress });
  } finally {
    await server?.close();
    await closeOperationalStore(store);
    ownership.release();
  }
}

/** Removes what outlived WEEGWIJZER_RETENTION (through the owner when one runs, like ingest). */
async function cmdPurge(cfg: CliConfig, hooks: CliHooks, args: string[]): Promise<number> {
  const p = parseArgs(args, []);
  if (p.positional.length > 0) throw new UsageError('purge takes no arguments (only --dry-run, --json)');
  if (!cfg.retention) throw new UsageError('WEEGWIJZER_RETENTION is not set (e.g. 5y): records are kept, nothing to purge');
  const term = parseRetention(cfg.retention);
  const dryRun = p.flags.has('dry-run');
  let result: PurgeResult | null = null;
  for (let attempt = 0; attempt < 3 && !result; attempt++) {
    try {
      result = await sendControl<PurgeResult>(cfg.dataDir, 'purge', { term: term.text, dryRun }, () => undefined);
    } catch (e) {
      if (!(e instanceof NoOwnerError)) throw e;
      try {
        result = await asOwner(cfg, hooks, (ingestor) => ingestor.purge(term, { dryRun }));
      } catch (err) {
        if (!(err instanceof DataDirOwnedError)) throw err;
      }
    }
  }
  if (!result) throw new Error(`could not reach or become the owner of ${cfg.dataDir}`);
  if (p.flags.has('json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else {
    const total = result.removed.reduce((n, r) => ({ s: n.s + r.signals, a: n.a + r.assessments }), { s: 0, a: 0 });
    console.log(`retention ${result.term}: signals received before ${result.horizon} ${result.dryRun ? 'would be' : 'were'} removed: ${total.s} signals, ${total.a} assessments`);
    for (const r of result.removed) console.log(`  ${r.region_code}: ${r.signals} signals, ${r.assessments} assessments`);
    if (result.snapshot) console.log(`serving snapshot ${result.snapshot}`);
  }
  return 0;
}

/** Becomes the owner of the data dir for one job (and serves other CLIs meanwhile). */
async function asOwner<T>(cfg: CliConfig, hooks: CliHooks, job: (ingestor: Ingestor) => Promise<T>): Promise<T> {
  const ownership = acquireOwnership(cfg.dataDir);
  let server: ControlServer | null = null;
  const store = await openOperationalStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir }).catch((e) => {
    ownership.release();
    throw e;
  });
  try {
    const ingestor = new Ingestor({ dataDir: cfg.dataDir, store, reached: hooks.reached, keyFile: cfg.keyFile });
    server = new ControlServer(ownership).register('ingest', ingestControlHandler(ingestor)).register('purge', purgeControlHandler(ingestor));
    await server.listen();
    return await job(ingestor);
  } finally {
    await server?.close();
    await closeOperationalStore(store);
    ownership.release();
  }
}

async function cmdDemo(args: string[]): Promise<number> {
  const p = parseArgs(args, ['out', 'seed', 'years', 'scale', 'format']);
  const out = p.flags.get('out');
  if (typeof out !== 'string' || p.positional.length > 0) throw new UsageError('demo needs --out <dir> (and no other arguments)');
  const progress = new Progress();
  const result = await generateDemo({
    outDir: resolve(out),
    seed: numberFlag(p, 'seed'),
    years: numberFlag(p, 'years'),
    scale: numberFlag(p, 'scale'),
    format: p.flags.get('format') as InputFormat | undefined,
    onProgress: (done, total, label) => progress.update(`generating ${label}`, done, total),
  });
  progress.done();
  console.log(`wrote ${result.batchDirs.length} batches (${result.signals} signals, ${result.assessments} assessments) under ${resolve(out)}`);
  console.log(`planted effects: ${result.plantedEffectsFile}`);
  return 0;
}

async function cmdPseudonymise(args: string[]): Promise<number> {
  const p = parseArgs(args, ['key-file']);
  const keyFile = p.flags.get('key-file');
  if (typeof keyFile !== 'string' || p.positional.length !== 2) throw new UsageError('pseudonymise needs --key-file <file> <in> <out>');
  const result = await pseudonymiseFile({ keyFile: resolve(keyFile), input: resolve(p.positional[0]), output: resolve(p.positional[1]) });
  console.log(`pseudonymised ${result.rows} rows into ${resolve(p.positional[1])}`);
  return 0;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, hooks: CliHooks = {}): Promise<number> {
  const [command, ...args] = argv;
  const cfg = readConfig(env);
  try {
    switch (command) {
      case 'validate':
        return await cmdValidate(cfg, args);
      case 'ingest':
        return await cmdIngest(cfg, hooks, args);
      case 'purge':
        return await cmdPurge(cfg, hooks, args);
      case 'demo':
        return await cmdDemo(args);
      case 'pseudonymise':
        return await cmdPseudonymise(args);
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n${USAGE}`);
      return 1;
    }
    if (e instanceof ControlCommandError) console.error(`the owner process failed: ${e.message}`);
    else console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}

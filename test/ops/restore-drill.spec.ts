/**
 * The restore drill: a small demo installation serves requests while `admin backup` runs
 * against the live API; then the data directory (and, on PostgreSQL, the schema) is destroyed,
 * `admin restore` brings it back, and a new API answers every metric for every role exactly
 * as before, with the same ledger, tokens, registry and audit rows and the same record key.
 * Damaged, truncated and newer archives are refused and leave the current data untouched.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set (own schema).
 */
import { createApp, loadConfig, type ApiApp } from '@weegwijzer/api';
import { runAdmin } from '../../apps/api/src/cli/admin.cli';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { create as tarCreate, extract as tarExtract } from 'tar';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTs } from '../api/cli';
import { DATABASE_URL, dropSchema, seedPglite, STORE } from '../api/harness';

const ROLES = ['inspectie', 'nctv', 'regio', 'beheer'] as const;
const TABLES = ['batch', 'api_token', 'region', 'municipality', 'municipality_population', 'region_profile', 'region_profile_history'];

let dataDir: string;
let work: string;
let schema: string | undefined;
let env: Record<string, string>;
let app: ApiApp | null = null;
let tokens: Record<(typeof ROLES)[number], string>;
let archive: string;
let key: string;

async function start(extra: Record<string, string> = {}): Promise<ApiApp> {
  app = await createApp(loadConfig({ ...env, PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT: '0', ...extra }, []));
  return app;
}

async function stop(): Promise<void> {
  await app?.close();
  app = null;
}

function get(path: string, token?: string): Promise<Response> {
  return fetch(app!.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** admin CLI in-process, with its output captured. */
async function admin(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  try {
    const code = await runAdmin(argv, env);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Every metric of the catalogue, for every role, as status + body. */
async function everyMetric(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const role of ROLES) {
    const cat = (await (await get('/api/v1/metrics', tokens[role])).json()) as { name: string }[];
    out[`${role} catalogue`] = JSON.stringify(cat.map((m) => m.name));
    for (const { name } of cat) {
      const r = await get(`/api/v1/metrics/${name}`, tokens[role]);
      out[`${role} ${name}`] = `${r.status} ${await r.text()}`;
    }
  }
  return out;
}

async function rows(table: string, where = ''): Promise<unknown[]> {
  return app!.store.query(`SELECT * FROM "${table}" ${where} ORDER BY 1`);
}

/** The data directory's analytic part and secret, as path -> sha256 (what a refused restore must not touch). */
function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) visit(full);
      else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  for (const p of ['current.json', 'snapshots', 'batches', 'record-key.secret']) {
    const full = join(dir, p);
    if (!existsSync(full)) continue;
    if (statSync(full).isDirectory()) visit(full);
    else out[p] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return out;
}

let before: { metrics: Record<string, string>; tables: Record<string, unknown[]>; audit: unknown[] };
let backupOutput: { manifest: { operational: { tables: { name: string; rows: number }[] }; record_key: { source: string } } };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'weegwijzer-drill-'));
  dataDir = join(work, 'data');
  mkdirSync(dataDir);
  schema = DATABASE_URL ? `t_ops_drill_${process.pid}` : undefined;
  env = { WEEGWIJZER_DATA_DIR: dataDir, ...(DATABASE_URL ? { DATABASE_URL, DATABASE_SCHEMA: schema! } : {}) };
  await seedPglite(dataDir);
  // The record-key secret as disclosure v2 keeps it (64 hex, mode 0600).
  key = randomBytes(32).toString('hex');
  writeFileSync(join(dataDir, 'record-key.secret'), key + '\n', { mode: 0o600 });
  await start({ WEEGWIJZER_DEMO: '1', WEEGWIJZER_DEMO_SCALE: '0.1', WEEGWIJZER_DEMO_YEARS: '1' });
  const pick = (role: string) => app!.demoSessions.find((s) => s.role === role)!.token;
  tokens = { inspectie: pick('inspectie'), nctv: pick('nctv'), regio: pick('regio'), beheer: pick('beheer') };
  archive = join(work, 'backup.tar.gz');
}, 600_000);

afterAll(async () => {
  await stop();
  if (schema) await dropSchema(schema);
  rmSync(work, { recursive: true, force: true });
});

describe(`restore drill on ${STORE}`, () => {
  it('backs up the live API while requests run', async () => {
    const metrics = await everyMetric();
    await app!.flushAudit();
    const auditBefore = (await rows('audit_log')).length;
    expect(auditBefore).toBeGreaterThan(0);

    // Readers and audit writes keep going during the backup.
    let running = true;
    let served = 0;
    const traffic = (async () => {
      while (running) {
        const r = await get('/api/v1/metrics/flow', tokens.inspectie);
        expect(r.status).toBe(200);
        await r.arrayBuffer();
        served++;
      }
    })();
    const res = await admin('backup', archive, '--json');
    running = false;
    await traffic;
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(served).toBeGreaterThan(0);
    backupOutput = JSON.parse(res.out);
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    expect(backupOutput.manifest.record_key.source).toBe('data-dir');
    // Everything flushed before the backup started is in it.
    const inArchive = Object.fromEntries(backupOutput.manifest.operational.tables.map((t) => [t.name, t.rows]));
    expect(inArchive.audit_log).toBeGreaterThanOrEqual(auditBefore);

    await app!.flushAudit();
    const tables: Record<string, unknown[]> = {};
    for (const t of TABLES) {
      tables[t] = await rows(t);
      expect(inArchive[t]).toBe(tables[t].length);
    }
    expect(tables.batch.length).toBeGreaterThan(0);
    before = { metrics, tables, audit: await rows('audit_log') };
    // The comparison means something: most metrics answer with numbers for most roles.
    expect(Object.values(metrics).filter((v) => v.startsWith('200 ')).length).toBeGreaterThan(30);
    // A second backup to an existing name is refused.
    const again = await admin('backup', archive);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
  }, 300_000);

  it('`npm run admin -- backup` as its own process hands the work to the running API', async () => {
    const file = join(work, 'by-process.tar.gz');
    const r = await runTs('apps/api/src/cli/admin.cli.ts', ['backup', file], env, 120_000);
    expect(r.stderr).toMatch(new RegExp(`written by the running API, pid ${process.pid}`));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Backup written to .*by-process\.tar\.gz/);
    expect(r.stdout).toMatch(/record key: included/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('refuses to restore while the API owns the data directory, but checks an archive', async () => {
    const res = await admin('restore', archive);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/stop it first/);
    const check = await admin('restore', archive, '--check');
    expect(check.err).toBe('');
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/is a complete backup .*checksums match/);
  });

  it('restores a destroyed installation exactly', async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (schema) await dropSchema(schema);
    expect(existsSync(dataDir)).toBe(false);

    const res = await admin('restore', archive);
    expect(res.err).not.toMatch(/admin:/);
    expect(res.code).toBe(0);
    const secret = join(dataDir, 'record-key.secret');
    expect(readFileSync(secret, 'utf8').trim()).toBe(key);
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('.restore'))).toEqual([]);

    await start();
    const n = backupOutput.manifest.operational.tables.find((t) => t.name === 'audit_log')!.rows;
    // The audit rows of the backup: the first n by id (ids need not be contiguous: the
    // fail-closed writer may skip a sequence value for a row it could not store).
    const audit = (await rows('audit_log')).slice(0, n);
    expect(audit).toEqual(before.audit.slice(0, n));
    for (const t of TABLES) expect(await rows(t), t).toEqual(before.tables[t]);
    expect(await everyMetric()).toEqual(before.metrics);
    // The old tokens work, and new audit rows continue after the restored ones.
    expect((await get('/api/v1/me', tokens.regio)).status).toBe(200);
    await app!.flushAudit();
    const lastRestored = Number((audit[n - 1] as { id: number | string }).id);
    const after = (await app!.store.query(`SELECT min(id)::int AS lo, count(*)::int AS n FROM audit_log WHERE id > ${lastRestored}`)) as { lo: number; n: number }[];
    expect(after[0].n).toBeGreaterThan(0);
    expect(after[0].lo).toBeGreaterThan(lastRestored);
    await stop();
  }, 300_000);

  it('backs up without a running API too (the command line owns the data directory meanwhile)', async () => {
    const res = await admin('backup', join(work, 'offline.tar.gz'), '--json');
    expect(res.code).toBe(0);
    expect(res.err).toBe('');
    const m = JSON.parse(res.out).manifest as typeof backupOutput.manifest;
    const counts = Object.fromEntries(m.operational.tables.map((t) => [t.name, t.rows]));
    for (const t of TABLES) expect(counts[t], t).toBe(before.tables[t].length);
    expect(existsSync(join(dataDir, 'owner.lock'))).toBe(false);
  }, 120_000);

  describe('refuses a bad archive and leaves the current data untouched', () => {
    let tree: Record<string, string>;
    let tables: Record<string, unknown[]>;

    const snapshotOfStore = async () => {
      await start();
      const out: Record<string, unknown[]> = {};
      for (const t of [...TABLES, 'audit_log']) out[t] = await rows(t);
      await stop();
      return out;
    };

    beforeAll(async () => {
      tree = treeHash(dataDir);
      tables = await snapshotOfStore();
    }, 120_000);

    const refused = async (file: string, message: RegExp) => {
      const check = await admin('restore', file, '--check');
      expect(check.code).toBe(2);
      expect(check.err).toMatch(message);
      const res = await admin('restore', file);
      expect(res.code).toBe(2);
      expect(res.err).toMatch(message);
      expect(treeHash(dataDir)).toEqual(tree);
      expect(readdirSync(dataDir).filter((f) => f.startsWith('.restore'))).toEqual([]);
    };

    /** Repacks the archive after `change` edits its unpacked contents. */
    const repack = async (name: string, change: (dir: string) => void) => {
      const dir = mkdtempSync(join(work, 'repack-'));
      await tarExtract({ file: archive, cwd: dir });
      change(dir);
      const out = join(work, name);
      await tarCreate({ gzip: true, cwd: dir, file: out, portable: true }, readdirSync(dir));
      return out;
    };

    it('a truncated archive', async () => {
      const bytes = readFileSync(archive);
      const file = join(work, 'truncated.tar.gz');
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await refused(file, /not a complete backup archive \(truncated or damaged/);
    });

    it('a corrupted archive (bytes flipped)', async () => {
      const bytes = Buffer.from(readFileSync(archive));
      for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length / 2) + i] ^= 0xff;
      const file = join(work, 'flipped.tar.gz');
      writeFileSync(file, bytes);
      await refused(file, /truncated or damaged|fails its checksum/);
    });

    it('an archive whose content no longer matches its checksums', async () => {
      const file = await repack('tampered.tar.gz', (dir) => {
        const p = join(dir, 'operational', 'api_token.jsonl');
        writeFileSync(p, readFileSync(p, 'utf8').replace('"inspectie"', '"beheer"'));
      });
      await refused(file, /fails its checksum: operational\/api_token\.jsonl/);
    });

    it('an archive made by a newer schema', async () => {
      const file = await repack('newer.tar.gz', (dir) => {
        const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
        m.operational.migrations.push('FutureThing1999999999999');
        writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
      });
      await refused(file, /made by a newer Weegwijzer.*FutureThing1999999999999.*upgrade Weegwijzer first/);
    });

    it('and the operational store is as it was', async () => {
      expect(await snapshotOfStore()).toEqual(tables);
    }, 120_000);
  });
});

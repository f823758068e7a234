/**
 * The record key managed outside the data directory (WEEGWIJZER_KEY_FILE) stays out of the
 * backup, and restore refuses to change it silently; an archive of an older schema is restored
 * and then upgraded by the newer migrations. Offline (no API), PGlite or PostgreSQL.
 */
import { OPERATIONAL_MIGRATIONS } from '@weegwijzer/store';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as tarCreate, extract as tarExtract, list as tarList } from 'tar';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAdmin } from '../../apps/api/src/cli/admin.cli';
import { DATABASE_URL, dropSchema, seedPglite, STORE } from '../api/harness';

let work: string;
let dataDir: string;
let schema: string | undefined;
let base: Record<string, string>;
const keys = { one: '', two: '' };

async function admin(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  try {
    return { code: await runAdmin(argv, env), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

async function entries(file: string): Promise<string[]> {
  const names: string[] = [];
  await tarList({ file, onReadEntry: (e) => names.push(e.path) });
  return names;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'weegwijzer-backup-key-'));
  dataDir = join(work, 'data');
  mkdirSync(dataDir);
  await seedPglite(dataDir);
  schema = DATABASE_URL ? `t_ops_key_${process.pid}` : undefined;
  base = { WEEGWIJZER_DATA_DIR: dataDir, ...(DATABASE_URL ? { DATABASE_URL, DATABASE_SCHEMA: schema! } : {}) };
  for (const k of ['one', 'two'] as const) {
    keys[k] = join(work, `key-${k}`);
    writeFileSync(keys[k], randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  }
  // A stray data-dir secret is not what the API uses when WEEGWIJZER_KEY_FILE is set.
  writeFileSync(join(dataDir, 'record-key.secret'), randomBytes(32).toString('hex'), { mode: 0o600 });
}, 120_000);

afterAll(async () => {
  if (schema) await dropSchema(schema);
  rmSync(work, { recursive: true, force: true });
});

describe(`backup with WEEGWIJZER_KEY_FILE on ${STORE}`, () => {
  const archive = () => join(work, 'keyfile.tar.gz');

  it('leaves the key out of the archive and records its fingerprint', async () => {
    const r = await admin({ ...base, WEEGWIJZER_KEY_FILE: keys.one }, 'backup', archive(), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out).manifest;
    expect(m.record_key).toEqual({ source: 'key-file', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(m.snapshot).toBeNull();
    const names = await entries(archive());
    expect(names[0]).toBe('manifest.json');
    expect(names.some((n) => n.includes('record-key'))).toBe(false);
    // No key's text is anywhere in the archive.
    const dir = mkdtempSync(join(work, 'x-'));
    await tarExtract({ file: archive(), cwd: dir });
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files.length).toBeGreaterThan(3);
    const everything = files.map((d) => readFileSync(join(d.parentPath, d.name), 'utf8')).join('\n');
    for (const k of [keys.one, keys.two, join(dataDir, 'record-key.secret')]) expect(everything).not.toContain(readFileSync(k, 'utf8').trim());
  }, 60_000);

  it('refuses a restore with another key file, naming both fingerprints', async () => {
    const r = await admin({ ...base, WEEGWIJZER_KEY_FILE: keys.two }, 'restore', archive());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/record key managed outside the data directory.*fingerprint [0-9a-f]{16}.*the key file now configured has fingerprint [0-9a-f]{16}.*--accept-key-change/);
    const none = await admin(base, 'restore', archive());
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no such key file is configured now/);
  });

  it('restores with the same key file, or with --accept-key-change', async () => {
    expect((await admin({ ...base, WEEGWIJZER_KEY_FILE: keys.one }, 'restore', archive())).code).toBe(0);
    const r = await admin({ ...base, WEEGWIJZER_KEY_FILE: keys.two }, 'restore', archive(), '--accept-key-change');
    expect(r.err).not.toMatch(/admin:/);
    expect(r.code).toBe(0);
  }, 180_000);
});

describe(`restore of an archive made before the latest migration on ${STORE}`, () => {
  it('loads it at its own level, then applies the newer migration', async () => {
    const full = join(work, 'full.tar.gz');
    expect((await admin(base, 'backup', full)).code).toBe(0);
    const last = OPERATIONAL_MIGRATIONS[OPERATIONAL_MIGRATIONS.length - 1].name;
    expect(last).toMatch(/^ApiTokenExpiry/); // the column it adds is dropped from the copy below
    const dir = mkdtempSync(join(work, 'old-'));
    await tarExtract({ file: full, cwd: dir });
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    m.operational.migrations = m.operational.migrations.filter((n: string) => n !== last);
    // the archive as the previous schema made it: api_token rows without expires_at
    const tokenFile = join(dir, 'operational', 'api_token.jsonl');
    const tokenRows = readFileSync(tokenFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const row = JSON.parse(l) as Record<string, unknown>;
        delete row.expires_at;
        return JSON.stringify(row);
      });
    writeFileSync(tokenFile, tokenRows.map((l) => `${l}\n`).join(''));
    const entry = m.files.find((f: { path: string }) => f.path === 'operational/api_token.jsonl');
    const bytes = readFileSync(tokenFile);
    entry.bytes = bytes.length;
    entry.sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    const old = join(work, 'older.tar.gz');
    await tarCreate({ gzip: true, cwd: dir, file: old, portable: true }, readdirSync(dir));

    const r = await admin(base, 'restore', old, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.upgradedWith).toEqual([last]);
    expect(result.warnings.join(' ')).toMatch(/holds no record key/);
    // The upgraded store is complete: a backup of it has every table again.
    const again = await admin(base, 'backup', join(work, 'after-upgrade.tar.gz'), '--json');
    expect(again.code).toBe(0);
    const tables = JSON.parse(again.out).manifest.operational.tables.map((t: { name: string }) => t.name);
    expect(tables).toContain('api_token');
    expect(JSON.parse(again.out).manifest.operational.migrations).toEqual(OPERATIONAL_MIGRATIONS.map((x) => x.name));
  }, 180_000);
});

describe.runIf(DATABASE_URL)('moving an installation from embedded PGlite to PostgreSQL', () => {
  it('restores a PGlite backup into a PostgreSQL schema, rows as they were', async () => {
    const from = join(work, 'pglite-install');
    mkdirSync(from);
    const pgliteEnv = { WEEGWIJZER_DATA_DIR: from };
    // Seed a token and a ledger row on the embedded store (offline, through the admin CLI).
    const made = await admin(pgliteEnv, 'token', 'create', '--role', 'nctv', '--name', 'Adviseur', '--json');
    expect(made.code).toBe(0);
    const file = join(work, 'from-pglite.tar.gz');
    const b = await admin(pgliteEnv, 'backup', file, '--json');
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out).manifest.operational.backend).toBe('pglite');

    const to = join(work, 'pg-install');
    const target = `t_ops_move_${process.pid}`;
    const pgEnv = { WEEGWIJZER_DATA_DIR: to, DATABASE_URL: DATABASE_URL!, DATABASE_SCHEMA: target };
    try {
      const r = await admin(pgEnv, 'restore', file);
      expect(r.err).not.toMatch(/admin:/);
      expect(r.code).toBe(0);
      const list = await admin(pgEnv, 'token', 'list', '--json');
      expect(JSON.parse(list.out)).toEqual(JSON.parse((await admin(pgliteEnv, 'token', 'list', '--json')).out));
      expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ id: JSON.parse(made.out).id, role: 'nctv', name: 'Adviseur' })]);
    } finally {
      await dropSchema(target);
    }
  }, 180_000);
});

/**
 * Backup and restore of one Weegwijzer installation as a single `.tar.gz` archive:
 *
 *   manifest.json                     format, versions, what is inside, SHA-256 of every file
 *   data/current.json                 the snapshot pointer
 *   data/snapshots/<id>.duckdb        the served (immutable) snapshot
 *   data/batches/<VR>/<batch>/...     every accepted batch the snapshot was built from
 *   data/record-key.secret            the record-key secret, when it lives in the data dir
 *   operational/<table>.jsonl         a logical copy of the operational store
 *
 * Backup is online: it runs in the owner process between two ingests (so pointer, batches and
 * ledger agree), links the immutable files instead of copying them, dumps the operational store
 * from one consistent view, and writes `<file>.partial` (mode 0600: it holds the secret) that is
 * renamed to `<file>` only when complete.
 *
 * Restore needs the data directory to itself (the API stopped). It unpacks into a staging folder
 * inside the data directory, checks every checksum and version, loads the operational store into
 * a new PGlite folder or a new PostgreSQL schema, and only then swaps the staged parts in (and the
 * schema by rename, in one transaction). Any failure before the swap leaves the current data as
 * it was; a failure during the swap moves the old parts back.
 */
import { ANALYTIC_SCHEMA_VERSION, CONTRACT_VERSION } from '@weegwijzer/contract';
import {
  acquireOwnership,
  closeOperationalStore,
  dataDirLayout,
  dropSchemaCascade,
  dumpOperationalStore,
  loadOperationalStore,
  OPERATIONAL_MIGRATIONS,
  openOperationalStore,
  readSnapshotPointer,
  swapSchema,
  type SnapshotPointer,
} from '@weegwijzer/store';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { create as tarCreate, extract as tarExtract } from 'tar';
import type { DataSource } from 'typeorm';

export const BACKUP_FORMAT = 'weegwijzer-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** The record-key secret in the data directory (disclosure v2), unless WEEGWIJZER_KEY_FILE is used. */
export const RECORD_KEY_FILE = 'record-key.secret';

export interface BackupFileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  format_version: number;
  created_at: string;
  contract_version: string;
  analytic_schema_version: number;
  operational: {
    backend: 'pglite' | 'postgresql';
    /** Applied migrations, oldest first: the schema version of the copy. */
    migrations: string[];
    tables: { name: string; rows: number; file: string }[];
  };
  snapshot: { id: string; built_at: string; batches: number; signals: number; assessments: number } | null;
  record_key: {
    /** `data-dir`: in this archive; `key-file`: managed outside (WEEGWIJZER_KEY_FILE), not in it; `none`: there was none. */
    source: 'data-dir' | 'key-file' | 'none';
    /** A one-way fingerprint to recognise the same key at restore (never the key). */
    fingerprint: string | null;
  };
  files: BackupFileEntry[];
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Omit<BackupManifest, 'files'> & { files: number };
  durationMs: number;
}

/** A problem with the archive or the request: the current data is untouched. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupOptions {
  dataDir: string;
  /** The open operational store of the owner. */
  store: DataSource;
  backend: 'pglite' | 'postgresql';
  /** WEEGWIJZER_KEY_FILE, when the deployment manages the secret. */
  keyFile?: string;
  /** The archive to write (must not exist yet). */
  file: string;
  /** Runs the consistent part between ingests (the Ingestor's queue); default: directly. */
  exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
  now?: () => Date;
}

export function keyFingerprint(key: Buffer | string): string {
  const text = (typeof key === 'string' ? key : key.toString('utf8')).trim();
  return createHash('sha256').update('weegwijzer record-key fingerprint\n').update(text).digest('hex').slice(0, 16);
}

function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  return pipeline(createReadStream(file), hash).then(() => hash.digest('hex'));
}

/** Every regular file under `root`, as `/`-separated relative paths, sorted. */
function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else out.push(relative(root, full).split(sep).join('/'));
    }
  };
  if (existsSync(root)) visit(root);
  return out.sort();
}

/** Hard link (instant; the sources are immutable), or a copy across file systems. */
function linkOrCopy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a backup archive of the data directory and the operational store. */
export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const out = resolve(opts.file);
  if (!out.endsWith('.tar.gz') && !out.endsWith('.tgz')) throw new BackupError(`${out}: a backup file name ends in .tar.gz`);
  if (existsSync(out)) throw new BackupError(`${out} already exists; choose a new name (backups are never overwritten)`);
  if (!existsSync(dirname(out))) throw new BackupError(`folder ${dirname(out)} does not exist`);
  const layout = dataDirLayout(opts.dataDir);
  mkdirSync(layout.tmp, { recursive: true });
  // Staging folders of backups that died (a day old: a running backup is never that slow).
  for (const f of readdirSync(layout.tmp)) {
    const full = join(layout.tmp, f);
    if (f.startsWith('backup-') && Date.now() - statSync(full).mtimeMs > 86_400_000) rmSync(full, { recursive: true, force: true });
  }
  const stage = mkdtempSync(join(layout.tmp, 'backup-'));
  const partial = `${out}.partial`;
  try {
    const exclusive = opts.exclusive ?? (<T>(fn: () => Promise<T>) => fn());
    mkdirSync(join(stage, 'data'));
    mkdirSync(join(stage, 'operational'));
    const { pointer, dump } = await exclusive(async () => {
      const pointer = readSnapshotPointer(layout.root);
      if (pointer) {
        linkOrCopy(join(layout.root, pointer.file), join(stage, 'data', pointer.file));
        for (const b of pointer.batches) {
          const dir = join(layout.batches, b.region_code, b.batch_id);
          for (const f of walk(dir)) linkOrCopy(join(dir, f), join(stage, 'data', 'batches', b.region_code, b.batch_id, f));
        }
        writeFileSync(join(stage, 'data', 'current.json'), readFileSync(layout.pointer));
      }
      const dump = await dumpOperationalStore(opts.store, (table) => join(stage, 'operational', `${table}.jsonl`));
      return { pointer, dump };
    });

    let recordKey: BackupManifest['record_key'] = { source: 'none', fingerprint: null };
    if (opts.keyFile) {
      recordKey = { source: 'key-file', fingerprint: existsSync(opts.keyFile) ? keyFingerprint(readFileSync(opts.keyFile)) : null };
    } else if (existsSync(join(layout.root, RECORD_KEY_FILE))) {
      const key = readFileSync(join(layout.root, RECORD_KEY_FILE));
      writeFileSync(join(stage, 'data', RECORD_KEY_FILE), key, { mode: 0o600 });
      recordKey = { source: 'data-dir', fingerprint: keyFingerprint(key) };
    }

    const files: BackupFileEntry[] = [];
    for (const path of walk(stage)) {
      const full = join(stage, path);
      files.push({ path, bytes: statSync(full).size, sha256: await sha256File(full) });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      format_version: BACKUP_FORMAT_VERSION,
      created_at: (opts.now?.() ?? new Date()).toISOString(),
      contract_version: CONTRACT_VERSION,
      analytic_schema_version: pointer?.schema_version ?? ANALYTIC_SCHEMA_VERSION,
      operational: {
        backend: opts.backend,
        migrations: dump.migrations,
        tables: dump.tables.map((t) => ({ ...t, file: `operational/${t.name}.jsonl` })),
      },
      snapshot: pointer ? snapshotSummary(pointer) : null,
      record_key: recordKey,
      files,
    };
    writeFileSync(join(stage, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

    rmSync(partial, { force: true });
    const entries = [
      'manifest.json',
      ...readdirSync(stage)
        .filter((e) => e !== 'manifest.json')
        .sort(),
    ];
    await pipeline(tarCreate({ gzip: true, cwd: stage, portable: true }, entries), createWriteStream(partial, { mode: 0o600, flags: 'wx' }));
    fsyncFile(partial);
    renameSync(partial, out);
    const { files: list, ...rest } = manifest;
    return { file: out, bytes: statSync(out).size, manifest: { ...rest, files: list.length }, durationMs: Date.now() - started };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function snapshotSummary(p: SnapshotPointer): NonNullable<BackupManifest['snapshot']> {
  return { id: p.snapshot_id, built_at: p.built_at, batches: p.batches.length, signals: p.signals, assessments: p.assessments };
}

// ---------------------------------------------------------------------------------------------
// Restore

export interface RestoreOptions {
  dataDir: string;
  databaseUrl?: string;
  /** DATABASE_SCHEMA (PostgreSQL); default `public`. */
  schema?: string;
  keyFile?: string;
  file: string;
  /** Restore even though the record key will not be the one the backup was made with. */
  acceptKeyChange?: boolean;
  /** Progress lines for people. */
  onProgress?: (message: string) => void;
}

export interface RestoreResult {
  file: string;
  manifest: Omit<BackupManifest, 'files'> & { files: number };
  /** Migrations applied after loading (the archive was made by an older version). */
  upgradedWith: string[];
  warnings: string[];
  durationMs: number;
}

const ALLOWED_PATH =
  /^(manifest\.json|operational\/[a-z_][a-z0-9_]*\.jsonl|data\/current\.json|data\/record-key\.secret|data\/snapshots\/[A-Za-z0-9._-]+\.duckdb|data\/batches\/VR\d{2}\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+)$/;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Unpacks and checks an archive into `stage`; returns its manifest. Throws BackupError. */
export async function unpackAndVerify(file: string, stage: string): Promise<BackupManifest> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const refused: string[] = [];
  try {
    await tarExtract({
      file,
      cwd: stage,
      strict: true,
      preservePaths: false,
      filter: (path, entry) => {
        const type = 'type' in entry ? entry.type : entry.isDirectory() ? 'Directory' : 'File';
        const p = path.replace(/\/$/, '');
        if (type === 'Directory') return true;
        if (type !== 'File' || !ALLOWED_PATH.test(p) || p.split('/').includes('..')) {
          refused.push(p);
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    throw new BackupError(`${file} is not a complete backup archive (truncated or damaged: ${(e as Error).message})`);
  }
  if (refused.length > 0) throw new BackupError(`${file} holds entries a Weegwijzer backup never has: ${refused.slice(0, 5).join(', ')}`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(stage, 'manifest.json'), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${file} has no readable manifest.json; it is not a Weegwijzer backup or it is damaged`);
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Weegwijzer backup (format ${JSON.stringify(manifest.format)})`);
  if (!(manifest.format_version <= BACKUP_FORMAT_VERSION)) {
    throw new BackupError(`${file} has backup format ${manifest.format_version}; this version reads up to ${BACKUP_FORMAT_VERSION}: restore it with a newer Weegwijzer`);
  }
  const known = OPERATIONAL_MIGRATIONS.map((m) => m.name);
  const theirs = manifest.operational?.migrations ?? [];
  const unknown = theirs.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new BackupError(
      `${file} was made by a newer Weegwijzer: its operational schema has migration(s) ${unknown.join(', ')} that this version does not know; upgrade Weegwijzer first`,
    );
  }
  if (theirs.some((m, i) => known[i] !== m)) throw new BackupError(`${file}: its migrations (${theirs.join(', ')}) are not a prefix of this version's`);
  if (manifest.analytic_schema_version > ANALYTIC_SCHEMA_VERSION) {
    throw new BackupError(`${file} was made by a newer Weegwijzer: analytic schema ${manifest.analytic_schema_version}, this version has ${ANALYTIC_SCHEMA_VERSION}`);
  }
  if (compareVersions(manifest.contract_version, CONTRACT_VERSION) > 0) {
    throw new BackupError(`${file} was made by a newer Weegwijzer: data contract ${manifest.contract_version}, this version implements ${CONTRACT_VERSION}`);
  }

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const present = walk(stage).filter((p) => p !== 'manifest.json');
  const missing = [...listed.keys()].filter((p) => !present.includes(p));
  const extra = present.filter((p) => !listed.has(p));
  if (missing.length > 0) throw new BackupError(`${file} is incomplete: ${missing.length} file(s) of its manifest are missing (${missing.slice(0, 3).join(', ')})`);
  if (extra.length > 0) throw new BackupError(`${file} holds file(s) its manifest does not list (${extra.slice(0, 3).join(', ')})`);
  for (const f of manifest.files) {
    const full = join(stage, f.path);
    if (statSync(full).size !== f.bytes || (await sha256File(full)) !== f.sha256) {
      throw new BackupError(`${file} fails its checksum: ${f.path} is not what was backed up (the archive is damaged)`);
    }
  }
  for (const t of manifest.operational.tables) if (!listed.has(t.file)) throw new BackupError(`${file}: table ${t.name} has no file in the archive`);
  if (manifest.snapshot) {
    const pointer = readSnapshotPointer(join(stage, 'data'));
    if (!pointer || pointer.snapshot_id !== manifest.snapshot.id || !listed.has(`data/${pointer.file}`)) {
      throw new BackupError(`${file}: its snapshot pointer does not match its snapshot file`);
    }
  }
  return manifest;
}

/** The record key decides every released number: refuses a silent change of key; returns warnings. */
function checkRecordKey(manifest: BackupManifest, keyFile: string | undefined, acceptKeyChange = false): string[] {
  const rk = manifest.record_key ?? { source: 'none', fingerprint: null };
  if (rk.source === 'key-file') {
    const now = keyFile && existsSync(keyFile) ? keyFingerprint(readFileSync(keyFile)) : null;
    if (rk.fingerprint && now !== rk.fingerprint && !acceptKeyChange) {
      throw new BackupError(
        `the backup was made with a record key managed outside the data directory (WEEGWIJZER_KEY_FILE, fingerprint ${rk.fingerprint}); ` +
          (now ? `the key file now configured has fingerprint ${now}` : 'no such key file is configured now') +
          '. Point WEEGWIJZER_KEY_FILE at that key, or pass --accept-key-change (every released number then changes once)',
      );
    }
  } else if (rk.source === 'data-dir' && keyFile) {
    return [`the archive holds a record key, but WEEGWIJZER_KEY_FILE is set, so the API will use ${keyFile} instead`];
  }
  return [];
}

/**
 * Checks an archive as restore would (completeness, checksums, versions, record key) without
 * touching the data directory; works while the API runs. Throws BackupError.
 */
export async function checkBackup(opts: { file: string; keyFile?: string; acceptKeyChange?: boolean }): Promise<Omit<RestoreResult, 'upgradedWith'>> {
  const started = Date.now();
  const file = resolve(opts.file);
  const stage = mkdtempSync(join(tmpdir(), 'weegwijzer-check-'));
  try {
    const manifest = await unpackAndVerify(file, stage);
    const warnings = checkRecordKey(manifest, opts.keyFile, opts.acceptKeyChange);
    const { files, ...rest } = manifest;
    return { file, manifest: { ...rest, files: files.length }, warnings, durationMs: Date.now() - started };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Restores an archive into the data directory (and PostgreSQL schema); needs the data dir to itself. */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const say = opts.onProgress ?? (() => undefined);
  const file = resolve(opts.file);
  const root = dataDirLayout(opts.dataDir).root;
  mkdirSync(root, { recursive: true });
  const ownership = acquireOwnership(root);
  const suffix = randomBytes(6).toString('hex');
  const stage = mkdtempSync(join(root, '.restore-'));
  const old = join(root, `.restore-old-${suffix}`);
  const warnings: string[] = [];
  const pg = opts.databaseUrl;
  const target = opts.schema ?? 'public';
  const stagingSchema = `ww_restore_${suffix}`;
  let stagingCreated = false;
  try {
    say(`checking ${file}`);
    const manifest = await unpackAndVerify(file, stage);

    warnings.push(...checkRecordKey(manifest, opts.keyFile, opts.acceptKeyChange));

    say(`loading the operational store (${manifest.operational.tables.reduce((n, t) => n + t.rows, 0)} rows) into a staging ${pg ? 'schema' : 'folder'}`);
    const tables = manifest.operational.tables.map((t) => ({ name: t.name, file: join(stage, t.file) }));
    const base = { dataDir: stage, databaseUrl: pg, schema: pg ? stagingSchema : undefined };
    if (pg) stagingCreated = true;
    const ds = await openOperationalStore({ ...base, onlyMigrations: manifest.operational.migrations });
    try {
      await loadOperationalStore(ds, tables);
    } finally {
      await closeOperationalStore(ds);
    }
    const upgradedWith = OPERATIONAL_MIGRATIONS.map((m) => m.name).filter((m) => !manifest.operational.migrations.includes(m));
    if (upgradedWith.length > 0) {
      say(`upgrading the restored store with ${upgradedWith.join(', ')}`);
      await closeOperationalStore(await openOperationalStore(base));
    }
    if (existsSync(join(stage, 'data', RECORD_KEY_FILE))) chmodSync(join(stage, 'data', RECORD_KEY_FILE), 0o600);

    // Swap: move the current parts aside, the staged parts in; undo on any failure.
    say('swapping the restored data in');
    const parts = ['current.json', 'snapshots', 'batches', RECORD_KEY_FILE, ...(pg ? [] : ['pglite'])];
    const staged = (p: string) => (p === 'pglite' ? join(stage, 'pglite') : join(stage, 'data', p));
    const movedAside: string[] = [];
    const movedIn: string[] = [];
    mkdirSync(old);
    try {
      for (const p of parts) {
        if (existsSync(join(root, p))) {
          renameSync(join(root, p), join(old, p));
          movedAside.push(p);
        }
      }
      for (const p of parts) {
        if (existsSync(staged(p))) {
          renameSync(staged(p), join(root, p));
          movedIn.push(p);
        }
      }
      if (pg) {
        await swapSchema(pg, stagingSchema, target, `ww_old_${suffix}`);
        stagingCreated = false;
      }
    } catch (e) {
      for (const p of movedIn.reverse()) renameSync(join(root, p), staged(p));
      for (const p of movedAside.reverse()) renameSync(join(old, p), join(root, p));
      throw e;
    }
    rmSync(old, { recursive: true, force: true });
    if (pg) await dropSchemaCascade(pg, `ww_old_${suffix}`).catch(() => undefined);
    // Leftovers of an earlier restore that was killed: this one replaced all they could restore.
    for (const f of readdirSync(root)) if (f.startsWith('.restore-') && join(root, f) !== stage) rmSync(join(root, f), { recursive: true, force: true });

    if (manifest.record_key?.source === 'none') warnings.push('the archive holds no record key (made before disclosure v2, or without one); a new key is made at the first start');
    const { files, ...rest } = manifest;
    return { file, manifest: { ...rest, files: files.length }, upgradedWith, warnings, durationMs: Date.now() - started };
  } finally {
    if (pg && stagingCreated) await dropSchemaCascade(pg, stagingSchema).catch(() => undefined);
    rmSync(stage, { recursive: true, force: true });
    // After a failed swap whose undo failed too, the previous data is still there: keep it.
    if (existsSync(old) && readdirSync(old).length === 0) rmSync(old, { recursive: true, force: true });
    ownership.release();
  }
}

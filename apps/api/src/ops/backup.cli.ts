/**
 * `npm run admin -- backup <file.tar.gz> [--json]`
 * `npm run admin -- restore <file.tar.gz> [--check] [--accept-key-change] [--json]`
 *
 * backup works whether or not the API runs (the running API writes the archive between two
 * ingests); restore needs the data directory to itself and refuses while an API owns it.
 */
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config';
import type { BackupResult, RestoreResult } from './backup.archive';

export const BACKUP_USAGE = `  npm run admin -- backup <file.tar.gz> [--json]
  npm run admin -- restore <file.tar.gz> [--check] [--accept-key-change] [--json]
      (--check: verify the archive as restore would, change nothing; works while the API runs)`;

type Parsed = { kind: 'backup' | 'restore'; file: string; json: boolean; acceptKeyChange: boolean; check: boolean };

function parse(argv: readonly string[]): Parsed | string {
  const [kind, ...rest] = argv;
  if (kind !== 'backup' && kind !== 'restore') return `unknown command ${JSON.stringify(kind)}`;
  const flags = rest.filter((a) => a.startsWith('--'));
  const positional = rest.filter((a) => !a.startsWith('--'));
  const allowed = kind === 'restore' ? ['--json', '--accept-key-change', '--check'] : ['--json'];
  const bad = flags.find((f) => !allowed.includes(f));
  if (bad) return `unknown option ${bad} for ${kind}`;
  if (positional.length !== 1) return `${kind} needs exactly one archive file name (.tar.gz)`;
  return { kind, file: positional[0], json: flags.includes('--json'), acceptKeyChange: flags.includes('--accept-key-change'), check: flags.includes('--check') };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function runBackupCommand(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  const parsed = parse(argv);
  let config: AppConfig;
  try {
    if (typeof parsed === 'string') {
      process.stderr.write(`admin: ${parsed}\nusage:\n${BACKUP_USAGE}\n`);
      return 2;
    }
    config = loadConfig(env, []);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`admin: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { resolve } = await import('node:path');
  const file = resolve(parsed.file);
  const store = await import('@weegwijzer/store');
  const { BackupError, checkBackup, createBackup, restoreBackup } = await import('./backup.archive');
  const out = process.stdout;
  try {
    if (parsed.kind === 'backup') {
      let result: BackupResult;
      let via: string;
      const owner = store.readLiveOwner(config.dataDir);
      try {
        if (!owner) throw new store.NoOwnerError(config.dataDir);
        const { BACKUP_COMMAND } = await import('./backup-control.handlers');
        result = await store.sendControl<BackupResult>(config.dataDir, BACKUP_COMMAND, { file });
        via = `written by the running API, pid ${owner.pid}`;
      } catch (e) {
        if (!(e instanceof store.NoOwnerError)) throw e;
        await import('reflect-metadata');
        const ownership = store.acquireOwnership(config.dataDir);
        try {
          const ds = await store.openOperationalStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
          try {
            result = await createBackup({
              dataDir: config.dataDir,
              store: ds,
              backend: config.databaseUrl ? 'postgresql' : 'pglite',
              keyFile: config.ops.keyFile,
              file,
            });
          } finally {
            await store.closeOperationalStore(ds);
          }
        } finally {
          ownership.release();
        }
        via = 'written directly; no API was running';
      }
      if (parsed.json) out.write(JSON.stringify(result, null, 2) + '\n');
      else {
        const m = result.manifest;
        out.write(`Backup written to ${result.file} (${mb(result.bytes)}, ${m.files} files, ${(result.durationMs / 1000).toFixed(1)} s).\n`);
        out.write(`  snapshot: ${m.snapshot ? `${m.snapshot.id}, ${m.snapshot.batches} batches, ${m.snapshot.signals} signals` : 'none (nothing loaded yet)'}\n`);
        out.write(`  operational store (${m.operational.backend}): ${m.operational.tables.map((t) => `${t.name} ${t.rows}`).join(', ')}\n`);
        out.write(
          `  record key: ${m.record_key.source === 'data-dir' ? 'included (keep this archive as safe as the key itself)' : m.record_key.source === 'key-file' ? 'not included (WEEGWIJZER_KEY_FILE; back that file up separately)' : 'none'}\n`,
        );
        process.stderr.write(`(${via})\n`);
      }
      return 0;
    }

    if (parsed.check) {
      const result = await checkBackup({ file, keyFile: config.ops.keyFile, acceptKeyChange: parsed.acceptKeyChange });
      if (parsed.json) out.write(JSON.stringify(result, null, 2) + '\n');
      else {
        const m = result.manifest;
        out.write(`${result.file} is a complete backup (made ${m.created_at}, ${m.files} files, checksums match) that this version can restore.\n`);
        out.write(`  snapshot: ${m.snapshot ? `${m.snapshot.id}, ${m.snapshot.batches} batches` : 'none'}\n`);
        out.write(`  operational store: ${m.operational.tables.map((t) => `${t.name} ${t.rows}`).join(', ')}\n`);
        for (const w of result.warnings) out.write(`  note: ${w}\n`);
      }
      return 0;
    }
    const owner = store.readLiveOwner(config.dataDir);
    if (owner) {
      process.stderr.write(
        `admin: restore needs the data directory to itself, but the API (pid ${owner.pid}) is running on ${config.dataDir}: stop it first, restore, then start it again\n`,
      );
      return 1;
    }
    await import('reflect-metadata');
    const result: RestoreResult = await restoreBackup({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      schema: config.databaseSchema,
      keyFile: config.ops.keyFile,
      file,
      acceptKeyChange: parsed.acceptKeyChange,
      onProgress: parsed.json ? undefined : (m) => process.stderr.write(`restore: ${m}\n`),
    });
    if (parsed.json) out.write(JSON.stringify(result, null, 2) + '\n');
    else {
      const m = result.manifest;
      out.write(`Restored ${result.file} (made ${m.created_at}) into ${config.dataDir}${config.databaseUrl ? ' and the PostgreSQL schema' : ''}.\n`);
      out.write(`  snapshot: ${m.snapshot ? `${m.snapshot.id}, ${m.snapshot.batches} batches` : 'none'}\n`);
      out.write(`  operational store: ${m.operational.tables.map((t) => `${t.name} ${t.rows}`).join(', ')}\n`);
      if (result.upgradedWith.length > 0) out.write(`  upgraded with migrations: ${result.upgradedWith.join(', ')}\n`);
      for (const w of result.warnings) out.write(`  note: ${w}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof BackupError || (e instanceof store.ControlCommandError && e.remote.name === 'BackupError')) {
      process.stderr.write(`admin: ${e.message}\n`);
      return 2;
    }
    if (e instanceof store.DataDirOwnedError) {
      process.stderr.write(`admin: ${e.message}; try again in a moment\n`);
      return 1;
    }
    process.stderr.write(`admin: ${parsed.kind} failed: ${(e as Error).message}\n`);
    return 1;
  }
}

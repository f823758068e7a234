/**
 * The record-key secret of disclosure control v2 (METRICS.md rule 3). Every signal,
 * assessment and person gets a record key HMAC-SHA256(secret, kind:region:id), computed
 * in the snapshot build; the cell key of a count is the sum of its records' keys. Without
 * the secret nobody can compute a key, so the noise cannot be removed.
 *
 * The secret is 32 random bytes (64 hex characters): in `<data dir>/record-key.secret`
 * (mode 0600), generated at first start, or in a file a deployment manages
 * (`WEEGWIJZER_KEY_FILE`), which is then never generated or backed up by Weegwijzer.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { dataDirLayout } from './data-dir';

export const RECORD_KEY_FILE = 'record-key.secret';

export class RecordKeySecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordKeySecretError';
  }
}

export interface RecordKeySecret {
  /** 32 bytes. */
  bytes: Buffer;
  /** A public fingerprint (first 16 hex of SHA-256 of the secret): tells snapshots built with another secret. */
  id: string;
  /** Where it was read from. */
  file: string;
  /** true when WEEGWIJZER_KEY_FILE supplied it (not in backups). */
  external: boolean;
}

export function recordKeySecretPath(dataDir: string): string {
  return resolve(dataDirLayout(dataDir).root, RECORD_KEY_FILE);
}

function parse(file: string, text: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new RecordKeySecretError(`record-key secret in ${file} must be 64 hexadecimal characters (32 bytes)`);
  return Buffer.from(hex, 'hex');
}

/**
 * Reads the secret; generates it (0600, written atomically) when the data-dir file is
 * missing and no external file is configured. `keyFile` is WEEGWIJZER_KEY_FILE.
 */
export function loadRecordKeySecret(dataDir: string, keyFile?: string): RecordKeySecret {
  const external = !!keyFile && keyFile.trim() !== '';
  const file = external ? resolve(keyFile as string) : recordKeySecretPath(dataDir);
  if (!existsSync(file)) {
    if (external) throw new RecordKeySecretError(`WEEGWIJZER_KEY_FILE ${file} does not exist`);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } else if (!external && (statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
  }
  const bytes = parse(file, readFileSync(file, 'utf8'));
  return { bytes, id: createHash('sha256').update(bytes).digest('hex').slice(0, 16), file, external };
}

/**
 * The DuckDB macro `record_key(kind, region, id)`: HMAC-SHA256 of `kind:region:id` under the
 * secret, its first 24 bits mapped to 1..2^24−1 (never 0, so a key sum is 0 only for an
 * empty cell). Integer keys make key sums exact in any order and any engine.
 */
export function recordKeyMacroSql(secret: Buffer): string {
  const block = Buffer.alloc(64);
  secret.copy(block);
  const ipad = Buffer.from(block.map((b) => b ^ 0x36)).toString('hex');
  const opad = Buffer.from(block.map((b) => b ^ 0x5c)).toString('hex');
  return `CREATE OR REPLACE TEMP MACRO record_key(kind, region, id) AS
  (CAST('0x' || substr(sha256(unhex('${opad}') || unhex(sha256(unhex('${ipad}') || encode(kind || ':' || region || ':' || id)))), 1, 6) AS INTEGER) % 16777215) + 1`;
}

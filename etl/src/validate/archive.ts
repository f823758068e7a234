/**
 * A delivery as one `.zip` (contract 1.1, "Archive"): read with yauzl, entry by entry, and
 * unpacked into a private folder that the validator then checks like any batch folder.
 *
 * Before anything is inflated the central directory is checked: nothing but `manifest.json`
 * and the two files it names, at the root or in one folder; no absolute path, `..`,
 * backslash or link; no encryption; the declared uncompressed total within the batch limit.
 * While inflating, the bytes written are counted and yauzl checks every entry against its
 * declared size, so an archive that lies about its sizes (a zip bomb) stops at the limit
 * with memory bounded by the stream buffers.
 *
 * Entry names are never echoed into the report (a file name can itself be personal data):
 * errors name the entry by its position.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { MANIFEST_FILE } from './manifest';
import { makeError, type ValidationError } from './report';
import type { RuleCode } from './rules';

/** Default uncompressed limit of one delivery (the API passes its UPLOAD_MAX_BYTES). */
export const DEFAULT_DELIVERY_MAX_BYTES = 512 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 1024 * 1024;
/** A folder holding three files has at most one directory entry besides them. */
const MAX_ENTRIES = 4;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export function isArchivePath(path: string): boolean {
  return path.toLowerCase().endsWith('.zip') && statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

/** A delivery ready for the validator: a folder, and what was wrong with its archive (if any). */
export interface Delivery {
  /** The folder to validate (the input itself, or where the archive was unpacked). */
  dir: string;
  /** Archive rule violations: non-empty means the delivery is rejected; data files are then not unpacked. */
  errors: ValidationError[];
  /** Removes what was unpacked (a no-op for a folder). */
  cleanup(): void;
}

export interface OpenDeliveryOptions {
  /** Uncompressed limit of the whole delivery in bytes. */
  maxBytes?: number;
  /** Parent of the folder an archive is unpacked into (default the OS temp dir). */
  workDir?: string;
}

/** A folder is used as it is; a `.zip` is checked and unpacked into `<workDir>/ww-validate-zip-*`. */
export async function openDelivery(path: string, opts: OpenDeliveryOptions = {}): Promise<Delivery> {
  if (!isArchivePath(path)) return { dir: path, errors: [], cleanup: () => undefined };
  const parent = opts.workDir ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'ww-validate-zip-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const errors = await unpackArchive(path, dir, opts.maxBytes ?? DEFAULT_DELIVERY_MAX_BYTES);
    return { dir, errors, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** The archive's label in a report: its file name when that is a plain name. */
export function archiveLabel(path: string): string {
  const name = basename(path);
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(name) ? name : 'archive.zip';
}

interface ListedEntry {
  entry: Entry;
  index: number;
  /** The name relative to the delivery folder (the one folder stripped). */
  name: string;
  isDir: boolean;
  /** A regular file or folder with a safe path, in an archive with a valid layout. */
  safe: boolean;
}

class ArchiveError extends Error {
  constructor(
    readonly rule: RuleCode,
    readonly detail?: string,
  ) {
    super(rule);
  }
}

/** Unpacks the archive into `dir` when it follows every archive rule; returns the violations. */
export async function unpackArchive(zipPath: string, dir: string, maxBytes: number): Promise<ValidationError[]> {
  const label = archiveLabel(zipPath);
  const errors: ValidationError[] = [];
  const fail = (rule: RuleCode, detail?: string) => {
    const e = makeError(label, null, null, rule);
    if (detail) e.detail = detail;
    errors.push(e);
  };
  let zip: ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch {
    fail('ARCHIVE_UNREADABLE');
    return errors;
  }
  try {
    const listed = await listEntries(zip, fail);
    const files = listed.filter((l) => !l.isDir);
    // The manifest is unpacked even from a rejected archive, so the rejection is filed under its batch.
    const manifest = files.find((f) => f.name === MANIFEST_FILE && f.safe);
    let allowed = new Set<string>([MANIFEST_FILE]);
    if (manifest) {
      if (manifest.entry.uncompressedSize > MAX_MANIFEST_BYTES) fail('ARCHIVE_TOO_LARGE', `entry ${manifest.index}: manifest.json is larger than 1 MiB`);
      else {
        try {
          const raw = await readEntry(zip, manifest.entry, MAX_MANIFEST_BYTES);
          allowed = new Set([MANIFEST_FILE, ...namedFiles(raw)]);
          await writeFile(join(dir, MANIFEST_FILE), raw, { flag: 'wx' });
        } catch {
          fail('ARCHIVE_UNREADABLE', `entry ${manifest.index}: it cannot be inflated`);
        }
      }
    }
    const seen = new Set<string>();
    for (const f of files) {
      if (!f.safe) continue;
      if (seen.has(f.name)) fail('ARCHIVE_ENTRY_NOT_ALLOWED', `entry ${f.index}: a file appears twice`);
      else if (!allowed.has(f.name)) fail('ARCHIVE_ENTRY_NOT_ALLOWED', `entry ${f.index}: not manifest.json or a file named in its "files"`);
      seen.add(f.name);
    }
    const declared = files.reduce((sum, f) => sum + f.entry.uncompressedSize, 0);
    if (declared > maxBytes) fail('ARCHIVE_TOO_LARGE', `declared uncompressed size ${declared} bytes, limit ${maxBytes}`);
    if (errors.length > 0) return errors;

    let budget = maxBytes - (manifest ? manifest.entry.uncompressedSize : 0);
    for (const f of files) {
      if (f === manifest) continue;
      try {
        budget -= await extractEntry(zip, f, join(dir, f.name), budget);
      } catch (e) {
        if (e instanceof ArchiveError) fail(e.rule, e.detail);
        else
          fail(
            'ARCHIVE_UNREADABLE',
            `entry ${f.index}: ${/size|bytes/i.test(e instanceof Error ? e.message : '') ? 'its size does not match its header' : 'it cannot be inflated'}`,
          );
        // A half-written data file must not be validated.
        rmSync(join(dir, f.name), { force: true });
        return errors;
      }
    }
    return errors;
  } finally {
    zip.close();
  }
}

/** Reads only `manifest.json` of an archive (for the API's region check before queueing); null when absent or unreadable. */
export async function readArchiveManifest(zipPath: string): Promise<Buffer | null> {
  let zip: ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch {
    return null;
  }
  try {
    const listed = await listEntries(zip, () => undefined);
    const manifest = listed.find((l) => !l.isDir && l.safe && l.name === MANIFEST_FILE);
    if (!manifest || manifest.entry.uncompressedSize > MAX_MANIFEST_BYTES) return null;
    return await readEntry(zip, manifest.entry, MAX_MANIFEST_BYTES);
  } catch {
    return null;
  } finally {
    zip.close();
  }
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings: false — names are checked here (yauzl's own check would quote them in its error).
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => (err || !zip ? reject(err) : resolve(zip)));
  });
}

/**
 * Reads the central directory (nothing is inflated) and applies the structural rules,
 * reporting each violation through `fail`. Entries of a safe kind and path are marked `safe`.
 */
async function listEntries(zip: ZipFile, fail: (rule: RuleCode, detail?: string) => void): Promise<ListedEntry[]> {
  const raw: { entry: Entry; index: number; path: string; safe: boolean }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      const index = raw.length + 1;
      if (index > MAX_ENTRIES) {
        fail('ARCHIVE_ENTRY_NOT_ALLOWED', `the archive holds more than ${MAX_ENTRIES} entries (manifest.json, two data files and at most one folder)`);
        return resolve();
      }
      const nameBytes = entry.fileName as unknown as Buffer;
      const path = nameBytes.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      const madeByUnix = entry.versionMadeBy >>> 8 === 3;
      let safe = false;
      if (madeByUnix && mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) {
        fail(mode === S_IFLNK ? 'ARCHIVE_LINK' : 'ARCHIVE_ENTRY_NOT_ALLOWED', `entry ${index}${mode === S_IFLNK ? '' : ': not a regular file or folder'}`);
      } else if (!isSafePath(path)) {
        fail('ARCHIVE_PATH_UNSAFE', `entry ${index}`);
      } else if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
        fail('ARCHIVE_UNREADABLE', `entry ${index}: encrypted entries are not accepted`);
      } else safe = true;
      raw.push({ entry, index, path, safe });
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  }).catch(() => fail('ARCHIVE_UNREADABLE'));
  // Files at the root, or all in one folder.
  const parts = raw.map((r) => ({ ...r, segments: r.path.replace(/\/$/, '').split('/'), isDir: r.path.endsWith('/') }));
  const safeParts = parts.filter((p) => p.safe);
  const folders = new Set(safeParts.filter((p) => !p.isDir).map((p) => (p.segments.length === 2 ? p.segments[0] : p.segments.length === 1 ? '' : null)));
  const dirsOk = safeParts.filter((p) => p.isDir).every((p) => p.segments.length === 1 && folders.has(p.segments[0]));
  const layoutOk = !folders.has(null) && folders.size <= 1 && dirsOk;
  if (!layoutOk) fail('ARCHIVE_LAYOUT');
  return parts.map((p) => ({ entry: p.entry, index: p.index, name: p.segments[p.segments.length - 1], isDir: p.isDir, safe: p.safe && layoutOk }));
}

/** No absolute path, drive letter, backslash, `.`/`..` segment, empty segment or control character. */
function isSafePath(path: string): boolean {
  if (path.length === 0 || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\') || /[\x00-\x1f]/.test(path)) return false;
  const segments = path.replace(/\/$/, '').split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

/** File names in the manifest's `files` entries (whatever the rest of it says; the validator checks it). */
function namedFiles(raw: Buffer): string[] {
  try {
    const m = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, '')) as { files?: Record<string, { name?: unknown }> };
    return ['signals', 'assessments'].map((k) => m.files?.[k]?.name).filter((n): n is string => typeof n === 'string' && n !== MANIFEST_FILE);
  } catch {
    return [];
  }
}

function openEntry(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err) : resolve(stream))));
}

async function readEntry(zip: ZipFile, entry: Entry, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of (await openEntry(zip, entry)) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new ArchiveError('ARCHIVE_TOO_LARGE');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Streams one entry to disk; stops as soon as more than `budget` bytes came out. Returns the bytes written. */
async function extractEntry(zip: ZipFile, f: ListedEntry, target: string, budget: number): Promise<number> {
  let written = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      written += chunk.length;
      if (written > budget) cb(new ArchiveError('ARCHIVE_TOO_LARGE', `entry ${f.index}: the uncompressed delivery exceeds the batch limit`));
      else cb(null, chunk);
    },
  });
  await pipeline(await openEntry(zip, f.entry), counter, createWriteStream(target, { flags: 'wx' }));
  return written;
}

/**
 * Zip files for tests: a batch folder packed with yazl, and hand-written archives for the
 * attacks yazl refuses to write (absolute paths, `..`, links, sizes that lie, zip bombs).
 */
import { createWriteStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, constants } from 'node:zlib';
import yazl from 'yazl';

/** Packs the files of `dir` into `zipPath` (at the root, or under `folder/`), plus extra entries. */
export async function zipFolder(dir: string, zipPath: string, opts: { folder?: string; extra?: Record<string, Buffer | string> } = {}): Promise<string> {
  const zip = new yazl.ZipFile();
  const prefix = opts.folder ? `${opts.folder}/` : '';
  if (opts.folder) zip.addEmptyDirectory(opts.folder);
  for (const name of readdirSync(dir).sort()) zip.addBuffer(readFileSync(join(dir, name)), prefix + name);
  for (const [name, data] of Object.entries(opts.extra ?? {})) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(zipPath);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
  return zipPath;
}

export interface RawZipEntry {
  name: string;
  /** Uncompressed content (stored or deflated as given by `deflate`). */
  data?: Buffer;
  /** Already compressed raw-deflate bytes (then `declaredSize` and `crc` are taken as given). */
  deflated?: Buffer;
  /** The uncompressed size written in the headers (default the true one). */
  declaredSize?: number;
  /** Unix mode for the external attributes (e.g. 0o120777 for a symbolic link). */
  mode?: number;
}

/** Writes a zip by hand: local headers, data, central directory, end record (no zip64). */
export function writeRawZip(zipPath: string, entries: RawZipEntry[]): string {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.deflated ?? deflateRawSync(e.data ?? Buffer.alloc(0));
    const size = e.declaredSize ?? e.data?.length ?? 0;
    const crc = e.data ? crc32(e.data) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(cd, name);
    offset += local.length + name.length + data.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(zipPath, Buffer.concat([...parts, ...central, end]));
  return zipPath;
}

/**
 * Raw deflate bytes that inflate to `mebibytes` MiB of zeros (about 1 KB per MiB): one
 * sync-flushed block of 1 MiB zeros repeated, then an empty final block. Repeating is
 * valid because the block only refers back to zeros.
 */
export function zeroBomb(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), Buffer.from([0x03, 0x00])]);
}

/** Rewrites a zip (say, an .xlsx) with extra entries and some entries' content replaced. */
export async function rewriteZip(path: string, edits: Record<string, string | ((old: string) => string)>): Promise<void> {
  const yauzl = (await import('yauzl')).default;
  const entries: { name: string; data: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (e) => {
        if (e.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            entries.push({ name: e.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve());
      zip.readEntry();
    });
  });
  const out = new yazl.ZipFile();
  for (const e of entries) {
    const edit = edits[e.name];
    out.addBuffer(edit === undefined ? e.data : Buffer.from(typeof edit === 'function' ? edit(e.data.toString('utf8')) : edit), e.name);
  }
  for (const [name, edit] of Object.entries(edits)) if (!entries.some((e) => e.name === name) && typeof edit === 'string') out.addBuffer(Buffer.from(edit), name);
  out.end();
  const chunks: Buffer[] = [];
  for await (const c of out.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  writeFileSync(path, Buffer.concat(chunks));
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validAssessment, validSignal, writeTestBatch } from '../testing/batch-fixture';
import { writeRawZip, zeroBomb, zipFolder } from '../testing/zip-fixture';
import { validateBatch } from './batch.validator';
import type { ValidationReport } from './report';

const root = mkdtempSync(join(tmpdir(), 'ww-archive-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const NOW = new Date('2025-08-01T12:00:00Z');
let n = 0;

async function batchDir(): Promise<string> {
  return writeTestBatch(join(root, `b${++n}`), {
    signals: [validSignal(1), validSignal(2)],
    assessments: [validAssessment(1, 1), validAssessment(2, 2)],
  });
}
const file = (dir: string, name: string) => readFileSync(join(dir, name));
const rules = (r: ValidationReport) => r.errors.map((e) => e.rule);
const zipPath = () => join(root, `d${++n}.zip`);

describe('a .zip delivery', () => {
  it('passes with the files at the root or in one folder, with the same counts as the folder', async () => {
    const dir = await batchDir();
    const folder = await validateBatch(dir, { now: NOW });
    expect(folder.ok).toBe(true);
    for (const opts of [{}, { folder: 'VR13-2025-06' }]) {
      const r = await validateBatch(await zipFolder(dir, zipPath(), opts), { now: NOW });
      expect(r.errors, JSON.stringify(opts)).toEqual([]);
      expect(r.counts).toEqual(folder.counts);
      expect(r.batch).toEqual(folder.batch);
    }
  });

  it('still checks the files inside (a bad value in a zipped CSV is reported as in a folder)', async () => {
    const dir = await writeTestBatch(join(root, `b${++n}`), { signals: [validSignal(1, { phenomenon: 'iets' })], assessments: [validAssessment(1, 1)] });
    const r = await validateBatch(await zipFolder(dir, zipPath()), { now: NOW });
    expect(r.errors.map((e) => [e.file, e.row, e.column, e.rule])).toEqual([['signals.csv', 1, 'phenomenon', 'CODE_UNKNOWN']]);
  });

  it('ARCHIVE_ENTRY_NOT_ALLOWED: a file besides the three, or a file twice; never naming the entry', async () => {
    const dir = await batchDir();
    const extra = await validateBatch(await zipFolder(dir, zipPath(), { extra: { 'jan-jansen-0612345678.txt': 'x' } }), { now: NOW });
    expect(rules(extra)).toEqual(['ARCHIVE_ENTRY_NOT_ALLOWED']);
    expect(extra.errors[0].detail).toBe('entry 4: not manifest.json or a file named in its "files"');
    expect(JSON.stringify(extra)).not.toMatch(/jan|0612345678/);
    // The manifest was read, so the rejection carries the batch it belongs to.
    expect(extra.batch.batch_id).toBe('VR13-2025-06');
    const twice = writeRawZip(zipPath(), [
      { name: 'manifest.json', data: file(dir, 'manifest.json') },
      { name: 'signals.csv', data: file(dir, 'signals.csv') },
      { name: 'signals.csv', data: file(dir, 'signals.csv') },
    ]);
    expect(rules(await validateBatch(twice, { now: NOW }))).toEqual(['ARCHIVE_ENTRY_NOT_ALLOWED']);
  });

  it('ARCHIVE_LAYOUT: files deeper than one folder, or spread over two folders', async () => {
    const dir = await batchDir();
    const deep = await zipFolder(dir, zipPath(), { folder: 'a/b' });
    expect(rules(await validateBatch(deep, { now: NOW }))).toContain('ARCHIVE_LAYOUT');
    const spread = writeRawZip(zipPath(), [
      { name: 'a/manifest.json', data: file(dir, 'manifest.json') },
      { name: 'b/signals.csv', data: file(dir, 'signals.csv') },
      { name: 'b/assessments.csv', data: file(dir, 'assessments.csv') },
    ]);
    expect(rules(await validateBatch(spread, { now: NOW }))).toEqual(['ARCHIVE_LAYOUT']);
  });

  it('ARCHIVE_PATH_UNSAFE: an absolute path, .., a drive letter or a backslash; nothing is written outside', async () => {
    const dir = await batchDir();
    for (const bad of ['../signals.csv', '/tmp/signals.csv', 'C:signals.csv', 'x\\signals.csv', 'a/../signals.csv']) {
      const zip = writeRawZip(zipPath(), [
        { name: 'manifest.json', data: file(dir, 'manifest.json') },
        { name: bad, data: file(dir, 'signals.csv') },
        { name: 'assessments.csv', data: file(dir, 'assessments.csv') },
      ]);
      const r = await validateBatch(zip, { now: NOW, workDir: join(root, 'work') });
      expect(rules(r), bad).toEqual(['ARCHIVE_PATH_UNSAFE']);
      expect(r.errors[0].detail).toBe('entry 2');
    }
  });

  it('ARCHIVE_LINK: a symbolic link entry', async () => {
    const dir = await batchDir();
    const zip = writeRawZip(zipPath(), [
      { name: 'manifest.json', data: file(dir, 'manifest.json') },
      { name: 'signals.csv', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
      { name: 'assessments.csv', data: file(dir, 'assessments.csv') },
    ]);
    const r = await validateBatch(zip, { now: NOW });
    expect(rules(r)).toEqual(['ARCHIVE_LINK']);
    expect(JSON.stringify(r)).not.toContain('passwd');
  });

  it('ARCHIVE_UNREADABLE: not a zip at all', async () => {
    const path = zipPath();
    writeFileSync(path, 'PK but not really a zip file');
    expect(rules(await validateBatch(path, { now: NOW }))).toEqual(['ARCHIVE_UNREADABLE']);
  });
});

describe('zip bombs are refused early, with bounded memory', () => {
  async function bomb(declaredSize: number | undefined): Promise<string> {
    const dir = await batchDir();
    return writeRawZip(zipPath(), [
      { name: 'manifest.json', data: file(dir, 'manifest.json') },
      // ~4 MB of deflate that inflates to 4000 MiB of zeros.
      { name: 'signals.csv', deflated: zeroBomb(4000), declaredSize: declaredSize ?? 4000 * 2 ** 20 },
      { name: 'assessments.csv', data: file(dir, 'assessments.csv') },
    ]);
  }

  it('an honest header: refused from the central directory, before inflating', async () => {
    const zip = await bomb(undefined);
    const t = Date.now();
    const r = await validateBatch(zip, { now: NOW });
    expect(Date.now() - t).toBeLessThan(2000);
    expect(rules(r)).toEqual(['ARCHIVE_TOO_LARGE']);
    expect(r.errors[0].detail).toMatch(/^declared uncompressed size \d+ bytes, limit 536870912$/);
  });

  it('a header that lies: inflating stops at the declared size, far below the limit', async () => {
    const zip = await bomb(1000);
    const t = Date.now();
    const r = await validateBatch(zip, { now: NOW });
    expect(Date.now() - t).toBeLessThan(2000);
    expect(r.errors.map((e) => [e.rule, e.detail])).toEqual([['ARCHIVE_UNREADABLE', 'entry 2: its size does not match its header']]);
    expect(process.resourceUsage().maxRSS * 1024).toBeLessThan(1024 ** 3);
  });
});

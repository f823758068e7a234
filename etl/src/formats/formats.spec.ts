/**
 * Every registered input format is whole: its extension is accepted by the manifest and named
 * in the rule message, its fixture writer and its demo sink write files that pass validation
 * with the same rows, and a bad value is reported at the same row and column as in CSV. A
 * format registered without one of these fails here (the list comes from the registry).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLUMNS_BY_FILE, type FileKind } from '@weegwijzer/contract';
import { ParquetConverter } from '../demo/sinks';
import { validAssessment, validSignal, writeTestBatch, type FixtureRow } from '../testing/batch-fixture';
import { validateBatch } from '../validate/batch.validator';
import { readManifest } from '../validate/manifest';
import { RULES } from '../validate/rules';
import { DATA_FILE_EXTENSIONS, FORMATS, formatOfExtension, INPUT_FORMATS, type InputFormat } from '.';

const root = mkdtempSync(join(tmpdir(), 'ww-formats-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const NOW = new Date('2025-08-01T12:00:00Z');

const rows: Record<FileKind, FixtureRow[]> = {
  signals: [validSignal(1), validSignal(2, { subject_pseudonym: 'jan@example.nl' })],
  assessments: [validAssessment(1, 1)],
};
const KINDS = ['signals', 'assessments'] as const;

/** The fixture batch of `rows` with its data files written again through the format's demo sink (and the manifest's rows and hashes from the sink). */
async function writeWithSink(dir: string, format: InputFormat): Promise<void> {
  await writeTestBatch(dir, { ...rows, format });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<FileKind, { name: string; rows: number; sha256: string }> };
  const converter = new ParquetConverter();
  try {
    for (const kind of KINDS) {
      const { name } = manifest.files[kind];
      rmSync(join(dir, name));
      const sink = FORMATS[format].sink<FixtureRow>(join(dir, name), COLUMNS_BY_FILE[kind], converter);
      for (const r of rows[kind]) sink.write(r);
      await sink.drain?.();
      const written = await sink.close();
      expect(written.sha256).toBe(
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      );
      manifest.files[kind] = { name, ...written };
    }
  } finally {
    converter.close();
  }
  writeFileSync(manifestPath, JSON.stringify(manifest));
}

const errorsOf = async (dir: string) => (await validateBatch(dir, { now: NOW })).errors.map((e) => ({ file: e.file, row: e.row, column: e.column, rule: e.rule }));

describe('the input format registry', () => {
  it('gives every extension to one format, and names each in FILE_FORMAT_UNSUPPORTED', () => {
    expect(new Set(DATA_FILE_EXTENSIONS).size).toBe(DATA_FILE_EXTENSIONS.length);
    for (const format of INPUT_FORMATS) {
      for (const ext of FORMATS[format].extensions) {
        expect(ext, format).toMatch(/^[a-z0-9]+$/);
        expect(formatOfExtension(ext)).toBe(format);
        expect(RULES.FILE_FORMAT_UNSUPPORTED.message).toContain(`.${ext}`);
      }
    }
  });

  it('the manifest accepts every registered extension (any case) and refuses another', async () => {
    for (const ext of DATA_FILE_EXTENSIONS) {
      const dir = await writeTestBatch(join(root, `manifest${ext}`), {
        ...rows,
        manifest: { files: { signals: { name: `signals${ext.toUpperCase()}` }, assessments: { name: 'assessments.txt' } } },
      });
      const m = await readManifest(dir);
      expect(m.files.signals?.format).toBe(formatOfExtension(ext.slice(1)));
      expect(m.errors.map((e) => [e.column, e.rule])).toEqual([['files.assessments.name', 'FILE_FORMAT_UNSUPPORTED']]);
    }
  });

  for (const format of INPUT_FORMATS) {
    it(`${format}: the fixture writer and the demo sink both give a file that validates to the same errors`, async () => {
      const expected = [{ file: `signals.${FORMATS[format].extensions[0]}`, row: 2, column: 'subject_pseudonym', rule: 'PII_EMAIL' }];
      const fixture = await writeTestBatch(join(root, `fixture-${format}`), { ...rows, format });
      expect(await errorsOf(fixture)).toEqual(expected);
      const sunk = join(root, `sink-${format}`);
      await writeWithSink(sunk, format);
      expect(await errorsOf(sunk)).toEqual(expected);
      const valid = await writeTestBatch(join(root, `valid-${format}`), { signals: [validSignal(1)], assessments: rows.assessments, format });
      const report = await validateBatch(valid, { now: NOW });
      expect(report.errors).toEqual([]);
      expect(report.counts).toEqual({ signals: 1, assessments: 1 });
    });
  }
});

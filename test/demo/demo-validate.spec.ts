/**
 * The demo batches and the documentation's example batch pass the ETL's own validator
 * (full contract and personal-data guard), in every format.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo, INPUT_FORMATS, validateBatch } from '@weegwijzer/etl';
import { removeTempDirs, tempDir } from './demo-helpers';

afterAll(removeTempDirs);

const NOW = new Date('2026-06-01T12:00:00Z');

async function expectValid(dir: string): Promise<void> {
  const report = await validateBatch(dir, { now: NOW });
  expect(
    report.errors.map((e) => `${e.file}:${e.row}:${e.column}:${e.rule}`),
    dir,
  ).toEqual([]);
  expect(report.ok).toBe(true);
}

describe('demo batches pass validation', () => {
  it('every region-year batch of a CSV demo (scale 0.2, the last year: all 25 regions, pending signals)', async () => {
    const r = await generateDemo({ outDir: tempDir('val-csv'), seed: 4, years: 1, endYear: 2025, scale: 0.2 });
    expect(r.batchDirs).toHaveLength(25);
    for (const dir of r.batchDirs) await expectValid(dir);
  }, 120_000);

  // CSV above; every other registered format for two regions.
  for (const format of INPUT_FORMATS.filter((f) => f !== 'csv')) {
    it(`the batches of two regions as ${format}`, async () => {
      const r = await generateDemo({ outDir: tempDir(`val-${format}`), seed: 6, years: 1, endYear: 2025, scale: 0.2, format });
      for (const dir of [r.batchDirs[0], r.batchDirs[12]]) await expectValid(dir);
    }, 60_000);
  }

  it('the single-region benchmark layout', async () => {
    const r = await generateDemo({ outDir: tempDir('val-single'), seed: 2, years: 2, endYear: 2025, scale: 0.1, layout: 'single' });
    await expectValid(r.batchDirs[0]);
  }, 60_000);

  it('the example batch of docs/examples', async () => {
    await expectValid(join(__dirname, '..', '..', 'docs', 'examples', 'batch'));
  });
});

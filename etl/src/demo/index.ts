/**
 * Demo data generator: contract-v1 batches for all 25 regions with the patterns of the
 * inspectorate report and a few planted effects (see model.ts and docs/data-contract.md,
 * "Demo data"). Deterministic for a seed: no Math.random, no clock in the content.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ASSESSMENT_COLUMNS, CONTRACT_VERSION, SIGNAL_COLUMNS, type AssessmentRow, type Manifest, type SignalRow } from '@weegwijzer/contract';
import { generateBatch, planDemo } from './generate';
import { buildWorld, nationalSignalsPerYear, type PlantedEffect } from './model';
import { ParquetConverter } from './sinks';
import { FORMATS, INPUT_FORMATS, type InputFormat } from '../formats';

export type { PlantedEffect } from './model';
export { nationalSignalsPerYear } from './model';
export { DEMO_PROFILE_NOTE, demoRegionProfiles, type DemoRegionProfile } from './profiles';

export type DemoLayout = 'per-region-year' | 'single';

export interface GenerateDemoOptions {
  outDir: string;
  /** Default 1. */
  seed?: number;
  /** Number of calendar years ending with endYear. Default 3. */
  years?: number;
  /** Last year of the demo period. Default: the last full calendar year before today (`defaultEndYear()`). */
  endYear?: number;
  /** Volume multiplier; 1 = about 3 500 signals a year nationally. Default 1. */
  scale?: number;
  format?: InputFormat;
  /** `per-region-year` (default): one batch per region per year; `single`: one batch, one region (benchmarks). */
  layout?: DemoLayout;
  /** The region of the single layout. Default VR09 (the most populous). */
  singleRegion?: string;
  /** Plant the trend changes of the last quarter (kind `trend_change`, for the attention metric). Default true. */
  trendChanges?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface GenerateDemoResult {
  batchDirs: string[];
  plantedEffectsFile: string;
  signals: number;
  assessments: number;
}

/** The contents of `planted-effects.json`. */
export interface PlantedEffectsFile {
  generator: 'weegwijzer-demo';
  version: 1;
  seed: number;
  years: number[];
  scale: number;
  layout: DemoLayout;
  effects: PlantedEffect[];
}

/** The last full calendar year before `now` (UTC): the default end of the demo period. */
export function defaultEndYear(now: Date = new Date()): number {
  return now.getUTCFullYear() - 1;
}
export const DEMO_KEY_ID = 'demo-national';

/** The scale that gives about `signals` signals in total over `years` years ending `endYear`. */
export function scaleForSignals(signals: number, years = 3, endYear = defaultEndYear()): number {
  let perScale = 0;
  for (let y = endYear - years + 1; y <= endYear; y++) perScale += nationalSignalsPerYear(y);
  return signals / perScale;
}

export async function generateDemo(opts: GenerateDemoOptions): Promise<GenerateDemoResult> {
  const seed = opts.seed ?? 1;
  const years = opts.years ?? 3;
  const endYear = opts.endYear ?? defaultEndYear();
  const scale = opts.scale ?? 1;
  const format = opts.format ?? 'csv';
  const layout = opts.layout ?? 'per-region-year';
  if (!Number.isInteger(seed)) throw new Error(`demo: seed must be an integer, got ${seed}`);
  if (!Number.isInteger(years) || years < 1 || years > 50) throw new Error(`demo: years must be an integer from 1 to 50, got ${years}`);
  if (!Number.isInteger(endYear) || endYear < 2000 || endYear > 2100) throw new Error(`demo: endYear must be a year, got ${endYear}`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`demo: scale must be a positive number, got ${scale}`);
  if (!INPUT_FORMATS.includes(format)) throw new Error(`demo: format must be one of ${INPUT_FORMATS.join(', ')}, got ${format}`);
  if (layout !== 'per-region-year' && layout !== 'single') throw new Error(`demo: layout must be per-region-year or single, got ${layout}`);

  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const single = layout === 'single';
  const world = buildWorld(seed, single ? (opts.singleRegion ?? 'VR09') : undefined, opts.trendChanges === false ? undefined : { lastYear: endYear });
  const plan = planDemo(world, { seed, firstYear: endYear - years + 1, lastYear: endYear, scale, single });
  const total = plan.batches.reduce((s, b) => s + b.plannedSignals, 0);

  const batchDirs: string[] = [];
  let signals = 0;
  let assessments = 0;
  const ext = FORMATS[format].extensions[0];
  const converter = new ParquetConverter();
  try {
    for (const batch of plan.batches) {
      const dir = join(outDir, batch.region.code, batch.batchId);
      mkdirSync(dir, { recursive: true });
      const signalsName = `signals.${ext}`;
      const assessmentsName = `assessments.${ext}`;
      const signalSink = FORMATS[format].sink<SignalRow>(join(dir, signalsName), SIGNAL_COLUMNS, converter);
      const assessmentSink = FORMATS[format].sink<AssessmentRow>(join(dir, assessmentsName), ASSESSMENT_COLUMNS, converter);
      const before = signals;
      await generateBatch(plan, batch, { signals: signalSink, assessments: assessmentSink }, async (done) => {
        opts.onProgress?.(Math.min(total, before + done), total, batch.batchId);
        await signalSink.drain?.();
        await assessmentSink.drain?.();
        if ((done & 0x3fff) === 0) await new Promise((r) => setImmediate(r));
      });
      const s = await signalSink.close();
      const a = await assessmentSink.close();
      signals += s.rows;
      assessments += a.rows;
      const manifest: Manifest = {
        contract_version: CONTRACT_VERSION as '1',
        region_code: batch.region.code,
        batch_id: batch.batchId,
        produced_at: batch.producedAt,
        period: { from: batch.periodFrom, to: batch.periodTo },
        pseudonymisation: { method: 'hmac-sha256', key_id: DEMO_KEY_ID },
        files: {
          signals: { name: signalsName, rows: s.rows, sha256: s.sha256 },
          assessments: { name: assessmentsName, rows: a.rows, sha256: a.sha256 },
        },
      };
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
      batchDirs.push(dir);
    }
  } finally {
    converter.close();
  }
  opts.onProgress?.(total, total, 'done');

  const planted: PlantedEffectsFile = {
    generator: 'weegwijzer-demo',
    version: 1,
    seed,
    years: plan.batches[0].years.length > 1 ? plan.batches[0].years : [...new Set(plan.batches.map((b) => b.years[0]))],
    scale,
    layout,
    effects: single ? [] : world.effects,
  };
  const plantedEffectsFile = join(outDir, 'planted-effects.json');
  writeFileSync(plantedEffectsFile, JSON.stringify(planted, null, 2) + '\n');
  return { batchDirs, plantedEffectsFile, signals, assessments };
}

/**
 * The demo generator plants known effects (planted-effects.json); the metrics must find them,
 * and mostly not find effects where none were planted. Demo data at scale 1, seed 1 (about
 * 10 000 signals over 2023–2025), loaded straight into the analytic schema with read_csv.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_COLUMNS, ASSESSMENTS_DDL, COVERAGE_PHENOMENA, DERIVED_TABLES_SQL, SIGNAL_COLUMNS, SIGNALS_DDL, type QueryFn } from '@weegwijzer/contract';
import { generateDemo, type PlantedEffect, type PlantedEffectsFile } from '@weegwijzer/etl';
import { runMetric, type MetricRequest, type MetricResponse } from '@weegwijzer/metrics';
import { queryFnOver } from './duckdb-fixture';
import { recordKeyMacroSql } from '@weegwijzer/store';
import { TEST_RECORD_KEY_SECRET } from './record-key';

let dir: string;
let conn: DuckDBConnection;
let query: QueryFn;
let planted: PlantedEffect[];

const names = (cols: readonly { name: string }[]) => cols.map((c) => c.name).join(', ');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weegwijzer-planted-'));
  const result = await generateDemo({ outDir: dir, seed: 1, scale: 1, format: 'csv' });
  planted = (JSON.parse(readFileSync(result.plantedEffectsFile, 'utf8')) as PlantedEffectsFile).effects;
  const instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(SIGNALS_DDL);
  await conn.run(ASSESSMENTS_DDL);
  const csv = (file: string) => `read_csv('${join(dir, '*', '*', file)}', header = true, all_varchar = true, filename = true)`;
  await conn.run(`INSERT INTO signals (${names(SIGNAL_COLUMNS)}, batch_id) SELECT ${names(SIGNAL_COLUMNS)}, filename FROM ${csv('signals.csv')}`);
  await conn.run(`INSERT INTO assessments (${names(ASSESSMENT_COLUMNS)}, batch_id) SELECT ${names(ASSESSMENT_COLUMNS)}, filename FROM ${csv('assessments.csv')}`);
  await conn.run(recordKeyMacroSql(TEST_RECORD_KEY_SECRET));
  for (const stmt of DERIVED_TABLES_SQL) await conn.run(stmt);
  query = queryFnOver(conn);
}, 120_000);

afterAll(() => {
  conn?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const run = (name: string, params: Record<string, string> = {}, extra: Partial<MetricRequest> = {}): Promise<MetricResponse> =>
  runMetric(name, { role: 'inspectie', scope: {}, params, ...extra } as MetricRequest, query);
const effects = (kind: PlantedEffect['kind']) => planted.filter((e) => e.kind === kind);
const regionRows = (res: MetricResponse) => res.rows.filter((r) => r.group === 'region');

describe('planted effects are found', () => {
  it('loaded the demo data', async () => {
    const [{ n }] = await query('SELECT count(*) AS n FROM signal_facts');
    expect(n).toBeGreaterThan(5000);
    expect(planted.length).toBeGreaterThan(5);
  });

  it('the weegploeg divergence: divergent with ratio > 1, and at most 2 false positives among the other regions', async () => {
    const res = await run('outcome_divergence', { stage: 'weegploeg' });
    const plantedRegions = new Set(effects('outcome_divergence').map((e) => e.region));
    expect(plantedRegions.size).toBeGreaterThan(0);
    for (const e of effects('outcome_divergence')) {
      const row = regionRows(res).find((r) => r.region_code === e.region);
      expect(row, e.id).toBeDefined();
      expect(row?.divergent, `${e.id}: ${JSON.stringify(row)}`).toBe(true);
      expect(row?.ratio as number).toBeGreaterThan(1);
    }
    const falsePositives = regionRows(res).filter((r) => !plantedRegions.has(r.region_code as string) && r.divergent === true);
    expect(falsePositives.length, JSON.stringify(falsePositives.map((r) => [r.region_code, r.ratio]))).toBeLessThanOrEqual(2);
  });

  it('heavy pre-weging: divergent below 1 in the pre-assessment, per region or per region × body', async () => {
    const byRegion = await run('outcome_divergence', { stage: 'pre_weging' });
    const byBody = await run('outcome_divergence', { stage: 'pre_weging', by: 'region_body' });
    for (const e of effects('heavy_pre_weging_dropoff')) {
      const row = e.body ? regionRows(byBody).find((r) => r.region_code === e.region && r.body === e.body) : regionRows(byRegion).find((r) => r.region_code === e.region);
      expect(row?.divergent, `${e.id}: ${JSON.stringify(row)}`).toBe(true);
      expect(row?.ratio as number).toBeLessThan(1);
    }
    const plantedRegions = new Set(effects('heavy_pre_weging_dropoff').map((e) => e.region));
    const falsePositives = regionRows(byRegion).filter((r) => !plantedRegions.has(r.region_code as string) && r.divergent === true);
    expect(falsePositives.length, JSON.stringify(falsePositives.map((r) => [r.region_code, r.ratio]))).toBeLessThanOrEqual(2);
  });

  it('phenomenon gaps are under_covered, other regions mostly not', async () => {
    const res = await run('phenomenon_coverage');
    const gaps = [...effects('phenomenon_gap'), ...effects('jihadist_focus')];
    const expected = new Set(gaps.flatMap((e) => (e.phenomena ?? [e.phenomenon]).map((p) => `${e.region}|${p}`)));
    expect(expected.size).toBeGreaterThan(0);
    for (const id of expected) {
      const [region, phenomenon] = id.split('|');
      const row = regionRows(res).find((r) => r.region_code === region && r.phenomenon === phenomenon);
      expect(row?.under_covered, `${id}: ${JSON.stringify(row)}`).toBe(true);
    }
    // Four one-sided tests at 5% per region: about 0.05 × 4 × 22 ≈ 4 chance flags are expected
    // among the unplanted regions in all; per phenomenon (22 tests) at most 2.
    const plantedRegions = new Set(gaps.map((e) => e.region));
    for (const phenomenon of COVERAGE_PHENOMENA) {
      const falsePositives = regionRows(res).filter((r) => !plantedRegions.has(r.region_code as string) && r.phenomenon === phenomenon && r.under_covered === true);
      expect(falsePositives.length, `${phenomenon}: ${JSON.stringify(falsePositives.map((r) => [r.region_code, r.probability]))}`).toBeLessThanOrEqual(2);
    }
  });

  it('the other patterns show where they were planted', async () => {
    // each pattern is planted at least once (a loop over nothing would prove nothing)
    for (const kind of ['direct_to_weegploeg', 'driehoek', 'meldpunt_decline'] as const) expect(effects(kind).length, kind).toBeGreaterThan(0);
    const dropoff = await run('dropoff');
    for (const e of effects('direct_to_weegploeg')) {
      const row = regionRows(dropoff).find((r) => r.region_code === e.region);
      expect([row?.with_pre, row?.direct_rate], e.id).toEqual([0, 1]);
    }
    // one region at a time (the rows sent; cells are the same as with all regions)
    const usageOf = (region: string | null) => run('criteria_usage', {}, { scope: { regions: [region as string] } });
    for (const e of effects('driehoek')) {
      const usage = await usageOf(e.region);
      const bodies = new Set(
        regionRows(usage)
          .filter((r) => r.region_code === e.region && r.stage === 'weegploeg' && r.assessments !== 0)
          .map((r) => r.body),
      );
      expect([...bodies], e.id).toEqual(['driehoek']);
    }
    {
      const reach = await run('reach');
      const national = reach.rows.filter((r) => r.group === 'total').sort((a, b) => (a.year as number) - (b.year as number));
      expect(national.length).toBeGreaterThan(1);
      for (let i = 1; i < national.length; i++) expect(national[i].change_per_100k as number, `year ${national[i].year}`).toBeLessThan(0);
    }
    if (effects('movers').length) {
      const moves = await run('reassessment_consistency');
      expect(moves.rows.find((r) => r.group === 'total')?.persons as number).toBeGreaterThan(0);
    }
  });
});

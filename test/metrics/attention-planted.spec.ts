/**
 * The attention metric on demo data (scale 1, about 10 000 signals over 2023–2025, 2025-Q4
 * against 2024-Q4; released counts with cell-key noise, k = 5):
 * - with the planted trend changes (planted-effects.json, kind `trend_change`): each is flagged
 *   in the right direction;
 * - without them (three seeds): the only change left in the data is the planted national
 *   meldpunt decline, so every other flag is a false discovery. Benjamini–Hochberg at 0.05
 *   under the global null keeps P(any false flag) at about 0.05: we allow at most one per
 *   seed and at most two over the three seeds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_COLUMNS, ASSESSMENTS_DDL, DERIVED_TABLES_SQL, SIGNAL_COLUMNS, SIGNALS_DDL, type QueryFn } from '@weegwijzer/contract';
import { generateDemo, type PlantedEffect, type PlantedEffectsFile } from '@weegwijzer/etl';
import { runMetric, type MetricResponse, type Row } from '@weegwijzer/metrics';
import { recordKeyMacroSql } from '@weegwijzer/store';
import { queryFnOver } from './duckdb-fixture';
import { TEST_RECORD_KEY_SECRET } from './record-key';

const names = (cols: readonly { name: string }[]) => cols.map((c) => c.name).join(', ');

interface Demo {
  dir: string;
  conn: DuckDBConnection;
  query: QueryFn;
  effects: PlantedEffect[];
}

async function loadDemo(seed: number, trendChanges: boolean): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'weegwijzer-attention-'));
  const result = await generateDemo({ outDir: dir, seed, scale: 1, format: 'csv', endYear: 2025, trendChanges });
  const effects = (JSON.parse(readFileSync(result.plantedEffectsFile, 'utf8')) as PlantedEffectsFile).effects;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(SIGNALS_DDL);
  await conn.run(ASSESSMENTS_DDL);
  const csv = (file: string) => `read_csv('${join(dir, '*', '*', file)}', header = true, all_varchar = true, filename = true)`;
  await conn.run(`INSERT INTO signals (${names(SIGNAL_COLUMNS)}, batch_id) SELECT ${names(SIGNAL_COLUMNS)}, filename FROM ${csv('signals.csv')}`);
  await conn.run(`INSERT INTO assessments (${names(ASSESSMENT_COLUMNS)}, batch_id) SELECT ${names(ASSESSMENT_COLUMNS)}, filename FROM ${csv('assessments.csv')}`);
  await conn.run(recordKeyMacroSql(TEST_RECORD_KEY_SECRET));
  for (const stmt of DERIVED_TABLES_SQL) await conn.run(stmt);
  return { dir, conn, query: queryFnOver(conn), effects };
}

const closeDemo = (d: Demo | undefined) => {
  d?.conn.closeSync();
  if (d) rmSync(d.dir, { recursive: true, force: true });
};

const attention = (d: Demo): Promise<MetricResponse> => runMetric('attention', { role: 'nctv', scope: {} }, d.query);
const flagged = (res: MetricResponse) => res.rows.filter((r) => r.flag === true);
const show = (rows: Row[]) => JSON.stringify(rows.map((r) => [r.region_code, r.series, r.observed, r.expected, r.q_value]));
/** The national meldpunt decline (planted since the first demo) is a real change, in every region. */
const MELDPUNT = 'source:professional_meldpunt';

describe('attention on demo data with planted trend changes', () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await loadDemo(1, true);
  }, 120_000);
  afterAll(() => closeDemo(demo));

  it('records three trend changes and flags each in its direction', async () => {
    const plants = demo.effects.filter((e) => e.kind === 'trend_change');
    expect(plants).toHaveLength(3);
    const res = await attention(demo);
    expect(new Set(res.rows.map((r) => r.period))).toEqual(new Set(['2025-Q4']));
    for (const e of plants) {
      const row = res.rows.find((r) => r.region_code === e.region && r.series === e.series);
      expect(row, e.id).toBeDefined();
      expect(row?.flag, `${e.id}: ${JSON.stringify(row)}`).toBe(true);
      if (e.direction === 'up') expect(row?.observed as number).toBeGreaterThan(row?.expected as number);
      else expect(row?.observed as number).toBeLessThan(row?.expected as number);
    }
    // everything flagged is explained by a plant: its region changed, or its series did (also the meldpunt decline)
    const regions = new Set(plants.map((e) => e.region).filter((r) => r !== null));
    const series = new Set([...plants.map((e) => e.series), MELDPUNT]);
    const unexplained = flagged(res).filter((r) => !regions.has(r.region_code as string) && !series.has(r.series as string));
    expect(unexplained.length, show(unexplained)).toBeLessThanOrEqual(1);
    console.info(
      `attention, planted demo: ${flagged(res).length} flagged, ${plants.length}/${plants.length} plants found, ${unexplained.length} unexplained: ${show(flagged(res))}`,
    );
  });
});

describe('attention on demo data without trend changes stays within the FDR bound', () => {
  const demos: Demo[] = [];
  beforeAll(async () => {
    for (const seed of [1, 2, 3]) demos.push(await loadDemo(seed, false));
  }, 300_000);
  afterAll(() => demos.forEach(closeDemo));

  it('flags at most one series per seed, and at most two over three seeds, apart from the meldpunt decline', async () => {
    let total = 0;
    const perSeed: string[] = [];
    for (const d of demos) {
      expect(d.effects.filter((e) => e.kind === 'trend_change')).toEqual([]);
      const res = await attention(d);
      const tested = res.rows.filter((r) => r.q_value !== null).length;
      expect(tested).toBeGreaterThan(30);
      const falseFlags = flagged(res).filter((r) => r.series !== MELDPUNT);
      expect(falseFlags.length, show(falseFlags)).toBeLessThanOrEqual(1);
      total += falseFlags.length;
      perSeed.push(`${tested} tested, ${falseFlags.length} false (${flagged(res).length - falseFlags.length} meldpunt)`);
    }
    expect(total).toBeLessThanOrEqual(2);
    console.info(`attention, demo without plants: ${perSeed.join('; ')}`);
  });
});

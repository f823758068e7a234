/**
 * Every output format of the demo generator writes readable files with the same content:
 * CSV, JSON Lines and Parquet read back through DuckDB, Arrow IPC through apache-arrow,
 * each compared with the CSV output of the same seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '@weegwijzer/etl';
import { loadCsvBatches, sha256, removeTempDirs, tempDir, type LoadedBatch, type Row } from './demo-helpers';

afterAll(removeTempDirs);

const OPTS = { seed: 5, years: 1, endYear: 2024, scale: 0.3 } as const;
const BOOL_COLUMNS = ['present_gemeente', 'present_politie', 'present_om', 'info_gemeente', 'info_politie', 'info_om', 'unanimous', 'analysis_recorded', 'decision_recorded'];
const INT_COLUMNS = ['c_geweld', 'c_denkbeelden', 'c_sociale_relaties', 'c_identificatie', 'c_zelfredzaamheid'];

/** A value as the CSV has it: '' for null, 'true'/'false', numbers and dates as text. */
function asCsv(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

function normalise(rows: Record<string, unknown>[]): Row[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asCsv(v)])));
}

async function readWithDuckDB(sql: string): Promise<{ rows: Row[]; types: Record<string, string> }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    const names = reader.columnNames();
    const types = Object.fromEntries(names.map((n, i) => [n, reader.columnType(i).toString()]));
    return { rows: normalise(reader.getRowObjectsJS() as Record<string, unknown>[]), types };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('demo output formats', () => {
  let reference: LoadedBatch[];

  beforeAll(async () => {
    const out = tempDir('fmt-csv');
    const r = await generateDemo({ ...OPTS, outDir: out, format: 'csv' });
    reference = loadCsvBatches(r.batchDirs);
  });

  const expectSameContent = (batchIndex: number, kind: 'signals' | 'assessments', rows: Row[]) => {
    const ref = reference[batchIndex][kind];
    expect(rows.length).toBe(ref.length);
    expect(rows).toEqual(ref);
  };

  it('CSV reads back through DuckDB read_csv with the contract types', async () => {
    const b = reference[0];
    const { rows, types } = await readWithDuckDB(`SELECT * FROM read_csv('${join(b.dir, 'assessments.csv')}', header = true, all_varchar = true)`);
    expect(rows).toEqual(b.assessments);
    expect(types.assessment_id).toBe('VARCHAR');
  });

  for (const format of ['jsonl', 'parquet', 'arrow'] as const) {
    it(`${format}: readable, same rows as CSV, manifest names and hashes the files`, async () => {
      const out = tempDir(`fmt-${format}`);
      const r = await generateDemo({ ...OPTS, outDir: out, format });
      expect(r.batchDirs).toHaveLength(reference.length);
      for (const i of [0, 7, 24]) {
        const dir = r.batchDirs[i];
        const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
        for (const kind of ['signals', 'assessments'] as const) {
          const file = join(dir, `${kind}.${format}`);
          expect(manifest.files[kind].name).toBe(`${kind}.${format}`);
          expect(manifest.files[kind].sha256).toBe(sha256(file));
          expect(manifest.files[kind].rows).toBe(reference[i][kind].length);
          let rows: Row[];
          if (format === 'arrow') {
            const table = tableFromIPC(readFileSync(file));
            const dateColumns = new Set(table.schema.fields.filter((f) => String(f.type).startsWith('Date')).map((f) => f.name));
            rows = normalise(
              table.toArray().map((row) => {
                const o = row.toJSON() as Record<string, unknown>;
                for (const c of dateColumns) if (o[c] !== null) o[c] = new Date(o[c] as number);
                return o;
              }),
            );
            if (kind === 'assessments') {
              const typeOf = (n: string) => String(table.schema.fields.find((f) => f.name === n)!.type);
              expect(typeOf('decided_at')).toBe('Date32<DAY>');
              expect(typeOf('c_geweld')).toBe('Int8');
              expect(typeOf('unanimous')).toBe('Bool');
            }
          } else {
            const read = format === 'jsonl' ? `read_json('${file}', format = 'newline_delimited')` : `read_parquet('${file}')`;
            const { rows: got, types } = await readWithDuckDB(`SELECT * FROM ${read}`);
            rows = got;
            if (format === 'parquet' && kind === 'assessments') {
              expect(types.decided_at).toBe('DATE');
              for (const c of INT_COLUMNS) expect(types[c]).toBe('TINYINT');
              for (const c of BOOL_COLUMNS) expect(types[c]).toBe('BOOLEAN');
            }
          }
          expectSameContent(i, kind, rows);
        }
      }
    });
  }

  it('JSON Lines has one object per line with every contract key in order, null for not known', async () => {
    const out = tempDir('fmt-jsonl-keys');
    const r = await generateDemo({ ...OPTS, scale: 0.05, outDir: out, format: 'jsonl' });
    const lines = readFileSync(join(r.batchDirs[0], 'signals.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const o of objects) {
      expect(Object.keys(o).join(',')).toBe('signal_id,subject_pseudonym,region_code,municipality_code,received_at,receiving_party,source,phenomenon,age_band');
    }
    const assessments = readFileSync(join(r.batchDirs[0], 'assessments.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l));
    const pre = assessments.find((a) => a.stage === 'pre_weging');
    expect(pre.present_om).toBeNull();
    expect(typeof pre.analysis_recorded).toBe('boolean');
    const scored = assessments.find((a) => a.c_geweld !== null);
    expect(typeof scored.c_geweld).toBe('number');
  });
});

/** AnalyticReader over real snapshot files: QueryFn conversions, pointer swaps, no snapshot yet. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { AnalyticReader, NoSnapshotError, readSnapshotPointer, resolveDataDir } from '@weegwijzer/store';
import { Ingestor, validAssessment, validSignal, writeTestBatch } from '@weegwijzer/etl';
import { openLedger, removeTemps, tempDir } from './etl-helpers';

describe('AnalyticReader', () => {
  let ds: DataSource;
  let closeLedger: () => Promise<void>;
  let dataDir: string;
  let ingestor: Ingestor;
  const now = () => new Date('2025-08-01T12:00:00Z');

  beforeAll(async () => {
    ({ ds, close: closeLedger } = await openLedger('reader'));
    dataDir = tempDir();
    ingestor = new Ingestor({ dataDir, store: ds, now });
  }, 120_000);
  afterAll(async () => {
    await closeLedger();
    removeTemps();
  });

  it('resolves the data dir from WEEGWIJZER_DATA_DIR or ./data, absolute', () => {
    expect(resolveDataDir({ WEEGWIJZER_DATA_DIR: 'rel/dir' }, '/base')).toBe('/base/rel/dir');
    expect(resolveDataDir({}, '/base')).toBe('/base/data');
    expect(resolveDataDir({ WEEGWIJZER_DATA_DIR: '/abs' }, '/base')).toBe('/abs');
  });

  it('raises NoSnapshotError before anything is loaded', async () => {
    const empty = tempDir();
    mkdirSync(join(empty, 'snapshots'));
    const reader = new AnalyticReader({ dataDir: empty });
    await expect(reader.query('SELECT 1')).rejects.toBeInstanceOf(NoSnapshotError);
    await expect(reader.info()).rejects.toThrow(/no analytic snapshot/);
    await reader.close();
  });

  it('converts values to plain JS and binds ? parameters', async () => {
    const dir = await writeTestBatch(join(tempDir(), 'b'), { signals: [validSignal(1), validSignal(2)], assessments: [validAssessment(1, 1)] });
    await ingestor.ingest([dir]);
    const reader = new AnalyticReader({ dataDir });
    try {
      const [row] = await reader.query(
        `SELECT count(*) AS n, sum(c_geweld) AS hugeint_sum, avg(c_denkbeelden)::DECIMAL(10,2) AS dec, min(decided_at) AS d,
                TIMESTAMP '2025-03-04 05:06:07' AS ts, list(assessment_id) AS ids, ? AS s, ? AS i, ? AS f, ? AS b, ? AS nul
         FROM assessments WHERE region_code = ?`,
        ['x', 7, 1.5, true, null, 'VR13'],
      );
      expect(row).toEqual({ n: 1, hugeint_sum: 1, dec: 2, d: '2025-02-20', ts: '2025-03-04T05:06:07.000Z', ids: ['AVR13x000001'], s: 'x', i: 7, f: 1.5, b: true, nul: null });
      expect(typeof row.n).toBe('number');
      // row objects from the result's columns: every row, fields in select order; none for an empty result
      const rows = await reader.query('SELECT i AS a, i * 2 AS b, CAST(i AS VARCHAR) AS c FROM range(3) t(i) ORDER BY i');
      expect(rows).toEqual([
        { a: 0, b: 0, c: '0' },
        { a: 1, b: 2, c: '1' },
        { a: 2, b: 4, c: '2' },
      ]);
      expect(Object.keys(rows[2])).toEqual(['a', 'b', 'c']);
      expect(await reader.query('SELECT 1 AS a WHERE FALSE')).toEqual([]);
      // more rows than one DuckDB chunk (2 048)
      const many = await reader.query('SELECT i AS a FROM range(5000) t(i) ORDER BY i');
      expect(many.map((r) => r.a)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    } finally {
      await reader.close();
    }
  });

  it("binds each query's own parameters on a reused prepared statement, after failed queries and beyond the statements kept", async () => {
    const reader = new AnalyticReader({ dataDir });
    try {
      // expected counts by a second route: literals, no parameters
      const [plain] = await reader.query(`SELECT count(*) FILTER (WHERE region_code = 'VR13') AS vr13, count(*) FILTER (WHERE region_code = 'VR01') AS vr01 FROM signals`);
      expect(plain.vr13).toBeGreaterThan(0);
      const sql = 'SELECT count(*) AS n FROM signals WHERE region_code = ?';
      const byRegion = async (region: string) => (await reader.query(sql, [region]))[0].n;
      expect(await byRegion('VR13')).toBe(plain.vr13);
      expect(await byRegion('VR01')).toBe(plain.vr01);
      expect(await byRegion('VR13')).toBe(plain.vr13);
      // the parameters of an earlier run are never used again: missing ones fail, so do extra ones
      await expect(reader.query(sql)).rejects.toThrow();
      await expect(reader.query(sql, ['VR13', 'VR01'])).rejects.toThrow();
      await expect(reader.query('SELECT no_such_column FROM signals')).rejects.toThrow(/no_such_column/);
      expect(await byRegion('VR13')).toBe(plain.vr13);
      // concurrent callers on the pooled connections each get their own answer
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => reader.query('SELECT ? AS i, ? AS s', [i, `v${i}`])));
      expect(answers.map((r) => r[0])).toEqual(Array.from({ length: 40 }, (_, i) => ({ i, s: `v${i}` })));
      // more distinct statements than a connection keeps prepared (64), then the first ones again
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 100; i++) expect((await reader.query(`SELECT ${i} AS v, ? AS p`, [i * 2]))[0]).toEqual({ v: i, p: i * 2 });
      }
      expect(await byRegion('VR01')).toBe(plain.vr01);
    } finally {
      await reader.close();
    }
  });

  it('follows the pointer to a new snapshot, finishing queries on the old one', async () => {
    const reader = new AnalyticReader({ dataDir, recheckMs: 60_000 });
    try {
      const first = await reader.info();
      expect(first.signals).toBe(2);
      const dir = await writeTestBatch(join(tempDir(), 'b2'), { region: 'VR02', signals: [validSignal(1, {}, 'VR02')], assessments: [] });
      const r = await ingestor.ingest([dir]);
      // Within the recheck interval the reader keeps serving what it has...
      expect((await reader.info()).snapshotId).toBe(first.snapshotId);
      // ...and on refresh it swaps to the published snapshot.
      await reader.refresh();
      expect(await reader.info()).toMatchObject({ snapshotId: r.snapshot!.id, batches: 2, signals: 3 });
      expect(readSnapshotPointer(dataDir)!.previous_snapshot_id).toBe(first.snapshotId);
      expect((await reader.query('SELECT count(*) AS n FROM signals'))[0].n).toBe(3);
    } finally {
      await reader.close();
    }
  });

  it('rechecks the pointer by itself after the interval', async () => {
    const reader = new AnalyticReader({ dataDir, recheckMs: 20 });
    try {
      const before = (await reader.info()).signals;
      const dir = await writeTestBatch(join(tempDir(), 'b3'), { region: 'VR03', signals: [validSignal(1, {}, 'VR03')], assessments: [] });
      await ingestor.ingest([dir]);
      await new Promise((r) => setTimeout(r, 40));
      expect((await reader.info()).signals).toBe(before + 1);
    } finally {
      await reader.close();
    }
  });

  it('serves concurrent queries while swapping', async () => {
    const reader = new AnalyticReader({ dataDir, recheckMs: 0 });
    try {
      const dir = await writeTestBatch(join(tempDir(), 'b4'), { region: 'VR04', signals: [validSignal(1, {}, 'VR04')], assessments: [] });
      const queries = Array.from({ length: 20 }, () => reader.query('SELECT count(*) AS n FROM signals'));
      const ingest = ingestor.ingest([dir]);
      const more = Array.from({ length: 20 }, () => reader.query('SELECT count(*) AS n FROM signals'));
      await ingest;
      const counts = (await Promise.all([...queries, ...more])).map((r) => r[0].n as number);
      // Every answer is one whole snapshot: before (4 signals) or after (5).
      expect(counts.every((n) => n === 4 || n === 5)).toBe(true);
      expect((await reader.query('SELECT count(*) AS n FROM signals'))[0].n).toBe(5);
    } finally {
      await reader.close();
    }
  });
});

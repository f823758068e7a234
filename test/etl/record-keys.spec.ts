/**
 * Record keys are computed once per batch (etl record-keys.ts) and reused by later snapshot
 * builds; they must stay exactly HMAC-SHA256(secret, kind:region:id) mapped to 1..2^24−1
 * (libs/store record-key.ts), checked here against Node's crypto, through corrections, a
 * rotated secret and a keys file that lacks rows.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { DuckDBInstance } from '@duckdb/node-api';
import { AnalyticReader } from '@weegwijzer/store';
import { Ingestor, validAssessment, validSignal, writeTestBatch } from '@weegwijzer/etl';
import { openLedger, removeTemps, storeKind, tempDir } from './etl-helpers';

const NOW = () => new Date('2025-08-01T12:00:00Z');

function hmacKey(secretHex: string, message: string): number {
  const digest = createHmac('sha256', Buffer.from(secretHex, 'hex')).update(message, 'utf8').digest();
  return (digest.readUIntBE(0, 3) % 16777215) + 1;
}

/** Every keys file under the data dir's record-keys folder, with its inode and mtime. */
function keyFiles(dataDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else {
        const st = statSync(join(d, e.name));
        out.set(`${rel}${e.name}`, `${st.ino}:${st.mtimeMs}`);
      }
    }
  };
  walk(join(dataDir, 'record-keys'), '');
  return out;
}

describe(`record keys cached per batch (ledger on ${storeKind})`, () => {
  let ds: DataSource;
  let closeLedger: () => Promise<void>;
  let dataDir: string;
  let batches: string;
  let keyDir: string;
  const secretA = randomBytes(32).toString('hex');
  const secretB = randomBytes(32).toString('hex');

  beforeAll(async () => {
    ({ ds, close: closeLedger } = await openLedger('reckeys'));
    dataDir = tempDir();
    batches = tempDir();
    keyDir = tempDir();
    writeFileSync(join(keyDir, 'a.secret'), `${secretA}\n`, { mode: 0o600 });
    writeFileSync(join(keyDir, 'b.secret'), `${secretB}\n`, { mode: 0o600 });
  }, 120_000);
  afterAll(async () => {
    await closeLedger();
    removeTemps();
  }, 60_000);

  async function facts(): Promise<{ signals: Record<string, unknown>[]; assessments: Record<string, unknown>[] }> {
    const reader = new AnalyticReader({ dataDir, recheckMs: 0 });
    try {
      return {
        signals: await reader.query('SELECT region_code, signal_id, subject_pseudonym, rk, subject_rk, subject_nrk FROM signal_facts ORDER BY signal_id'),
        assessments: await reader.query('SELECT region_code, assessment_id, rk FROM assessment_facts ORDER BY assessment_id'),
      };
    } finally {
      await reader.close();
    }
  }

  function expectHmacKeys(f: Awaited<ReturnType<typeof facts>>, secret: string): void {
    expect(f.signals.length).toBeGreaterThan(0);
    for (const s of f.signals) {
      const p = s.subject_pseudonym as string | null;
      expect(s).toMatchObject({
        rk: hmacKey(secret, `signal:${s.region_code}:${s.signal_id}`),
        subject_rk: p === null ? null : hmacKey(secret, `person:${s.region_code}:${p}`),
        subject_nrk: p === null ? null : hmacKey(secret, `person::${p}`),
      });
    }
    for (const a of f.assessments) expect(a.rk).toBe(hmacKey(secret, `assessment:${a.region_code}:${a.assessment_id}`));
  }

  it('computes each batch’s keys once, reuses them in later builds, and they equal HMAC-SHA256', async () => {
    const ingestor = new Ingestor({ dataDir, store: ds, now: NOW, keyFile: join(keyDir, 'a.secret') });
    const first = await writeTestBatch(join(batches, 'first'), {
      batchId: 'VR13-2025-H1',
      producedAt: '2025-07-01T00:00:00Z',
      signals: [validSignal(1), validSignal(2, { subject_pseudonym: null })],
      assessments: [validAssessment(1, 1), validAssessment(2, 2)],
    });
    expect((await ingestor.ingest([first])).batches[0].outcome).toBe('loaded');
    const before = keyFiles(dataDir);
    expect([...before.keys()].filter((f) => f.endsWith('.parquet')).length).toBe(2);
    expectHmacKeys(await facts(), secretA);

    // A correction of signal 1 (another pseudonym) and a new signal: the first batch's keys files
    // are reused untouched, the correction's keys are its own.
    const second = await writeTestBatch(join(batches, 'second'), {
      batchId: 'VR13-2025-H1-c1',
      producedAt: '2025-07-15T00:00:00Z',
      signals: [validSignal(1, { subject_pseudonym: 'P9999abcdefghijklmnop' }), validSignal(3)],
      assessments: [validAssessment(3, 3)],
    });
    expect((await ingestor.ingest([second])).batches[0].outcome).toBe('loaded');
    const after = keyFiles(dataDir);
    for (const [f, stamp] of before) expect(after.get(f)).toBe(stamp);
    expect(after.size).toBe(4);
    const f = await facts();
    expect(f.signals.map((s) => [s.signal_id, s.subject_pseudonym])).toEqual([
      ['SVR13x000001', 'P9999abcdefghijklmnop'],
      ['SVR13x000002', null],
      ['SVR13x000003', 'P0003abcdefghijklmnop'],
    ]);
    expectHmacKeys(f, secretA);
  }, 120_000);

  it('recomputes every key under a rotated secret and drops the old secret’s keys files', async () => {
    const before = keyFiles(dataDir);
    const rotated = new Ingestor({ dataDir, store: ds, now: NOW, keyFile: join(keyDir, 'b.secret') });
    await rotated.init();
    const after = keyFiles(dataDir);
    expect(after.size).toBe(4);
    for (const f of after.keys()) expect(before.has(f)).toBe(false);
    const f = await facts();
    expectHmacKeys(f, secretB);
    expect(f.signals.some((s) => s.rk !== hmacKey(secretA, `signal:${s.region_code}:${s.signal_id}`))).toBe(true);
  }, 120_000);

  it('computes in the build any key a keys file lacks', async () => {
    // Empty the first batch's keys files (same schema, no rows): the next build must still give exact keys.
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    for (const f of keyFiles(dataDir).keys()) {
      if (!f.includes('VR13-2025-H1.')) continue;
      const file = join(dataDir, 'record-keys', f);
      await conn.run(`COPY (SELECT * FROM read_parquet('${file}') LIMIT 0) TO '${file}.empty' (FORMAT parquet)`);
      renameSync(`${file}.empty`, file);
    }
    conn.closeSync();
    db.closeSync();
    const ingestor = new Ingestor({ dataDir, store: ds, now: NOW, keyFile: join(keyDir, 'b.secret') });
    const third = await writeTestBatch(join(batches, 'third'), {
      batchId: 'VR13-2025-H1-c2',
      producedAt: '2025-07-20T00:00:00Z',
      signals: [validSignal(4)],
      assessments: [validAssessment(4, 4)],
    });
    expect((await ingestor.ingest([third])).batches[0].outcome).toBe('loaded');
    const f = await facts();
    expect(f.signals.map((s) => s.signal_id)).toEqual(['SVR13x000001', 'SVR13x000002', 'SVR13x000003', 'SVR13x000004']);
    expectHmacKeys(f, secretB);
  }, 120_000);
});

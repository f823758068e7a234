/**
 * The logical copy of the operational store (backup/restore): values that are easy to mangle
 * survive a dump and a load exactly, ids and sequences included, and the audit log's
 * append-only guard is back on afterwards. PGlite (default) or PostgreSQL (DATABASE_URL).
 */
import { closeOperationalStore, dumpOperationalStore, loadOperationalStore, openOperationalStore, OPERATIONAL_MIGRATIONS } from '@weegwijzer/store';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const databaseUrl = process.env.DATABASE_URL;
const schemas = databaseUrl ? [`t_copy_a_${process.pid}`, `t_copy_b_${process.pid}`] : [];
const work = mkdtempSync(join(tmpdir(), 'weegwijzer-copy-'));

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  if (!databaseUrl) return;
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await c.end();
});

const open = (i: number) => openOperationalStore({ databaseUrl, dataDir: 'memory', schema: schemas[i] });
const TRICKY = 'quote " backslash \\ newline \n tab \t unicode ë 🙂 and a NUL-free end';
const SELECTS = {
  region: 'SELECT * FROM region ORDER BY code',
  region_profile: 'SELECT * FROM region_profile ORDER BY region_code',
  region_profile_history: 'SELECT * FROM region_profile_history ORDER BY id',
  batch: 'SELECT * FROM batch ORDER BY id',
  audit_log: 'SELECT * FROM audit_log ORDER BY id',
};

describe(`logical copy on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('dumps and loads every value exactly', async () => {
    const a = await open(0);
    const before: Record<string, unknown[]> = {};
    let dump;
    try {
      await a.query(`INSERT INTO region (code, name) VALUES ('VR13', $1), ('VR03', 'Noord-Holland Noord')`, [TRICKY]);
      await a.query(
        `INSERT INTO region_profile (region_code, covenant_signed, covenant_start_date, frameworks, capacity_fte, source_note, updated_at)
         VALUES ('VR13', true, '2024-02-29', $1::jsonb, 12.25, $2, '2026-01-02T03:04:05.123456Z')`,
        [JSON.stringify({ list: ['a', 'b'], nested: { x: 1.5, y: null, s: TRICKY } }), TRICKY],
      );
      for (let i = 0; i < 3; i++) {
        await a.query(`INSERT INTO region_profile_history (region_code, changed_by, changes) VALUES ('VR13', 'x', $1::jsonb)`, [JSON.stringify({ i })]);
      }
      // A gap in the ids: the copy keeps ids, not positions.
      await a.query(`INSERT INTO region_profile_history (id, region_code, changed_by, changes) VALUES (9000000000, 'VR03', 'y', '{}')`);
      await a.query(
        `INSERT INTO batch (id, region_code, batch_id, status, produced_at, period_from, signal_rows, report) VALUES ('VR13/b1', 'VR13', 'b1', 'rejected', '2025-06-30T23:59:59.999999+02:00', '2025-01-01', NULL, $1::jsonb)`,
        [JSON.stringify({ errors: [{ rule: 'TYPE_DATE', row: 3, detail: TRICKY }] })],
      );
      await a.query(`INSERT INTO audit_log (at, who, method, route, status, duration_ms, params) VALUES (now(), 'tok_1:a', 'GET', '/api/x', 200, 3, '{"k":[1,2]}')`);
      for (const [t, sql] of Object.entries(SELECTS)) before[t] = await a.query(sql);
      dump = await dumpOperationalStore(a, (t) => join(work, `${t}.jsonl`));
    } finally {
      await closeOperationalStore(a);
    }
    expect(dump.migrations).toEqual(OPERATIONAL_MIGRATIONS.map((m) => m.name));
    expect(Object.fromEntries(dump.tables.map((t) => [t.name, t.rows]))).toMatchObject({ region: 2, region_profile: 1, region_profile_history: 4, batch: 1, audit_log: 1 });
    // One JSON object per line, whatever the text holds.
    for (const line of readFileSync(join(work, 'region.jsonl'), 'utf8').trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();

    const b = await open(1);
    try {
      // Listed children first: the loader puts parents first itself.
      const loaded = await loadOperationalStore(
        b,
        [...dump.tables].reverse().map((t) => ({ name: t.name, file: join(work, `${t.name}.jsonl`) })),
      );
      expect(loaded.map((t) => t.rows).reduce((x, y) => x + y, 0)).toBe(dump.tables.map((t) => t.rows).reduce((x, y) => x + y, 0));
      for (const [t, sql] of Object.entries(SELECTS)) expect(await b.query(sql), t).toEqual(before[t]);
      // Sequences continue after the highest id; the audit log is append-only again.
      const [next] = await b.query(`INSERT INTO region_profile_history (region_code, changed_by, changes) VALUES ('VR13', 'z', '{}') RETURNING id`);
      expect(String(next.id)).toBe('9000000001');
      await expect(b.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await closeOperationalStore(b);
    }
  }, 120_000);
});

import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainRowObjects } from '@weegwijzer/store';

/**
 * The analytic reader's conversion of a DuckDB result to row objects of plain values
 * (QueryFn's promise): each row's fields in column order, whatever the column names.
 */
describe('plainRowObjects', () => {
  let db: DuckDBInstance;
  beforeAll(async () => {
    db = await DuckDBInstance.create(':memory:');
  });
  afterAll(() => db.closeSync());

  const rows = async (sql: string) => {
    const c = await db.connect();
    try {
      return plainRowObjects(await c.run(sql));
    } finally {
      c.closeSync();
    }
  };

  it('gives every row its fields in column order, with plain values (BIGINT, DATE, ENUM, NULL), over several chunks', async () => {
    const out = await rows(`SELECT i AS id, CAST(i AS BIGINT) * 3 AS big, DATE '2024-01-01' + CAST(i % 3 AS INTEGER) AS day,
      CAST(CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END AS ENUM('a', 'b')) AS code, CASE WHEN i % 5 = 0 THEN NULL ELSE i / 2 END AS half
      FROM range(5000) r(i) ORDER BY i`);
    expect(out).toHaveLength(5000);
    // past the first 2048-row chunk
    expect(out[4001]).toEqual({ id: 4001, big: 12003, day: '2024-01-03', code: 'b', half: 2000.5 });
    expect(out[4000]).toEqual({ id: 4000, big: 12000, day: '2024-01-02', code: 'a', half: null });
    expect(Object.keys(out[17])).toEqual(['id', 'big', 'day', 'code', 'half']);
    expect(Object.getPrototypeOf(out[0])).toBe(Object.prototype);
  });

  it('keeps names that are not identifiers as they are, and never takes a __proto__ column as the prototype', async () => {
    const [odd] = await rows(`SELECT 1 AS "a b", 2 AS "count(*)", 3 AS "x""y", 4 AS "1st", 5 AS "constructor"`);
    expect(odd).toEqual({ 'a b': 1, 'count(*)': 2, 'x"y': 3, '1st': 4, constructor: 5 });
    expect(Object.keys(odd)).toEqual(['a b', 'count(*)', 'x"y', '1st', 'constructor']);
    const [proto] = await rows(`SELECT 1 AS x, 2 AS "__proto__"`);
    expect(proto.x).toBe(1);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['x']);
  });

  it('builds rows with more columns than one literal takes, and results with a name twice (the last value wins)', async () => {
    const wide = Array.from({ length: 70 }, (_, i) => `${i} AS c${i}`).join(', ');
    const [w] = await rows(`SELECT ${wide}`);
    expect(Object.keys(w)).toHaveLength(70);
    expect(w.c69).toBe(69);
    const [twice] = await rows(`SELECT 1 AS x, 2 AS x`);
    expect(twice).toEqual({ x: 2 });
  });

  it('tells column lists apart whose names joined would read the same', async () => {
    expect(await rows(`SELECT 1 AS "a,b"`)).toEqual([{ 'a,b': 1 }]);
    expect(await rows(`SELECT 1 AS a, 2 AS b`)).toEqual([{ a: 1, b: 2 }]);
    expect(await rows(`SELECT 3 AS "a,b"`)).toEqual([{ 'a,b': 3 }]);
  });

  it('gives every column type its plain value, null included, in every chunk (the types read straight from the vectors and the rest)', async () => {
    const out = await rows(`SELECT
        i % 2 = 0 AS flag, CAST(i % 100 AS TINYINT) AS ti, CAST(i AS SMALLINT) AS si, CAST(i AS INTEGER) AS int,
        CAST(i % 200 AS UTINYINT) AS uti, CAST(i AS USMALLINT) AS usi, CAST(i AS UINTEGER) AS ui,
        CAST(i AS FLOAT) / 4 AS fl, i / 8 AS dbl, 'v' || i AS txt, CAST(CASE WHEN i % 3 = 0 THEN 'x' ELSE 'y' END AS ENUM('x', 'y')) AS code,
        CAST(i AS BIGINT) * 1000000000 AS big, CAST(i AS UBIGINT) AS ubig, CAST(i AS HUGEINT) AS huge, CAST(i AS UHUGEINT) AS uhuge,
        CAST(i / 4 AS DECIMAL(10, 2)) AS dec, TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i) AS ts, [i, i + 1] AS list,
        {'a': i} AS struct, CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i AS BIGINT) END AS maybe_big,
        CASE WHEN i % 7 = 0 THEN NULL ELSE 'w' END AS maybe_txt, CAST(NULL AS ENUM('x', 'y')) AS no_code
      FROM range(4100) r(i) ORDER BY i`);
    expect(out).toHaveLength(4100);
    // in the third chunk
    expect(out[4098]).toEqual({
      flag: true,
      ti: 98,
      si: 4098,
      int: 4098,
      uti: 98,
      usi: 4098,
      ui: 4098,
      fl: 1024.5,
      dbl: 512.25,
      txt: 'v4098',
      code: 'x',
      big: 4098000000000,
      ubig: 4098,
      huge: 4098,
      uhuge: 4098,
      dec: 1024.5,
      ts: '2024-01-01T01:08:18.000Z',
      list: [4098, 4099],
      struct: { a: 4098 },
      maybe_big: 4098,
      maybe_txt: 'w',
      no_code: null,
    });
    expect(out[4095]).toMatchObject({ flag: false, code: 'x', maybe_big: null, maybe_txt: null, no_code: null });
  });

  it('gives an empty list for an empty result', async () => {
    expect(await rows(`SELECT 1 AS x WHERE false`)).toEqual([]);
  });
});

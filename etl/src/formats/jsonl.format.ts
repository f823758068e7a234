/**
 * JSON Lines: one object per line. Parsed once by DuckDB into `stg_<kind>` (both passes read
 * the staging table); an object may leave out a key whose value is not known.
 */
import { writeFileSync } from 'node:fs';
import { JsonlSink } from '../demo/sinks';
import { quoteIdent, quoteLiteral } from '../validate/sql';
import type { FormatReader } from './format';

export const JSONL_FORMAT: FormatReader = {
  label: 'JSON Lines',
  extensions: ['jsonl'],
  contractDoc:
    'one JSON object per line, keys = column names; `null` or an absent key means *not known*; numbers may be JSON numbers or strings, booleans JSON booleans or the spellings of [§6](#6-values-empty-codes-booleans-dates).',
  lineBased: true,
  rowsMayOmitColumns: true,
  bothKindsInOneFile: false,

  async open(target) {
    const { conn, kind, contract, table } = target;
    const raw = `raw_${kind}`;
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${raw} AS
      SELECT CAST(row_number() OVER () AS INTEGER) AS _row, json FROM read_ndjson_objects(${quoteLiteral(target.path)}, maximum_object_size = 1048576)`);
    const notObjects = (await conn.runAndReadAll(`SELECT _row FROM ${raw} WHERE json_type(json) <> 'OBJECT' ORDER BY _row LIMIT 1000`)).getRowObjectsJS() as {
      _row: number;
    }[];
    for (const r of notObjects) target.addError(r._row, null, 'JSON_NOT_OBJECT');
    const keys = (
      await conn.runAndReadAll(
        `SELECT k, min(_row) AS first FROM (SELECT _row, unnest(json_keys(json)) AS k FROM ${raw} WHERE json_type(json) = 'OBJECT') GROUP BY k ORDER BY first, k`,
      )
    ).getRowObjectsJS() as { k: string }[];
    // A JSON object may leave out a key whose value is not known: no column is "missing".
    target.checkColumns(
      keys.map((k) => k.k),
      false,
    );
    const paths = contract.map((c) => quoteLiteral(`$."${c}"`)).join(', ');
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} AS
      SELECT _row, ${contract.map((c, i) => `nullif(v[${i + 1}], '') AS ${quoteIdent(c)}`).join(', ')}
      FROM (SELECT _row, CASE WHEN json_type(json) = 'OBJECT' THEN json_extract_string(json, [${paths}]) END AS v FROM ${raw})`);
    await conn.run(`DROP TABLE ${raw}`);
    return { staged: true };
  },

  sink: (path, columns) => new JsonlSink(path, columns),

  async writeFixture(path, _kind, rows, columns) {
    writeFileSync(path, rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))).join('\n') + (rows.length ? '\n' : ''));
  },
};

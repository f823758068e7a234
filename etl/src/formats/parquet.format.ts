/**
 * Parquet: the schema is read with DESCRIBE, the row count from the file's metadata, and the
 * rows streamed by DuckDB's reader (every column cast to VARCHAR).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { COLUMNS_BY_FILE } from '@weegwijzer/contract';
import { ParquetSink } from '../demo/sinks';
import { quoteIdent, quoteLiteral } from '../validate/sql';
import type { FormatReader } from './format';

export const PARQUET_FORMAT: FormatReader = {
  label: 'Parquet',
  extensions: ['parquet'],
  contractDoc: 'column names as in the contract; strings as UTF-8, dates as `DATE` (or `YYYY-MM-DD` strings), scores as any integer type, booleans as `BOOLEAN`.',
  lineBased: false,
  rowsMayOmitColumns: false,
  bothKindsInOneFile: false,

  async open(target) {
    const described = (await target.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(target.path)})`)).getRowObjectsJS() as { column_name: string }[];
    const parquetColumns = described.map((d) => d.column_name);
    target.checkColumns(parquetColumns, true);
    return {
      staged: false,
      relation(withRow) {
        const rowExpr = (expr: string) => (withRow ? `CAST(${expr} AS INTEGER) AS _row, ` : '');
        const cols = target.contract.map((c) => `nullif(${parquetColumns.includes(c) ? `CAST(${quoteIdent(c)} AS VARCHAR)` : 'NULL'}, '') AS ${quoteIdent(c)}`).join(', ');
        return `(SELECT ${rowExpr('file_row_number + 1')}${cols} FROM read_parquet(${quoteLiteral(target.path)}, file_row_number = ${withRow}))`;
      },
    };
  },

  async metadataRows(conn, path) {
    const r = (await conn.runAndReadAll(`SELECT coalesce(sum(num_rows), 0)::BIGINT AS n FROM parquet_file_metadata(${quoteLiteral(path)})`)).getRowObjectsJS()[0];
    return Number(r.n);
  },

  sink: (path, columns, converter) => new ParquetSink(path, columns, converter),

  /** Through DuckDB, typed like a real export (DATE, TINYINT, BOOLEAN) where the values allow. */
  async writeFixture(path, kind, rows, columns) {
    const tmp = mkdtempSync(join(tmpdir(), 'ww-fixture-'));
    try {
      const jsonl = join(tmp, 'rows.jsonl');
      writeFileSync(
        jsonl,
        rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] === undefined || r[c] === null ? null : String(r[c])])))).join('\n') + '\n',
      );
      const specs = new Map(COLUMNS_BY_FILE[kind].map((s) => [s.name, s]));
      const db = await DuckDBInstance.create(':memory:');
      const conn = await db.connect();
      const cols = `{${columns.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
      const select = columns
        .map((c) => {
          const t = specs.get(c)?.type;
          const cast = t === 'date' ? 'DATE' : t === 'int' ? 'TINYINT' : t === 'bool' ? 'BOOLEAN' : null;
          return cast ? `coalesce(try_cast("${c}" AS ${cast})::VARCHAR, "${c}") IS NOT DISTINCT FROM try_cast("${c}" AS ${cast})::VARCHAR` : 'true';
        })
        .join(' AND ');
      const typedOk =
        rows.length === 0
          ? true
          : ((
              await conn.runAndReadAll(`SELECT bool_and(${select || 'true'}) AS ok FROM read_json('${jsonl}', columns = ${cols}, format = 'newline_delimited')`)
            ).getRowObjectsJS()[0].ok as boolean);
      const proj = columns
        .map((c) => {
          const t = specs.get(c)?.type;
          const cast = typedOk ? (t === 'date' ? 'DATE' : t === 'int' ? 'TINYINT' : t === 'bool' ? 'BOOLEAN' : null) : null;
          return cast ? `CAST("${c}" AS ${cast}) AS "${c}"` : `"${c}"`;
        })
        .join(', ');
      await conn.run(`COPY (SELECT ${proj} FROM read_json('${jsonl}', columns = ${cols}, format = 'newline_delimited')) TO '${path}' (FORMAT parquet)`);
      conn.closeSync();
      db.closeSync();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { validAssessment, validSignal, writeTestBatch, type TestBatchOptions } from '../testing/batch-fixture';
import { rewriteZip } from '../testing/zip-fixture';
import { BatchValidation, validateBatch } from './batch.validator';
import type { ValidationReport } from './report';
import { excelSerialToDate } from './xlsx';

const root = mkdtempSync(join(tmpdir(), 'ww-xlsx-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const NOW = new Date('2025-08-01T12:00:00Z');
let n = 0;

function rows(): Pick<TestBatchOptions, 'signals' | 'assessments'> {
  return {
    signals: [validSignal(1), validSignal(2, { municipality_code: null, age_band: '0_17' }), validSignal(3)],
    assessments: [validAssessment(1, 1), validAssessment(2, 2, { c_geweld: null })],
  };
}
async function batch(opts: Partial<TestBatchOptions> = {}): Promise<string> {
  return writeTestBatch(join(root, `b${++n}`), { ...rows(), format: 'xlsx', ...opts });
}
const check = async (opts: Partial<TestBatchOptions> = {}) => validateBatch(await batch(opts), { now: NOW });
const found = (r: ValidationReport) => r.errors.map((e) => [e.file, e.row, e.column, e.rule]);
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;
const onSignals = (f: (ws: ExcelJS.Worksheet) => void) => (wb: ExcelJS.Workbook, kind: string) => {
  if (kind !== 'assessments') f(sheet(wb, 'signals'));
};

/** After editing a workbook's package by hand: the manifest's hashes follow. */
function rehash(dir: string): void {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const f of Object.values(m.files) as { name: string; sha256: string }[])
    f.sha256 = createHash('sha256')
      .update(readFileSync(join(dir, f.name)))
      .digest('hex');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
}

/** The typed rows as the validator would load them (written as Parquet, read back). */
async function loaded(dir: string): Promise<{ signals: Record<string, unknown>[]; assessments: Record<string, unknown>[] }> {
  const v = await BatchValidation.prepare(dir, { now: NOW });
  const out = join(root, `out${++n}`);
  mkdirSync(out);
  try {
    await v.checkRows();
    expect(v.report().errors).toEqual([]);
    await v.writeParquet(out);
  } finally {
    await v.close();
  }
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const read = async (f: string) => (await conn.runAndReadAll(`SELECT * FROM read_parquet('${join(out, f)}') ORDER BY 1`)).getRowObjectsJson();
  const result = { signals: await read('signals.parquet'), assessments: await read('assessments.parquet') };
  conn.closeSync();
  db.closeSync();
  return result as { signals: Record<string, unknown>[]; assessments: Record<string, unknown>[] };
}

describe('an Excel delivery', () => {
  it('passes as two workbooks and as one workbook with two sheets, typed exactly like the CSV', async () => {
    const csv = await loaded(await writeTestBatch(join(root, `b${++n}`), rows()));
    for (const opts of [{}, { xlsx: { combined: true } }, { xlsx: { textDates: true } }]) {
      const dir = await batch(opts);
      const r = await validateBatch(dir, { now: NOW });
      expect(r.errors, JSON.stringify(opts)).toEqual([]);
      expect(r.counts).toEqual({ signals: 3, assessments: 2 });
      expect(await loaded(dir)).toEqual(csv);
    }
  });

  it('keeps a leading zero of a code or id written as text', async () => {
    const signals = [validSignal(1, { signal_id: '00012345', municipality_code: 'GM0014' })];
    const dir = await batch({ signals, assessments: [validAssessment(1, 1, { signal_id: '00012345' })] });
    const { signals: s, assessments: a } = await loaded(dir);
    expect(s[0]).toMatchObject({ signal_id: '00012345', municipality_code: 'GM0014' });
    expect(a[0]).toMatchObject({ signal_id: '00012345' });
  });

  it('reads Excel dates in the 1900 and the 1904 date system', async () => {
    expect(excelSerialToDate('45691', false)).toBe('2025-02-03');
    expect(excelSerialToDate('45691.75', false)).toBe('2025-02-03');
    expect(excelSerialToDate('59', false)).toBe('1900-02-28');
    expect(excelSerialToDate('61', false)).toBe('1900-03-01');
    expect(excelSerialToDate('44229', true)).toBe('2025-02-03');
    const dir = await batch({ xlsx: { edit: (wb) => (wb.properties.date1904 = true) } });
    const { signals } = await loaded(dir);
    expect(signals.map((s) => s.received_at)).toEqual(['2025-02-03', '2025-02-03', '2025-02-03']);
  });

  it('runs the contract rules and the personal-data guard over every cell, unchanged', async () => {
    const r = await check({
      signals: [validSignal(1, { subject_pseudonym: 'jan@example.nl' }), validSignal(2, { phenomenon: 'iets' }), validSignal(3, { received_at: '2025-13-01' })],
    });
    expect(found(r)).toEqual([
      ['signals.xlsx', 1, 'subject_pseudonym', 'PII_EMAIL'],
      ['signals.xlsx', 2, 'phenomenon', 'CODE_UNKNOWN'],
      ['signals.xlsx', 3, 'received_at', 'TYPE_DATE'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/jan@|iets/);
  });

  it('reports an unknown column by name and values in a column without a header', async () => {
    const r = await check({
      xlsx: {
        edit: onSignals((ws) => {
          ws.getCell('K1').value = 'naam';
          ws.getCell('K2').value = 'Jan Jansen';
          ws.getCell('M3').value = 'Piet';
        }),
      },
    });
    expect(r.errors.map((e) => [e.column, e.rule, e.detail])).toEqual([
      ['naam', 'COLUMN_UNKNOWN', undefined],
      [null, 'COLUMN_UNKNOWN', 'a header cell in row 1 is empty or not text'],
      [null, 'COLUMN_UNKNOWN', 'values in column M, which has no header'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Jan|Piet/);
  });
});

describe('the Excel rules: each with a failing and a passing example', () => {
  it('EXCEL_MACROS: a .xlsm name, or a VBA project inside an .xlsx', async () => {
    const named = await check({ manifest: { files: { signals: { name: 'signals.xlsm' } } } });
    expect(found(named)).toContainEqual(['manifest.json', null, 'files.signals.name', 'EXCEL_MACROS']);
    const dir = await batch();
    await rewriteZip(join(dir, 'signals.xlsx'), { 'xl/vbaProject.bin': 'not really VBA' });
    rehash(dir);
    expect(found(await validateBatch(dir, { now: NOW }))).toEqual([['signals.xlsx', null, null, 'EXCEL_MACROS']]);
    expect((await check()).ok).toBe(true);
  });

  it('EXCEL_EXTERNAL_LINK: an external link part, or a relationship to an outside target', async () => {
    const dir = await batch();
    await rewriteZip(join(dir, 'signals.xlsx'), { 'xl/externalLinks/externalLink1.xml': '<externalLink/>' });
    rehash(dir);
    expect(found(await validateBatch(dir, { now: NOW }))).toEqual([['signals.xlsx', null, null, 'EXCEL_EXTERNAL_LINK']]);
    const dir2 = await batch();
    await rewriteZip(join(dir2, 'assessments.xlsx'), {
      'xl/worksheets/_rels/sheet1.xml.rels':
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>',
    });
    rehash(dir2);
    expect(found(await validateBatch(dir2, { now: NOW }))).toEqual([['assessments.xlsx', null, null, 'EXCEL_EXTERNAL_LINK']]);
  });

  it('EXCEL_FORMULA: a formula in a data cell; the same value typed in passes', async () => {
    const r = await check({ xlsx: { edit: onSignals((ws) => (ws.getCell('H3').value = { formula: '"jih"&"adisme"', result: 'jihadisme' })) } });
    expect(found(r)).toEqual([['signals.xlsx', 2, 'phenomenon', 'EXCEL_FORMULA']]);
    expect((await check({ xlsx: { edit: onSignals((ws) => (ws.getCell('H3').value = 'jihadisme')) } })).ok).toBe(true);
  });

  it('EXCEL_HIDDEN_SHEET: a hidden sheet holding data; an empty hidden sheet passes', async () => {
    const withData = await check({
      xlsx: {
        edit: onSignals((ws) => {
          const hidden = ws.workbook.addWorksheet('lijst', { state: 'hidden' });
          hidden.getCell('A1').value = 'Jan Jansen';
        }),
      },
    });
    expect(found(withData)).toEqual([['signals.xlsx', null, null, 'EXCEL_HIDDEN_SHEET']]);
    expect(JSON.stringify(withData)).not.toMatch(/Jan|lijst/);
    const empty = await check({ xlsx: { edit: onSignals((ws) => ws.workbook.addWorksheet('leeg', { state: 'veryHidden' })) } });
    expect(empty.ok).toBe(true);
  });

  it('EXCEL_HIDDEN_ROW: a hidden row holding data, named by row; the same row shown passes', async () => {
    const r = await check({ xlsx: { edit: onSignals((ws) => (ws.getRow(3).hidden = true)) } });
    expect(found(r)).toEqual(expect.arrayContaining([['signals.xlsx', 2, 'signal_id', 'EXCEL_HIDDEN_ROW']]));
    expect(new Set(r.errors.map((e) => `${e.row}:${e.rule}`))).toEqual(new Set(['2:EXCEL_HIDDEN_ROW']));
    expect((await check({ xlsx: { edit: onSignals((ws) => (ws.getRow(3).hidden = false)) } })).ok).toBe(true);
  });

  it('EXCEL_HIDDEN_COLUMN: a hidden column holding data; a hidden empty column passes', async () => {
    const r = await check({ xlsx: { edit: onSignals((ws) => (ws.getColumn(4).hidden = true)) } });
    expect(found(r)).toEqual([['signals.xlsx', null, 'municipality_code', 'EXCEL_HIDDEN_COLUMN']]);
    expect((await check({ xlsx: { edit: onSignals((ws) => (ws.getColumn(20).hidden = true)) } })).ok).toBe(true);
  });

  it('EXCEL_TEXT_AS_NUMBER: an id stored as a number; the guard still sees the value', async () => {
    const r = await check({ signals: [validSignal(1), validSignal(2, { subject_pseudonym: 111222333 }), validSignal(3)] });
    expect(found(r)).toEqual([
      ['signals.xlsx', 2, 'subject_pseudonym', 'EXCEL_TEXT_AS_NUMBER'],
      ['signals.xlsx', 2, 'subject_pseudonym', 'PII_BSN'],
    ]);
    expect(JSON.stringify(r)).not.toContain('111222333');
    expect((await check({ signals: [validSignal(1, { subject_pseudonym: '0000111122223333' })], assessments: [validAssessment(1, 1)] })).ok).toBe(true);
  });

  it('EXCEL_SHEET_MISSING: one workbook for both files without an assessments sheet', async () => {
    const r = await check({ xlsx: { combined: true, edit: (wb) => (sheet(wb, 'assessments').name = 'Blad2') } });
    expect(found(r)).toEqual([['batch.xlsx', null, null, 'EXCEL_SHEET_MISSING']]);
    // A separate workbook may call its one data sheet anything, and may add a Toelichting sheet.
    const renamed = await check({
      xlsx: {
        edit: onSignals((ws) => {
          ws.name = 'Blad1';
          ws.workbook.addWorksheet('Toelichting').getCell('A1').value = 'codes';
        }),
      },
    });
    expect(renamed.ok).toBe(true);
  });

  it('EXCEL_HEADER_ROW: the header not in row 1', async () => {
    const r = await check({ xlsx: { edit: onSignals((ws) => ws.spliceRows(1, 0, [])) } });
    expect(found(r)).toEqual([['signals.xlsx', null, null, 'EXCEL_HEADER_ROW']]);
  });

  it('FILE_UNREADABLE: a file named .xlsx that is not a workbook', async () => {
    const dir = await batch();
    writeFileSync(join(dir, 'signals.xlsx'), 'naam;bsn\n');
    rehash(dir);
    expect(found(await validateBatch(dir, { now: NOW }))).toEqual([['signals.xlsx', null, null, 'FILE_UNREADABLE']]);
  });
});

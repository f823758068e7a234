import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_FORMATS } from '../formats';
import { validAssessment, validSignal, writeTestBatch, type FixtureRow, type TestBatchOptions } from '../testing/batch-fixture';
import { validateBatch } from './batch.validator';
import type { ValidationReport } from './report';

const root = mkdtempSync(join(tmpdir(), 'ww-validate-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const NOW = new Date('2025-08-01T12:00:00Z');

/** Two signals; assessments: a weegploeg and a police pre_weging with enrichment. */
function baseline(): Pick<TestBatchOptions, 'signals' | 'assessments'> {
  return {
    signals: [validSignal(1), validSignal(2), validSignal(3)],
    assessments: [
      validAssessment(1, 1),
      validAssessment(2, 2, {
        stage: 'pre_weging',
        body: 'politie',
        outcome: 'verrijking',
        framework: 'le_model',
        enrichment: 'wijkagent',
        present_gemeente: null,
        present_politie: null,
        present_om: null,
        info_gemeente: null,
        info_politie: null,
        info_om: null,
        unanimous: null,
      }),
    ],
  };
}

async function check(opts: Partial<TestBatchOptions> = {}, validateOpts: Parameters<typeof validateBatch>[1] = {}): Promise<ValidationReport> {
  const dir = await writeTestBatch(join(root, `b${++n}`), { ...baseline(), ...opts });
  return validateBatch(dir, { now: NOW, ...validateOpts });
}

function withSignal(index: number, overrides: FixtureRow): Partial<TestBatchOptions> {
  const b = baseline();
  b.signals[index] = { ...b.signals[index], ...overrides };
  return b;
}
function withAssessment(index: number, overrides: FixtureRow): Partial<TestBatchOptions> {
  const b = baseline();
  b.assessments[index] = { ...b.assessments[index], ...overrides };
  return b;
}

function only(report: ValidationReport) {
  return report.errors.map((e) => ({ file: e.file, row: e.row, column: e.column, rule: e.rule }));
}

describe('a valid batch', () => {
  it('passes in every input format', async () => {
    for (const format of INPUT_FORMATS) {
      const r = await check({ format });
      expect(r.errors, format).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.counts).toEqual({ signals: 3, assessments: 2 });
    }
  });

  it('passes as CSV with BOM, semicolons, CRLF and full RFC 4180 quoting', async () => {
    expect((await check({ csv: { bom: true, delimiter: ';', crlf: true, quoteAll: true } })).errors).toEqual([]);
    expect((await check({ csv: { delimiter: ';' } })).errors).toEqual([]);
  });

  it('accepts every boolean spelling of the contract and empty optional values', async () => {
    const r = await check(
      withAssessment(0, {
        present_gemeente: 'JA',
        present_politie: 'nee',
        present_om: '1',
        info_gemeente: '0',
        info_politie: 'True',
        info_om: 'FALSE',
        c_geweld: null,
        enrichment: null,
      }),
    );
    expect(r.errors).toEqual([]);
  });

  it('accepts a quoted field holding the delimiter, a quote and a line break', async () => {
    // municipality_code is validated by pattern, so a quoted delimiter would fail there; use
    // an optional code column set to a quoted value that CSV must unquote to a valid code.
    const r = await check({ ...withSignal(0, { age_band: '18_24' }), csv: { quoteAll: true } });
    expect(r.errors).toEqual([]);
  });
});

describe('value rules: each with a failing example', () => {
  type Case = { name: string; kind: 'signals' | 'assessments'; row: FixtureRow; column: string; rule: string };
  // Each case is one extra row of a single batch (so the batch is validated once); new
  // signal rows get fresh ids, new assessments refer to signal 1 (received 2025-02-03).
  const s = (name: string, overrides: FixtureRow, column: string, rule: string): Case => ({ name, kind: 'signals', row: overrides, column, rule });
  const a = (name: string, overrides: FixtureRow, column: string, rule: string): Case => ({ name, kind: 'assessments', row: overrides, column, rule });
  const cases: Case[] = [
    s('required value empty', { phenomenon: null }, 'phenomenon', 'REQUIRED'),
    s('unknown code', { source: 'twitter' }, 'source', 'CODE_UNKNOWN'),
    s('code with other case', { receiving_party: 'Politie' }, 'receiving_party', 'CODE_UNKNOWN'),
    s('municipality code form', { municipality_code: 'GM363' }, 'municipality_code', 'PATTERN'),
    s('region not the manifest region', { region_code: 'VR14' }, 'region_code', 'REGION_MISMATCH'),
    s('region not a region', { region_code: 'VR26' }, 'region_code', 'CODE_UNKNOWN'),
    s('date form', { received_at: '03-02-2025' }, 'received_at', 'TYPE_DATE'),
    s('impossible date', { received_at: '2025-02-30' }, 'received_at', 'TYPE_DATE'),
    s('received outside the period', { received_at: '2024-12-31' }, 'received_at', 'DATE_OUTSIDE_PERIOD'),
    s('received in the future', { received_at: '2025-08-02' }, 'received_at', 'DATE_IN_FUTURE'),
    s('duplicate signal', { signal_id: 'SVR13x000002' }, 'signal_id', 'DUPLICATE_ID'),
    s('pseudonym too short', { signal_id: 'abc' }, 'signal_id', 'PSEUDONYM_INVALID'),
    s('pseudonym with other characters', { subject_pseudonym: 'abcdefghijklmnop#q' }, 'subject_pseudonym', 'PSEUDONYM_INVALID'),
    s('pseudonym is a date', { signal_id: '1984-05-21' }, 'signal_id', 'PSEUDONYM_DATE'),
    s('pseudonym is a name', { subject_pseudonym: 'Jan de Vries' }, 'subject_pseudonym', 'PSEUDONYM_NAME'),
    s('BSN as signal id', { signal_id: '123456782' }, 'signal_id', 'PII_BSN'),
    s('BSN 000000000', { signal_id: '000000000' }, 'signal_id', 'PII_BSN'),
    s('BSN in a code column', { age_band: '111222333' }, 'age_band', 'PII_BSN'),
    s('e-mail', { subject_pseudonym: 'jan.jansen@example.nl' }, 'subject_pseudonym', 'PII_EMAIL'),
    s('phone number as pseudonym', { subject_pseudonym: '0031612345678' }, 'subject_pseudonym', 'PII_PHONE'),
    s('postcode with house number', { municipality_code: '1234 AB 12' }, 'municipality_code', 'PII_POSTCODE'),
    s('IBAN as pseudonym', { subject_pseudonym: 'NL91ABNA0417164300' }, 'subject_pseudonym', 'PII_IBAN'),
    a('decided in the future', { decided_at: '2025-08-02' }, 'decided_at', 'DATE_IN_FUTURE'),
    a('decided before received', { decided_at: '2025-02-02' }, 'decided_at', 'DATE_BEFORE_SIGNAL'),
    a('score not a number', { c_geweld: 'hoog' }, 'c_geweld', 'TYPE_INT'),
    a('score out of range', { c_identificatie: 3 }, 'c_identificatie', 'RANGE'),
    a('boolean spelling', { unanimous: 'yes' }, 'unanimous', 'TYPE_BOOL'),
    a('body of another stage', { body: 'gemeente' }, 'body', 'BODY_STAGE_MISMATCH'),
    a('outcome of another stage', { outcome: 'doorgezet' }, 'outcome', 'OUTCOME_STAGE_MISMATCH'),
    a('enrichment not by police', { enrichment: 'osint' }, 'enrichment', 'ENRICHMENT_NOT_ALLOWED'),
    a('weegploeg without a required boolean', { present_om: null }, 'present_om', 'REQUIRED_FOR_WEEGPLOEG'),
    a('analysis_recorded missing', { analysis_recorded: null }, 'analysis_recorded', 'REQUIRED'),
    a('duplicate assessment', { assessment_id: 'AVR13x000001' }, 'assessment_id', 'DUPLICATE_ID'),
    a('unknown signal', { signal_id: 'SVR13x999999' }, 'signal_id', 'SIGNAL_UNKNOWN'),
    a('phone number', { framework: '06-12345678' }, 'framework', 'PII_PHONE'),
    a('IBAN', { enrichment: 'NL91ABNA0417164300' }, 'enrichment', 'PII_IBAN'),
  ];
  const b = baseline();
  const rowOf = new Map<Case, number>();
  cases.forEach((c, i) => {
    if (c.kind === 'signals') {
      b.signals.push(validSignal(100 + i, c.row));
      rowOf.set(c, b.signals.length);
    } else {
      b.assessments.push(validAssessment(100 + i, 1, c.row));
      rowOf.set(c, b.assessments.length);
    }
  });
  let report: ValidationReport;
  beforeAll(async () => {
    report = await check(b, { errorCap: 1000 });
  });

  it.each(cases)('$name -> $rule', (c) => {
    const file = `${c.kind}.csv`;
    const row = rowOf.get(c)!;
    expect(only(report).filter((e) => e.file === file && e.row === row)).toEqual([{ file, row, column: c.column, rule: c.rule }]);
  });

  it('reports nothing else (the baseline rows pass)', () => {
    expect(report.errorCount).toBe(cases.length);
    expect(report.errors).toHaveLength(cases.length);
  });

  it('finds the same errors in every input format', async () => {
    for (const format of INPUT_FORMATS) {
      const r = await check({ ...withSignal(1, { source: 'twitter', subject_pseudonym: 'jan@example.nl' }), format });
      expect(only(r), format).toEqual([
        { file: `signals.${format}`, row: 2, column: 'subject_pseudonym', rule: 'PII_EMAIL' },
        { file: `signals.${format}`, row: 2, column: 'source', rule: 'CODE_UNKNOWN' },
      ]);
    }
  });

  it('passes the counterparts: enrichment by police pre_weging, booleans optional outside weegploeg, decided on the day received', async () => {
    const r = await check(withAssessment(0, { decided_at: '2025-02-03' }));
    expect(r.errors).toEqual([]);
  });

  it('checks referential integrity against earlier batches of the region', async () => {
    const opts = withAssessment(1, { signal_id: 'SVR13x000777' });
    const earlierDir = await writeTestBatch(join(root, `earlier${++n}`), { signals: [validSignal(777, { received_at: '2025-02-25' })], assessments: [], format: 'parquet' });
    // The earlier batch's signals as the ingestor stores them: typed Parquet.
    const r = await check(opts, {
      earlierBatches: (region) => (region === 'VR13' ? [{ batch_id: 'old', produced_at: '2025-03-01T00:00:00Z', signalsParquet: join(earlierDir, 'signals.parquet') }] : []),
    });
    // Known now, but decided (2025-02-20) before that signal was received (2025-02-25).
    expect(only(r)).toEqual([{ file: 'assessments.csv', row: 2, column: 'decided_at', rule: 'DATE_BEFORE_SIGNAL' }]);
  });
});

describe('file and column rules', () => {
  it('rejects an unknown column by name and a missing column', async () => {
    const cols = ['signal_id', 'subject_pseudonym', 'region_code', 'municipality_code', 'received_at', 'receiving_party', 'source', 'phenomenon', 'bsn'];
    const r = await check({ columns: { signals: cols } });
    expect(only(r)).toEqual([
      { file: 'signals.csv', row: null, column: 'bsn', rule: 'COLUMN_UNKNOWN' },
      { file: 'signals.csv', row: null, column: 'age_band', rule: 'COLUMN_MISSING' },
    ]);
  });

  it('rejects a duplicated column', async () => {
    const cols = ['signal_id', 'subject_pseudonym', 'region_code', 'municipality_code', 'received_at', 'receiving_party', 'source', 'phenomenon', 'age_band', 'source'];
    const r = await check({ columns: { signals: cols } });
    expect(only(r)).toEqual([{ file: 'signals.csv', row: null, column: 'source', rule: 'COLUMN_DUPLICATE' }]);
  });

  it('rejects unknown keys in JSON Lines but allows leaving out an optional key', async () => {
    const b = baseline();
    b.signals[1] = { ...b.signals[1], naam: 'Jan' };
    const cols = ['signal_id', 'subject_pseudonym', 'region_code', 'municipality_code', 'received_at', 'receiving_party', 'source', 'phenomenon', 'naam'];
    const r = await check({ ...b, format: 'jsonl', columns: { signals: cols } });
    expect(only(r)).toEqual([{ file: 'signals.jsonl', row: null, column: 'naam', rule: 'COLUMN_UNKNOWN' }]);
  });

  it('rejects a Latin-1 file saying it is not UTF-8', async () => {
    const r = await check({ ...withSignal(1, { municipality_code: null, age_band: 'één' }), csv: { encoding: 'latin1' } });
    expect(r.errors.map((e) => e.rule)).toContain('FILE_NOT_UTF8');
    const e = r.errors.find((x) => x.rule === 'FILE_NOT_UTF8')!;
    expect(e.message).toMatch(/not UTF-8/);
    expect(e.detail).toBe('first invalid byte on line 3');
  });

  it('rejects a CSV row with the wrong number of fields, naming the row', async () => {
    const dir = await writeTestBatch(join(root, `b${++n}`), baseline());
    const file = join(dir, 'signals.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = lines[2] + ',extra';
    writeFileSync(file, lines.join('\n'));
    const r = await validateBatch(dir, { now: NOW });
    expect(only(r)).toContainEqual({ file: 'signals.csv', row: 2, column: null, rule: 'CSV_MALFORMED' });
    expect(r.errors.map((e) => e.rule)).toContain('SHA256_MISMATCH');
  });

  it('rejects a JSON Lines row that is not an object', async () => {
    const dir = await writeTestBatch(join(root, `b${++n}`), { ...baseline(), format: 'jsonl' });
    writeFileSync(join(dir, 'signals.jsonl'), readFileSync(join(dir, 'signals.jsonl'), 'utf8') + '[1,2]\n');
    const r = await validateBatch(dir, { now: NOW });
    expect(only(r)).toContainEqual({ file: 'signals.jsonl', row: 4, column: null, rule: 'JSON_NOT_OBJECT' });
  });

  it('rejects a file that cannot be read in its declared format', async () => {
    const dir = await writeTestBatch(join(root, `b${++n}`), { ...baseline(), format: 'parquet' });
    writeFileSync(join(dir, 'signals.parquet'), 'not parquet at all');
    const r = await validateBatch(dir, { now: NOW });
    expect(r.errors.map((e) => e.rule)).toEqual(expect.arrayContaining(['SHA256_MISMATCH', 'FILE_UNREADABLE']));
  });

  it('checks rows and sha256 against the manifest', async () => {
    const r = await check({ manifest: { files: { signals: { rows: 4, sha256: 'a'.repeat(64) } } } });
    expect(only(r)).toEqual([
      { file: 'signals.csv', row: null, column: null, rule: 'SHA256_MISMATCH' },
      { file: 'signals.csv', row: null, column: null, rule: 'ROWS_MISMATCH' },
    ]);
    expect(r.errors[1].detail).toBe('manifest says 4, file has 3');
  });

  it('rejects a produced_at after now plus the clock skew, and accepts one within it', async () => {
    // NOW is 2025-08-01T12:00:00Z; the skew is 5 minutes.
    const late = await check({ producedAt: '2025-08-01T12:05:01Z' });
    expect(only(late)).toEqual([{ file: 'manifest.json', row: null, column: 'produced_at', rule: 'PRODUCED_AT_IN_FUTURE' }]);
    expect(only(await check({ producedAt: '2025-08-01T12:05:00Z' }))).toEqual([]);
    expect(only(await check({ producedAt: '2025-08-01T14:04:00+02:00' }))).toEqual([]);
    expect(only(await check({ producedAt: '2026-08-01T00:00:00Z' })).map((e) => e.rule)).toEqual(['PRODUCED_AT_IN_FUTURE']);
  });

  it('reports a file named in the manifest but absent', async () => {
    const r = await check({ manifest: { files: { assessments: { name: 'other.csv' } } } });
    expect(only(r)).toEqual([{ file: 'other.csv', row: null, column: null, rule: 'FILE_MISSING' }]);
  });
});

describe('the report', () => {
  it('lists at most the cap, counts the rest, and never holds a value', async () => {
    const planted = '123456782';
    const signals = Array.from({ length: 30 }, (_, i) => validSignal(i + 1, { subject_pseudonym: planted, age_band: 'x'.repeat(5) }));
    const r = await check({ signals, assessments: [validAssessment(1, 1)] }, { errorCap: 10 });
    expect(r.errorCount).toBe(60);
    expect(r.errors).toHaveLength(10);
    expect(r.truncated).toBe(true);
    expect(r.errors[0]).toEqual({ file: 'signals.csv', row: 1, column: 'subject_pseudonym', rule: 'PII_BSN', message: expect.any(String) });
    const text = JSON.stringify(r);
    expect(text).not.toContain(planted);
    expect(text).not.toContain('xxxxx');
  });
});

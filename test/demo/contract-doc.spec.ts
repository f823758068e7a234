/**
 * docs/data-contract.md and the example batch stay in step with the contract code: the
 * generated tables equal what libs/contract says today, and docs/examples/batch is exactly
 * what the pseudonymise tool makes of docs/examples/local with the published example key.
 */
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_COLUMNS, SIGNAL_COLUMNS } from '@weegwijzer/contract';
import { CONTRACT_DOC, EXAMPLES_DIR, renderContractDoc } from '../../etl/src/demo/contract-doc';
import { writeExampleBatch } from '../../etl/src/demo/example-batch';
import { TEMPLATE_FILE, writeExampleWorkbookBatch } from '../../etl/src/demo/excel-docs';
import { validateBatch } from '@weegwijzer/etl';
import { readCsv, sha256, removeTempDirs, tempDir, treeHashes } from './demo-helpers';

afterAll(removeTempDirs);

const FIX = 'run: node -r @swc-node/register etl/src/demo/contract-doc.ts --write';

describe('docs/data-contract.md', () => {
  const doc = readFileSync(CONTRACT_DOC, 'utf8');

  it(`has its generated tables up to date with libs/contract (${FIX})`, () => {
    expect(renderContractDoc(doc)).toBe(doc);
  });

  it('documents every column of both files, and the check notices a stale table', () => {
    for (const c of [...SIGNAL_COLUMNS, ...ASSESSMENT_COLUMNS]) expect(doc).toContain(`| \`${c.name}\` |`);
    const stale = doc.replace('| `age_band` | code | no |', '| `age_band` | code | yes |');
    expect(stale).not.toBe(doc);
    expect(renderContractDoc(stale)).toBe(doc);
  });

  it('refuses a document whose markers were removed', () => {
    expect(() => renderContractDoc(doc.replace('<!-- generated:stage-table -->', ''))).toThrow(/markers for section stage-table/);
  });
});

describe('docs/examples', () => {
  const batch = join(EXAMPLES_DIR, 'batch');

  it(`batch/ is exactly the pseudonymised local export (${FIX})`, async () => {
    const out = tempDir('example');
    await writeExampleBatch({ localDir: join(EXAMPLES_DIR, 'local'), keyFile: join(EXAMPLES_DIR, 'demo-key.hex'), outDir: out });
    expect(treeHashes(out)).toEqual(treeHashes(batch));
  });

  it('has a manifest whose rows and sha256 match, and 10 signals', () => {
    const manifest = JSON.parse(readFileSync(join(batch, 'manifest.json'), 'utf8'));
    for (const kind of ['signals', 'assessments'] as const) {
      const file = join(batch, manifest.files[kind].name);
      expect(manifest.files[kind].sha256).toBe(sha256(file));
      expect(manifest.files[kind].rows).toBe(readCsv(file).rows.length);
    }
    expect(manifest.files.signals.rows).toBe(10);
  });

  it('holds the HMAC of the local numbers, linking the repeated person and the assessments', () => {
    const key = Buffer.from(readFileSync(join(EXAMPLES_DIR, 'demo-key.hex'), 'utf8').trim(), 'hex');
    const pseudo = (column: string, value: string) => createHmac('sha256', key).update(`${column}:${value}`).digest().subarray(0, 24).toString('base64url');
    const signals = readCsv(join(batch, 'signals.csv')).rows;
    const assessments = readCsv(join(batch, 'assessments.csv')).rows;
    expect(signals[0].signal_id).toBe(pseudo('signal_id', 'S-0001'));
    expect(signals[0].subject_pseudonym).toBe(pseudo('subject_pseudonym', 'P-1042'));
    expect(signals[9].subject_pseudonym).toBe(signals[0].subject_pseudonym); // S-0010: the same person
    expect(signals[7].subject_pseudonym).toBe(''); // S-0008: anonymous
    expect(assessments[0].assessment_id).toBe(pseudo('assessment_id', 'B-0001'));
    const ids = new Set(signals.map((s) => s.signal_id));
    expect(assessments.every((a) => ids.has(a.signal_id))).toBe(true);
    const local = readFileSync(join(batch, 'signals.csv'), 'utf8') + readFileSync(join(batch, 'assessments.csv'), 'utf8');
    expect(local).not.toMatch(/[SBP]-\d{4}/);
  });
});

describe('docs/examples: Excel', () => {
  it(`batch-xlsx/ is exactly the example batch as one workbook, and valid with the same counts (${FIX})`, async () => {
    const out = tempDir('example-xlsx');
    await writeExampleWorkbookBatch(join(EXAMPLES_DIR, 'batch'), out);
    expect(treeHashes(out)).toEqual(treeHashes(join(EXAMPLES_DIR, 'batch-xlsx')));
    const xlsx = await validateBatch(join(EXAMPLES_DIR, 'batch-xlsx'));
    const csv = await validateBatch(join(EXAMPLES_DIR, 'batch'));
    expect(xlsx.errors).toEqual([]);
    expect(xlsx.counts).toEqual(csv.counts);
    expect(xlsx.counts).toEqual({ signals: 10, assessments: 16 });
  });

  it('has a template with the contract header, every code list on Toelichting and a drop-down on every code column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(EXAMPLES_DIR, TEMPLATE_FILE));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['signals', 'visible'],
      ['assessments', 'visible'],
      ['Toelichting', 'visible'],
    ]);
    const toelichting = wb.getWorksheet('Toelichting')!;
    for (const [kind, columns] of [
      ['signals', SIGNAL_COLUMNS],
      ['assessments', ASSESSMENT_COLUMNS],
    ] as const) {
      const ws = wb.getWorksheet(kind)!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.name));
      columns.forEach((c, i) => {
        if (!c.codes) return;
        const cell = ws.getRow(2).getCell(i + 1).address;
        const validation = (ws as unknown as { dataValidations: { find(address: string): { type: string; formulae: string[] } | undefined } }).dataValidations.find(cell);
        expect(validation?.type, `${kind}.${c.name}`).toBe('list');
        // The list it points at holds exactly the column's codes.
        const m = /^Toelichting!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(validation!.formulae[0])!;
        const listed = toelichting.getColumn(m[1]).values.slice(1) as string[];
        expect(listed[0]).toBe(`${kind}.${c.name}`);
        expect(listed.slice(1)).toEqual(c.codes);
        expect(Number(m[2])).toBe(1 + c.codes.length);
      });
    }
  });

  it('accepts the template filled in with the example rows (and breaks none of the Excel rules)', async () => {
    const dir = tempDir('template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(EXAMPLES_DIR, TEMPLATE_FILE));
    for (const kind of ['signals', 'assessments'] as const) {
      const { rows } = readCsv(join(EXAMPLES_DIR, 'batch', `${kind}.csv`));
      const ws = wb.getWorksheet(kind)!;
      const header = (ws.getRow(1).values as string[]).slice(1);
      rows.forEach((r, i) => (ws.getRow(i + 2).values = header.map((h) => (r[h] === '' ? null : r[h]))));
    }
    await wb.xlsx.writeFile(join(dir, 'levering.xlsx'));
    const manifest = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'batch', 'manifest.json'), 'utf8'));
    const hash = sha256(join(dir, 'levering.xlsx'));
    manifest.files = { signals: { name: 'levering.xlsx', rows: 10, sha256: hash }, assessments: { name: 'levering.xlsx', rows: 16, sha256: hash } };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const r = await validateBatch(dir);
    expect(r.errors).toEqual([]);
  });
});

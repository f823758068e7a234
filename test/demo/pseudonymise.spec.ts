/**
 * The pseudonymise tool: the HMAC formula checked against node:crypto on a hand-written
 * input, key handling, CSV dialects, and that no local value ever reaches an error.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pseudonymiseFile } from '@weegwijzer/etl';
import { removeTempDirs, tempDir } from './demo-helpers';

afterAll(removeTempDirs);

const HEX_KEY = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const ID = /^[A-Za-z0-9_-]{8,64}$/;
const SUBJECT = /^[A-Za-z0-9_-]{16,128}$/;

/** The documented formula, written out independently of the tool. */
function expected(keyHex: string, column: string, value: string): string {
  const mac = createHmac('sha256', Buffer.from(keyHex, 'hex')).update(`${column}:${value}`).digest();
  return mac.subarray(0, 24).toString('base64url');
}

function setup(input: string, key: string | Buffer = HEX_KEY) {
  const dir = tempDir('pseudo');
  const keyFile = join(dir, 'key');
  writeFileSync(keyFile, key);
  const inFile = join(dir, 'in.csv');
  writeFileSync(inFile, input);
  return { dir, keyFile, input: inFile, output: join(dir, 'out.csv') };
}

describe('pseudonymiseFile', () => {
  it('replaces local ids by base64url(HMAC-SHA256(key, "<column>:" + value)[0..24]) and renames the columns', async () => {
    const f = setup('local_signal_id,local_subject_id,region_code,received_at\nS-0001,P-1042,VR03,2025-01-08\nS-0002,,VR03,2025-01-15\n');
    const result = await pseudonymiseFile(f);
    expect(result).toEqual({ rows: 2, columns: ['signal_id', 'subject_pseudonym'] });
    const lines = readFileSync(f.output, 'utf8').split('\n');
    expect(lines[0]).toBe('signal_id,subject_pseudonym,region_code,received_at');
    const [sig, subj, region, date] = lines[1].split(',');
    expect(sig).toBe(expected(HEX_KEY, 'signal_id', 'S-0001'));
    expect(subj).toBe(expected(HEX_KEY, 'subject_pseudonym', 'P-1042'));
    expect([region, date]).toEqual(['VR03', '2025-01-08']);
    expect(sig).toHaveLength(32);
    expect(sig).toMatch(ID);
    expect(subj).toMatch(SUBJECT);
    // An empty cell stays empty (not known).
    expect(lines[2].split(',')[1]).toBe('');
    expect(lines[3]).toBe('');
  });

  it('gives a local signal number the same pseudonym in both files, different from an equal assessment number', async () => {
    const s = setup('signal_id,region_code\nX-1,VR01\n');
    await pseudonymiseFile(s);
    const a = setup('assessment_id,signal_id\nX-1,X-1\n');
    await pseudonymiseFile(a);
    const sigPseudo = readFileSync(s.output, 'utf8').split('\n')[1].split(',')[0];
    const [assPseudo, assSig] = readFileSync(a.output, 'utf8').split('\n')[1].split(',');
    expect(assSig).toBe(sigPseudo);
    expect(assPseudo).not.toBe(sigPseudo);
  });

  it('reads BOM, semicolons, quoted fields with separators and line breaks, CRLF; trims ids', async () => {
    const input = '\uFEFFlocal_signal_id;toelichting_code;region_code\r\n" S-9 ";"a;b";VR01\r\n"S-10";"two\r\nlines ""q""";VR01\r\n';
    const f = setup(input);
    const r = await pseudonymiseFile({ ...f, columns: { local_signal_id: 'signal_id' } });
    expect(r.rows).toBe(2);
    const out = readFileSync(f.output, 'utf8');
    expect(out).toBe(
      'signal_id;toelichting_code;region_code\n' +
        `${expected(HEX_KEY, 'signal_id', 'S-9')};"a;b";VR01\n` +
        `${expected(HEX_KEY, 'signal_id', 'S-10')};"two\r\nlines ""q""";VR01\n`,
    );
  });

  it('reads a large file across stream chunks identically', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `L-${i},"quoted ""${i}"", text",VR02`);
    const f = setup(`local_assessment_id,note_code,region_code\n${rows.join('\n')}\n`);
    const r = await pseudonymiseFile(f);
    expect(r.rows).toBe(20_000);
    const out = readFileSync(f.output, 'utf8').split('\n');
    expect(out[12_345]).toBe(`${expected(HEX_KEY, 'assessment_id', 'L-12344')},"quoted ""12344"", text",VR02`);
  });

  it('accepts a raw 32-byte key and uses a separate national key for subject_pseudonym', async () => {
    const raw = Buffer.alloc(32, 7);
    const national = '11'.repeat(40);
    const f = setup('local_signal_id,subject_id\nA1,P1\n', raw);
    const nationalFile = join(f.dir, 'national.hex');
    writeFileSync(nationalFile, `${national}\n`);
    await pseudonymiseFile({ ...f, subjectKeyFile: nationalFile });
    const [sig, subj] = readFileSync(f.output, 'utf8').split('\n')[1].split(',');
    expect(sig).toBe(expected(raw.toString('hex'), 'signal_id', 'A1'));
    expect(subj).toBe(expected(national, 'subject_pseudonym', 'P1'));
  });

  it('refuses a key shorter than 32 bytes with a clear error', async () => {
    const f = setup('signal_id\nA1\n', 'abcdef0123456789abcdef0123456789'); // 16 bytes as hex
    await expect(pseudonymiseFile(f)).rejects.toThrow(/key is 16 bytes; at least 32 bytes are required/);
    const g = setup('signal_id\nA1\n', 'too short');
    await expect(pseudonymiseFile(g)).rejects.toThrow(/key is 9 bytes/);
    expect(existsSync(f.output)).toBe(false);
  });

  it('reports a bad row by row number without printing any value, and leaves no output', async () => {
    const secret = '123456782';
    const f = setup(`local_signal_id,region_code\nS-1,VR01\n${secret},VR01,extra\n`);
    const error = (await pseudonymiseFile(f).then(
      () => null,
      (e: unknown) => e,
    )) as Error & { row?: number };
    expect(error.message).toMatch(/row has 3 fields, the header has 2/);
    expect(error.row).toBe(2); // data rows, as the validator counts: 1 = first row under the header
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(secret);
    expect(existsSync(f.output)).toBe(false);
    expect(existsSync(`${f.output}.partial`)).toBe(false);
  });

  it('refuses a non-UTF-8 file, a file without id columns, two columns with one target', async () => {
    const latin1 = setup('');
    writeFileSync(latin1.input, Buffer.from('local_signal_id,gemeente\nS-1,K\xf6ln\n', 'latin1'));
    await expect(pseudonymiseFile(latin1)).rejects.toThrow(/not valid UTF-8/);
    await expect(pseudonymiseFile(setup('naam,region_code\nx,VR01\n'))).rejects.toThrow(/no identifier column found/);
    await expect(pseudonymiseFile(setup('signal_id,local_signal_id\na,b\n'))).rejects.toThrow(/would both become signal_id/);
    const same = setup('signal_id\na\n');
    await expect(pseudonymiseFile({ ...same, output: same.input })).rejects.toThrow(/different file/);
  });
});

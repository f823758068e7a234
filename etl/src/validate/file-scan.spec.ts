import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvHeader } from './csv-header';
import { scanFile } from './file-scan';

const root = mkdtempSync(join(tmpdir(), 'ww-scan-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scanFile', () => {
  it('hashes the file and accepts UTF-8 whose multi-byte characters straddle the 1 MiB read chunks', async () => {
    // 'é' is 2 bytes, '€' 3, '𝄞' 4: shift them across the chunk boundary at 1 MiB.
    const filler = 'a'.repeat((1 << 20) - 2);
    for (const ch of ['é', '€', '𝄞']) {
      const buf = Buffer.from(`${filler}${ch}${ch}\nrest ${ch}\n`);
      const file = join(root, `u${ch.codePointAt(0)}.csv`);
      writeFileSync(file, buf);
      const scan = await scanFile(file, true);
      expect(scan.utf8).toEqual({ ok: true });
      expect(scan.sha256).toBe(createHash('sha256').update(buf).digest('hex'));
      expect(scan.bytes).toBe(buf.length);
    }
  });

  it('finds a Latin-1 byte and its line', async () => {
    const file = join(root, 'latin1.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('\n')]));
    expect((await scanFile(file, true)).utf8).toEqual({ ok: false, line: 3 });
  });

  it('finds a truncated multi-byte sequence at the end of the file', async () => {
    const file = join(root, 'trunc.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('a\n'), Buffer.from([0xe2, 0x82])]));
    expect((await scanFile(file, true)).utf8).toEqual({ ok: false, line: 2 });
  });

  it('does not check binary formats', async () => {
    const file = join(root, 'bin.parquet');
    writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00]));
    expect((await scanFile(file, false)).utf8).toBeNull();
  });
});

describe('readCsvHeader', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ',', ['a', 'b', 'c']],
    ['\uFEFFa;b;c\r\n1;2;3\r\n', ';', ['a', 'b', 'c']],
    ['"a;x",b,c\n', ',', ['a;x', 'b', 'c']],
    ['"a,""q""";b\n', ';', ['a,"q"', 'b']],
    ['single\n', ',', ['single']],
  ])('%j -> %s %j', async (text, delimiter, columns) => {
    const file = join(root, `h${Math.random()}.csv`);
    writeFileSync(file, text);
    expect(await readCsvHeader(file)).toEqual({ delimiter, columns });
  });

  it('returns null for an empty file', async () => {
    const file = join(root, 'empty.csv');
    writeFileSync(file, '');
    expect(await readCsvHeader(file)).toBeNull();
  });
});

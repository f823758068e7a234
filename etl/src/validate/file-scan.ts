/**
 * One streaming pass over a data file: its sha256 and, for text formats, whether it is
 * valid UTF-8 (and where the first invalid byte sits). Latin-1/Windows-1252 exports are the
 * usual culprit; loading them would put mojibake in the store.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';

export interface FileScan {
  sha256: string;
  bytes: number;
  /** null when not checked (binary formats). */
  utf8: { ok: true } | { ok: false; line: number } | null;
}

export async function scanFile(path: string, checkUtf8: boolean): Promise<FileScan> {
  const hash = createHash('sha256');
  let bytes = 0;
  let carry: Buffer = Buffer.alloc(0);
  let lines = 1;
  let invalidLine: number | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    if (!checkUtf8 || invalidLine !== null) continue;
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeCharsEnd(buf);
    const whole = buf.subarray(0, cut);
    if (!isUtf8(whole)) {
      invalidLine = lines + countNewlines(whole, firstInvalidOffset(whole));
      continue;
    }
    lines += countNewlines(whole, whole.length);
    carry = Buffer.from(buf.subarray(cut));
  }
  if (checkUtf8 && invalidLine === null && carry.length > 0) invalidLine = lines + countNewlines(carry, carry.length);
  return {
    sha256: hash.digest('hex'),
    bytes,
    utf8: checkUtf8 ? (invalidLine === null ? { ok: true } : { ok: false, line: invalidLine }) : null,
  };
}

/** Offset after the last complete UTF-8 sequence (a chunk may end mid-character). */
function completeCharsEnd(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b < 0x80) return n;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return back >= need ? n : n - back;
  }
  return n;
}

function countNewlines(buf: Buffer, end: number): number {
  let count = 0;
  let i = buf.indexOf(10);
  while (i >= 0 && i < end) {
    count++;
    i = buf.indexOf(10, i + 1);
  }
  return count;
}

/** Byte offset of the first byte that breaks UTF-8 (only called on an invalid buffer). */
function firstInvalidOffset(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    if (len > 1) {
      if (i + len > buf.length) return i;
      for (let k = 1; k < len; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
      if (!isUtf8(buf.subarray(i, i + len))) return i; // overlong / surrogate
    }
    i += len;
  }
  return buf.length;
}

/**
 * Reads a CSV file's header record: strips a UTF-8 BOM, detects the delimiter (comma or
 * semicolon, whichever the header uses outside quotes) and splits the names with RFC 4180
 * quoting. The body is parsed by DuckDB with exactly this dialect.
 */
import { open } from 'node:fs/promises';

export interface CsvHeader {
  delimiter: ',' | ';';
  columns: string[];
}

const HEADER_PROBE_BYTES = 256 * 1024;

export async function readCsvHeader(path: string): Promise<CsvHeader | null> {
  const fh = await open(path, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(HEADER_PROBE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    text = buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const record = firstRecord(text);
  if (record === null || record.trim() === '') return null;
  const delimiter = countOutsideQuotes(record, ';') > countOutsideQuotes(record, ',') ? ';' : ',';
  return { delimiter, columns: splitRecord(record, delimiter) };
}

/** The first record, up to an unquoted line break. */
function firstRecord(text: string): string | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(0, i);
  }
  return text.length < HEADER_PROBE_BYTES ? text : null;
}

function countOutsideQuotes(record: string, ch: string): number {
  let quoted = false;
  let n = 0;
  for (const c of record) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) n++;
  }
  return n;
}

export function splitRecord(record: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i];
    if (quoted) {
      if (ch === '"' && record[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

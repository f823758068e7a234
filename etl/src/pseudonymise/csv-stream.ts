/**
 * A small streaming RFC 4180 reader and writer for the pseudonymise tool: UTF-8 (BOM
 * allowed, invalid bytes refused), comma or semicolon (taken from the header line), quoted
 * fields with doubled quotes and line breaks, CRLF or LF. Holds one record at a time.
 */
import { createReadStream } from 'node:fs';

export class CsvInputError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly row?: number,
  ) {
    super(message);
    this.name = 'CsvInputError';
  }
}

export interface CsvRecord {
  /** Record number: 1 = the header, 2 = the first data row (records, not lines). */
  row: number;
  fields: string[];
}

/** Reads records one by one; the delimiter is fixed by the header line. */
export async function* readCsvRecords(file: string): AsyncGenerator<CsvRecord & { delimiter: string }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let delimiter: string | null = null;
  let pending = '';
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let row = 0;
  let first = true;

  const decode = (chunk: Buffer | undefined, final: boolean): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: !final }) : decoder.decode();
    } catch {
      throw new CsvInputError('input is not valid UTF-8 (for example Latin-1/Windows-1252): save it as UTF-8', file);
    }
  };

  function* consume(text: string, final: boolean): Generator<CsvRecord & { delimiter: string }> {
    if (delimiter === null) {
      pending += text;
      const end = firstLineEnd(pending);
      if (end < 0 && !final) return;
      const header = end < 0 ? pending : pending.slice(0, end);
      delimiter = countOutsideQuotes(header, ';') > countOutsideQuotes(header, ',') ? ';' : ',';
      text = pending;
      pending = '';
    }
    const d = delimiter;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (i + 1 === text.length && !final) {
            // A quote at the end of a chunk: decide when the next chunk arrives.
            pending = '"';
            return;
          }
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else field += ch;
        continue;
      }
      if (ch === d) {
        fields.push(field);
        field = '';
        afterQuote = false;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        else if (ch === '\r' && i + 1 === text.length && !final) {
          pending = '\r';
          return;
        }
        fields.push(field);
        row++;
        yield { row, fields, delimiter: d };
        fields = [];
        field = '';
        afterQuote = false;
      } else if (ch === '"') {
        if (field !== '' || afterQuote) throw new CsvInputError('broken quoting (RFC 4180): a quote inside an unquoted field', file, row + 1);
        quoted = true;
      } else {
        if (afterQuote) throw new CsvInputError('broken quoting (RFC 4180): text after a closing quote', file, row + 1);
        field += ch;
      }
    }
  }

  for await (const chunk of createReadStream(file)) {
    let text = decode(chunk as Buffer, false);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) continue;
      first = false;
    }
    if (pending && delimiter !== null) {
      text = pending + text;
      pending = '';
    }
    yield* consume(text, false);
  }
  const carried = delimiter !== null ? pending : '';
  pending = delimiter !== null ? '' : pending;
  const rest = carried + decode(undefined, true);
  yield* consume(rest, true);
  if (quoted) throw new CsvInputError('broken quoting (RFC 4180): a quoted field is never closed', file, row + 1);
  if (field !== '' || fields.length > 0 || afterQuote) {
    fields.push(field);
    row++;
    yield { row, fields, delimiter: delimiter ?? ',' };
  }
}

function firstLineEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return i;
  }
  return -1;
}

function countOutsideQuotes(line: string, ch: string): number {
  let quoted = false;
  let n = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) n++;
  }
  return n;
}

/** One CSV line (LF), quoting a field only when it needs it. */
export function csvLine(fields: readonly string[], delimiter: string): string {
  return fields.map((f) => (f.includes(delimiter) || f.includes('"') || f.includes('\n') || f.includes('\r') ? `"${f.replace(/"/g, '""')}"` : f)).join(delimiter) + '\n';
}

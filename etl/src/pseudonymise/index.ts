/**
 * The pseudonymise tool for a region's data officer: turns a CSV export with local
 * identifiers into contract pseudonyms, locally, before anything leaves the region.
 *
 *   pseudonym = base64url( HMAC-SHA256(key, "<column>:" + value) )[first 24 bytes] -> 32 characters
 *
 * where <column> is the contract column the value ends up in (`signal_id`, `assessment_id`
 * or `subject_pseudonym`), so a local signal number gives the same pseudonym in
 * signals.csv and in assessments.csv, but never the same as an assessment number. The value
 * is trimmed of surrounding spaces first; an empty cell stays empty (not known). 32
 * characters of [A-Za-z0-9_-] fit both ID_PATTERN (8–64) and SUBJECT_PATTERN (16–128).
 *
 * The key decides who can link: every region uses the same national key for
 * `subject_pseudonym` (so a person who moves links across regions) and may use its own key
 * for signal and assessment ids (`subjectKeyFile` separates the two). Values are never
 * printed or logged; errors name the file, row and column only.
 */
import { createHmac } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { csvLine, CsvInputError, readCsvRecords } from './csv-stream';

export { CsvInputError } from './csv-stream';

export type IdColumn = 'signal_id' | 'assessment_id' | 'subject_pseudonym';

/** Input headers recognised without `columns`, and the contract column each becomes. */
export const ACCEPTED_ID_HEADERS: Readonly<Record<string, IdColumn>> = {
  signal_id: 'signal_id',
  local_signal_id: 'signal_id',
  assessment_id: 'assessment_id',
  local_assessment_id: 'assessment_id',
  subject_pseudonym: 'subject_pseudonym',
  subject_id: 'subject_pseudonym',
  local_subject_id: 'subject_pseudonym',
};

/** Bytes of the HMAC kept: 24 bytes = 192 bits = exactly 32 base64url characters. */
export const PSEUDONYM_BYTES = 24;
export const PSEUDONYM_LENGTH = 32;
export const MIN_KEY_BYTES = 32;

/** `row` counts data rows as the validator does: 1 = the first row under the header. */
export class PseudonymiseError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'PseudonymiseError';
  }
}

export interface PseudonymiseOptions {
  /** The key for all id columns: raw bytes, or hex text; at least 32 bytes. */
  keyFile: string;
  /** Optional separate (national) key for subject_pseudonym; default keyFile. */
  subjectKeyFile?: string;
  input: string;
  output: string;
  /** Input header -> contract column. Default: every header of ACCEPTED_ID_HEADERS present. */
  columns?: Readonly<Record<string, IdColumn>>;
}

export interface PseudonymiseResult {
  rows: number;
  /** Output header names that were pseudonymised. */
  columns: IdColumn[];
}

/**
 * Reads a key file: hex text (64+ hex digits, whitespace around it ignored) or raw bytes.
 * Throws when the file is missing or holds fewer than 32 bytes.
 */
export function readKeyFile(keyFile: string): Buffer {
  let raw: Buffer;
  try {
    raw = readFileSync(keyFile);
  } catch {
    throw new PseudonymiseError('key file cannot be read', keyFile);
  }
  const text = raw.toString('latin1').trim();
  const key = /^(?:[0-9a-fA-F]{2})+$/.test(text) ? Buffer.from(text, 'hex') : raw;
  if (key.length < MIN_KEY_BYTES) {
    throw new PseudonymiseError(`key is ${key.length} bytes; at least ${MIN_KEY_BYTES} bytes are required (create one with: openssl rand -hex 32 > key.hex)`, keyFile);
  }
  return key;
}

/** The contract pseudonym of one local value (exported for the docs' worked example). */
export function pseudonym(key: Buffer, column: IdColumn, value: string): string {
  return createHmac('sha256', key).update(`${column}:${value}`, 'utf8').digest().subarray(0, PSEUDONYM_BYTES).toString('base64url');
}

export async function pseudonymiseFile(opts: PseudonymiseOptions): Promise<PseudonymiseResult> {
  const input = resolve(opts.input);
  const output = resolve(opts.output);
  if (input === output) throw new PseudonymiseError('output must be a different file than the input', opts.output);
  try {
    if (!statSync(input).isFile()) throw new Error();
  } catch {
    throw new PseudonymiseError('input file cannot be read', opts.input);
  }
  const key = readKeyFile(opts.keyFile);
  const subjectKey = opts.subjectKeyFile ? readKeyFile(opts.subjectKeyFile) : key;

  const tmp = `${output}.partial`;
  const fd = openSync(tmp, 'w');
  let rows = 0;
  let done = false;
  try {
    let mapping: (IdColumn | null)[] = [];
    let headerNames: string[] = [];
    let width = 0;
    let buffer = '';
    for await (const record of readCsvRecords(input)) {
      if (record.row === 1) {
        headerNames = record.fields.map((f) => f.trim());
        mapping = mapHeader(headerNames, opts.columns, opts.input);
        width = headerNames.length;
        const outHeader = headerNames.map((h, i) => mapping[i] ?? h);
        buffer += csvLine(outHeader, record.delimiter);
        continue;
      }
      if (record.fields.length === 1 && record.fields[0] === '' && width > 1) continue;
      if (record.fields.length !== width) {
        throw new PseudonymiseError(`row has ${record.fields.length} fields, the header has ${width}`, opts.input, record.row - 1);
      }
      for (let i = 0; i < width; i++) {
        const column = mapping[i];
        if (!column) continue;
        const value = record.fields[i].trim();
        record.fields[i] = value === '' ? '' : pseudonym(column === 'subject_pseudonym' ? subjectKey : key, column, value);
      }
      buffer += csvLine(record.fields, record.delimiter);
      rows++;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (headerNames.length === 0) throw new PseudonymiseError('input is empty: a header row is required', opts.input);
    writeSync(fd, buffer);
    closeSync(fd);
    renameSync(tmp, output);
    done = true;
    return { rows, columns: mapping.filter((m): m is IdColumn => m !== null) };
  } catch (e) {
    if (e instanceof CsvInputError) {
      throw new PseudonymiseError(e.message, opts.input, e.row !== undefined && e.row > 1 ? e.row - 1 : undefined);
    }
    throw e;
  } finally {
    if (!done) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(tmp, { force: true });
    }
  }
}

function mapHeader(headers: string[], columns: PseudonymiseOptions['columns'], file: string): (IdColumn | null)[] {
  const wanted = columns ?? ACCEPTED_ID_HEADERS;
  if (columns) {
    for (const [name, target] of Object.entries(columns)) {
      if (!headers.includes(name)) throw new PseudonymiseError('column to pseudonymise is not in the header', file, undefined, name);
      if (!['signal_id', 'assessment_id', 'subject_pseudonym'].includes(target)) {
        throw new PseudonymiseError('target must be signal_id, assessment_id or subject_pseudonym', file, undefined, name);
      }
    }
  }
  const mapping = headers.map((h) => (Object.hasOwn(wanted, h) ? wanted[h] : null));
  const seen = new Map<IdColumn, string>();
  mapping.forEach((target, i) => {
    if (!target) return;
    if (seen.has(target)) {
      throw new PseudonymiseError(`columns ${seen.get(target)} and ${headers[i]} would both become ${target}`, file, undefined, headers[i]);
    }
    seen.set(target, headers[i]);
  });
  headers.forEach((h, i) => {
    if (!mapping[i] && seen.has(h as IdColumn)) {
      throw new PseudonymiseError(`column ${h} would appear twice in the output`, file, undefined, h);
    }
  });
  if (seen.size === 0) {
    throw new PseudonymiseError(`no identifier column found; expected one of ${Object.keys(ACCEPTED_ID_HEADERS).join(', ')} (or name them with columns)`, file);
  }
  return mapping;
}

/**
 * The input formats of a delivery: one `FormatReader` per format, in the order the contract
 * lists them. Everything that depends on the set of formats reads it from here.
 */
import { ARROW_FORMAT } from './arrow.format';
import { CSV_FORMAT } from './csv.format';
import type { RuleCode } from '../validate/rules';
import type { FormatReader } from './format';
import { JSONL_FORMAT } from './jsonl.format';
import { PARQUET_FORMAT } from './parquet.format';
import { XLSX_FORMAT } from './xlsx.format';

export const FORMATS = {
  csv: CSV_FORMAT,
  jsonl: JSONL_FORMAT,
  parquet: PARQUET_FORMAT,
  arrow: ARROW_FORMAT,
  xlsx: XLSX_FORMAT,
} as const satisfies Record<string, FormatReader>;

export type InputFormat = keyof typeof FORMATS;
export const INPUT_FORMATS = Object.keys(FORMATS) as InputFormat[];

/** Every accepted data file extension with its dot, in registry order: `.csv`, `.jsonl`, … */
export const DATA_FILE_EXTENSIONS: readonly string[] = INPUT_FORMATS.flatMap((f) => FORMATS[f].extensions.map((e) => `.${e}`));

/** The format an extension (lower case, without the dot) stands for, or null. */
export function formatOfExtension(ext: string): InputFormat | null {
  return INPUT_FORMATS.find((f) => FORMATS[f].extensions.includes(ext)) ?? null;
}

/** A near-miss extension some format refuses with its own rule (`.xlsm`: macros), or null. */
export function refusedExtension(ext: string): { rule: RuleCode; detail?: string } | null {
  for (const f of INPUT_FORMATS) {
    const refused = FORMATS[f].refused?.[ext];
    if (refused) return refused;
  }
  return null;
}

/** `.csv, .jsonl, .parquet, .arrow or .xlsx`: the accepted extensions as a sentence. */
export function extensionSentence(): string {
  const all = DATA_FILE_EXTENSIONS;
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}` : all.join('');
}

export { FormatReadError, readerErrorDetail, type FormatReader, type OpenedRows, type ReadTarget } from './format';

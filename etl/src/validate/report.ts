/** The validation report: what a region gets back and what the ledger keeps of a rejection. */
import { RULES, type RuleCode } from './rules';

export interface ValidationError {
  /** `manifest.json` or the data file's name as in the manifest. */
  file: string;
  /** 1-based data row (header excluded); null for file- or column-level errors. */
  row: number | null;
  column: string | null;
  rule: RuleCode;
  message: string;
  /** Where or how much (line number, expected vs found count); never a data value. */
  detail?: string;
}

export interface ValidationReport {
  ok: boolean;
  contract_version: '1';
  batch: {
    region_code: string | null;
    batch_id: string | null;
    produced_at: string | null;
    period: { from: string; to: string } | null;
  };
  /** The first `cap` errors in file, row, column order. */
  errors: ValidationError[];
  /** All errors, listed or not. */
  errorCount: number;
  truncated: boolean;
  counts: { signals: number | null; assessments: number | null };
  validated_at: string;
}

export const DEFAULT_ERROR_CAP = 100;

export function makeError(file: string, row: number | null, column: string | null, rule: RuleCode): ValidationError {
  return { file, row, column, rule, message: RULES[rule].message };
}

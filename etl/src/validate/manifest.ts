/**
 * manifest.json of a batch: every field of contract v1 checked, nothing else accepted.
 * Returns what could be understood, so the files can still be checked when (say) only
 * the period is wrong, and the report lists every problem at once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { CONTRACT_VERSION, REGION_CODES, type FileKind } from '@weegwijzer/contract';
import { FORMATS, formatOfExtension, refusedExtension, type InputFormat } from '../formats';
import { makeError, type ValidationError } from './report';
import type { RuleCode } from './rules';

export const MANIFEST_FILE = 'manifest.json';
export const BATCH_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export interface ManifestFileEntry {
  kind: FileKind;
  name: string;
  format: InputFormat;
  rows: number | null;
  sha256: string | null;
}

export interface ParsedManifest {
  region_code: string | null;
  batch_id: string | null;
  produced_at: string | null;
  period: { from: string; to: string } | null;
  key_id: string | null;
  /** Entries whose name and format are usable (the file can be checked). */
  files: Partial<Record<FileKind, ManifestFileEntry>>;
  errors: ValidationError[];
}

export function isValidDate(s: string): boolean {
  if (!DATE_PATTERN.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function readManifest(dir: string): Promise<ParsedManifest> {
  const out: ParsedManifest = { region_code: null, batch_id: null, produced_at: null, period: null, key_id: null, files: {}, errors: [] };
  const err = (column: string | null, rule: RuleCode, detail?: string) => {
    const e = makeError(MANIFEST_FILE, null, column, rule);
    if (detail) e.detail = detail;
    out.errors.push(e);
  };
  let raw: Buffer;
  try {
    raw = await readFile(join(dir, MANIFEST_FILE));
  } catch {
    err(null, 'MANIFEST_MISSING');
    return out;
  }
  let m: unknown;
  try {
    if (!isUtf8(raw)) throw new Error('not utf-8');
    m = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    err(null, 'MANIFEST_NOT_JSON');
    return out;
  }
  if (!isObject(m)) {
    err(null, 'MANIFEST_NOT_JSON');
    return out;
  }
  const known = ['contract_version', 'region_code', 'batch_id', 'produced_at', 'period', 'pseudonymisation', 'files'];
  for (const k of Object.keys(m)) if (!known.includes(k)) err(fieldName(k), 'MANIFEST_FIELD_UNKNOWN');
  const need = (k: string): unknown => {
    if (!(k in m) || m[k] === null) err(k, 'MANIFEST_FIELD_MISSING');
    return m[k];
  };

  const version = need('contract_version');
  if (version !== undefined && version !== null && version !== CONTRACT_VERSION) err('contract_version', 'CONTRACT_VERSION');

  const region = need('region_code');
  if (region !== undefined && region !== null) {
    if (typeof region === 'string' && REGION_CODES.includes(region)) out.region_code = region;
    else err('region_code', 'REGION_CODE_INVALID');
  }

  const batchId = need('batch_id');
  if (batchId !== undefined && batchId !== null) {
    if (typeof batchId === 'string' && BATCH_ID_PATTERN.test(batchId)) out.batch_id = batchId;
    else err('batch_id', 'MANIFEST_FIELD_INVALID', 'batch_id: 1-64 characters of A-Z a-z 0-9 _ . -, starting with a letter or digit');
  }

  const produced = need('produced_at');
  if (produced !== undefined && produced !== null) {
    if (typeof produced === 'string' && DATETIME_PATTERN.test(produced) && !Number.isNaN(Date.parse(produced))) out.produced_at = new Date(produced).toISOString();
    else err('produced_at', 'MANIFEST_FIELD_INVALID', 'produced_at: an ISO 8601 date-time with time zone, e.g. 2025-07-01T09:00:00Z');
  }

  const period = need('period');
  if (period !== undefined && period !== null) {
    if (!isObject(period)) err('period', 'PERIOD_INVALID');
    else {
      for (const k of Object.keys(period)) if (k !== 'from' && k !== 'to') err(`period.${fieldName(k)}`, 'MANIFEST_FIELD_UNKNOWN');
      const { from, to } = period;
      if (typeof from === 'string' && typeof to === 'string' && isValidDate(from) && isValidDate(to) && from <= to) out.period = { from, to };
      else err('period', 'PERIOD_INVALID');
    }
  }

  const pseudo = need('pseudonymisation');
  if (pseudo !== undefined && pseudo !== null) {
    if (!isObject(pseudo)) err('pseudonymisation', 'MANIFEST_FIELD_INVALID');
    else {
      for (const k of Object.keys(pseudo)) if (k !== 'method' && k !== 'key_id') err(`pseudonymisation.${fieldName(k)}`, 'MANIFEST_FIELD_UNKNOWN');
      if (pseudo.method !== 'hmac-sha256') err('pseudonymisation.method', 'MANIFEST_FIELD_INVALID', 'method must be "hmac-sha256"');
      if (typeof pseudo.key_id === 'string' && KEY_ID_PATTERN.test(pseudo.key_id)) out.key_id = pseudo.key_id;
      else err('pseudonymisation.key_id', 'MANIFEST_FIELD_INVALID', 'key_id: 1-64 characters of A-Z a-z 0-9 _ . : -');
    }
  }

  const files = need('files');
  if (files !== undefined && files !== null) {
    if (!isObject(files)) err('files', 'MANIFEST_FIELD_INVALID');
    else {
      for (const k of Object.keys(files)) if (k !== 'signals' && k !== 'assessments') err(`files.${fieldName(k)}`, 'MANIFEST_FIELD_UNKNOWN');
      for (const kind of ['signals', 'assessments'] as const) {
        const f = files[kind];
        const at = `files.${kind}`;
        if (!isObject(f)) {
          err(at, 'MANIFEST_FIELD_MISSING');
          continue;
        }
        for (const k of Object.keys(f)) if (!['name', 'rows', 'sha256'].includes(k)) err(`${at}.${fieldName(k)}`, 'MANIFEST_FIELD_UNKNOWN');
        let rows: number | null = null;
        if (typeof f.rows === 'number' && Number.isSafeInteger(f.rows) && f.rows >= 0) rows = f.rows;
        else err(`${at}.rows`, f.rows === undefined ? 'MANIFEST_FIELD_MISSING' : 'MANIFEST_FIELD_INVALID', 'rows: a whole number >= 0');
        let sha: string | null = null;
        if (typeof f.sha256 === 'string' && /^[0-9a-fA-F]{64}$/.test(f.sha256)) sha = f.sha256.toLowerCase();
        else err(`${at}.sha256`, f.sha256 === undefined ? 'MANIFEST_FIELD_MISSING' : 'MANIFEST_FIELD_INVALID', 'sha256: 64 hexadecimal characters');
        if (typeof f.name !== 'string') {
          err(`${at}.name`, 'MANIFEST_FIELD_MISSING');
          continue;
        }
        if (!FILE_NAME_PATTERN.test(f.name) || f.name === MANIFEST_FILE) {
          err(`${at}.name`, 'FILE_NAME_INVALID');
          continue;
        }
        const ext = f.name.slice(f.name.lastIndexOf('.') + 1).toLowerCase();
        const refused = refusedExtension(ext);
        if (refused) {
          err(`${at}.name`, refused.rule, refused.detail);
          continue;
        }
        const format = f.name.includes('.') ? formatOfExtension(ext) : null;
        if (!format) {
          err(`${at}.name`, 'FILE_FORMAT_UNSUPPORTED');
          continue;
        }
        out.files[kind] = { kind, name: f.name, format, rows, sha256: sha };
      }
      // One workbook may hold both files (sheets "signals" and "assessments"); other formats may not.
      if (out.files.signals && out.files.assessments && out.files.signals.name === out.files.assessments.name && !FORMATS[out.files.signals.format].bothKindsInOneFile) {
        err('files.assessments.name', 'FILE_NAME_INVALID', 'signals and assessments must be different files (except one .xlsx workbook with two sheets)');
        delete out.files.assessments;
      }
    }
  }
  return out;
}

/** Manifest keys are echoed in errors; cap them so a key cannot smuggle data into a report. */
function fieldName(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(k) ? k : '(invalid field name)';
}

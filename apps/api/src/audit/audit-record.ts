/**
 * Makes any audit row writable, whatever the caller sent: text is escaped (C0 controls, DEL
 * and lone surrogates become a visible `\uXXXX`, which PostgreSQL text and jsonb accept) and
 * capped; parameters keep only strings, finite numbers, booleans and shallow arrays, with at
 * most 30 keys and 4 KB of JSON. Pure; the audit service applies it to every row.
 */
import type { AuditLogEntity } from '@weegwijzer/store';

export type AuditRecord = Pick<AuditLogEntity, 'at' | 'who' | 'role' | 'regionCode' | 'method' | 'route' | 'params' | 'status' | 'durationMs' | 'requestId'>;

const MAX_KEYS = 30;
const MAX_ARRAY = 30;
const MAX_VALUE_CHARS = 200;
const MAX_PARAMS_JSON = 4096;

function escapeUnit(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Escapes what PostgreSQL cannot store and caps the result at `max` characters (code points). */
export function safeText(value: string, max: number): string {
  let out = '';
  let count = 0;
  for (let i = 0; i < value.length && count < max; i++) {
    const c = value.charCodeAt(i);
    let piece: string;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length && value.charCodeAt(i + 1) >= 0xdc00 && value.charCodeAt(i + 1) <= 0xdfff) {
      piece = value.slice(i, i + 2);
      i++;
    } else if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) {
      piece = escapeUnit(c);
    } else {
      piece = value[i];
    }
    const len = piece.length === 2 && piece.charCodeAt(0) >= 0xd800 && piece.charCodeAt(0) <= 0xdbff ? 1 : piece.length;
    if (count + len > max) break;
    out += piece;
    count += len;
  }
  return out;
}

function safeValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return safeText(v, MAX_VALUE_CHARS);
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'bigint') return safeText(v.toString(), 40);
  if (Array.isArray(v) && depth === 0) return v.slice(0, MAX_ARRAY).map((x) => safeValue(x, 1));
  if (v === undefined) return undefined;
  return '[not recorded]';
}

export function safeParams(params: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!params) return null;
  const out: Record<string, unknown> = {};
  let keys = 0;
  for (const [k, v] of Object.entries(params)) {
    if (keys >= MAX_KEYS) {
      out['…'] = 'more parameters not recorded';
      break;
    }
    const value = safeValue(v);
    if (value === undefined) continue;
    out[safeText(k, 60)] = value;
    keys++;
  }
  if (keys === 0) return null;
  return JSON.stringify(out).length > MAX_PARAMS_JSON ? { '…': `parameters larger than ${MAX_PARAMS_JSON} bytes not recorded` } : out;
}

/** The row as it will be stored. */
export function safeAuditRecord(r: AuditRecord): AuditRecord {
  const int = (n: number, min: number, max: number) => (Number.isFinite(n) ? Math.min(Math.max(Math.round(n), min), max) : min);
  return {
    at: Number.isNaN(r.at.getTime()) ? new Date() : r.at,
    who: safeText(r.who, 160) || 'anonymous',
    role: r.role === null ? null : safeText(r.role, 16),
    regionCode: r.regionCode === null ? null : safeText(r.regionCode, 4),
    method: safeText(r.method, 8),
    route: safeText(r.route, 200),
    params: safeParams(r.params),
    status: int(r.status, 0, 999),
    durationMs: int(r.durationMs, 0, 2_147_483_647),
    requestId: r.requestId === null ? null : safeText(r.requestId, 64),
  };
}

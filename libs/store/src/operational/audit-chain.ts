/**
 * The audit log's hash chain, recomputed outside the database. Each row stores
 * `prev_hash` (the previous row's `hash`, 64 zeros for the first) and
 * `hash = sha256(prev_hash + '|' + field(at) + field(request_id) + … + field(duration_ms))`,
 * where `field(v)` is `N;` for NULL and `<length in characters>:<v>;` otherwise, `at` is UTC
 * `YYYY-MM-DDTHH:MI:SS.uuuuuu` and `params` is PostgreSQL's text form of the jsonb value. The
 * database computes it on insert (migration AuditChain1764900000000); this module checks it.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

/** One row as the chain sees it: every field in its text form. */
export interface AuditChainRow {
  id: string;
  at: string;
  request_id: string | null;
  who: string;
  role: string | null;
  region_code: string | null;
  method: string;
  route: string;
  params: string | null;
  status: string;
  duration_ms: string;
  prev_hash: string;
  hash: string;
}

function field(v: string | null): string {
  return v === null ? 'N;' : `${[...v].length}:${v};`;
}

export function auditRowHash(prev: string, r: Omit<AuditChainRow, 'id' | 'prev_hash' | 'hash'>): string {
  const text = `${prev}|` + [r.at, r.request_id, r.who, r.role, r.region_code, r.method, r.route, r.params, r.status, r.duration_ms].map(field).join('');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface AuditChainReport {
  ok: boolean;
  rows: number;
  /** The newest row's hash (anchor it elsewhere to detect removal of the newest rows). */
  head: string;
  /** The first row that breaks the chain, and how. */
  broken?: { id: string; reason: 'prev_hash' | 'hash' };
}

const PAGE = 5000;

/** Reads the whole log in id order and recomputes every link. */
export async function verifyAuditChain(ds: DataSource): Promise<AuditChainReport> {
  let prev = AUDIT_CHAIN_GENESIS;
  let rows = 0;
  let after = '0';
  for (;;) {
    const page: AuditChainRow[] = await ds.query(
      `SELECT a.id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at, request_id, who, role, region_code,
              method, route, params::text AS params, status::text AS status, duration_ms::text AS duration_ms, prev_hash, hash
       FROM audit_log a WHERE a.id > $1::bigint ORDER BY a.id LIMIT ${PAGE}`,
      [after],
    );
    for (const r of page) {
      rows++;
      if (r.prev_hash !== prev) return { ok: false, rows, head: prev, broken: { id: r.id, reason: 'prev_hash' } };
      if (auditRowHash(prev, r) !== r.hash) return { ok: false, rows, head: prev, broken: { id: r.id, reason: 'hash' } };
      prev = r.hash;
    }
    if (page.length < PAGE) return { ok: true, rows, head: prev };
    after = page[page.length - 1].id;
  }
}

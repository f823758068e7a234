import type { Role } from '@weegwijzer/contract';

/** Who is calling, as established by a bearer token or an OIDC JWT. */
export interface Principal {
  kind: 'token' | 'oidc';
  /** Token id (`tok_…`) or `oidc:<sub>`; safe to log. */
  id: string;
  /** Token name or OIDC subject; for the audit log and history. */
  name: string;
  role: Role;
  /** The region a `regio` caller is bound to; null for the other roles. */
  region: string | null;
}

/** Fields the API puts on the Express request. */
export interface ApiRequestState {
  principal?: Principal | null;
  /** Why the presented credentials were refused (for the 401 message; never the token). */
  authError?: string;
  /** This request's id (X-Request-Id): in its audit row, log line and error body. */
  requestId?: string;
  /** Extra audit parameters set by handlers (e.g. the region of an uploaded batch). */
  auditParams?: Record<string, unknown>;
}

/** `who` as written to the audit log. */
export function describePrincipal(p: Principal | null | undefined): string {
  if (!p) return 'anonymous';
  return `${p.id}:${p.name}`.slice(0, 160);
}

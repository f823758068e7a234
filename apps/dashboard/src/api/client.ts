/**
 * The only place that talks to the API. Adds the bearer token, turns Nest's error JSON
 * (`{statusCode, message, error}`) into an ApiError that says what happened, and caches GETs
 * for the session so switching views does not refetch what is already on screen.
 */

const TOKEN_KEY = 'weegwijzer.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let token: string | null = readStoredToken();
let onUnauthorized: (() => void) | null = null;
const cache = new Map<string, Promise<unknown>>();

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return token;
}

export function setToken(value: string | null): void {
  token = value;
  cache.clear();
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage unavailable (private mode): the token lives for this page only */
  }
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function clearCache(prefix = ''): void {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

export function apiUrl(path: string, params: Record<string, string> = {}): string {
  const q = new URLSearchParams(params).toString().replace(/%2C/g, ',');
  return `api${path}${q ? `?${q}` : ''}`;
}

async function toError(res: Response, probe = false): Promise<ApiError> {
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { message?: unknown; error?: unknown };
    if (Array.isArray(body.message)) message = body.message.join('; ');
    else if (typeof body.message === 'string') message = body.message;
    else if (typeof body.error === 'string') message = body.error;
  } catch {
    /* not JSON: keep the status text */
  }
  if (res.status === 401 && !probe) onUnauthorized?.();
  return new ApiError(res.status, message);
}

async function request(method: string, url: string, body?: BodyInit, json = false, probe = false): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!res.ok) throw await toError(res, probe);
  return res;
}

/**
 * GET JSON, shared between callers asking for the same URL. `probe`: a 401 is an answer (a
 * token being tried at sign-in), not an expired session.
 */
export function apiGet<T>(path: string, params: Record<string, string> = {}, opts: { fresh?: boolean; probe?: boolean } = {}): Promise<T> {
  const url = apiUrl(path, params);
  if (opts.fresh) cache.delete(url);
  let p = cache.get(url) as Promise<T> | undefined;
  if (!p) {
    p = request('GET', url, undefined, false, opts.probe).then((r) => r.json() as Promise<T>);
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

export async function apiPut<T>(path: string, body: unknown): Promise<T> {
  const res = await request('PUT', apiUrl(path), JSON.stringify(body), true);
  return (await res.json()) as T;
}

/** POST a multipart form and return the parsed body whatever the status (a rejection carries its report). */
export async function apiPostFormRaw(path: string, form: FormData): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(apiUrl(path), { method: 'POST', headers, body: form });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (res.status === 401) onUnauthorized?.();
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

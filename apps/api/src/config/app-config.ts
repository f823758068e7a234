/**
 * The API's configuration, read once at boot from the environment (and argv for `--demo`),
 * typed and validated. Nothing else in the API reads `process.env`. A bad value stops the
 * boot with a message that names the variable, what was given and what is expected.
 */
import { resolve } from 'node:path';
import { REGION_CODES } from '@weegwijzer/contract';
import { resolveDataDir } from '@weegwijzer/store';
import { DEFAULT_K, MAX_K, MIN_K } from '@weegwijzer/metrics';
import { loadOpsConfig, type OpsConfig } from '../ops/ops.config';
import { parseRetention, type RetentionTerm } from '@weegwijzer/etl';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface OidcConfig {
  issuer: string;
  audience: string;
  /** URL of the JWKS (`https://…/.well-known/jwks.json` or a `file://` for tests). */
  jwksUrl: string;
  /** Claim holding the role (`inspectie|nctv|regio|beheer`), default `weegwijzer_role`. */
  roleClaim: string;
  /** Claim holding the region code for `regio`, default `weegwijzer_region`. */
  regionClaim: string;
}

export interface DemoConfig {
  enabled: boolean;
  /** Generator scale (1 ≈ the default demo data set); tests use a small fraction. */
  scale: number;
  seed: number;
  years: number;
  /** Regions that get a demo `regio` token. */
  regions: string[];
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL schema for the operational store (tests isolate themselves in one). */
  databaseSchema: string | undefined;
  k: number;
  /** Allowed CORS origins; empty = CORS closed (no Access-Control-* headers). */
  corsOrigins: string[];
  /** Requests per `rateLimitWindowMs` per authenticated principal (per client address otherwise); 0 = off. */
  rateLimit: number;
  rateLimitWindowMs: number;
  /** Requests with refused credentials per `authFailureWindowMs` per client address; 0 = off. */
  authFailureLimit: number;
  authFailureWindowMs: number;
  /** Metric results kept per snapshot (0 = no cache); keyed by role and region. */
  metricCacheEntries: number;
  /** How long an audit row may wait for the rows of requests still in progress, to share one INSERT (0 = never). */
  auditLingerMs: number;
  /** Maximum JSON body, bytes. */
  bodyLimitBytes: number;
  /** Maximum size of one uploaded batch file, bytes. */
  uploadMaxBytes: number;
  /** Most rows one batch file may hold (checked before reading), validation time limit and DuckDB memory limit. */
  maxBatchRows: number;
  validationTimeoutMs: number;
  validationMemoryLimit: string;
  /** Upload bytes one principal may have in flight (received, queued or being ingested), and per 24 hours. */
  uploadQuotaInFlightBytes: number;
  uploadQuotaDailyBytes: number;
  oidc: OidcConfig | undefined;
  demo: DemoConfig;
  logLevel: LogLevel;
  /** Folder with the built dashboard (served at `/`). */
  dashboardDir: string;
  /** METRICS_ALLOW and WEEGWIJZER_KEY_FILE (see ops/ops.config.ts). */
  ops: OpsConfig;
  /** WEEGWIJZER_RETENTION: records older than this (from received_at) are purged at start and daily; unset = kept. */
  retention: RetentionTerm | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEFAULT_DASHBOARD_DIR = resolve(__dirname, '..', '..', '..', 'dashboard', 'dist');

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env, argv: readonly string[] = process.argv.slice(2)): AppConfig {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, def: number, min: number, max: number, hint = ''): number => {
    const raw = str(name);
    if (raw === undefined) return def;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}${hint}`);
      return def;
    }
    return Number(raw);
  };
  const num = (name: string, def: number, min: number): number => {
    const raw = str(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= min) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected a number greater than ${min}`);
      return def;
    }
    return n;
  };
  const bool = (name: string): boolean => {
    const raw = str(name);
    if (raw === undefined) return false;
    if (/^(1|true|yes|ja)$/i.test(raw)) return true;
    if (/^(0|false|no|nee)$/i.test(raw)) return false;
    problems.push(`${name}=${JSON.stringify(raw)}: expected 1/true or 0/false`);
    return false;
  };

  for (const arg of argv) {
    if (arg !== '--demo') problems.push(`unknown argument ${JSON.stringify(arg)}: the only argument is --demo`);
  }

  const port = int('PORT', 3000, 0, 65535);
  const host = str('HOST') ?? '127.0.0.1';
  const k = int('WEEGWIJZER_K', DEFAULT_K, MIN_K, MAX_K, ` (k is the disclosure threshold and may never be below ${MIN_K})`);

  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl !== undefined) {
    let ok: boolean;
    try {
      ok = ['postgres:', 'postgresql:'].includes(new URL(databaseUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push('DATABASE_URL: expected a postgres://user@host:port/database URL (the value is not shown)');
  }
  const databaseSchema = str('DATABASE_SCHEMA');
  if (databaseSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    problems.push(`DATABASE_SCHEMA=${JSON.stringify(databaseSchema)}: expected a lower-case identifier ([a-z_][a-z0-9_]*)`);
  }

  const corsOrigins = (str('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const o of corsOrigins) {
    if (o === '*') problems.push('CORS_ORIGINS: "*" is not allowed; list the origins (https://host[:port])');
    else if (!/^https?:\/\/[^/\s]+$/.test(o)) problems.push(`CORS_ORIGINS: ${JSON.stringify(o)} is not an origin like https://host[:port]`);
  }

  const rate = (name: string, def: number, defWindowMs: number): [number, number] => {
    const raw = str(name);
    if (raw === undefined) return [def, defWindowMs];
    const m = /^(\d+)(?:\s*\/\s*(\d+)\s*(s|m))?$/.exec(raw);
    if (!m) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected requests per window, e.g. "600/1m", "50/10s" or "0" (off)`);
      return [def, defWindowMs];
    }
    const windowMs = m[2] ? Number(m[2]) * (m[3] === 'm' ? 60_000 : 1000) : defWindowMs;
    if (m[2] && windowMs === 0) problems.push(`${name}: the window must be longer than 0`);
    return [Number(m[1]), windowMs];
  };
  const [rateLimit, rateLimitWindowMs] = rate('RATE_LIMIT', 600, 60_000);
  const [authFailureLimit, authFailureWindowMs] = rate('RATE_LIMIT_AUTH_FAILURES', 30, 60_000);

  const bodyLimitBytes = int('BODY_LIMIT_BYTES', 100 * 1024, 1024, 10 * 1024 * 1024);
  const metricCacheEntries = int('WEEGWIJZER_METRIC_CACHE', 500, 0, 100_000);
  const auditLingerMs = int('WEEGWIJZER_AUDIT_LINGER_MS', 10, 0, 1000);
  const uploadMaxBytes = int('UPLOAD_MAX_BYTES', 512 * 1024 * 1024, 1024, 8 * 1024 * 1024 * 1024);
  const maxBatchRows = int('WEEGWIJZER_MAX_BATCH_ROWS', 5_000_000, 1, 1_000_000_000);
  const validationTimeoutMs = int('WEEGWIJZER_VALIDATION_TIMEOUT_S', 600, 1, 86_400) * 1000;
  const validationMemoryLimit = str('WEEGWIJZER_VALIDATION_MEMORY') ?? '1GB';
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(validationMemoryLimit)) {
    problems.push(`WEEGWIJZER_VALIDATION_MEMORY=${JSON.stringify(validationMemoryLimit)}: expected a size like 512MB or 2GB`);
  }
  const uploadQuotaInFlightBytes = int('UPLOAD_QUOTA_IN_FLIGHT_BYTES', 1024 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024);
  const uploadQuotaDailyBytes = int('UPLOAD_QUOTA_DAILY_BYTES', 10 * 1024 * 1024 * 1024, 1024, 1024 * 1024 * 1024 * 1024);

  const oidcVars = ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const;
  const oidcSet = oidcVars.filter((v) => str(v) !== undefined);
  let oidc: OidcConfig | undefined;
  if (oidcSet.length > 0 && oidcSet.length < oidcVars.length) {
    problems.push(`OIDC: set all of ${oidcVars.join(', ')} or none (missing: ${oidcVars.filter((v) => !oidcSet.includes(v)).join(', ')})`);
  } else if (oidcSet.length === oidcVars.length) {
    const jwksUrl = str('OIDC_JWKS_URL')!;
    try {
      const u = new URL(jwksUrl);
      if (!['https:', 'http:'].includes(u.protocol)) throw new Error();
    } catch {
      problems.push(`OIDC_JWKS_URL=${JSON.stringify(jwksUrl)}: expected an http(s) URL`);
    }
    oidc = {
      issuer: str('OIDC_ISSUER')!,
      audience: str('OIDC_AUDIENCE')!,
      jwksUrl,
      roleClaim: str('OIDC_ROLE_CLAIM') ?? 'weegwijzer_role',
      regionClaim: str('OIDC_REGION_CLAIM') ?? 'weegwijzer_region',
    };
  } else {
    for (const v of ['OIDC_ROLE_CLAIM', 'OIDC_REGION_CLAIM']) {
      if (str(v) !== undefined) problems.push(`${v} is set but OIDC is not configured (set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL)`);
    }
  }

  const demoRegions = (str('WEEGWIJZER_DEMO_REGIONS') ?? 'VR13,VR03')
    .split(',')
    .map((r) => r.trim().toUpperCase())
    .filter((r) => r !== '');
  for (const r of demoRegions) {
    if (!REGION_CODES.includes(r)) problems.push(`WEEGWIJZER_DEMO_REGIONS: ${JSON.stringify(r)} is not a region code VR01..VR25`);
  }
  const demo: DemoConfig = {
    enabled: argv.includes('--demo') || bool('WEEGWIJZER_DEMO'),
    scale: num('WEEGWIJZER_DEMO_SCALE', 1, 0),
    seed: int('WEEGWIJZER_DEMO_SEED', 1, 0, 2 ** 31 - 1),
    years: int('WEEGWIJZER_DEMO_YEARS', 3, 1, 20),
    regions: demoRegions,
  };

  if (demo.enabled && !isLoopbackHost(host)) {
    problems.push(
      `demo mode (--demo / WEEGWIJZER_DEMO) with HOST=${JSON.stringify(host)}: demo mode offers sign-in tokens to anyone who can reach the server, ` +
        'so it only listens on a loopback address (127.0.0.1, ::1 or localhost). Unset HOST, or run without demo mode (npm run serve)',
    );
  }

  const logLevelRaw = (str('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelRaw)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevelRaw)}: expected one of ${LOG_LEVELS.join(', ')}`);
  }

  const ops = loadOpsConfig(str, problems);
  let retention: RetentionTerm | undefined;
  const retentionRaw = str('WEEGWIJZER_RETENTION');
  if (retentionRaw !== undefined) {
    try {
      retention = parseRetention(retentionRaw);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    retention,
    port,
    host,
    dataDir: resolveDataDir({ WEEGWIJZER_DATA_DIR: str('WEEGWIJZER_DATA_DIR') }),
    databaseUrl,
    databaseSchema,
    k,
    corsOrigins,
    rateLimit,
    rateLimitWindowMs,
    authFailureLimit,
    authFailureWindowMs,
    metricCacheEntries,
    auditLingerMs,
    bodyLimitBytes,
    uploadMaxBytes,
    maxBatchRows,
    validationTimeoutMs,
    validationMemoryLimit,
    uploadQuotaInFlightBytes,
    uploadQuotaDailyBytes,
    oidc,
    demo,
    logLevel: logLevelRaw as LogLevel,
    dashboardDir: resolve(str('WEEGWIJZER_DASHBOARD_DIR') ?? DEFAULT_DASHBOARD_DIR),
    ops,
  };
}

/** 127.0.0.0/8, ::1 or localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The configuration as it may be logged (no connection string). */
export function describeConfig(c: AppConfig): Record<string, unknown> {
  return {
    port: c.port,
    host: c.host,
    dataDir: c.dataDir,
    recordKeySecret: c.ops.keyFile ? 'WEEGWIJZER_KEY_FILE' : 'data dir',
    operationalStore: c.databaseUrl ? 'postgresql' : 'pglite',
    k: c.k,
    retention: c.retention?.text ?? null,
    corsOrigins: c.corsOrigins,
    rateLimit: c.rateLimit === 0 ? 'off' : `${c.rateLimit}/${c.rateLimitWindowMs / 1000}s`,
    authFailureLimit: c.authFailureLimit === 0 ? 'off' : `${c.authFailureLimit}/${c.authFailureWindowMs / 1000}s`,
    metricCache: c.metricCacheEntries,
    auditLingerMs: c.auditLingerMs,
    oidc: c.oidc ? { issuer: c.oidc.issuer, audience: c.oidc.audience } : 'off',
    demo: c.demo.enabled,
    logLevel: c.logLevel,
  };
}

/**
 * `npm run admin -- token create --role <role> [--region VRxx] --name <who> [--expires 90d] [--json]`
 * `npm run admin -- token list [--json]`
 * `npm run admin -- token revoke <id> [--json]`
 * `npm run admin -- audit verify [--json]`: recomputes the audit log's hash chain (exit 3 if broken)
 *
 * Works whether or not the API runs: when a live process owns the data directory the command
 * is sent to it over the control socket; otherwise this process becomes the owner for the
 * duration of the command and opens the operational store (PGlite or DATABASE_URL) itself.
 * A new token is printed once; only its SHA-256 is stored.
 * `backup` and `restore`: see ../ops/backup.cli.ts.
 */
import { ROLES, UsageError } from '@weegwijzer/contract';
import type { AuditChainReport } from '@weegwijzer/store';
import type { CreatedToken, TokenInfo } from '../auth/token.service';
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config';
import { BACKUP_USAGE, runBackupCommand } from '../ops/backup.cli';

// The store, TypeORM and the token service are loaded only once the command line is known to be
// valid, so that a typo is answered at once.
type Store = typeof import('@weegwijzer/store');
const USAGE = `usage:
  npm run admin -- token create --role <${ROLES.join('|')}> [--region VRxx] --name <who> [--expires 90d|12h] [--json]
  npm run admin -- token list [--json]
  npm run admin -- token revoke <id> [--json]
  npm run admin -- audit verify [--json]
${BACKUP_USAGE}`;

type Command = { kind: 'create'; role: string; region?: string; name: string; expires?: string } | { kind: 'list' } | { kind: 'revoke'; id: string } | { kind: 'audit-verify' };

function parse(argv: string[]): { cmd: Command; json: boolean } {
  const args = [...argv];
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  if (rest[0] === 'audit') {
    if (rest[1] !== 'verify' || rest.length > 2) throw new UsageError(`unknown audit command ${JSON.stringify(rest.slice(1).join(' '))}`);
    return { cmd: { kind: 'audit-verify' }, json };
  }
  if (rest[0] !== 'token') throw new UsageError(rest.length === 0 ? 'no command given' : `unknown command ${JSON.stringify(rest[0])}`);
  const sub = rest[1];
  const opts: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 2; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      if (!['role', 'region', 'name', 'expires'].includes(k)) throw new UsageError(`unknown option --${k}`);
      const v = inline ?? rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`--${k} needs a value`);
      opts[k] = v;
    } else positional.push(a);
  }
  if (sub === 'create') {
    if (positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positional[0])}`);
    if (!opts.role) throw new UsageError('token create needs --role');
    if (!opts.name) throw new UsageError('token create needs --name (who the token is for)');
    return { cmd: { kind: 'create', role: opts.role, region: opts.region, name: opts.name, expires: opts.expires }, json };
  }
  if (Object.keys(opts).length > 0) throw new UsageError(`token ${sub ?? ''} takes no options`);
  if (sub === 'list') {
    if (positional.length > 0) throw new UsageError('token list takes no arguments');
    return { cmd: { kind: 'list' }, json };
  }
  if (sub === 'revoke') {
    if (positional.length !== 1) throw new UsageError('token revoke needs exactly one token id (see: token list)');
    return { cmd: { kind: 'revoke', id: positional[0] }, json };
  }
  throw new UsageError(`unknown token command ${JSON.stringify(sub ?? '')}`);
}

async function viaOwner(store: Store, config: AppConfig, cmd: Command): Promise<unknown> {
  const { TOKEN_COMMANDS, AUDIT_VERIFY_COMMAND } = await import('../control/token-control.handlers');
  if (cmd.kind === 'audit-verify') return store.sendControl(config.dataDir, AUDIT_VERIFY_COMMAND, {});
  if (cmd.kind === 'create') return store.sendControl(config.dataDir, TOKEN_COMMANDS.create, { role: cmd.role, region: cmd.region, name: cmd.name, expires: cmd.expires });
  if (cmd.kind === 'list') return store.sendControl(config.dataDir, TOKEN_COMMANDS.list, {});
  return store.sendControl(config.dataDir, TOKEN_COMMANDS.revoke, { id: cmd.id });
}

async function locally(store: Store, config: AppConfig, cmd: Command): Promise<unknown> {
  await import('reflect-metadata');
  const { TokenRepository } = await import('../auth/token.repository');
  const { TokenService } = await import('../auth/token.service');
  const ownership = store.acquireOwnership(config.dataDir);
  try {
    const ds = await store.openOperationalStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
    try {
      if (cmd.kind === 'audit-verify') return await store.verifyAuditChain(ds);
      const tokens = new TokenService(new TokenRepository(ds));
      if (cmd.kind === 'create') return await tokens.create(cmd);
      if (cmd.kind === 'list') return await tokens.list();
      return await tokens.revoke(cmd.id);
    } finally {
      await store.closeOperationalStore(ds);
    }
  } finally {
    ownership.release();
  }
}

function print(cmd: Command, result: unknown, json: boolean, via: string): void {
  const out = process.stdout;
  if (json) {
    out.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  if (cmd.kind === 'audit-verify') {
    const r = result as AuditChainReport;
    out.write(
      r.ok
        ? `audit log intact: ${r.rows} rows, hash chain verified; head ${r.head}\n`
        : `audit log BROKEN at row ${r.broken!.id} (${r.broken!.reason === 'prev_hash' ? 'it does not follow the row before it: a row was removed or inserted' : 'its content does not match its hash: the row was changed'}); ${r.rows - 1} rows before it verified\n`,
    );
  } else if (cmd.kind === 'create') {
    const t = result as CreatedToken;
    out.write(`New token for ${t.name} (role ${t.role}${t.region ? `, region ${t.region}` : ''}), id ${t.id}${t.expiresAt ? `, expires ${t.expiresAt}` : ''}.\n`);
    out.write('It is shown only now; store it safely. Send it as "Authorization: Bearer <token>".\n\n');
    out.write(`${t.token}\n`);
  } else if (cmd.kind === 'list') {
    const list = result as TokenInfo[];
    if (list.length === 0) {
      out.write('no tokens\n');
      return;
    }
    const now = new Date().toISOString();
    const status = (t: TokenInfo) => (t.revokedAt ? `revoked ${t.revokedAt.slice(0, 19)}` : t.expiresAt && t.expiresAt <= now ? `expired ${t.expiresAt.slice(0, 19)}` : 'active');
    const rows = list.map((t) => [t.id, t.role, t.region ?? '-', status(t), t.expiresAt ? t.expiresAt.slice(0, 19) : 'never', t.createdAt.slice(0, 19), t.name]);
    const head = ['id', 'role', 'region', 'status', 'expires', 'created', 'name'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [head, ...rows]) out.write(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ') + '\n');
  } else {
    const t = result as TokenInfo;
    out.write(`token ${t.id} (${t.name}) revoked at ${t.revokedAt}\n`);
  }
  process.stderr.write(`(${via})\n`);
}

export async function runAdmin(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  if (argv[0] === 'backup' || argv[0] === 'restore') return runBackupCommand(argv, env);
  let parsed: ReturnType<typeof parse>;
  let config: AppConfig;
  const { TokenInputError, validateTokenInput } = await import('../auth/token.service');
  try {
    parsed = parse(argv);
    if (parsed.cmd.kind === 'create') validateTokenInput(parsed.cmd);
    config = loadConfig(env, []);
  } catch (e) {
    if (e instanceof TokenInputError) {
      process.stderr.write(`admin: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`admin: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`admin: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const store: Store = await import('@weegwijzer/store');
  try {
    let result: unknown;
    let via: string;
    const owner = store.readLiveOwner(config.dataDir);
    try {
      if (!owner) throw new store.NoOwnerError(config.dataDir);
      result = await viaOwner(store, config, parsed.cmd);
      via = `done by the running API, pid ${owner.pid}`;
    } catch (e) {
      if (!(e instanceof store.NoOwnerError)) throw e;
      result = await locally(store, config, parsed.cmd);
      via = `done directly on the operational store (${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}); no API was running`;
    }
    print(parsed.cmd, result, parsed.json, via);
    return parsed.cmd.kind === 'audit-verify' && !(result as AuditChainReport).ok ? 3 : 0;
  } catch (e) {
    if (e instanceof TokenInputError || (e instanceof store.ControlCommandError && e.remote.name === 'TokenInputError')) {
      process.stderr.write(`admin: ${e.message}\n`);
      return 2;
    }
    if (e instanceof store.DataDirOwnedError) {
      process.stderr.write(`admin: ${e.message}; try again in a moment\n`);
      return 1;
    }
    process.stderr.write(`admin: ${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void runAdmin(process.argv.slice(2), process.env).then((code) => process.exit(code));
}

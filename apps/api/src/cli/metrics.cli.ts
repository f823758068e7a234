/**
 * npm run metrics -- <name> [--region VR13] [--from YYYY-MM] [--to YYYY-MM]
 *   [--phenomenon ..] [--receiving-party ..] [--source ..] [--role inspectie|nctv|regio|beheer]
 *   [--k 5] [--param key=value]... [--exact] [--json | --csv]
 * npm run metrics -- list [--role ..] [--json]
 *
 * Prints a metric from the local analytic store (WEEGWIJZER_DATA_DIR, default ./data) as a
 * table, or with --json exactly the API response. Every number passes the same disclosure
 * control as the API (cell-key noise), unless --exact: then the values are the store's own,
 * without noise (the k rules still apply) — for a data steward or a verification script,
 * who can read the files anyway. The API never serves exact values (except a regio caller's
 * own region). For analysts and for debugging.
 */
import { ROLES, UsageError, type Role } from '@weegwijzer/contract';
import {
  catalogue,
  MetricForbiddenError,
  MetricNotFoundError,
  MetricParamError,
  parseMetricRequest,
  runMetric,
  toCsv,
  type MetricResponse,
  type MetricTable,
} from '@weegwijzer/metrics';
import { AnalyticReader, NoSnapshotError, resolveDataDir } from '@weegwijzer/store';

const USAGE = `usage: npm run metrics -- <metric> [--region VR13]... [--from YYYY-MM] [--to YYYY-MM]
         [--phenomenon CODE] [--receiving-party CODE] [--source CODE]
         [--role inspectie|nctv|regio|beheer] [--k 5] [--param key=value]... [--exact] [--json | --csv]
       npm run metrics -- list [--role ROLE] [--json]
With --role regio, --region names the caller's own region.`;

interface Args {
  command: string;
  role: Role;
  regions: string[];
  from?: string;
  to?: string;
  phenomenon?: string;
  receiving_party?: string;
  source?: string;
  k?: number;
  params: Record<string, string>;
  format: 'table' | 'json' | 'csv';
  exact: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: '', role: 'inspectie', regions: [], params: {}, format: 'table', exact: false };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--region':
      case '--regions':
        args.regions.push(
          ...value(i, a)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        i++;
        break;
      case '--from':
        args.from = value(i, a);
        i++;
        break;
      case '--to':
        args.to = value(i, a);
        i++;
        break;
      case '--phenomenon':
        args.phenomenon = value(i, a);
        i++;
        break;
      case '--receiving-party':
      case '--receiving_party':
        args.receiving_party = value(i, a);
        i++;
        break;
      case '--source':
        args.source = value(i, a);
        i++;
        break;
      case '--role': {
        const role = value(i, a);
        if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got '${role}'`);
        args.role = role as Role;
        i++;
        break;
      }
      case '--k': {
        const k = Number(value(i, a));
        if (!Number.isInteger(k)) throw new UsageError(`--k must be a whole number`);
        args.k = k;
        i++;
        break;
      }
      case '--param': {
        const kv = value(i, a);
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new UsageError(`--param takes key=value, got '${kv}'`);
        args.params[kv.slice(0, eq)] = kv.slice(eq + 1);
        i++;
        break;
      }
      case '--json':
        args.format = 'json';
        break;
      case '--exact':
        args.exact = true;
        break;
      case '--csv':
        args.format = 'csv';
        break;
      case '-h':
      case '--help':
        args.command = 'help';
        break;
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        if (args.command) throw new UsageError(`unexpected argument '${a}'`);
        args.command = a;
    }
  }
  if (!args.command) throw new UsageError('name a metric, or list');
  return args;
}

function formatValue(v: unknown, kind: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v !== 'number') return String(v);
  switch (kind) {
    case 'count':
      return String(v);
    case 'share':
      return `${(v * 100).toFixed(1)}%`;
    case 'days':
      return v.toFixed(1);
    case 'probability':
      return v < 0.0001 ? v.toExponential(2) : v.toFixed(4);
    default:
      return Number.isInteger(v) ? String(v) : v.toFixed(3);
  }
}

function renderTable(t: MetricTable): string {
  const hidden = new Set(t.suppressed.map((s) => `${s.row}\u0000${s.column}`));
  const header = t.columns.map((c) => c.name);
  const body = t.rows.map((row, i) => t.columns.map((c) => (hidden.has(`${i}\u0000${c.name}`) ? 'x' : formatValue(row[c.name], c.kind))));
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const numeric = t.columns.map((c) => c.kind !== 'dimension');
  const line = (cells: string[]) =>
    cells
      .map((s, j) => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function printResponse(res: MetricResponse): void {
  const scope = Object.entries(res.scope)
    .filter(([k]) => k !== 'regions')
    .map(([k, v]) => `${k}=${v}`);
  const regions = res.scope.regions.length === 25 ? 'all regions' : res.scope.regions.join(',');
  const params = Object.entries(res.params).map(([k, v]) => `${k}=${v}`);
  console.log(`${res.metric} — ${regions}${scope.length ? `, ${scope.join(', ')}` : ''}${params.length ? ` (${params.join(', ')})` : ''}; k=${res.k}`);
  console.log(renderTable(res));
  if (res.links) {
    console.log('\nlinks');
    console.log(renderTable(res.links));
  }
  const reasons = [...new Set([...res.suppressed, ...(res.links?.suppressed ?? [])].map((s) => s.reason))];
  if (reasons.length) console.log(`\nx = suppressed (${reasons.join('; ')})`);
  if (typeof res.population_year === 'number') console.log(`population year: ${res.population_year}`);
  for (const n of res.notes) console.log(`note: ${n.en}`);
}

function printCatalogue(role: Role, json: boolean): void {
  const entries = catalogue(role);
  if (json) {
    console.log(JSON.stringify(entries, null, 2));
    return;
  }
  const width = Math.max(...entries.map((e) => e.name.length));
  for (const e of entries) {
    const params = e.params.map((p) => `--param ${p.name}=${p.values.join('|')}`).join(' ');
    console.log(`${e.name.padEnd(width)}  ${e.label.en} (${e.unit}; one row per ${e.grain})${params ? `\n${' '.repeat(width)}  ${params}` : ''}`);
  }
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (args.command === 'list') {
    printCatalogue(args.role, args.format === 'json');
    return 0;
  }
  const dataDir = resolveDataDir();
  const reader = new AnalyticReader({ dataDir });
  // the flags as the query string the API gets, through the same parser
  const query: Record<string, string> = { ...args.params };
  if (args.regions.length) query.regions = args.regions.join(',');
  for (const key of ['from', 'to', 'phenomenon', 'receiving_party', 'source'] as const) if (args[key] !== undefined) query[key] = args[key] as string;
  try {
    const { request } = parseMetricRequest(args.command, query, { role: args.role, region: args.role === 'regio' ? args.regions[0] : undefined, k: args.k });
    const res = await runMetric(args.command, request, reader.query, { exact: args.exact });
    if (args.format === 'json') console.log(JSON.stringify(res, null, 2));
    else if (args.format === 'csv') process.stdout.write(toCsv(res));
    else printResponse(res);
    return 0;
  } catch (e) {
    if (e instanceof MetricNotFoundError) {
      console.error(`${e.message}; npm run metrics -- list shows the metrics`);
      return 2;
    }
    if (e instanceof MetricParamError || e instanceof MetricForbiddenError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof NoSnapshotError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await reader.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);

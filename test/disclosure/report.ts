/**
 * `npm run disclosure:report`: how useful the released numbers are, measured on the demo data
 * (the generator's defaults of `npm start`: seed 1, scale 1, 2023–2025), loaded in memory.
 *
 * Prints, per metric and role, the share of count cells hidden over a fixed workload (the
 * whole span, each year, each quarter and each month of the last year; every value of each
 * metric parameter; regio as the demo regions VR13 and VR03), and checks the usefulness
 * promises of issue 8: no national total of a month-aligned period (every month, quarter and
 * year of the span) hidden in flow or trend; a region's own Sankey complete; the national
 * monthly trend per phenomenon without gaps.
 *
 * Written against the public API of @weegwijzer/metrics only (catalogue, runMetric), so the
 * same file runs on the last v1 commit (b11b49b) for the "before" figures:
 *   git worktree add /tmp/v1 b11b49b && cp test/disclosure/*.ts /tmp/v1/test/disclosure/ &&
 *   (cd /tmp/v1 && ln -s /path/to/node_modules && node -r @swc-node/register test/disclosure/report.ts)
 * Options: --scale <x> --seed <n> --json <file>.
 */
import { writeFileSync } from 'node:fs';
import { catalogue, runMetric, type MetricResponse } from '@weegwijzer/metrics';
import { demoDb } from './demo-db';

type Role = 'inspectie' | 'nctv' | 'regio' | 'beheer';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (y: number, m: number) => `${y}-${pad(m)}-01`;
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;

interface Period {
  label: string;
  from: string;
  to: string;
}

function periodsOf(firstYear: number, lastYear: number): { months: Period[]; quarters: Period[]; years: Period[]; span: Period } {
  const months: Period[] = [];
  const quarters: Period[] = [];
  const years: Period[] = [];
  for (let y = firstYear; y <= lastYear; y++) {
    years.push({ label: String(y), from: monthStart(y, 1), to: monthEnd(y, 12) });
    for (let q = 1; q <= 4; q++) quarters.push({ label: `${y}-Q${q}`, from: monthStart(y, q * 3 - 2), to: monthEnd(y, q * 3) });
    for (let m = 1; m <= 12; m++) months.push({ label: `${y}-${pad(m)}`, from: monthStart(y, m), to: monthEnd(y, m) });
  }
  return { months, quarters, years, span: { label: `${firstYear}–${lastYear}`, from: monthStart(firstYear, 1), to: monthEnd(lastYear, 12) } };
}

interface Tally {
  cells: number;
  hidden: number;
  requests: number;
}

function countCells(res: MetricResponse, tally: Tally, reference: Set<string>): void {
  for (const table of [res, res.links]) {
    if (!table) continue;
    const counts = table.columns.filter((c) => c.kind === 'count' && !reference.has(c.name)).map((c) => c.name);
    for (const row of table.rows) {
      for (const c of counts) {
        tally.cells++;
        if (row[c] === null || row[c] === undefined) tally.hidden++;
      }
    }
  }
}

async function main(): Promise<void> {
  const scale = Number(arg('scale') ?? 1);
  const seed = Number(arg('seed') ?? 1);
  const t0 = Date.now();
  const db = await demoDb({ scale, seed, years: 3, endYear: 2025 });
  const { months, quarters, years, span } = periodsOf(2023, 2025);
  const workload: Period[] = [span, ...years, ...quarters.filter((q) => q.label.startsWith('2025')), ...months.filter((m) => m.label.startsWith('2025'))];
  const roles: { role: Role; region?: string; label: string }[] = [
    { role: 'inspectie', label: 'inspectie' },
    { role: 'nctv', label: 'nctv' },
    { role: 'regio', region: 'VR13', label: 'regio VR13' },
    { role: 'regio', region: 'VR03', label: 'regio VR03' },
  ];
  const version = typeof ((await import('@weegwijzer/metrics')) as Record<string, unknown>).binZones === 'function' ? 'v2 (cell-key noise)' : 'v1 (suppression)';
  console.log(`Disclosure report, ${version}: demo data seed ${seed}, scale ${scale} (${db.signals} signals, ${db.firstMonth}..${db.lastMonth}), k = 5`);
  console.log(`Workload per metric and role: ${workload.length} periods (2023–2025, each year, each quarter and month of 2025) × every value of each parameter.\n`);

  const table: Record<string, Record<string, Tally>> = {};
  const all = catalogue('inspectie');
  for (const entry of all) {
    for (const r of roles) {
      if (!entry.roles.includes(r.role)) continue;
      const variants: Record<string, string>[] = [{}];
      for (const p of entry.params) for (const v of p.values) if (v !== p.default) variants.push({ [p.name]: v });
      const reference = new Set(entry.columns.filter((c) => (c as { reference?: boolean }).reference).map((c) => c.name));
      const tally: Tally = { cells: 0, hidden: 0, requests: 0 };
      for (const p of workload) {
        for (const params of variants) {
          const res = await runMetric(entry.name, { role: r.role, region: r.region, k: 5, scope: { from: p.from, to: p.to }, params } as never, db.query);
          tally.requests++;
          countCells(res, tally, reference);
        }
      }
      (table[entry.name] ??= {})[r.label] = tally;
    }
  }
  const pct = (t?: Tally) => (t ? (t.cells === 0 ? '–' : `${((100 * t.hidden) / t.cells).toFixed(1)}%`) : 'n/a');
  console.log(`Share of count cells hidden (null), per metric and role:\n`);
  console.log(`| metric | ${roles.map((r) => r.label).join(' | ')} | cells (nctv) |`);
  console.log(`|---|${roles.map(() => '---:').join('|')}|---:|`);
  for (const [metric, byRole] of Object.entries(table)) {
    console.log(`| ${metric} | ${roles.map((r) => pct(byRole[r.label])).join(' | ')} | ${byRole.nctv?.cells ?? byRole.inspectie?.cells ?? 0} |`);
  }
  const total = (label: string) => {
    const t = Object.values(table).reduce((s, byRole) => ({ cells: s.cells + (byRole[label]?.cells ?? 0), hidden: s.hidden + (byRole[label]?.hidden ?? 0), requests: 0 }), {
      cells: 0,
      hidden: 0,
      requests: 0,
    });
    return pct(t);
  };
  console.log(`| **all metrics** | ${roles.map((r) => total(r.label)).join(' | ')} | |`);

  // --- the usefulness promises ---------------------------------------------------------
  const checks: { check: string; result: string; ok: boolean }[] = [];
  // 1. national totals of every month, quarter and year: flow (signals) and trend (per category)
  let natPeriods = 0;
  const natHidden: string[] = [];
  const natCellsHidden: string[] = [];
  for (const p of [...months, ...quarters, ...years]) {
    const flow = await runMetric('flow', { role: 'nctv', k: 5, scope: { from: p.from, to: p.to } } as never, db.query);
    const nat = flow.rows.find((r) => r.region_code === null);
    natPeriods++;
    if (!nat || nat.signals === null) natHidden.push(`flow ${p.label}`);
    for (const c of flow.columns.filter((c) => c.kind === 'count')) if (nat && nat[c.name] === null) natCellsHidden.push(`flow ${p.label} ${c.name}`);
    const trend = await runMetric('trend', { role: 'nctv', k: 5, scope: { from: p.from, to: p.to }, params: { by: 'phenomenon' } } as never, db.query);
    const natTrend = trend.rows.filter((r) => r.region_code === null);
    const sum = natTrend.reduce((s, r) => s + ((r.signals as number | null) ?? 0), 0);
    if (natTrend.length === 0 || sum === 0) natHidden.push(`trend ${p.label}`);
  }
  checks.push({
    check: `national total (flow signals, trend) of every month, quarter and year (${natPeriods} periods)`,
    result: natHidden.length === 0 ? 'none hidden' : `${natHidden.length} hidden: ${natHidden.slice(0, 6).join(', ')}`,
    ok: natHidden.length === 0,
  });
  checks.push({
    check: 'national flow row: other count cells hidden over those periods (small outcomes may be)',
    result: `${natCellsHidden.length}${natCellsHidden.length ? ` (e.g. ${natCellsHidden.slice(0, 4).join(', ')})` : ''}`,
    ok: true,
  });
  // 2. a region's own Sankey (flow links) complete, for every region, over the span and Q4 2025
  const incomplete: string[] = [];
  let sankeys = 0;
  for (const region of [
    'VR01',
    'VR02',
    'VR03',
    'VR04',
    'VR05',
    'VR06',
    'VR07',
    'VR08',
    'VR09',
    'VR10',
    'VR11',
    'VR12',
    'VR13',
    'VR14',
    'VR15',
    'VR16',
    'VR17',
    'VR18',
    'VR19',
    'VR20',
    'VR21',
    'VR22',
    'VR23',
    'VR24',
    'VR25',
  ]) {
    for (const p of [span, quarters[quarters.length - 1]]) {
      const res = await runMetric('flow', { role: 'regio', region, k: 5, scope: { from: p.from, to: p.to } } as never, db.query);
      sankeys++;
      const links = res.links?.rows ?? [];
      const own = res.rows.find((r) => r.region_code === region);
      const nullLinks = links.filter((l) => l.value === null).length;
      const nullOwn = own ? res.columns.filter((c) => c.kind === 'count' && own[c.name] === null).length : 0;
      const [truth] = await db.query(
        `SELECT count(*) FILTER (WHERE final_wp_outcome = 'casusoverleg')::INTEGER AS c FROM signal_facts WHERE region_code = ? AND received_at BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)`,
        [region, p.from, p.to],
      );
      const casus = links.some((l) => String(l.target) === 'outcome:casusoverleg' && typeof l.value === 'number' && l.value > 0);
      if (nullLinks > 0 || nullOwn > 0 || (Number(truth.c) > 0 && !casus))
        incomplete.push(`${region} ${p.label} (${nullLinks} hidden links, ${nullOwn} hidden own counts${Number(truth.c) > 0 && !casus ? ', no Casusoverleg node' : ''})`);
    }
  }
  checks.push({
    check: `a region's own Sankey complete (every region, 2023–2025 and 2025-Q4: ${sankeys} Sankeys)`,
    result: incomplete.length === 0 ? 'all complete, Casusoverleg present wherever there is one' : `${incomplete.length} incomplete: ${incomplete.slice(0, 4).join('; ')}`,
    ok: incomplete.length === 0,
  });
  // 3. the national monthly trend per phenomenon: no gaps
  const trend = await runMetric('trend', { role: 'nctv', k: 5, scope: { from: span.from, to: span.to }, params: { by: 'phenomenon' } } as never, db.query);
  const nat = trend.rows.filter((r) => r.region_code === null);
  const gaps = nat.filter((r) => r.signals === null);
  checks.push({
    check: `national monthly trend per phenomenon, 2023–2025 (${nat.length} values)`,
    result: gaps.length === 0 ? 'no gaps' : `${gaps.length} gaps (${[...new Set(gaps.map((g) => String(g.category)))].join(', ')})`,
    ok: gaps.length === 0,
  });
  // also a region's monthly trend (the issue: "mostly gaps")
  const regional = await runMetric('trend', { role: 'nctv', k: 5, scope: { from: span.from, to: span.to, regions: ['VR13'] }, params: { by: 'phenomenon' } } as never, db.query);
  const vr13 = regional.rows.filter((r) => r.region_code === 'VR13');
  checks.push({
    check: `VR13's monthly trend per phenomenon as nctv sees it (${vr13.length} values)`,
    result: `${vr13.filter((r) => r.signals === null).length} hidden`,
    ok: true,
  });

  console.log(`\nUsefulness checks:\n`);
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.check}: ${c.result}`);
  console.log(`\n(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const out = arg('json');
  if (out) writeFileSync(out, JSON.stringify({ version, seed, scale, signals: db.signals, table, checks }, null, 2) + '\n');
  db.close();
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});

/**
 * An adversary with the API's view, for the attack suite of disclosure control v2
 * (METRICS.md "Disclosure control, version 2", rule 10). It reads responses only — released
 * values, `null` with its reason, which rows exist — and what is public: the catalogue, the
 * code lists, the calendar-bin rule (a period's count is the sum of the released values of
 * its bins), the ptable's range (noise in −D..+D, a true 0 stays 0, nothing negative) and
 * the identities between cells (signals = direct + via + dropped + pending, national = Σ
 * regions, year = Σ quarters = Σ months, a total = Σ over a filter's codes, ...).
 *
 * Its inference is bounds propagation over integers: every cell c has an unknown true value
 * t_c ≥ 0 and an unknown released value p_c ≥ 0 with |p_c − t_c| ≤ D and t_c = 0 ⇔ p_c = 0;
 * a released period value v is Σ_bins p = v, a hidden one 1 ≤ Σ p ≤ k − 1; a regio's own
 * rows give Σ t exactly; a row that exists has Σ t ≥ 1, one that does not has t = 0; a
 * median shown (or hidden as "fewer than k units") says its base is ≥ k (or < k). The
 * identities are linear constraints on the t's. After propagation to a fixpoint, each target
 * is probed value by value (a value is infeasible when fixing it makes propagation fail), so
 * the feasible set is that of singleton consistency — stronger than plain intervals. A count
 * is "recovered exactly" when its feasible set is a single value.
 *
 * The truth is read straight from `signal_facts` with SQL (independent of the library), and
 * the suite checks that the truth satisfies every identity and lies inside every final
 * interval (a sound model never excludes the truth).
 */
import { DROP_OUTCOMES, EXPLICIT_FRAMEWORKS, FRAMEWORKS, PHENOMENA, RECEIVING_PARTIES, REGION_CODES, SOURCES, type QueryFn } from '@weegwijzer/contract';
import { binsOf, binZones, catalogue, monthIndex, type MetricRequest, type MetricResponse } from '@weegwijzer/metrics';

/** The ptable's maximum noise (public: catalogue `disclosure.ptable.max_noise`). */
/** The ptable's largest noise, as the catalogue publishes it (the attacker knows the method). */
export const D = catalogue('nctv')[0].disclosure.ptable.max_noise;
const BIG = 1e7;
const ANY = '*';

/** A count cell: a measure of signals, for one region or the nation (`NL`), one calendar bin, and the filters. */
export interface Cell {
  m: string;
  r: string;
  b: number;
  ph: string;
  rp: string;
  src: string;
}

export const cellKey = (c: Cell) => `${c.m}|${c.r}|${c.b}|${c.ph}|${c.rp}|${c.src}`;

// ---------------------------------------------------------------------------------------
// truth, from SQL on the snapshot
// ---------------------------------------------------------------------------------------

interface Atom {
  r: string;
  ym: number;
  ph: string;
  rp: string;
  src: string;
  path: string;
  out: string | null;
  pre: boolean;
  lpo: string | null;
  lpf: string | null;
  decided: boolean;
  n: number;
}

const explicit = new Set<string>(EXPLICIT_FRAMEWORKS);
/** Which signals each measure counts (the metric definitions' meaning, written out independently). */
export const MEASURES: Record<string, (a: Atom) => boolean> = {
  signals: () => true,
  direct: (a) => a.path === 'direct',
  via_pre_weging: (a) => a.path === 'via_pre_weging',
  dropped: (a) => a.path === 'dropped',
  pending: (a) => a.path === 'pending',
  reached: (a) => a.path === 'direct' || a.path === 'via_pre_weging',
  casusoverleg: (a) => a.out === 'casusoverleg',
  geen_casusoverleg: (a) => a.out === 'geen_casusoverleg',
  nadere_duiding: (a) => a.out === 'nadere_duiding',
  with_pre: (a) => a.pre,
  decided: (a) => a.decided,
  dropped_explicit: (a) => a.path === 'dropped' && explicit.has(a.lpf ?? ''),
  dropped_judgement: (a) => a.path === 'dropped' && !explicit.has(a.lpf ?? ''),
  ...Object.fromEntries(DROP_OUTCOMES.map((o) => [`dropped_${o}`, (a: Atom) => a.path === 'dropped' && a.lpo === o])),
  ...Object.fromEntries(FRAMEWORKS.map((f) => [`dropped_fw_${f}`, (a: Atom) => a.path === 'dropped' && a.lpf === f])),
};

function inBin(ym: number, b: number): boolean {
  if (b >= 100000) return ym === b;
  const y = Math.floor(ym / 100);
  if (b >= 10000) return y === Math.floor(b / 10) && Math.ceil((ym % 100) / 3) === b % 10;
  return y === b;
}

export class Truth {
  private constructor(private readonly atoms: Atom[]) {}

  static async load(query: QueryFn): Promise<Truth> {
    const rows = await query(`SELECT region_code AS r, CAST(year(received_at) * 100 + month(received_at) AS INTEGER) AS ym, phenomenon AS ph,
  receiving_party AS rp, source AS src, path, final_wp_outcome AS out, has_pre AS pre, last_pre_outcome AS lpo,
  last_pre_framework AS lpf, decision_date IS NOT NULL AS decided, CAST(count(*) AS INTEGER) AS n
FROM signal_facts GROUP BY ALL`);
    return new Truth(rows.map((x) => ({ ...(x as unknown as Atom), n: Number(x.n) })));
  }

  private readonly memo = new Map<string, number>();

  of(c: Cell): number {
    const id = cellKey(c);
    const hit = this.memo.get(id);
    if (hit !== undefined) return hit;
    const pred = MEASURES[c.m];
    if (!pred) throw new Error(`unknown measure ${c.m}`);
    let n = 0;
    for (const a of this.atoms) {
      if ((c.r === 'NL' || a.r === c.r) && inBin(a.ym, c.b) && (c.ph === ANY || a.ph === c.ph) && (c.rp === ANY || a.rp === c.rp) && (c.src === ANY || a.src === c.src) && pred(a))
        n += a.n;
    }
    this.memo.set(id, n);
    return n;
  }
}

// ---------------------------------------------------------------------------------------
// bounds propagation
// ---------------------------------------------------------------------------------------

interface Constraint {
  vars: number[];
  coefs: number[];
  L: number;
  U: number;
}

/** Integer variables with bounds, linear constraints L ≤ Σ a·x ≤ U, and zero links (t = 0 ⇔ p = 0). */
export class Solver {
  lo: number[] = [];
  hi: number[] = [];
  private readonly cons: (Constraint | { zero: [number, number] })[] = [];
  private readonly byVar: number[][] = [];

  newVar(lo = 0, hi = BIG): number {
    this.lo.push(lo);
    this.hi.push(hi);
    this.byVar.push([]);
    return this.lo.length - 1;
  }

  add(vars: number[], coefs: number[], L: number, U: number): void {
    const i = this.cons.length;
    this.cons.push({ vars, coefs, L, U });
    for (const v of new Set(vars)) this.byVar[v].push(i);
  }

  zero(t: number, p: number): void {
    const i = this.cons.length;
    this.cons.push({ zero: [t, p] });
    this.byVar[t].push(i);
    this.byVar[p].push(i);
  }

  /** Propagates to a fixpoint in place; false when some constraint cannot hold. */
  propagate(lo: number[], hi: number[], start?: number[], trail?: number[]): boolean {
    const queue: number[] = start ? [...new Set(start.flatMap((v) => this.byVar[v]))] : this.cons.map((_, i) => i);
    const queued = new Uint8Array(this.cons.length);
    for (const c of queue) queued[c] = 1;
    const tighten = (v: number, l: number, h: number): boolean => {
      let changed = false;
      if (trail && (l > lo[v] || h < hi[v])) trail.push(v, lo[v], hi[v]);
      if (l > lo[v]) {
        lo[v] = l;
        changed = true;
      }
      if (h < hi[v]) {
        hi[v] = h;
        changed = true;
      }
      if (changed) {
        for (const c of this.byVar[v]) {
          if (!queued[c]) {
            queued[c] = 1;
            queue.push(c);
          }
        }
      }
      return lo[v] <= hi[v];
    };
    for (let qi = 0; qi < queue.length; qi++) {
      const ci = queue[qi];
      queued[ci] = 0;
      const c = this.cons[ci];
      if ('zero' in c) {
        const [t, p] = c.zero;
        if (lo[p] >= 1 && !tighten(t, 1, hi[t])) return false;
        if (hi[t] === 0 && !tighten(p, 0, 0)) return false;
        continue;
      }
      let minSum = 0;
      let maxSum = 0;
      for (let j = 0; j < c.vars.length; j++) {
        const a = c.coefs[j];
        const v = c.vars[j];
        minSum += a > 0 ? a * lo[v] : a * hi[v];
        maxSum += a > 0 ? a * hi[v] : a * lo[v];
      }
      if (minSum > c.U || maxSum < c.L) return false;
      for (let j = 0; j < c.vars.length; j++) {
        const a = c.coefs[j];
        const v = c.vars[j];
        const min = a > 0 ? a * lo[v] : a * hi[v];
        const max = a > 0 ? a * hi[v] : a * lo[v];
        const up = c.U - (minSum - min); // a·x ≤ up
        const down = c.L - (maxSum - max); // a·x ≥ down
        const ok = a > 0 ? tighten(v, Math.ceil(down / a - 1e-9), Math.floor(up / a + 1e-9)) : tighten(v, Math.ceil(up / a - 1e-9), Math.floor(down / a + 1e-9));
        if (!ok) return false;
        if (qi > 5_000_000) throw new Error('propagation does not converge');
      }
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------
// the adversary
// ---------------------------------------------------------------------------------------

interface Identity {
  terms: { cell: Cell; coef: number }[];
  L: number;
  U: number;
  name: string;
}

/** Identities between measures of the same region, bin and filters (verified against the truth). */
const MEASURE_IDENTITIES: { name: string; terms: [string, number][]; L: number; U: number }[] = [
  {
    name: 'signals = direct + via + dropped + pending',
    terms: [
      ['signals', 1],
      ['direct', -1],
      ['via_pre_weging', -1],
      ['dropped', -1],
      ['pending', -1],
    ],
    L: 0,
    U: 0,
  },
  {
    name: 'reached = direct + via',
    terms: [
      ['reached', 1],
      ['direct', -1],
      ['via_pre_weging', -1],
    ],
    L: 0,
    U: 0,
  },
  {
    name: 'reached = Σ final outcomes',
    terms: [
      ['reached', 1],
      ['casusoverleg', -1],
      ['geen_casusoverleg', -1],
      ['nadere_duiding', -1],
    ],
    L: 0,
    U: 0,
  },
  { name: 'dropped = Σ dropping outcomes', terms: [['dropped', 1], ...DROP_OUTCOMES.map((o) => [`dropped_${o}`, -1] as [string, number])], L: 0, U: 0 },
  { name: 'dropped = Σ frameworks', terms: [['dropped', 1], ...FRAMEWORKS.map((f) => [`dropped_fw_${f}`, -1] as [string, number])], L: 0, U: 0 },
  {
    name: 'dropped = explicit + judgement',
    terms: [
      ['dropped', 1],
      ['dropped_explicit', -1],
      ['dropped_judgement', -1],
    ],
    L: 0,
    U: 0,
  },
  {
    name: 'dropped_explicit = Σ explicit frameworks',
    terms: [['dropped_explicit', 1], ...EXPLICIT_FRAMEWORKS.map((f) => [`dropped_fw_${f}`, -1] as [string, number])],
    L: 0,
    U: 0,
  },
  {
    name: 'with_pre ≥ via + dropped',
    terms: [
      ['with_pre', 1],
      ['via_pre_weging', -1],
      ['dropped', -1],
    ],
    L: 0,
    U: BIG,
  },
  {
    name: 'with_pre ≤ via + dropped + pending',
    terms: [
      ['with_pre', 1],
      ['via_pre_weging', -1],
      ['dropped', -1],
      ['pending', -1],
    ],
    L: -BIG,
    U: 0,
  },
  {
    name: 'decided ≤ reached',
    terms: [
      ['decided', 1],
      ['reached', -1],
    ],
    L: -BIG,
    U: 0,
  },
  {
    name: 'decided ≥ casusoverleg + geen_casusoverleg',
    terms: [
      ['decided', 1],
      ['casusoverleg', -1],
      ['geen_casusoverleg', -1],
    ],
    L: 0,
    U: BIG,
  },
];

const FILTER_CODES = { ph: PHENOMENA, rp: RECEIVING_PARTIES, src: SOURCES } as const;

export interface AttackFigures {
  requests: number;
  observations: number;
  cells: number;
  identities: number;
  /** Cells (in the attacker's model) whose true value is 1..k−1. */
  attacked: number;
  recovered: number;
  /** Of the attacked cells: how often the middle of the feasible set, rounded, was the true value. */
  naiveRight: number;
  /** Attacked cells by the size of their feasible set. */
  feasibleSizes: Record<number, number>;
  recoveredCells: { cell: string; truth: number }[];
  /** The feasible set of every attacked cell, by cell key. */
  feasible: Map<string, number[]>;
}

export class Adversary {
  readonly solver = new Solver();
  private readonly t = new Map<string, number>();
  private readonly p = new Map<string, number>();
  readonly cells = new Map<string, Cell>();
  private readonly seen = new Set<string>();
  private identities = 0;
  requests = 0;
  observations = 0;
  private context = '';
  /** Regions whose `regio` user takes part (their own cells are theirs: not targets). */
  readonly ownRegions = new Set<string>();

  /** With the truth at hand, every observation is checked as it is read (a wrong reading of a response fails loudly). */
  constructor(
    readonly k: number,
    private readonly check?: Truth,
    /** Channels the attacker reads (all by default): released values, row existence, median visibility, own rows. */
    readonly channels: { existence?: boolean; medians?: boolean } = {},
    /** The ptable's maximum noise the attacker assumes (published). */
    readonly maxNoise: number = D,
  ) {}

  private tVar(c: Cell): number {
    const id = cellKey(c);
    let v = this.t.get(id);
    if (v === undefined) {
      v = this.solver.newVar();
      this.t.set(id, v);
      this.cells.set(id, c);
    }
    return v;
  }

  private pVar(c: Cell): number {
    const id = cellKey(c);
    let v = this.p.get(id);
    if (v === undefined) {
      const t = this.tVar(c);
      v = this.solver.newVar();
      this.p.set(id, v);
      this.solver.add([v, t], [1, -1], -this.maxNoise, this.maxNoise);
      this.solver.zero(t, v);
    }
    this.seen.add(id);
    return v;
  }

  /** Σ over bins of the released values = v; or hidden: 1..k−1. */
  releasedSum(cells: Cell[], v: number | 'hidden'): void {
    this.observations++;
    if (this.check) {
      const t = cells.reduce((s, c) => s + (this.check as Truth).of(c), 0);
      const lo = v === 'hidden' ? 1 : v;
      const hi = v === 'hidden' ? this.k - 1 : v;
      if (hi < t - this.maxNoise * cells.length || lo > t + this.maxNoise * cells.length || (t === 0 && lo > 0))
        throw new Error(`released ${v} for ${cells.map(cellKey).join(' + ')} whose truth is ${t}`);
    }
    const vars = cells.map((c) => this.pVar(c));
    if (v === 'hidden')
      this.solver.add(
        vars,
        vars.map(() => 1),
        1,
        this.k - 1,
      );
    else
      this.solver.add(
        vars,
        vars.map(() => 1),
        v,
        v,
      );
  }

  trueSum(cells: Cell[], lo: number, hi: number): void {
    this.observations++;
    if (this.check) {
      const t = cells.reduce((s, c) => s + (this.check as Truth).of(c), 0);
      if (t < lo || t > hi) throw new Error(`read ${lo}..${hi} for ${cells.map(cellKey).join(' + ')} whose truth is ${t} (${this.context})`);
    }
    for (const c of cells) this.seen.add(cellKey(c));
    const vars = cells.map((c) => this.tVar(c));
    this.solver.add(
      vars,
      vars.map(() => 1),
      lo,
      hi,
    );
  }

  /**
   * Reads one response: every count cell of every region / total row, hidden values, the
   * rows that exist and those that do not, the visibility of medians, and (regio) the own
   * rows' exact values. `request` is what the attacker sent (bounded period).
   */
  read(metric: string, request: MetricRequest, res: MetricResponse): void {
    this.requests++;
    this.context = `${metric} ${JSON.stringify(request)}`;
    const scope = request.scope;
    if (!scope.from || !scope.to) throw new Error('the adversary always sends a bounded period');
    const params = res.params;
    const countCols = res.columns.filter((c) => c.kind === 'count').map((c) => c.name);
    const hidden = new Set(res.suppressed.map((s) => `${s.row}|${s.column}`));
    const reasonOf = new Map(res.suppressed.map((s) => [`${s.row}|${s.column}`, s.reason]));
    const largest = metric === 'trend' ? (params.grain as 'month' | 'quarter' | 'year') : 'year';
    const allBins = binsOf(binZones(monthIndex(scope.from), monthIndex(scope.to), largest));
    const periodOfBin = (b: number): string => {
      const s = String(b);
      if (largest === 'month') return `${s.slice(0, 4)}-${s.slice(4)}`;
      if (largest === 'year') return s.slice(0, 4);
      // quarter grain: month and quarter bins of the same quarter
      const y = s.slice(0, 4);
      const q = b >= 100000 ? Math.ceil((b % 100) / 3) : b % 10;
      return `${y}-Q${q}`;
    };
    const base: Omit<Cell, 'm' | 'r' | 'b'> = { ph: scope.phenomenon ?? ANY, rp: scope.receiving_party ?? ANY, src: scope.source ?? ANY };
    const present = new Set<string>();
    const regio = request.role === 'regio';
    // a response that lists every region (× receiving party) in scope, data or not, says nothing by a row's existence
    const scopeRegions = regio ? [request.region as string] : (scope.regions ?? REGION_CODES);
    const scopeParties = metric === 'dropoff' && params.by === 'receiving_party' ? RECEIVING_PARTIES : [null];
    const listed = new Set(
      res.rows
        .filter((row) => row.group === 'region' || row.group === 'own')
        .map((row) => `${row.region_code}|${metric === 'dropoff' && params.by === 'receiving_party' ? row.receiving_party : null}`),
    );
    const listsEveryRow = metric !== 'trend' && scopeRegions.every((r) => scopeParties.every((rp) => listed.has(`${r}|${rp}`)));
    if (regio) this.ownRegions.add(request.region as string);

    res.rows.forEach((row, i) => {
      const group = String(row.group);
      if (group !== 'region' && group !== 'total' && group !== 'own') return; // peer statistics: not modelled
      const r = row.region_code === null ? 'NL' : String(row.region_code);
      const f = { ...base };
      if (metric === 'dropoff' && params.by === 'receiving_party') f.rp = String(row.receiving_party);
      let bins = allBins;
      if (metric === 'trend') {
        const dim = params.by === 'phenomenon' ? 'ph' : params.by === 'source' ? 'src' : 'rp';
        f[dim] = String(row.category);
        bins = allBins.filter((b) => periodOfBin(b) === row.period);
      } else present.add(`${r}|${f.rp}`);
      for (const col of countCols) {
        const m = metric === 'trend' ? 'signals' : col;
        if (!(m in MEASURES)) continue;
        const cells = bins.map((b) => ({ m, r, b, ...f }));
        const v = row[col];
        if (group === 'own') this.trueSum(cells, v as number, v as number);
        else if (typeof v === 'number') this.releasedSum(cells, v);
        else if (hidden.has(`${i}|${col}`) && reasonOf.get(`${i}|${col}`) === 'count below k') this.releasedSum(cells, 'hidden');
      }
      if (metric !== 'trend' && this.channels.existence !== false && !listsEveryRow) {
        // the row exists: at least one signal in it
        this.trueSum(
          bins.map((b) => ({ m: 'signals', r, b, ...f })),
          1,
          BIG,
        );
      }
      if (metric === 'leadtime' && group !== 'own' && this.channels.medians !== false) {
        for (const [stat, baseCol] of [
          ['median_days_to_first_wp', 'reached'],
          ['median_days_to_decision', 'decided'],
        ] as const) {
          const cells = bins.map((b) => ({ m: baseCol, r, b, ...f }));
          if (typeof row[stat] === 'number') this.trueSum(cells, this.k, BIG);
          // hidden although the released base is ≥ k: the true base is below k
          // hidden although the released base is ≥ k + D: the true base is below k (the rule as published)
          else if (typeof row[baseCol] === 'number' && (row[baseCol] as number) >= this.k + this.maxNoise && reasonOf.get(`${i}|${stat}`) === 'fewer than k units')
            this.trueSum(cells, 0, this.k - 1);
        }
      }
    });

    // rows that do not exist: no signal there (flow, dropoff, leadtime list every region with data)
    if (metric !== 'trend' && this.channels.existence !== false && !listsEveryRow) {
      const regions = regio ? [request.region as string] : (scope.regions ?? REGION_CODES);
      const rps = metric === 'dropoff' && params.by === 'receiving_party' ? RECEIVING_PARTIES : [base.rp];
      for (const r of regions) {
        for (const rp of rps) {
          if (present.has(`${r}|${rp}`)) continue;
          this.trueSum(
            allBins.map((b) => ({ m: 'signals', r, b, ...base, rp })),
            0,
            0,
          );
        }
      }
    }
  }

  /** Adds every identity that ties cells the attacker has seen; each is checked against the truth. */
  close(truth: Truth): void {
    const added = new Set<string>();
    const seen = [...this.seen].map((id) => this.cells.get(id) as Cell);
    const seenIds = new Set(this.seen);
    const add = (id: Identity) => {
      const key = id.name + '#' + id.terms.map((x) => `${x.coef}${cellKey(x.cell)}`).join(',');
      if (added.has(key)) return;
      added.add(key);
      const sum = id.terms.reduce((s, x) => s + x.coef * truth.of(x.cell), 0);
      if (sum < id.L || sum > id.U) throw new Error(`identity '${id.name}' does not hold on the data: ${id.terms.map((x) => cellKey(x.cell)).join(' ')} gives ${sum}`);
      const vars = id.terms.map((x) => this.tVar(x.cell));
      this.solver.add(
        vars,
        id.terms.map((x) => x.coef),
        id.L,
        id.U,
      );
      this.identities++;
    };
    // index: the seen cells with one field generalised
    const without = (c: Cell, field: keyof Cell) => cellKey({ ...c, [field]: field === 'b' ? 0 : '~' });
    const partsSeen = new Map<string, Set<string>>();
    for (const c of seen) {
      for (const field of ['r', 'ph', 'rp', 'src', 'm'] as const) {
        const id = without(c, field);
        let s = partsSeen.get(field + id);
        if (!s) partsSeen.set(field + id, (s = new Set()));
        s.add(String(c[field]));
      }
    }
    const partSeen = (c: Cell, field: keyof Cell) => [...(partsSeen.get(field + without(c, field)) ?? [])].some((v) => v !== String(c[field]) && v !== ANY && v !== 'NL');
    for (const c of seen) {
      // national = Σ regions
      if (c.r === 'NL' && partSeen(c, 'r'))
        add({ name: 'national = Σ regions', terms: [{ cell: c, coef: 1 }, ...REGION_CODES.map((r) => ({ cell: { ...c, r }, coef: -1 }))], L: 0, U: 0 });
      // total = Σ over a filter's codes
      for (const field of ['ph', 'rp', 'src'] as const) {
        if (c[field] === ANY && partSeen(c, field)) {
          add({ name: `total = Σ ${field}`, terms: [{ cell: c, coef: 1 }, ...FILTER_CODES[field].map((x) => ({ cell: { ...c, [field]: x }, coef: -1 }))], L: 0, U: 0 });
        }
      }
      // year = Σ quarters, quarter = Σ months
      const months = (y: number, q: number) => [1, 2, 3].map((i) => y * 100 + (q - 1) * 3 + i);
      if (c.b < 10000) {
        add({ name: 'year = Σ quarters', terms: [{ cell: c, coef: 1 }, ...[1, 2, 3, 4].map((q) => ({ cell: { ...c, b: c.b * 10 + q }, coef: -1 }))], L: 0, U: 0 });
        for (let q = 1; q <= 4; q++)
          add({ name: 'quarter = Σ months', terms: [{ cell: { ...c, b: c.b * 10 + q }, coef: 1 }, ...months(c.b, q).map((b) => ({ cell: { ...c, b }, coef: -1 }))], L: 0, U: 0 });
      } else if (c.b < 100000) {
        add({ name: 'quarter = Σ months', terms: [{ cell: c, coef: 1 }, ...months(Math.floor(c.b / 10), c.b % 10).map((b) => ({ cell: { ...c, b }, coef: -1 }))], L: 0, U: 0 });
      }
      // measures of the same region, bin and filters
      for (const mi of MEASURE_IDENTITIES) {
        const ms = mi.terms.map(([m]) => m);
        if (!ms.includes(c.m)) continue;
        const seenHere = ms.filter((m) => seenIds.has(cellKey({ ...c, m }))).length;
        if (seenHere >= 2) add({ name: mi.name, terms: mi.terms.map(([m, coef]) => ({ cell: { ...c, m }, coef })), L: mi.L, U: mi.U });
      }
    }
  }

  /**
   * Propagates, checks the truth is inside every interval, and probes every cell whose true
   * value is 1..k−1.
   */
  attack(truth: Truth): AttackFigures {
    this.close(truth);
    const s = this.solver;
    const lo = [...s.lo];
    const hi = [...s.hi];
    if (!s.propagate(lo, hi)) throw new Error('the released values are inconsistent with the attacker model');
    for (const [id, v] of this.t) {
      const x = truth.of(this.cells.get(id) as Cell);
      if (x < lo[v] || x > hi[v]) throw new Error(`unsound model: ${id} is ${x}, attacker bounds [${lo[v]}, ${hi[v]}]`);
    }
    const figures: AttackFigures = {
      requests: this.requests,
      observations: this.observations,
      cells: this.t.size,
      identities: this.identities,
      attacked: 0,
      recovered: 0,
      naiveRight: 0,
      feasibleSizes: {},
      recoveredCells: [],
      feasible: new Map(),
    };
    for (const [id, v] of this.t) {
      const cell = this.cells.get(id) as Cell;
      const x = truth.of(cell);
      if (x < 1 || x > this.k - 1 || this.ownRegions.has(cell.r)) continue;
      figures.attacked++;
      const feasible: number[] = [];
      for (let value = lo[v]; value <= Math.min(hi[v], lo[v] + 40); value++) {
        const trail: number[] = [v, lo[v], hi[v]];
        lo[v] = hi[v] = value;
        if (s.propagate(lo, hi, [v], trail)) feasible.push(value);
        for (let j = trail.length - 3; j >= 0; j -= 3) {
          lo[trail[j]] = trail[j + 1];
          hi[trail[j]] = trail[j + 2];
        }
      }
      if (!feasible.includes(x)) throw new Error(`unsound probe: ${id} is ${x}, feasible ${feasible.join(',')}`);
      figures.feasible.set(id, feasible);
      const size = hi[v] > lo[v] + 40 ? 99 : feasible.length;
      figures.feasibleSizes[size] = (figures.feasibleSizes[size] ?? 0) + 1;
      if (feasible.length === 1 && size !== 99) {
        figures.recovered++;
        figures.recoveredCells.push({ cell: id, truth: x });
      }
      const naive = Math.round((feasible[0] + feasible[feasible.length - 1]) / 2);
      if (naive === x) figures.naiveRight++;
    }
    return figures;
  }
}

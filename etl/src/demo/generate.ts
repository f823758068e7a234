/**
 * Generates the rows of one demo batch, signal by signal, straight into the file sinks: a
 * signal's assessments follow it through pre-weging, afstemmingsoverleg and weegploeg as the
 * report describes (ch. 3), with outcome probabilities from model.ts.
 */
import { AGE_BANDS, PHENOMENA, type AssessmentRow, type SignalRow } from '@weegwijzer/contract';
import { ID_KIND, IdFactory } from './ids';
import {
  CASUSOVERLEG_CAP,
  meldpuntVolume,
  MOVER_RATE,
  NATIONAL_VOLUME,
  P_CASUSOVERLEG,
  P_DOORGEZET,
  SOURCE_MIX,
  type DemoWorld,
  type RegionProfile,
  type TrendChange,
} from './model';
import { Rng } from './prng';

const AGE_WEIGHTS = [14, 28, 58];
/** Id counters of planted extra signals and their assessments (movers' subjects use 0x800000). */
const EXTRA_COUNTER = 0x400000;

export interface RowSink<T> {
  write(row: T): void;
}

/** Days since 1970-01-01 (UTC). */
export function dayOf(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}
export function isoOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const CATEGORIES = ['politie', 'gemeente', 'om', 'meldpunt'] as const;
type Category = (typeof CATEGORIES)[number];

export interface MoverPlan {
  subject: string;
  origin: string;
  originDay: number;
  destination: string;
  destinationDay: number;
  level: number;
}

export interface BatchPlan {
  region: RegionProfile;
  batchId: string;
  /** Calendar years covered (one for per-region-year, all for the single layout). */
  years: number[];
  /** Index of the first year in the whole demo period (part of the ids). */
  yearIndex: number;
  periodFrom: string;
  periodTo: string;
  producedAt: string;
  /** Last day an assessment may be decided (the day before produced_at). */
  cutoffDay: number;
  /** Expected signals per category per year, already scaled (index as `years`). */
  expected: Record<Category, number>[];
  /** The drawn (Poisson) signal counts per category per year, so progress totals are exact. */
  counts: Record<Category, number>[];
  moversOut: MoverPlan[];
  moversIn: MoverPlan[];
  plannedSignals: number;
}

export interface DemoPlan {
  seed: number;
  firstYear: number;
  lastYear: number;
  batches: BatchPlan[];
  movers: MoverPlan[];
}

/**
 * Produced dates: a year's batch is delivered on 1 April of the next year (so it is nearly
 * complete); the last year's at the end of the period, midnight in the Netherlands (so
 * signals of the last weeks are still pending, and nothing lies after the period's year).
 */
function producedAt(year: number, lastYear: number): string {
  return year === lastYear ? `${year}-12-31T23:00:00Z` : `${year + 1}-04-01T09:00:00Z`;
}

/** The last day an assessment of a batch produced at `produced` may carry. */
function cutoffFor(produced: string): number {
  return produced.endsWith('T23:00:00Z') ? dayOf(produced.slice(0, 10)) : dayOf(produced.slice(0, 10)) - 1;
}

export function planDemo(world: DemoWorld, opts: { seed: number; firstYear: number; lastYear: number; scale: number; single: boolean }): DemoPlan {
  const rng = new Rng(`weegwijzer-demo|${opts.seed}|plan`);
  const ids = new IdFactory(opts.seed);
  const years: number[] = [];
  for (let y = opts.firstYear; y <= opts.lastYear; y++) years.push(y);
  const nationalPopulation = world.regions.reduce((s, r) => s + r.population, 0);
  const lastDay = dayOf(`${opts.lastYear}-12-31`);
  const expectedFor = (region: RegionProfile, year: number): Record<Category, number> => {
    const share = (region.population / nationalPopulation) * opts.scale;
    return {
      politie: NATIONAL_VOLUME.politie * share,
      gemeente: NATIONAL_VOLUME.gemeente * share,
      om: NATIONAL_VOLUME.om * share,
      meldpunt: meldpuntVolume(year) * share * region.meldpuntFactor,
    };
  };

  const batches: BatchPlan[] = [];
  const movers: MoverPlan[] = [];
  if (opts.single) {
    const region = world.regions[0];
    const expected = years.map((y) => expectedFor(region, y));
    batches.push({
      region,
      batchId: `${region.code}-${opts.firstYear}-${opts.lastYear}-demo`,
      years,
      yearIndex: 0,
      periodFrom: `${opts.firstYear}-01-01`,
      periodTo: `${opts.lastYear}-12-31`,
      producedAt: producedAt(opts.lastYear, opts.lastYear),
      cutoffDay: lastDay,
      expected,
      counts: expected.map((e) => drawCounts(rng, e)),
      moversOut: [],
      moversIn: [],
      plannedSignals: 0,
    });
  } else {
    for (const region of world.regions) {
      years.forEach((year, yearIndex) => {
        const expected = [expectedFor(region, year)];
        const produced = producedAt(year, opts.lastYear);
        batches.push({
          region,
          batchId: `${region.code}-${year}-demo`,
          years: [year],
          yearIndex,
          periodFrom: `${year}-01-01`,
          periodTo: `${year}-12-31`,
          producedAt: produced,
          cutoffDay: cutoffFor(produced),
          expected,
          counts: expected.map((e) => drawCounts(rng, e)),
          moversOut: [],
          moversIn: [],
          plannedSignals: 0,
        });
      });
    }
    const populationWeights = world.regions.map((r) => r.population);
    for (const batch of batches) {
      const year = batch.years[0];
      const moverCount = rng.poisson(sum(batch.expected[0]) * MOVER_RATE);
      for (let i = 0; i < moverCount; i++) {
        let destination = batch.region;
        while (destination === batch.region) destination = world.regions[rng.weighted(populationWeights)];
        const originDay = dayOf(`${year}-01-01`) + rng.int(0, daysInYear(year) - 1);
        const mover: MoverPlan = {
          subject: ids.subject(batch.region.index + 1, batch.yearIndex, 0x800000 + i),
          origin: batch.region.code,
          originDay,
          destination: destination.code,
          destinationDay: originDay + rng.int(45, 400),
          level: rng.weighted([20, 45, 35]),
        };
        batch.moversOut.push(mover);
        movers.push(mover);
        if (mover.destinationDay <= lastDay) {
          const destYear = Number(isoOf(mover.destinationDay).slice(0, 4));
          batches.find((b) => b.region === destination && b.years[0] === destYear)!.moversIn.push(mover);
        }
      }
    }
  }
  for (const batch of batches) batch.plannedSignals = batch.counts.reduce((s, c) => s + sum(c), 0) + batch.moversIn.length;
  return { seed: opts.seed, firstYear: opts.firstYear, lastYear: opts.lastYear, batches, movers };
}

function drawCounts(rng: Rng, expected: Record<Category, number>): Record<Category, number> {
  return { politie: rng.poisson(expected.politie), gemeente: rng.poisson(expected.gemeente), om: rng.poisson(expected.om), meldpunt: rng.poisson(expected.meldpunt) };
}

function sum(e: Record<Category, number>): number {
  return e.politie + e.gemeente + e.om + e.meldpunt;
}

function daysInYear(year: number): number {
  return dayOf(`${year + 1}-01-01`) - dayOf(`${year}-01-01`);
}

/** Latent concern level (0 low, 1 mid, 2 high) by source. */
const LEVEL_MIX: Record<string, readonly number[]> = {
  politie_trefwoord: [65, 28, 7],
  politie_registratie: [50, 35, 15],
  osint: [45, 38, 17],
  burger: [55, 33, 12],
  lse_doorverwijzing: [40, 40, 20],
  ambtsbericht: [15, 40, 45],
  inlichtingendienst: [20, 40, 40],
  om_strafzaak: [25, 40, 35],
  professional_meldpunt: [45, 38, 17],
  overig: [55, 33, 12],
};
/** Per criterion, P(score 0, 1, 2) given the latent level. */
const SCORE_MIX = [
  [70, 25, 5],
  [25, 50, 25],
  [5, 35, 60],
] as const;
const ENRICHMENT_MIX: [string, number][] = [
  ['wijkagent', 30],
  ['alertering', 30],
  ['osint', 25],
  ['meerdere', 15],
];

type Scores = [number, number, number, number, number];

function band(scores: Scores): 'low' | 'mid' | 'high' {
  const total = scores[0] + scores[1] + scores[2] + scores[3] + scores[4];
  return total <= 3 ? 'low' : total <= 6 ? 'mid' : 'high';
}

export interface BatchCounts {
  signals: number;
  assessments: number;
}

/**
 * Writes one batch's rows. `onSignal` is called after every signal (for progress). The
 * random stream is the batch's own, so batches do not depend on each other's content.
 */
export async function generateBatch(
  plan: DemoPlan,
  batch: BatchPlan,
  sinks: { signals: RowSink<SignalRow>; assessments: RowSink<AssessmentRow> },
  onSignal: (done: number) => void | Promise<void>,
): Promise<BatchCounts> {
  const region = batch.region;
  const rng = new Rng(`weegwijzer-demo|${plan.seed}|batch|${batch.batchId}`);
  const ids = new IdFactory(plan.seed);
  const municipalityWeights = region.municipalities.map((m) => m.population);
  const dates = new DateCache(dayOf(batch.periodFrom));

  // Signal seeds: category and day, then ordered by day (counting sort on the day offset).
  const seedCategory: number[] = [];
  const seedDay: number[] = [];
  const seedMover: (MoverPlan | null)[] = [];
  batch.years.forEach((year, i) => {
    const counts = batch.counts[i];
    const firstDay = dayOf(`${year}-01-01`);
    const n = daysInYear(year);
    CATEGORIES.forEach((category, c) => {
      for (let k = 0; k < counts[category]; k++) {
        seedCategory.push(c);
        seedDay.push(firstDay + rng.int(0, n - 1));
        seedMover.push(null);
      }
    });
  });
  const categoryWeights = CATEGORIES.map((c) => batch.expected[0][c]);
  const addMover = (mover: MoverPlan, origin: boolean) => {
    seedCategory.push(rng.weighted(categoryWeights));
    seedDay.push(origin ? mover.originDay : mover.destinationDay);
    seedMover.push(mover);
  };
  // A mover's first signal replaces a random regular signal of the batch (volume unchanged).
  const regularCount = seedDay.length;
  for (const mover of batch.moversOut) {
    if (regularCount > 0) {
      let k = rng.int(0, regularCount - 1);
      for (let probe = 0; probe < regularCount && seedDay[k] < 0; probe++) k = (k + 1) % regularCount;
      seedDay[k] = -1;
    }
    addMover(mover, true);
  }
  for (const mover of batch.moversIn) addMover(mover, false);
  // Planted trend changes (model.ts): extra signals from their own random stream, after the
  // others, so the regular signals draw exactly what they drew without them.
  const trendRng = new Rng(`weegwijzer-demo|${plan.seed}|trend|${batch.batchId}`);
  const changes = region.trendChanges.filter((c) => batch.years.includes(Number(c.from.slice(0, 4))));
  const extraStart = seedDay.length;
  const extraChange: TrendChange[] = [];
  for (const change of changes.filter((c) => c.factor > 1)) {
    const year = Number(change.from.slice(0, 4));
    const expected = batch.expected[batch.years.indexOf(year)];
    const fromDay = dayOf(change.from);
    const window = dayOf(`${year}-12-31`) - fromDay + 1;
    let base: number;
    let category = -1;
    if (change.dimension === 'source') {
      category = CATEGORIES.findIndex((c) => c !== 'meldpunt' && SOURCE_MIX[c].some(([src]) => src === change.code));
      const mix = SOURCE_MIX[CATEGORIES[category] as 'politie' | 'gemeente' | 'om'] as readonly (readonly [string, number])[];
      base = expected[CATEGORIES[category]] * (mix.find(([src]) => src === change.code)![1] / mix.reduce((t, m) => t + m[1], 0));
    } else {
      const w = region.phenomenonWeights;
      base = sum(expected) * (w[(PHENOMENA as readonly string[]).indexOf(change.code)] / w.reduce((t, x) => t + x, 0));
    }
    const extra = trendRng.poisson(base * (window / daysInYear(year)) * (change.factor - 1));
    for (let k = 0; k < extra; k++) {
      seedCategory.push(category >= 0 ? category : trendRng.weighted(categoryWeights));
      seedDay.push(fromDay + trendRng.int(0, window - 1));
      seedMover.push(null);
      extraChange.push(change);
    }
  }
  const drops = changes.filter((c) => c.factor < 1);
  const order = orderByDay(seedDay);

  let signalCounter = 0;
  let assessmentCounter = 0;
  let extraSignals = 0;
  let extraAssessments = 0;
  const recentSubjects: string[] = [];
  let done = 0;
  for (const i of order) {
    const category = CATEGORIES[seedCategory[i]];
    const receivedDay = seedDay[i];
    const mover = seedMover[i];
    const extra = i >= extraStart ? extraChange[i - extraStart] : null;
    const r = extra ? trendRng : rng;
    const signalId = extra
      ? ids.id(ID_KIND.signal, region.index + 1, batch.yearIndex, EXTRA_COUNTER + extraSignals++)
      : ids.id(ID_KIND.signal, region.index + 1, batch.yearIndex, signalCounter++);

    const party = category === 'meldpunt' ? 'gemeente' : category;
    const source =
      extra?.dimension === 'source' ? extra.code : category === 'meldpunt' ? 'professional_meldpunt' : pickWeighted(r, SOURCE_MIX[category as 'politie' | 'gemeente' | 'om']);
    let subject: string | null;
    if (mover) subject = mover.subject;
    else if (extra) subject = r.chance(0.02) ? null : ids.subject(region.index + 1, batch.yearIndex, EXTRA_COUNTER + extraSignals);
    else if (source === 'burger' && rng.chance(0.15)) subject = null;
    else if (rng.chance(0.02)) subject = null;
    else if (recentSubjects.length > 20 && rng.chance(0.05)) subject = rng.pick(recentSubjects);
    else subject = ids.subject(region.index + 1, batch.yearIndex, signalCounter);
    if (subject && !mover && !extra) {
      if (recentSubjects.length >= 200) recentSubjects[rng.int(0, 199)] = subject;
      else recentSubjects.push(subject);
    }

    const signal: SignalRow = {
      signal_id: signalId,
      subject_pseudonym: subject,
      region_code: region.code,
      municipality_code: r.chance(0.02) ? null : region.municipalities[r.weighted(municipalityWeights)].code,
      received_at: dates.iso(receivedDay),
      receiving_party: party,
      source,
      phenomenon: extra?.dimension === 'phenomenon' ? extra.code : PHENOMENA[r.weighted(region.phenomenonWeights)],
      age_band: r.chance(0.05) ? null : AGE_BANDS[r.weighted(AGE_WEIGHTS)],
    };
    // a planted fall leaves the signal and its assessments out (their draws still happen, so nothing else moves)
    const drop = extra || mover ? undefined : drops.find((c) => receivedDay >= dayOf(c.from) && (c.dimension === 'source' ? source : signal.phenomenon) === c.code);
    const dropped = drop !== undefined && trendRng.chance(1 - drop.factor);
    if (!dropped) sinks.signals.write(signal);

    const level = mover ? mover.level : r.weighted(LEVEL_MIX[source]);
    const truth = [0, 0, 0, 0, 0].map(() => r.weighted(SCORE_MIX[level])) as Scores;
    const ctx: AssessContext = {
      rng: r,
      region,
      signalId,
      truth,
      cutoffDay: batch.cutoffDay,
      write: dropped ? () => undefined : (row) => sinks.assessments.write(row),
      nextId: extra
        ? () => ids.id(ID_KIND.assessment, region.index + 1, batch.yearIndex, EXTRA_COUNTER + extraAssessments++)
        : () => ids.id(ID_KIND.assessment, region.index + 1, batch.yearIndex, assessmentCounter++),
      dates,
    };
    assessSignal(ctx, party, source, receivedDay, mover !== null);
    done++;
    if ((done & 1023) === 0) await onSignal(done);
  }
  await onSignal(done);
  return { signals: done, assessments: assessmentCounter };
}

function orderByDay(days: number[]): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const d of days) {
    if (d < 0) continue;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (min === Infinity) return [];
  const buckets: number[][] = Array.from({ length: max - min + 1 }, () => []);
  days.forEach((d, i) => {
    if (d >= 0) buckets[d - min].push(i);
  });
  return buckets.flat();
}

const mixWeights = new WeakMap<object, number[]>();
function pickWeighted(rng: Rng, mix: readonly (readonly [string, number])[]): string {
  let weights = mixWeights.get(mix);
  if (!weights) mixWeights.set(mix, (weights = mix.map((m) => m[1])));
  return mix[rng.weighted(weights)][0];
}

class DateCache {
  private readonly cache: string[] = [];
  constructor(private readonly base: number) {}
  iso(day: number): string {
    const i = day - this.base;
    return (this.cache[i] ??= isoOf(day));
  }
}

interface AssessContext {
  rng: Rng;
  region: RegionProfile;
  signalId: string;
  truth: Scores;
  cutoffDay: number;
  write: (row: AssessmentRow) => void;
  nextId: () => string;
  dates: DateCache;
}

/** How one body's judgement differs from the truth: each score moves by one with p 0.15. */
function judge(rng: Rng, truth: Scores): Scores {
  return truth.map((s) => {
    if (!rng.chance(0.15)) return s;
    return Math.max(0, Math.min(2, s + (rng.chance(0.5) ? 1 : -1)));
  }) as Scores;
}

function baseRow(ctx: AssessContext, stage: string, body: string, day: number, framework: string): AssessmentRow {
  return {
    assessment_id: ctx.nextId(),
    signal_id: ctx.signalId,
    region_code: ctx.region.code,
    stage,
    body,
    decided_at: ctx.dates.iso(day),
    framework,
    c_geweld: null,
    c_denkbeelden: null,
    c_sociale_relaties: null,
    c_identificatie: null,
    c_zelfredzaamheid: null,
    outcome: '',
    enrichment: null,
    present_gemeente: null,
    present_politie: null,
    present_om: null,
    info_gemeente: null,
    info_politie: null,
    info_om: null,
    unanimous: null,
    analysis_recorded: true,
    decision_recorded: true,
  };
}

function setScores(row: AssessmentRow, scores: Scores): void {
  [row.c_geweld, row.c_denkbeelden, row.c_sociale_relaties, row.c_identificatie, row.c_zelfredzaamheid] = scores;
}

/** Probability that a framework leaves the five criteria unscored at pre-weging. */
const PRE_SCORE_MISSING: Record<string, number> = {
  niet_pluis: 0.55,
  open_gesprek: 0.35,
  onbekend: 0.6,
  ica: 0.02,
  le_model: 0.15,
  particulier_instrument: 0.05,
  wettelijke_criteria: 0.05,
  ontwikkelgebieden: 0.1,
};

/** Lead days scaled by the region's pace. */
function later(ctx: AssessContext, day: number, min: number, max: number): number {
  return day + Math.max(1, Math.round(ctx.rng.int(min, max) * ctx.region.leadFactor));
}

function assessSignal(ctx: AssessContext, party: string, source: string, receivedDay: number, mover: boolean): void {
  const { rng, region } = ctx;
  const direct = region.preMode === 'direct' || rng.chance(region.directShare) || (source === 'ambtsbericht' && region.preMode !== 'heavy' && rng.chance(0.5));
  if (direct) {
    weegploeg(ctx, later(ctx, receivedDay, 5, 30));
    return;
  }
  if (rng.chance(mover ? 0 : 0.01)) return; // Received, not yet picked up.
  let day = receivedDay;
  if (party === 'politie') {
    let enrichment = 'geen';
    // The CTER intel cell enriches most signals first, sometimes in two rounds (report §3.1.2).
    if (rng.chance(0.8)) {
      day = later(ctx, day, 1, 10);
      for (let round = 0; round < 2; round++) {
        if (day > ctx.cutoffDay) return;
        const used = pickWeighted(rng, ENRICHMENT_MIX);
        enrichment = round === 0 || used === enrichment ? used : 'meerdere';
        const row = baseRow(ctx, 'pre_weging', 'politie', day, pickWeighted(rng, region.frameworks.politie));
        row.outcome = 'verrijking';
        row.enrichment = used;
        if (rng.chance(0.3)) setScores(row, judge(rng, ctx.truth));
        recorded(ctx, row, 0.95, 0.97);
        ctx.write(row);
        day = later(ctx, day, used === 'alertering' ? 20 : 5, used === 'alertering' ? 90 : 30);
        if (!rng.chance(0.4)) break;
      }
    } else day = later(ctx, day, 1, 14);
    if (day > ctx.cutoffDay) return;
    const forwarded = preWeging(ctx, 'politie', day, region.frameworks.politie, region.doorgezetFactor.politie, enrichment);
    if (!forwarded) return;
    day = later(ctx, day, 2, 14);
    if (day > ctx.cutoffDay) return;
    if (!afstemmingsoverleg(ctx, day)) return;
  } else if (party === 'om') {
    day = later(ctx, day, 1, 10);
    if (day > ctx.cutoffDay) return;
    const frameworks: [string, number][] = [
      ['open_gesprek', 70],
      ['onbekend', 30],
    ];
    if (!preWeging(ctx, 'om', day, frameworks, region.doorgezetFactor.politie, null)) return;
    day = later(ctx, day, 2, 14);
    if (day > ctx.cutoffDay) return;
    if (!afstemmingsoverleg(ctx, day)) return;
  } else {
    day = later(ctx, day, 2, 21);
    if (day > ctx.cutoffDay) return;
    if (!preWeging(ctx, 'gemeente', day, region.frameworks.gemeente, region.doorgezetFactor.gemeente, null)) return;
  }
  weegploeg(ctx, later(ctx, day, 7, 35));
}

/** A deciding pre_weging; true when forwarded (`doorgezet`). */
function preWeging(ctx: AssessContext, body: 'gemeente' | 'politie' | 'om', day: number, frameworks: [string, number][], factor: number, enrichment: string | null): boolean {
  const { rng, region } = ctx;
  const framework = pickWeighted(rng, frameworks);
  const row = baseRow(ctx, 'pre_weging', body, day, framework);
  const scores = judge(rng, ctx.truth);
  if (!rng.chance(PRE_SCORE_MISSING[framework] ?? 0.3)) setScores(row, scores);
  const forwarded = rng.chance(P_DOORGEZET[band(scores)] * factor);
  if (forwarded) row.outcome = 'doorgezet';
  else if (body === 'gemeente') {
    // Municipalities close for lack of information where the police would enrich (report §3.1.2).
    if (rng.chance(region.doorverwezenShare)) row.outcome = 'doorverwezen';
    else row.outcome = rng.chance(0.45) ? 'afgesloten_onvoldoende_info' : 'niet_doorgezet';
  } else row.outcome = rng.chance(0.93) ? 'niet_doorgezet' : 'doorverwezen';
  if (body === 'politie') row.enrichment = enrichment;
  if (body === 'gemeente') recorded(ctx, row, 0.55, 0.72);
  else if (body === 'politie') recorded(ctx, row, 0.95, 0.97);
  else recorded(ctx, row, 0.9, 0.95);
  ctx.write(row);
  return forwarded;
}

function afstemmingsoverleg(ctx: AssessContext, day: number): boolean {
  const { rng } = ctx;
  const row = baseRow(ctx, 'afstemmingsoverleg', 'politie_om', day, rng.chance(0.5) ? 'le_model' : 'open_gesprek');
  if (rng.chance(0.4)) setScores(row, judge(rng, ctx.truth));
  const forwarded = rng.chance(0.9);
  row.outcome = forwarded ? 'doorgezet' : 'niet_doorgezet';
  recorded(ctx, row, 0.85, 0.95);
  ctx.write(row);
  return forwarded;
}

function weegploeg(ctx: AssessContext, firstDay: number): void {
  const { rng, region } = ctx;
  let day = firstDay;
  for (let round = 0; round < 3; round++) {
    if (day > ctx.cutoffDay) return;
    const row = baseRow(ctx, 'weegploeg', region.weegBody, day, pickWeighted(rng, region.frameworks.weegploeg));
    const scores = judge(rng, ctx.truth);
    if (!rng.chance(region.weegScoreMissing)) setScores(row, scores);
    // A nadere_duiding is independent of severity and outcome, so it cannot bias divergence.
    const nadere = round < 2 && rng.chance(round === 0 ? region.nadereRate : 0.1);
    if (nadere) row.outcome = 'nadere_duiding';
    else {
      const p = Math.min(CASUSOVERLEG_CAP, P_CASUSOVERLEG[band(scores)] * region.casusoverlegFactor);
      row.outcome = rng.chance(p) ? 'casusoverleg' : 'geen_casusoverleg';
    }
    parties(ctx, row);
    recorded(ctx, row, region.pAnalysisRecorded, region.pDecisionRecorded);
    ctx.write(row);
    if (!nadere) return;
    day = later(ctx, day, 14, 60);
  }
}

const ABSENT_MIX: [string, number][] = [
  ['om', 60],
  ['gemeente', 25],
  ['politie', 15],
];

function parties(ctx: AssessContext, row: AssessmentRow): void {
  const { rng, region } = ctx;
  const absent = rng.chance(region.pAllPresent) ? null : pickWeighted(rng, ABSENT_MIX);
  row.present_gemeente = absent !== 'gemeente';
  row.present_politie = absent !== 'politie';
  row.present_om = absent !== 'om';
  const noInfo = rng.chance(region.pAllInfo) ? null : pickWeighted(rng, ABSENT_MIX);
  row.info_gemeente = noInfo !== 'gemeente';
  row.info_politie = noInfo !== 'politie';
  row.info_om = noInfo !== 'om';
  row.unanimous = rng.chance(region.pUnanimous);
}

function recorded(ctx: AssessContext, row: AssessmentRow, pAnalysis: number, pDecision: number): void {
  row.analysis_recorded = ctx.rng.chance(pAnalysis);
  row.decision_recorded = row.analysis_recorded || ctx.rng.chance(pDecision);
}

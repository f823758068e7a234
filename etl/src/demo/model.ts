/**
 * The demo world: national volumes, the per-region practice profiles that reproduce the
 * patterns of the inspectorate report (May 2024, ch. 3–4), and the planted effects.
 *
 * One rule keeps planted effects testable: every probability that metrics standardise on
 * depends only on the severity band (METRICS.md §6) and on a region factor that is 1 unless
 * an effect is planted. So the weegploeg's casusoverleg probability is the same in every
 * region for the same band, whatever the region's pre-weging, framework or recording habits;
 * likewise the pre-weging's `doorgezet` probability, for municipality and police alike.
 */
import { loadMunicipalities, PHENOMENA, REGION_CODES } from '@weegwijzer/contract';
import { Rng } from './prng';

/** Signals per year nationally at scale 1, by category (report §3.1.1: most come from the police). */
export const NATIONAL_VOLUME = {
  politie: 2350,
  gemeente: 450,
  om: 180,
  /** Municipal meldpunt in `MELDPUNT_REFERENCE_YEAR`; falls by `MELDPUNT_DECLINE` a year. */
  meldpunt: 1100,
} as const;
export const MELDPUNT_REFERENCE_YEAR = 2020;
export const MELDPUNT_DECLINE = 0.72;

export function meldpuntVolume(year: number): number {
  return NATIONAL_VOLUME.meldpunt * MELDPUNT_DECLINE ** (year - MELDPUNT_REFERENCE_YEAR);
}

/** National signals in a year at scale 1 (the sum of the categories). */
export function nationalSignalsPerYear(year: number): number {
  return NATIONAL_VOLUME.politie + NATIONAL_VOLUME.gemeente + NATIONAL_VOLUME.om + meldpuntVolume(year);
}

/** Sources per category, as [source, weight]. */
export const SOURCE_MIX = {
  politie: [
    ['politie_registratie', 42],
    ['politie_trefwoord', 25],
    ['osint', 12],
    ['burger', 10],
    ['inlichtingendienst', 4],
    ['lse_doorverwijzing', 4],
    ['overig', 3],
  ],
  gemeente: [
    ['burger', 20],
    ['lse_doorverwijzing', 30],
    ['ambtsbericht', 35],
    ['overig', 15],
  ],
  om: [
    ['om_strafzaak', 85],
    ['inlichtingendienst', 15],
  ],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;

/**
 * National phenomenon mix (weights in PHENOMENA order): jihadist focus (report §4.1,
 * bottleneck 3) — jihadisme dominates, other forms are under-recognised everywhere.
 */
export const PHENOMENON_WEIGHTS: Record<(typeof PHENOMENA)[number], number> = {
  jihadisme: 42,
  rechts_extremisme: 17,
  links_extremisme: 5,
  anti_institutioneel: 14,
  overig: 8,
  gemengd_onduidelijk: 9,
  onbekend: 5,
};

/** Probability that a band's case goes on, the same in every region unless planted. */
export const P_DOORGEZET = { low: 0.15, mid: 0.55, high: 0.9 } as const;
/** Weegploeg: probability of a case conference per band (METRICS.md §6 bands). */
export const P_CASUSOVERLEG = { low: 0.1, mid: 0.3, high: 0.6 } as const;
export const CASUSOVERLEG_CAP = 0.95;
/** Persons with a new signal in another region (people who move), per signal. */
export const MOVER_RATE = 0.03;

export type PreMode = 'normal' | 'heavy' | 'heavy_gemeente' | 'direct';

export interface MunicipalityWeight {
  code: string;
  population: number;
}

export interface RegionProfile {
  code: string;
  index: number;
  population: number;
  municipalities: MunicipalityWeight[];
  preMode: PreMode;
  /** Multiplier on P_DOORGEZET for pre_weging by gemeente / by politie and om. */
  doorgezetFactor: { gemeente: number; politie: number };
  /** Share of signals that skip pre-weging in a normal region. */
  directShare: number;
  weegBody: 'weegploeg' | 'driehoek';
  casusoverlegFactor: number;
  /** Framework weights [framework, weight] per deciding party. */
  frameworks: { gemeente: [string, number][]; politie: [string, number][]; weegploeg: [string, number][] };
  phenomenonWeights: number[];
  meldpuntFactor: number;
  nadereRate: number;
  weegScoreMissing: number;
  leadFactor: number;
  pAllPresent: number;
  pAllInfo: number;
  pUnanimous: number;
  pAnalysisRecorded: number;
  pDecisionRecorded: number;
  /** Share of non-forwarded municipal signals the ica-triage refers elsewhere (AIVD, care). */
  doorverwezenShare: number;
  /** Planted trend changes in this region (and national ones, on every region). */
  trendChanges: TrendChange[];
}

/**
 * A planted trend change: from `fromDay` (days since 1970) of the last year, the signals of
 * one source or phenomenon are multiplied by `factor` (> 1: extra signals; < 1: signals left
 * out). It draws from its own random stream, so every other signal stays as it was.
 */
export interface TrendChange {
  id: string;
  dimension: 'source' | 'phenomenon';
  code: string;
  factor: number;
  /** First day of the change: 1 October of the last year. */
  from: string;
}

export interface PlantedEffect {
  id: string;
  kind:
    | 'outcome_divergence'
    | 'heavy_pre_weging_dropoff'
    | 'phenomenon_gap'
    | 'jihadist_focus'
    | 'direct_to_weegploeg'
    | 'driehoek'
    | 'ica_triage'
    | 'particulier_instrument'
    | 'meldpunt_decline'
    | 'movers'
    | 'trend_change';
  region: string | null;
  /** The metric of METRICS.md that shows it. */
  metric: string;
  stage?: string;
  body?: string;
  phenomenon?: string;
  phenomena?: string[];
  factor?: number;
  /** trend_change: the attention series (`source:<code>`, `phenomenon:<code>`) and its first day. */
  series?: string;
  from?: string;
  /** Machine-readable expectation: see docs/data-contract.md, "Demo data". */
  expect: string;
  direction?: 'above' | 'below' | 'up' | 'down';
  description: string;
}

export interface DemoWorld {
  regions: RegionProfile[];
  effects: PlantedEffect[];
}

const PLAIN_WEEG_FRAMEWORKS: [string, number][] = [
  ['wettelijke_criteria', 40],
  ['ontwikkelgebieden', 35],
  ['open_gesprek', 25],
];

function frameworkMix(primary: string): [string, number][] {
  return [
    [primary, 85],
    ['open_gesprek', primary === 'open_gesprek' ? 0 : 10],
    ['onbekend', 5],
  ];
}

/**
 * Chooses the regions that carry each pattern, deterministically from the seed. The region
 * with the planted outcome divergence, the phenomenon gaps and the heavy pre-weging are drawn
 * from the more populous regions so that they are detectable at scale 1 over three years.
 * With `singleRegion` (benchmark layout) one plain region is built from the whole country.
 */
export function buildWorld(seed: number, singleRegion?: string, trend?: { lastYear: number }): DemoWorld {
  const rng = new Rng(`weegwijzer-demo|${seed}|world`);
  const municipalities = loadMunicipalities();
  const populationOf = (code: string) => municipalities.filter((m) => m.regionCode === code).reduce((s, m) => s + m.population, 0);

  const codes = singleRegion ? [singleRegion] : REGION_CODES;
  const byPopulation = [...codes].sort((a, b) => populationOf(b) - populationOf(a) || a.localeCompare(b));
  const large = rng.shuffle(byPopulation.slice(0, 12));
  const midOrLarge = rng.shuffle(byPopulation.slice(0, 18));
  const taken = new Set<string>();
  const take = (pool: string[]): string => {
    const code = pool.find((c) => !taken.has(c));
    if (!code) throw new Error('demo world: not enough regions to place the planted effects');
    taken.add(code);
    return code;
  };
  const all = rng.shuffle(byPopulation);

  const roles = singleRegion
    ? null
    : {
        divergence: take(large),
        heavy: take(large),
        heavyGemeente: take(large),
        rechtsGap: take(midOrLarge),
        jihadistFocus: [take(midOrLarge), take(midOrLarge)],
        direct: take(all),
        driehoek: take(all),
        ica: take(all),
        particulier: [take(all), take(all)],
        // after every other role, so adding them moved none of the earlier ones
        trendUp: [take(byPopulation), take(byPopulation)],
      };

  const regions: RegionProfile[] = codes.map((code) => {
    const regionMunicipalities = municipalities.filter((m) => m.regionCode === code).map((m) => ({ code: m.code, population: m.population }));
    const population = singleRegion ? municipalities.reduce((s, m) => s + m.population, 0) : populationOf(code);
    const phenomenonWeights = PHENOMENA.map((p) => PHENOMENON_WEIGHTS[p]);
    const profile: RegionProfile = {
      code,
      index: REGION_CODES.indexOf(code),
      population,
      municipalities: regionMunicipalities,
      preMode: 'normal',
      doorgezetFactor: { gemeente: 1, politie: 1 },
      directShare: rng.uniform(0.03, 0.08),
      weegBody: 'weegploeg',
      casusoverlegFactor: 1,
      frameworks: {
        gemeente: [
          ['niet_pluis', 50],
          ['open_gesprek', 40],
          ['onbekend', 10],
        ],
        politie: [
          ['le_model', 88],
          ['open_gesprek', 5],
          ['onbekend', 5],
          ['particulier_instrument', 2],
        ],
        weegploeg: frameworkMix(PLAIN_WEEG_FRAMEWORKS[rng.weighted(PLAIN_WEEG_FRAMEWORKS.map((f) => f[1]))][0]),
      },
      phenomenonWeights,
      meldpuntFactor: singleRegion ? 1 : rng.uniform(0.55, 1.45),
      nadereRate: rng.uniform(0.08, 0.2),
      weegScoreMissing: rng.uniform(0.04, 0.2),
      leadFactor: rng.uniform(0.7, 1.8),
      pAllPresent: rng.uniform(0.55, 0.97),
      pAllInfo: rng.uniform(0.45, 0.95),
      pUnanimous: rng.uniform(0.8, 0.99),
      pAnalysisRecorded: rng.uniform(0.7, 0.99),
      pDecisionRecorded: rng.uniform(0.85, 1),
      doorverwezenShare: 0.12,
      trendChanges: [],
    };
    return profile;
  });
  if (!singleRegion) {
    // The meldpunt factors are relative: keep the national meldpunt volume as specified.
    const total = regions.reduce((s, r) => s + r.population, 0);
    const weighted = regions.reduce((s, r) => s + r.population * r.meldpuntFactor, 0);
    for (const r of regions) r.meldpuntFactor *= total / weighted;
  }
  const effects: PlantedEffect[] = [];
  if (roles) applyRoles(regions, roles, effects);
  if (roles && trend) applyTrendChanges(regions, roles.trendUp, trend.lastYear, effects);
  effects.push(
    {
      id: 'meldpunt_decline',
      kind: 'meldpunt_decline',
      region: null,
      metric: 'reach',
      factor: MELDPUNT_DECLINE,
      expect: 'falling',
      description: `National professional_meldpunt signals fall to ${MELDPUNT_DECLINE} of the previous year, every year (report §3.1.1).`,
    },
    {
      id: 'movers',
      kind: 'movers',
      region: null,
      metric: 'reassessment_consistency',
      factor: MOVER_RATE,
      expect: 'present',
      description:
        'About 3% of signals concern a person who later gets a new signal in another region (same subject_pseudonym), assessed independently there, sometimes with a different outcome.',
    },
  );
  return { regions, effects };
}

interface Roles {
  divergence: string;
  heavy: string;
  heavyGemeente: string;
  rechtsGap: string;
  jihadistFocus: string[];
  direct: string;
  driehoek: string;
  ica: string;
  particulier: string[];
  trendUp: string[];
}

/**
 * Three trend changes from 1 October of the last year (the attention metric compares that
 * quarter with the same quarter a year earlier): police registrations ×6 in one large
 * region, right-wing extremism ×4 in another, and osint ×0.2 in every region.
 */
function applyTrendChanges(regions: RegionProfile[], trendUp: string[], lastYear: number, effects: PlantedEffect[]): void {
  const from = `${lastYear}-10-01`;
  const plant = (region: string | null, dimension: TrendChange['dimension'], code: string, factor: number, description: string) => {
    const id = `trend_${dimension}_${code}_${region ?? 'national'}`;
    const change: TrendChange = { id, dimension, code, factor, from };
    for (const r of regions) if (region === null || r.code === region) r.trendChanges.push(change);
    effects.push({
      id,
      kind: 'trend_change',
      region,
      metric: 'attention',
      series: `${dimension}:${code}`,
      from,
      factor,
      expect: 'flagged',
      direction: factor > 1 ? 'up' : 'down',
      description,
    });
  };
  plant(
    trendUp[0],
    'source',
    'politie_registratie',
    6,
    `From ${from} the police registers six times as many signals from its own registrations (source politie_registratie ×6): a new registration practice.`,
  );
  plant(trendUp[1], 'phenomenon', 'rechts_extremisme', 4, `From ${from} four times as many right-wing extremist signals (phenomenon rechts_extremisme ×4): a local wave.`);
  plant(null, 'source', 'osint', 0.2, `From ${from} only 20% of the osint signals, in every region (source osint ×0.2): a monitoring tool switched off nationally.`);
}

function applyRoles(regions: RegionProfile[], roles: Roles, effects: PlantedEffect[]): void {
  const region = (code: string) => regions.find((r) => r.code === code)!;
  const phenomenonIndex = (p: string) => (PHENOMENA as readonly string[]).indexOf(p);
  /** Moves `share` of phenomenon p's weight to gemengd_onduidelijk (60%) and overig (40%). */
  const underRecognise = (r: RegionProfile, p: string, keep: number) => {
    const i = phenomenonIndex(p);
    const moved = r.phenomenonWeights[i] * (1 - keep);
    r.phenomenonWeights[i] -= moved;
    r.phenomenonWeights[phenomenonIndex('gemengd_onduidelijk')] += moved * 0.6;
    r.phenomenonWeights[phenomenonIndex('overig')] += moved * 0.4;
  };

  region(roles.divergence).casusoverlegFactor = 2;
  effects.push({
    id: 'wp_casusoverleg_high',
    kind: 'outcome_divergence',
    region: roles.divergence,
    metric: 'outcome_divergence',
    stage: 'weegploeg',
    factor: 2,
    expect: 'divergent',
    direction: 'above',
    description: `The weegploeg sends comparable cases twice as often to a casusoverleg: per severity band P(casusoverleg) is doubled (low ${P_CASUSOVERLEG.low * 2}, mid ${P_CASUSOVERLEG.mid * 2}, high capped at ${CASUSOVERLEG_CAP}); the severity mix is the national one.`,
  });

  const heavy = region(roles.heavy);
  heavy.preMode = 'heavy';
  heavy.doorgezetFactor = { gemeente: 0.45, politie: 0.45 };
  heavy.directShare = 0.01;
  effects.push({
    id: 'pre_weging_heavy',
    kind: 'heavy_pre_weging_dropoff',
    region: roles.heavy,
    metric: 'outcome_divergence',
    stage: 'pre_weging',
    factor: 0.45,
    expect: 'divergent',
    direction: 'below',
    description:
      'Municipality and police pre-weigh heavily: per band P(doorgezet) is 0.45 times the national one, so many signals drop off before any joint assessment (highest drop rate in dropoff).',
  });

  const heavyGemeente = region(roles.heavyGemeente);
  heavyGemeente.preMode = 'heavy_gemeente';
  heavyGemeente.doorgezetFactor = { gemeente: 0.3, politie: 1 };
  heavyGemeente.directShare = 0.02;
  // An active meldpunt (many municipal signals), so the municipal filter is visible.
  heavyGemeente.meldpuntFactor = Math.max(heavyGemeente.meldpuntFactor, 1.5);
  // Its municipalities weigh on the handbook's development areas, the police on its own model.
  heavyGemeente.frameworks.gemeente = [
    ['ontwikkelgebieden', 80],
    ['niet_pluis', 20],
  ];
  effects.push({
    id: 'pre_weging_heavy_gemeente',
    kind: 'heavy_pre_weging_dropoff',
    region: roles.heavyGemeente,
    metric: 'outcome_divergence',
    stage: 'pre_weging',
    body: 'gemeente',
    factor: 0.3,
    expect: 'divergent',
    direction: 'below',
    description:
      'Only the municipalities pre-weigh heavily (P(doorgezet) 0.3 times national per band, mostly on the ontwikkelgebieden framework); the police in the same region forward as nationally: municipality and police criteria differ within one region.',
  });

  underRecognise(region(roles.rechtsGap), 'rechts_extremisme', 0.08);
  effects.push({
    id: 'rechts_gap',
    kind: 'phenomenon_gap',
    region: roles.rechtsGap,
    metric: 'phenomenon_coverage',
    phenomenon: 'rechts_extremisme',
    factor: 0.08,
    expect: 'under_covered',
    description: 'The region records almost no right-wing signals: 92% of them are recorded as gemengd_onduidelijk or overig instead.',
  });

  for (const code of roles.jihadistFocus) {
    const r = region(code);
    for (const p of ['rechts_extremisme', 'links_extremisme', 'anti_institutioneel']) underRecognise(r, p, 0.4);
    effects.push({
      id: `jihadist_focus_${code}`,
      kind: 'jihadist_focus',
      region: code,
      metric: 'phenomenon_coverage',
      phenomena: ['rechts_extremisme', 'links_extremisme', 'anti_institutioneel'],
      factor: 0.4,
      expect: 'under_covered',
      description:
        'Recognition focused on jihadism: only 40% of right-wing, left-wing and anti-institutional signals are recognised as such, the rest is recorded as gemengd_onduidelijk or overig.',
    });
  }

  const direct = region(roles.direct);
  direct.preMode = 'direct';
  direct.directShare = 1;
  effects.push({
    id: 'direct_to_weegploeg',
    kind: 'direct_to_weegploeg',
    region: roles.direct,
    metric: 'dropoff',
    expect: 'direct_rate_1',
    description: 'As the model convenant says: every signal goes straight to the weegploeg, without any pre-weging or afstemmingsoverleg (direct rate 1, no pre-assessments).',
  });

  const driehoek = region(roles.driehoek);
  driehoek.weegBody = 'driehoek';
  driehoek.pAllPresent = 0.99;
  effects.push({
    id: 'driehoek',
    kind: 'driehoek',
    region: roles.driehoek,
    metric: 'criteria_usage',
    stage: 'weegploeg',
    body: 'driehoek',
    expect: 'body_driehoek',
    description: 'The region has no weegploeg: the mayor, police chief and prosecutor decide in the driehoek (every weegploeg-stage row has body driehoek).',
  });

  const ica = region(roles.ica);
  ica.frameworks.gemeente = [
    ['ica', 92],
    ['open_gesprek', 8],
  ];
  ica.doorverwezenShare = 0.35;
  effects.push({
    id: 'ica_triage',
    kind: 'ica_triage',
    region: roles.ica,
    metric: 'criteria_usage',
    stage: 'pre_weging',
    body: 'gemeente',
    expect: 'framework_ica',
    description:
      'Municipalities pre-weigh in a triage meeting with fixed intentions/capabilities/activities criteria (framework ica, criteria always scored) and refer more signals elsewhere (AIVD, care).',
  });

  for (const code of roles.particulier) {
    const r = region(code);
    r.frameworks.weegploeg = frameworkMix('particulier_instrument');
    r.frameworks.politie = [
      ['le_model', 55],
      ['particulier_instrument', 40],
      ['onbekend', 5],
    ];
    effects.push({
      id: `particulier_instrument_${code}`,
      kind: 'particulier_instrument',
      region: code,
      metric: 'criteria_usage',
      stage: 'weegploeg',
      expect: 'framework_particulier_instrument',
      description: 'The weegploeg (and often the police) uses a private-vendor instrument.',
    });
  }
}

/**
 * preweging_outcomes (an extension beyond METRICS.md, docs/metrics.md) on a small hand-written
 * fixture with enrichment codes, against values worked out by hand.
 *
 * The shared fixture builder has no enrichment field, so the fixture is loaded with it and the
 * enrichment codes are then set on `assessments` before the contract's derived tables are
 * built again (DERIVED_TABLES_SQL, as the ETL does).
 *
 * Pre-weging assessments (other stages are in the fixture only to show they are left out):
 *
 * | signal | region | received   | pre_weging assessments (body: outcome, enrichment)              | other stages            |
 * |--------|--------|------------|-----------------------------------------------------------------|-------------------------|
 * | S01    | VR01   | 2024-01-10 | gemeente: afgesloten_onvoldoende_info                           |                         |
 * | S02    | VR01   | 2024-02-01 | gemeente: afgesloten_onvoldoende_info                           |                         |
 * | S03    | VR01   | 2024-03-01 | gemeente: verrijking; gemeente: doorgezet                        | weegploeg casusoverleg  |
 * | S04    | VR01   | 2024-01-15 | politie: verrijking, osint; politie: niet_doorgezet, osint      |                         |
 * | S05    | VR01   | 2024-02-15 | politie: verrijking, wijkagent; politie: doorgezet, meerdere    | afstemmingsoverleg, wp  |
 * | S06    | VR01   | 2024-04-01 | politie: niet_doorgezet, geen                                   |                         |
 * | S07    | VR01   | 2024-05-01 | politie: doorgezet, (no code)                                   |                         |
 * | S08    | VR01   | 2024-06-01 | om: doorverwezen                                                |                         |
 * | S09    | VR01   | 2023-12-20 | politie: verrijking, alertering   (outside the 2024 period)     |                         |
 * | S10    | VR01   | 2024-02-10 | gemeente: niet_doorgezet          (phenomenon rechts_extremisme)|                         |
 * | T01    | VR02   | 2024-03-01 | gemeente: afgesloten_onvoldoende_info                           |                         |
 * | T02    | VR02   | 2024-03-05 | politie: verrijking, alertering; politie: doorgezet, alertering |                         |
 * | T03    | VR02   | 2024-04-05 | politie: niet_doorgezet, geen                                   |                         |
 * | U01    | VR03   | 2024-05-05 | om: niet_doorgezet                                              |                         |
 * | U02    | VR03   | 2024-05-06 | gemeente: doorgezet                                             |                         |
 * | W01    | VR04   | 2024-07-01 | politie: verrijking, osint; politie: doorgezet, osint           |                         |
 * | W02    | VR04   | 2024-07-02 | gemeente: afgesloten_onvoldoende_info                           |                         |
 *
 * "code" = an enrichment code other than geen (wijkagent, alertering, osint, meerdere);
 * enriched = outcome verrijking or a code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTIC_TABLES, DERIVED_TABLES_SQL } from '@weegwijzer/contract';
import { runMetric, type MetricRequest, type MetricResponse, type Row } from '@weegwijzer/metrics';
import { fixtureDb, replicate, type AssessmentFixture, type Fixture, type FixtureDb, type SignalFixture } from './duckdb-fixture';
import { assertDisclosed } from './invariants';
import { recordKeyMacroSql } from '@weegwijzer/store';
import { TEST_RECORD_KEY_SECRET } from './record-key';

const S = (id: string, region: string, received: string, party: SignalFixture['party'], phenomenon = 'jihadisme'): SignalFixture => ({
  id,
  region,
  received,
  party,
  source: party === 'politie' ? 'politie_registratie' : 'burger',
  phenomenon,
});

type Pre = AssessmentFixture & { enrichment?: string };
const P = (id: string, signal: string, body: string, decided: string, outcome: string, enrichment?: string): Pre => ({
  id,
  signal,
  stage: 'pre_weging',
  body,
  decided,
  framework: 'open_gesprek',
  outcome,
  enrichment,
});

const SIGNALS: SignalFixture[] = [
  S('S01', 'VR01', '2024-01-10', 'gemeente'),
  S('S02', 'VR01', '2024-02-01', 'gemeente'),
  S('S03', 'VR01', '2024-03-01', 'gemeente'),
  S('S04', 'VR01', '2024-01-15', 'politie'),
  S('S05', 'VR01', '2024-02-15', 'politie'),
  S('S06', 'VR01', '2024-04-01', 'politie'),
  S('S07', 'VR01', '2024-05-01', 'politie'),
  S('S08', 'VR01', '2024-06-01', 'om'),
  S('S09', 'VR01', '2023-12-20', 'politie'),
  S('S10', 'VR01', '2024-02-10', 'gemeente', 'rechts_extremisme'),
  S('T01', 'VR02', '2024-03-01', 'gemeente'),
  S('T02', 'VR02', '2024-03-05', 'politie'),
  S('T03', 'VR02', '2024-04-05', 'politie'),
  S('U01', 'VR03', '2024-05-05', 'om'),
  S('U02', 'VR03', '2024-05-06', 'gemeente'),
  S('W01', 'VR04', '2024-07-01', 'politie'),
  S('W02', 'VR04', '2024-07-02', 'gemeente'),
];

const ASSESSMENTS: Pre[] = [
  P('S01-1', 'S01', 'gemeente', '2024-01-12', 'afgesloten_onvoldoende_info'),
  P('S02-1', 'S02', 'gemeente', '2024-02-03', 'afgesloten_onvoldoende_info'),
  P('S03-1', 'S03', 'gemeente', '2024-03-02', 'verrijking'),
  P('S03-2', 'S03', 'gemeente', '2024-03-09', 'doorgezet'),
  { id: 'S03-3', signal: 'S03', stage: 'weegploeg', body: 'weegploeg', decided: '2024-03-20', framework: 'wettelijke_criteria', outcome: 'casusoverleg' },
  P('S04-1', 'S04', 'politie', '2024-01-16', 'verrijking', 'osint'),
  P('S04-2', 'S04', 'politie', '2024-01-30', 'niet_doorgezet', 'osint'),
  P('S05-1', 'S05', 'politie', '2024-02-16', 'verrijking', 'wijkagent'),
  P('S05-2', 'S05', 'politie', '2024-03-01', 'doorgezet', 'meerdere'),
  { id: 'S05-3', signal: 'S05', stage: 'afstemmingsoverleg', body: 'politie_om', decided: '2024-03-05', framework: 'le_model', outcome: 'doorgezet' },
  { id: 'S05-4', signal: 'S05', stage: 'weegploeg', body: 'weegploeg', decided: '2024-03-20', framework: 'wettelijke_criteria', outcome: 'geen_casusoverleg' },
  P('S06-1', 'S06', 'politie', '2024-04-02', 'niet_doorgezet', 'geen'),
  P('S07-1', 'S07', 'politie', '2024-05-02', 'doorgezet'),
  P('S08-1', 'S08', 'om', '2024-06-02', 'doorverwezen'),
  P('S09-1', 'S09', 'politie', '2023-12-21', 'verrijking', 'alertering'),
  P('S10-1', 'S10', 'gemeente', '2024-02-11', 'niet_doorgezet'),
  P('T01-1', 'T01', 'gemeente', '2024-03-02', 'afgesloten_onvoldoende_info'),
  P('T02-1', 'T02', 'politie', '2024-03-06', 'verrijking', 'alertering'),
  P('T02-2', 'T02', 'politie', '2024-04-20', 'doorgezet', 'alertering'),
  P('T03-1', 'T03', 'politie', '2024-04-06', 'niet_doorgezet', 'geen'),
  P('U01-1', 'U01', 'om', '2024-05-06', 'niet_doorgezet'),
  P('U02-1', 'U02', 'gemeente', '2024-05-07', 'doorgezet'),
  P('W01-1', 'W01', 'politie', '2024-07-02', 'verrijking', 'osint'),
  P('W01-2', 'W01', 'politie', '2024-07-20', 'doorgezet', 'osint'),
  P('W02-1', 'W02', 'gemeente', '2024-07-03', 'afgesloten_onvoldoende_info'),
];

/** The fixture R times over (ids suffixed -r1 … -rR), with the enrichment codes set. */
async function prewegingDb(r: number): Promise<FixtureDb> {
  const base: Fixture = { signals: SIGNALS, assessments: ASSESSMENTS };
  const db = await fixtureDb(replicate(base, r));
  for (const a of ASSESSMENTS) {
    if (!a.enrichment) continue;
    for (let i = 1; i <= r; i++) await db.conn.run('UPDATE assessments SET enrichment = ? WHERE assessment_id = ?', [a.enrichment, `${a.id}-r${i}`] as never);
  }
  for (const table of ANALYTIC_TABLES) await db.conn.run(`DROP TABLE ${table}`);
  await db.conn.run(recordKeyMacroSql(TEST_RECORD_KEY_SECRET));
  for (const stmt of DERIVED_TABLES_SQL) await db.conn.run(stmt);
  return db;
}

let db3: FixtureDb;
let db1: FixtureDb;
beforeAll(async () => {
  db3 = await prewegingDb(3);
  db1 = await prewegingDb(1);
});
afterAll(() => {
  db3.close();
  db1.close();
});

const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };
const run = (req: Partial<MetricRequest> = {}, db = db3) =>
  runMetric('preweging_outcomes', { role: 'inspectie', k: 3, scope: YEAR_2024, ...req } as MetricRequest, db.query, { exact: true });

function pick(res: MetricResponse, match: Row): Row {
  const rows = res.rows.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  if (rows.length !== 1) throw new Error(`${rows.length} rows match ${JSON.stringify(match)}`);
  return rows[0];
}
const at = (res: MetricResponse, region: string | null, body: string) => pick(res, { group: region ? 'region' : 'total', region_code: region, body });
const values = (row: Row, cols: string[]) => cols.map((c) => row[c]);
const reasonOf = (res: MetricResponse, row: Row, column: string) => res.suppressed.find((s) => s.row === res.rows.indexOf(row) && s.column === column)?.reason;

const OUTCOMES = ['outcome_doorgezet', 'outcome_niet_doorgezet', 'outcome_afgesloten_onvoldoende_info', 'outcome_verrijking', 'outcome_doorverwezen'];
const ENRICHMENT = ['enrichment_geen', 'enrichment_wijkagent', 'enrichment_alertering', 'enrichment_osint', 'enrichment_meerdere', 'enrichment_unknown'];
const CODE = ['enriched_code', 'enriched_code_verrijking', 'enriched_code_decision', 'enriched'];

describe('preweging_outcomes (extension)', () => {
  it('is self-describing: body dimension, counts, two shares, for every role', async () => {
    const res = await run();
    expect(res.columns.map((c) => [c.name, c.kind])).toEqual([
      ['group', 'dimension'],
      ['region_code', 'dimension'],
      ['body', 'dimension'],
      ['assessments', 'count'],
      ...OUTCOMES.map((c) => [c, 'count']),
      ...ENRICHMENT.map((c) => [c, 'count']),
      ...CODE.map((c) => [c, 'count']),
      ['closed_share', 'share'],
      ['enriched_share', 'share'],
    ]);
    for (const c of res.columns) expect(c.label.nl && c.label.en, c.name).toBeTruthy();
    for (const role of ['nctv', 'beheer'] as const) expect((await run({ role })).rows).toEqual(res.rows);
  });

  it('counts per region × body × outcome and enrichment code, 2024 (R = 3, k = 3: nothing suppressed)', async () => {
    const res = await run();
    expect(res.suppressed).toEqual([]);
    // every region × body has a row (a row's existence tells nothing); with data: VR01 gemeente,
    // politie, om; VR02 gemeente, politie; VR03 gemeente, om; VR04 gemeente, politie; totals per body
    expect(res.rows.length).toBe(26 * 3);
    expect(res.rows.filter((r) => r.assessments !== 0).map((r) => `${r.group}:${r.region_code}:${r.body}`)).toEqual([
      'region:VR01:gemeente',
      'region:VR01:politie',
      'region:VR01:om',
      'region:VR02:gemeente',
      'region:VR02:politie',
      'region:VR03:gemeente',
      'region:VR03:om',
      'region:VR04:gemeente',
      'region:VR04:politie',
      'total:null:gemeente',
      'total:null:politie',
      'total:null:om',
    ]);

    // VR01 gemeente (R = 1): S01 afgesloten, S02 afgesloten, S03-1 verrijking, S03-2 doorgezet, S10 niet_doorgezet
    // = 5; no codes (unknown 5); enriched = S03-1 = 1; closed 2/5 = 0.4, enriched 1/5 = 0.2. (S03's weegploeg left out.)
    const g1 = at(res, 'VR01', 'gemeente');
    expect(g1.assessments).toBe(15);
    expect(values(g1, OUTCOMES)).toEqual([3, 3, 6, 3, 0]);
    expect(values(g1, ENRICHMENT)).toEqual([0, 0, 0, 0, 0, 15]);
    expect(values(g1, CODE)).toEqual([0, 0, 0, 3]);
    expect(g1.closed_share).toBeCloseTo(0.4, 12);
    expect(g1.enriched_share).toBeCloseTo(0.2, 12);

    // VR01 politie (R = 1, S09 is 2023): S04-1 verr/osint, S04-2 niet/osint, S05-1 verr/wijkagent, S05-2 doorgezet/meerdere,
    // S06 niet/geen, S07 doorgezet/(none) = 6. Outcomes: doorgezet 2 (S05-2 S07), niet 2 (S04-2 S06), afgesloten 0,
    // verrijking 2 (S04-1 S05-1), doorverwezen 0. Codes: geen 1, wijkagent 1, alertering 0, osint 2, meerdere 1, unknown 1.
    // With a code: S04-1 S04-2 S05-1 S05-2 = 4, of which verrijking S04-1 S05-1 = 2, another outcome S04-2 S05-2 = 2;
    // enriched = verrijking ∪ code = the same four = 4 (= verrijking 2 + code-and-other 2). Shares 0/6 and 4/6.
    const p1 = at(res, 'VR01', 'politie');
    expect(p1.assessments).toBe(18);
    expect(values(p1, OUTCOMES)).toEqual([6, 6, 0, 6, 0]);
    expect(values(p1, ENRICHMENT)).toEqual([3, 3, 0, 6, 3, 3]);
    expect(values(p1, CODE)).toEqual([12, 6, 6, 12]);
    expect(p1.closed_share).toBe(0);
    expect(p1.enriched_share).toBeCloseTo(4 / 6, 12);

    // VR01 om: S08 doorverwezen = 1
    expect(values(at(res, 'VR01', 'om'), ['assessments', ...OUTCOMES, 'enrichment_unknown', 'enriched'])).toEqual([3, 0, 0, 0, 0, 3, 3, 0]);

    // VR02 gemeente: T01 afgesloten = 1 → closed 1/1
    expect(at(res, 'VR02', 'gemeente').closed_share).toBe(1);
    // VR02 politie: T02-1 verr/alertering, T02-2 doorgezet/alertering, T03 niet/geen = 3; code 2 (1 verrijking, 1 other); enriched 2
    const p2 = at(res, 'VR02', 'politie');
    expect(values(p2, ['assessments', ...OUTCOMES, ...ENRICHMENT, ...CODE])).toEqual([9, 3, 3, 0, 3, 0, 3, 0, 6, 0, 0, 0, 6, 3, 3, 6]);
    expect(p2.enriched_share).toBeCloseTo(2 / 3, 12);

    // totals, gemeente: VR01 5 + VR02 1 + VR03 1 + VR04 1 = 8; doorgezet S03-2 U02 = 2, niet S10 = 1,
    // afgesloten S01 S02 T01 W02 = 4, verrijking S03-1 = 1 (sum 8); closed 4/8 = 0.5, enriched 1/8
    const gT = at(res, null, 'gemeente');
    expect(values(gT, ['assessments', ...OUTCOMES, 'enrichment_unknown', 'enriched'])).toEqual([24, 6, 3, 12, 3, 0, 24, 3]);
    expect(gT.closed_share).toBeCloseTo(0.5, 12);
    expect(gT.enriched_share).toBeCloseTo(1 / 8, 12);
    // politie: VR01 6 + VR02 3 + VR04 2 = 11; doorgezet 2+1+1 = 4, niet 2+1 = 3, verrijking 2+1+1 = 4 (sum 11);
    // geen 1+1 = 2, wijkagent 1, alertering 2, osint 2+2 = 4, meerdere 1, unknown 1 (sum 11);
    // code 4+2+2 = 8 = verrijking 2+1+1 = 4 + other 2+1+1 = 4; enriched 4+2+2 = 8 = verrijking 4 + other 4
    const pT = at(res, null, 'politie');
    expect(values(pT, ['assessments', ...OUTCOMES, ...ENRICHMENT, ...CODE])).toEqual([33, 12, 9, 0, 12, 0, 6, 3, 6, 12, 3, 3, 24, 12, 12, 24]);
    expect(pT.closed_share).toBe(0);
    expect(pT.enriched_share).toBeCloseTo(8 / 11, 12);
    // om: S08 doorverwezen + U01 niet_doorgezet = 2
    expect(values(at(res, null, 'om'), ['assessments', 'outcome_niet_doorgezet', 'outcome_doorverwezen'])).toEqual([6, 3, 3]);
  });

  it("takes assessments in scope by their signal's received_at and filters", async () => {
    // no period: S09 (received 2023-12-20) counts: VR01 politie 6 + 1 = 7, verrijking 3, alertering 1, code 5, enriched 5
    const all = await run({ scope: {} });
    const p1 = at(all, 'VR01', 'politie');
    expect(values(p1, ['assessments', 'outcome_verrijking', 'enrichment_alertering', ...CODE])).toEqual([21, 9, 3, 15, 9, 6, 15]);
    // received from 2023-12-01 to 2023-12-31: only S09 (its signal's received_at, not the decision date, decides)
    const dec = await run({ scope: { from: '2023-12-01', to: '2023-12-31' } });
    expect(dec.rows.filter((r) => r.assessments !== 0).map((r) => `${r.group}:${r.region_code}:${r.body}:${r.assessments}`)).toEqual([
      'region:VR01:politie:3',
      'total:null:politie:3',
    ]);
    // phenomenon rechts_extremisme: only S10 (VR01 gemeente, niet_doorgezet)
    const re = await run({ scope: { ...YEAR_2024, phenomenon: 'rechts_extremisme' } });
    expect(re.rows.filter((r) => r.assessments !== 0).map((r) => `${r.group}:${r.region_code}:${r.body}:${r.assessments}:${r.outcome_niet_doorgezet}`)).toEqual([
      'region:VR01:gemeente:3:3',
      'total:null:gemeente:3:3',
    ]);
    // receiving party om: S08 (VR01) and U01 (VR03)
    const om = await run({ scope: { ...YEAR_2024, receiving_party: 'om' } });
    expect(om.rows.filter((r) => r.assessments !== 0).map((r) => `${r.group}:${r.region_code}:${r.body}`)).toEqual(['region:VR01:om', 'region:VR03:om', 'total:null:om']);
    // regions: VR02 only
    const vr02 = await run({ scope: { ...YEAR_2024, regions: ['VR02'] } });
    expect(vr02.rows.filter((r) => r.group === 'region' && r.assessments !== 0).map((r) => `${r.region_code}:${r.body}:${r.assessments}`)).toEqual([
      'VR02:gemeente:3',
      'VR02:politie:9',
    ]);
    // rule 1: the total rows are national whatever regions= selects
    const national = await run({ scope: YEAR_2024 });
    expect(vr02.rows.filter((r) => r.group === 'total')).toEqual(national.rows.filter((r) => r.group === 'total'));
  });

  it('suppresses counts below k and the shares resting on them (R = 1, k = 3)', async () => {
    const res = await run({}, db1);
    // VR01 gemeente: 5 assessments shown; doorgezet 1, niet 1, afgesloten 2, verrijking 1 hidden (count below k);
    // doorverwezen 0 shown; unknown 5 shown; enriched 1 hidden; closed_share from a hidden numerator
    const g1 = at(res, 'VR01', 'gemeente');
    expect(g1.assessments).toBe(5);
    expect(values(g1, OUTCOMES)).toEqual([null, null, null, null, 0]);
    expect(reasonOf(res, g1, 'outcome_afgesloten_onvoldoende_info')).toBe('count below k');
    expect(g1.enrichment_unknown).toBe(5);
    expect(g1.enriched).toBeNull();
    expect(g1.closed_share).toBeNull();
    expect(reasonOf(res, g1, 'closed_share')).toBe('computed from a suppressed count');
    // VR02 gemeente: one assessment: the count and both shares (denominator 1 < k) go
    const g2 = at(res, 'VR02', 'gemeente');
    expect(g2.assessments).toBeNull();
    expect(reasonOf(res, g2, 'assessments')).toBe('count below k');
    expect(g2.closed_share).toBeNull();
    // total gemeente: 8 assessments, afgesloten 4 → closed 0.5 shown (4 ≥ k; its region cells VR01 2, VR02 1,
    // VR04 1 are hidden, three in the column line, so nothing further needed there)
    const gT = at(res, null, 'gemeente');
    expect(gT.assessments).toBe(8);
    expect(gT.outcome_afgesloten_onvoldoende_info).toBe(4);
    expect(gT.closed_share).toBe(0.5);
    for (const role of ['inspectie', 'nctv', 'beheer'] as const) assertDisclosed(await run({ role }, db1), 3, role);
  });

  it('keeps the disclosure rules for every role at k = 3 and k = 5, with and without the period', async () => {
    for (const k of [3, 5]) {
      for (const scope of [{}, YEAR_2024]) {
        for (const role of ['inspectie', 'nctv', 'beheer', 'regio'] as const) {
          for (const db of [db1, db3]) {
            const res = await run({ role, region: role === 'regio' ? 'VR02' : undefined, k, scope }, db);
            assertDisclosed(res, k, role, 'VR02');
          }
        }
      }
    }
  });

  it('shows a regio caller its own rows and the other regions only as a distribution (R = 3, k = 3)', async () => {
    const res = await run({ role: 'regio', region: 'VR01' });
    // every other region is a peer (the 21 without data with zeros)
    expect(res.scope).toMatchObject({ regions: ['VR01'], peer_regions: 24 });
    const own = res.rows.filter((r) => r.group === 'own');
    expect(own.map((r) => `${r.region_code}:${r.body}:${r.assessments}`)).toEqual(['VR01:gemeente:15', 'VR01:politie:18', 'VR01:om:3']);
    const peer = (group: string, body: string) => pick(res, { group, body });
    // politie assessments of the others: VR02 9, VR04 6 and 22 regions with 0 → min 0, median 0, max 9
    expect(['peer_min', 'peer_median', 'peer_max'].map((g) => peer(g, 'politie').assessments)).toEqual([0, 0, 9]);
    // gemeente closed share of the others: VR02 1/1, VR03 0/1, VR04 1/1 → min 0, median 1, max 1
    expect(['peer_min', 'peer_median', 'peer_max'].map((g) => peer(g, 'gemeente').closed_share)).toEqual([0, 1, 1]);
    // politie enriched share: VR02 2/3, VR04 2/2, VR03 has none → two values, fewer than 3 peer regions
    expect(peer('peer_median', 'politie').enriched_share).toBeNull();
    assertDisclosed(res, 3, 'regio', 'VR01');
  });
});

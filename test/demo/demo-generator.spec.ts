/**
 * The demo generator: determinism, manifests, every value within the contract (checked
 * with code lists typed in from CONTRACT.md, not the generator's helpers), and the report's
 * patterns and the planted effects visible in the data.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMunicipalities } from '@weegwijzer/contract';
import { generateDemo } from '@weegwijzer/etl';
import { defaultEndYear } from '../../etl/src/demo';
import { loadCsvBatches, sha256, removeTempDirs, tempDir, treeHashes, type LoadedBatch, type Row } from './demo-helpers';

afterAll(removeTempDirs);

// Code lists as written in CONTRACT.md.
const PARTIES = ['gemeente', 'politie', 'om'];
const SOURCES = [
  'professional_meldpunt',
  'burger',
  'politie_registratie',
  'politie_trefwoord',
  'osint',
  'lse_doorverwijzing',
  'ambtsbericht',
  'inlichtingendienst',
  'om_strafzaak',
  'overig',
];
const PHENOMENA = ['jihadisme', 'rechts_extremisme', 'links_extremisme', 'anti_institutioneel', 'overig', 'gemengd_onduidelijk', 'onbekend'];
const AGE_BANDS = ['0_17', '18_24', '25_plus'];
const FRAMEWORKS = ['wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument', 'open_gesprek', 'niet_pluis', 'onbekend'];
const BODIES: Record<string, string[]> = { pre_weging: ['gemeente', 'politie', 'om'], afstemmingsoverleg: ['politie_om'], weegploeg: ['weegploeg', 'driehoek'] };
const OUTCOMES: Record<string, string[]> = {
  pre_weging: ['doorgezet', 'niet_doorgezet', 'afgesloten_onvoldoende_info', 'verrijking', 'doorverwezen'],
  afstemmingsoverleg: ['doorgezet', 'niet_doorgezet'],
  weegploeg: ['casusoverleg', 'geen_casusoverleg', 'nadere_duiding'],
};
const ENRICHMENTS = ['geen', 'wijkagent', 'alertering', 'osint', 'meerdere'];
const SIGNAL_HEADER = 'signal_id,subject_pseudonym,region_code,municipality_code,received_at,receiving_party,source,phenomenon,age_band';
const ASSESSMENT_HEADER =
  'assessment_id,signal_id,region_code,stage,body,decided_at,framework,c_geweld,c_denkbeelden,c_sociale_relaties,c_identificatie,c_zelfredzaamheid,outcome,enrichment,present_gemeente,present_politie,present_om,info_gemeente,info_politie,info_om,unanimous,analysis_recorded,decision_recorded';
const ID = /^[A-Za-z0-9_-]{8,64}$/;
const SUBJECT = /^[A-Za-z0-9_-]{16,128}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Planted {
  seed: number;
  years: number[];
  effects: { id: string; kind: string; region: string | null; stage?: string; body?: string; phenomenon?: string; phenomena?: string[]; expect: string; direction?: string }[];
}

const isDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const effect = (p: Planted, kind: string) => p.effects.filter((e) => e.kind === kind);

describe('demo generator (scale 0.5, 3 years)', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof generateDemo>>;
  let batches: LoadedBatch[];
  let planted: Planted;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    out = tempDir('gen');
    result = await generateDemo({ outDir: out, seed: 1, years: 3, endYear: 2025, scale: 0.5, onProgress: (d, t) => progress.push([d, t]) });
    batches = loadCsvBatches(result.batchDirs);
    planted = JSON.parse(readFileSync(result.plantedEffectsFile, 'utf8'));
  });

  it('writes one batch per region per year, 25 regions x 3 years, with the counts it reports', () => {
    expect(result.batchDirs).toHaveLength(75);
    expect(new Set(batches.map((b) => b.manifest.region_code)).size).toBe(25);
    expect(batches.map((b) => b.manifest.period.from.slice(0, 4)).filter((y) => y === '2024')).toHaveLength(25);
    expect(batches.reduce((s, b) => s + b.signals.length, 0)).toBe(result.signals);
    expect(batches.reduce((s, b) => s + b.assessments.length, 0)).toBe(result.assessments);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
  });

  it('has the volume of scale 0.5: about half of 9 859 signals over 2023-2025, 2-3 assessments each', () => {
    // Per year at scale 1: police 2350 + municipality 450 + OM 180 + meldpunt 1100 x 0.72^(year-2020):
    // 2023: 3390.6, 2024: 3275.6, 2025: 3192.8 -> 9859 over three years; half is 4930.
    expect(result.signals).toBeGreaterThan(4930 * 0.9);
    expect(result.signals).toBeLessThan(4930 * 1.1);
    expect(result.assessments / result.signals).toBeGreaterThan(2);
    expect(result.assessments / result.signals).toBeLessThan(3);
  });

  it('writes manifests whose rows and sha256 match the files', () => {
    for (const b of batches) {
      const m = b.manifest;
      expect(m.contract_version).toBe('1');
      expect(m.pseudonymisation.method).toBe('hmac-sha256');
      expect(m.batch_id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
      expect(m.produced_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      for (const kind of ['signals', 'assessments'] as const) {
        const path = join(b.dir, m.files[kind].name);
        expect(m.files[kind].sha256).toBe(sha256(path));
        const lines = readFileSync(path, 'utf8')
          .split('\n')
          .filter((l) => l !== '');
        expect(m.files[kind].rows).toBe(lines.length - 1);
      }
    }
  });

  it('has batch ids unique per region and the batch folder per region', () => {
    const ids = batches.map((b) => `${b.manifest.region_code}/${b.manifest.batch_id}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of batches) expect(b.dir.endsWith(join(b.manifest.region_code, b.manifest.batch_id))).toBe(true);
  });

  it('writes every signal value within the contract', () => {
    const municipalityRegion = new Map(loadMunicipalities().map((m) => [m.code, m.regionCode]));
    const problems: string[] = [];
    const check = (ok: boolean, what: string, b: LoadedBatch, row: number) => {
      if (!ok) problems.push(`${b.manifest.batch_id} signals row ${row}: ${what}`);
    };
    for (const b of batches) {
      expect(readFileSync(join(b.dir, 'signals.csv'), 'utf8').split('\n')[0]).toBe(SIGNAL_HEADER);
      const { from, to } = b.manifest.period;
      b.signals.forEach((s, i) => {
        check(ID.test(s.signal_id), 'signal_id', b, i);
        check(s.subject_pseudonym === '' || SUBJECT.test(s.subject_pseudonym), 'subject_pseudonym', b, i);
        check(s.region_code === b.manifest.region_code, 'region_code', b, i);
        check(s.municipality_code === '' || municipalityRegion.get(s.municipality_code) === s.region_code, 'municipality', b, i);
        check(isDate(s.received_at) && s.received_at >= from && s.received_at <= to, 'received_at', b, i);
        check(PARTIES.includes(s.receiving_party), 'receiving_party', b, i);
        check(SOURCES.includes(s.source), 'source', b, i);
        check(PHENOMENA.includes(s.phenomenon), 'phenomenon', b, i);
        check(s.age_band === '' || AGE_BANDS.includes(s.age_band), 'age_band', b, i);
      });
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('writes every assessment value within the contract, consistent with its stage and signal', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string, b: LoadedBatch, row: number) => {
      if (!ok) problems.push(`${b.manifest.batch_id} assessments row ${row}: ${what}`);
    };
    const wpBools = ['present_gemeente', 'present_politie', 'present_om', 'info_gemeente', 'info_politie', 'info_om', 'unanimous'];
    const scores = ['c_geweld', 'c_denkbeelden', 'c_sociale_relaties', 'c_identificatie', 'c_zelfredzaamheid'];
    for (const b of batches) {
      expect(readFileSync(join(b.dir, 'assessments.csv'), 'utf8').split('\n')[0]).toBe(ASSESSMENT_HEADER);
      const received = new Map(b.signals.map((s) => [s.signal_id, s.received_at]));
      const produced = Date.parse(b.manifest.produced_at);
      b.assessments.forEach((a, i) => {
        check(ID.test(a.assessment_id), 'assessment_id', b, i);
        check(received.has(a.signal_id), 'signal in batch', b, i);
        check(a.region_code === b.manifest.region_code, 'region_code', b, i);
        check((BODIES[a.stage] ?? []).includes(a.body), 'stage/body', b, i);
        check((OUTCOMES[a.stage] ?? []).includes(a.outcome), 'stage/outcome', b, i);
        check(FRAMEWORKS.includes(a.framework), 'framework', b, i);
        // Decided on or after receipt, and on a day that had begun when the batch was produced.
        check(isDate(a.decided_at) && a.decided_at >= (received.get(a.signal_id) ?? '9') && Date.parse(`${a.decided_at}T00:00:00Z`) < produced, 'decided_at', b, i);
        check(
          scores.every((c) => ['', '0', '1', '2'].includes(a[c])),
          'scores',
          b,
          i,
        );
        check(a.enrichment === '' || (a.stage === 'pre_weging' && a.body === 'politie' && ENRICHMENTS.includes(a.enrichment)), 'enrichment', b, i);
        check(
          wpBools.every((c) => (a.stage === 'weegploeg' ? ['true', 'false'] : ['']).includes(a[c])),
          'weegploeg booleans',
          b,
          i,
        );
        check(['true', 'false'].includes(a.analysis_recorded) && ['true', 'false'].includes(a.decision_recorded), 'recorded', b, i);
      });
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has ids unique per region across batches, and ids that cannot be read as personal data', () => {
    const byRegion = new Map<string, Set<string>>();
    let total = 0;
    for (const b of batches) {
      const seen = byRegion.get(b.manifest.region_code) ?? new Set<string>();
      byRegion.set(b.manifest.region_code, seen);
      for (const id of [...b.signals.map((s) => `s:${s.signal_id}`), ...b.assessments.map((a) => `a:${a.assessment_id}`)]) {
        seen.add(id);
        total++;
      }
      // No two digits in a row: never a BSN, phone number, postcode, IBAN or date.
      const values = [...b.signals.flatMap((s) => [s.signal_id, s.subject_pseudonym]), ...b.assessments.map((a) => a.assessment_id)];
      expect(values.filter((v) => /\d{2}|[@ ]/.test(v))).toEqual([]);
    }
    expect([...byRegion.values()].reduce((s, set) => s + set.size, 0)).toBe(total);
  });

  it('is deterministic: the same seed gives the same bytes, another seed other bytes', async () => {
    const again = tempDir('gen-again');
    await generateDemo({ outDir: again, seed: 1, years: 3, endYear: 2025, scale: 0.5 });
    expect(treeHashes(again)).toEqual(treeHashes(out));
    const other = tempDir('gen-other');
    await generateDemo({ outDir: other, seed: 2, years: 3, endYear: 2025, scale: 0.5 });
    const a = treeHashes(out);
    const b = treeHashes(other);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) expect(b[k], k).not.toBe(a[k]);
  });

  it('has most signals from the police, jihadism as the largest phenomenon', () => {
    const all = batches.flatMap((b) => b.signals);
    const police = all.filter((s) => s.receiving_party === 'politie').length;
    expect(police / all.length).toBeGreaterThan(0.55);
    const byPhenomenon = count(all, (s) => s.phenomenon);
    const largest = Object.entries(byPhenomenon).sort((x, y) => y[1] - x[1])[0][0];
    expect(largest).toBe('jihadisme');
  });

  it('has professional meldpunt signals falling year on year nationally', () => {
    const perYear = count(
      batches.flatMap((b) => b.signals).filter((s) => s.source === 'professional_meldpunt'),
      (s) => s.received_at.slice(0, 4),
    );
    expect(perYear['2024']).toBeLessThan(perYear['2023']);
    expect(perYear['2025']).toBeLessThan(perYear['2024']);
  });

  it('plants a direct region without any pre-assessment, and pre-weging elsewhere', () => {
    const [direct] = effect(planted, 'direct_to_weegploeg');
    const inRegion = (code: string) => batches.filter((b) => b.manifest.region_code === code).flatMap((b) => b.assessments);
    expect(inRegion(direct.region!).filter((a) => a.stage !== 'weegploeg')).toHaveLength(0);
    expect(inRegion(direct.region!).length).toBeGreaterThan(50);
    for (const b of batches.filter((x) => x.manifest.region_code !== direct.region)) {
      expect(b.assessments.some((a) => a.stage === 'pre_weging')).toBe(true);
    }
  });

  it('plants a driehoek region: every weegploeg-stage row there has body driehoek, nowhere else', () => {
    const [driehoek] = effect(planted, 'driehoek');
    for (const b of batches) {
      const wp = b.assessments.filter((a) => a.stage === 'weegploeg');
      expect(wp.length).toBeGreaterThan(0);
      const expected = b.manifest.region_code === driehoek.region ? 'driehoek' : 'weegploeg';
      expect(wp.every((a) => a.body === expected)).toBe(true);
    }
  });

  it('plants a region with a clearly lower right-wing share', () => {
    const [gap] = effect(planted, 'phenomenon_gap');
    expect(gap.phenomenon).toBe('rechts_extremisme');
    const signals = batches.flatMap((b) => b.signals);
    const share = (rows: Row[]) => rows.filter((s) => s.phenomenon === 'rechts_extremisme').length / rows.length;
    const inGap = signals.filter((s) => s.region_code === gap.region);
    const others = signals.filter((s) => s.region_code !== gap.region);
    expect(share(inGap)).toBeLessThan(share(others) / 3);
  });

  it('has pending signals at the end of the period and nadere_duiding loops ending in a decision', () => {
    // pending (METRICS.md): no weegploeg assessment, and the latest pre-assessment (if any) did not drop it.
    const pendingShare = (year: string) => {
      const bs = batches.filter((b) => b.manifest.period.from === `${year}-01-01`);
      const bySignal = groupBy(
        bs.flatMap((b) => b.assessments),
        (a) => a.signal_id,
      );
      const signals = bs.flatMap((b) => b.signals);
      const pending = signals.filter((s) => {
        const rows = bySignal.get(s.signal_id) ?? [];
        if (rows.some((a) => a.stage === 'weegploeg')) return false;
        const order = (a: Row) => `${a.decided_at}${a.stage === 'pre_weging' ? 0 : 1}${a.assessment_id}`;
        const last = [...rows].sort((x, y) => order(x).localeCompare(order(y))).at(-1);
        return !last || !['niet_doorgezet', 'afgesloten_onvoldoende_info', 'doorverwezen'].includes(last.outcome);
      });
      return pending.length / signals.length;
    };
    expect(pendingShare('2025')).toBeGreaterThan(0.02);
    expect(pendingShare('2025')).toBeGreaterThan(pendingShare('2023') * 1.5);
    const wpBySignal = groupBy(
      batches.flatMap((b) => b.assessments.filter((a) => a.stage === 'weegploeg')),
      (a) => a.signal_id,
    );
    const loops = [...wpBySignal.values()].filter((rows) => rows.length >= 2);
    expect(loops.length).toBeGreaterThan(20);
    const sorted = loops.map((rows) => [...rows].sort((x, y) => x.decided_at.localeCompare(y.decided_at)));
    expect(sorted.every((rows) => rows[0].outcome === 'nadere_duiding')).toBe(true);
    expect(sorted.filter((rows) => rows.at(-1)!.outcome !== 'nadere_duiding').length).toBeGreaterThan(loops.length * 0.8);
  });

  it('has municipalities closing for lack of information and the police enriching', () => {
    const pre = batches.flatMap((b) => b.assessments.filter((a) => a.stage === 'pre_weging'));
    const byBody = (body: string, outcome: string) => pre.filter((a) => a.body === body && a.outcome === outcome).length;
    expect(byBody('gemeente', 'afgesloten_onvoldoende_info')).toBeGreaterThan(50);
    expect(byBody('politie', 'afgesloten_onvoldoende_info')).toBe(0);
    expect(byBody('politie', 'verrijking')).toBeGreaterThan(500);
    expect(byBody('gemeente', 'verrijking')).toBe(0);
    expect(pre.filter((a) => a.body === 'politie' && a.enrichment !== '' && a.enrichment !== 'geen').length).toBeGreaterThan(500);
  });

  it('has people who move: the same subject_pseudonym in two regions, the second signal later', () => {
    const signals = batches.flatMap((b) => b.signals).filter((s) => s.subject_pseudonym !== '');
    const bySubject = groupBy(signals, (s) => s.subject_pseudonym);
    const movers = [...bySubject.values()].filter((rows) => new Set(rows.map((s) => s.region_code)).size >= 2);
    expect(movers.length).toBeGreaterThan(40);
    expect(planted.effects.find((e) => e.kind === 'movers')).toBeDefined();
  });

  it('varies frameworks by party and region', () => {
    const pre = batches.flatMap((b) => b.assessments.filter((a) => a.stage === 'pre_weging' && a.outcome !== 'verrijking'));
    const top = (rows: Row[]) => Object.entries(count(rows, (a) => a.framework)).sort((x, y) => y[1] - x[1])[0][0];
    expect(top(pre.filter((a) => a.body === 'politie'))).toBe('le_model');
    expect(['niet_pluis', 'open_gesprek']).toContain(top(pre.filter((a) => a.body === 'gemeente')));
    const [ica] = effect(planted, 'ica_triage');
    expect(top(pre.filter((a) => a.body === 'gemeente' && a.region_code === ica.region))).toBe('ica');
    const wpTop = new Set(
      ['VR01', 'VR02', 'VR03', 'VR04', 'VR05', 'VR06', 'VR07', 'VR08', 'VR09', 'VR10', 'VR11', 'VR12', 'VR13'].map((r) =>
        top(batches.flatMap((b) => b.assessments).filter((a) => a.stage === 'weegploeg' && a.region_code === r)),
      ),
    );
    expect(wpTop.size).toBeGreaterThanOrEqual(2);
  });
});

describe('demo generator options', () => {
  it('writes a single batch of one region for benchmarks, without planted effects', async () => {
    const out = tempDir('single');
    const r = await generateDemo({ outDir: out, seed: 3, years: 2, endYear: 2024, scale: 0.3, layout: 'single', singleRegion: 'VR13' });
    expect(r.batchDirs).toHaveLength(1);
    const [b] = loadCsvBatches(r.batchDirs);
    expect(b.manifest.region_code).toBe('VR13');
    expect(b.manifest.period).toEqual({ from: '2023-01-01', to: '2024-12-31' });
    expect(new Set(b.signals.map((s) => s.region_code))).toEqual(new Set(['VR13']));
    // The whole national volume in one region, 2023 + 2024: 0.3 x (3390.6 + 3275.6) = 2000.
    expect(r.signals).toBeGreaterThan(1800);
    expect(r.signals).toBeLessThan(2200);
    expect(JSON.parse(readFileSync(r.plantedEffectsFile, 'utf8')).effects).toEqual([]);
    expect(statSync(join(b.dir, 'signals.csv')).size).toBeGreaterThan(0);
  });

  it('ends by default with the last full calendar year before today', () => {
    expect(defaultEndYear(new Date('2026-11-29T12:00:00Z'))).toBe(2025);
    expect(defaultEndYear(new Date('2027-01-01T00:30:00Z'))).toBe(2026);
  });

  it('refuses bad options with a clear message', async () => {
    const out = tempDir('bad');
    await expect(generateDemo({ outDir: out, scale: 0 })).rejects.toThrow(/scale must be a positive number/);
    await expect(generateDemo({ outDir: out, years: 0 })).rejects.toThrow(/years must be/);
    await expect(generateDemo({ outDir: out, format: 'ods' as never })).rejects.toThrow(/format must be one of/);
  });
});

function count<T>(rows: T[], key: (r: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

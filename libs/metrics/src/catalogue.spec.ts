import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue';
import { toCsv } from './csv';
import type { MetricTable } from './types';

describe('catalogue', () => {
  it('lists every metric for inspectie and hides the subject-linking one from the others', () => {
    const all = catalogue('inspectie').map((m) => m.name);
    expect(all).toEqual([
      'flow',
      'dropoff',
      'leadtime',
      'criteria_usage',
      'criteria_coverage',
      'outcome_divergence',
      'reassessment_consistency',
      'phenomenon_coverage',
      'integrality',
      'reach',
      'trend',
      'preweging_outcomes',
      'attention',
    ]);
    for (const role of ['nctv', 'beheer'] as const) expect(catalogue(role).map((m) => m.name)).toEqual(all.filter((n) => n !== 'reassessment_consistency'));
    // the attention list compares regions with themselves over all series: not for a region's own view
    expect(catalogue('regio').map((m) => m.name)).toEqual(all.filter((n) => n !== 'reassessment_consistency' && n !== 'attention'));
  });

  it('is JSON-safe and self-describing', () => {
    const entries = catalogue('inspectie');
    expect(JSON.parse(JSON.stringify(entries))).toEqual(entries);
    const trend = entries.find((m) => m.name === 'trend');
    expect(trend?.params).toEqual([
      { name: 'by', label: { nl: 'Naar', en: 'By' }, values: ['phenomenon', 'source', 'receiving_party'], default: 'phenomenon' },
      { name: 'grain', label: { nl: 'Periode', en: 'Period' }, values: ['month', 'quarter', 'year'], default: 'month' },
    ]);
    expect(trend?.columns.map((c) => [c.name, c.kind])).toEqual([
      ['group', 'dimension'],
      ['region_code', 'dimension'],
      ['period', 'dimension'],
      ['category', 'dimension'],
      ['signals', 'count'],
    ]);
    for (const m of entries) {
      expect(m.label.nl && m.label.en && m.description.nl && m.description.en, m.name).toBeTruthy();
      expect(m.dimensions.slice(0, 2)).toEqual(['group', 'region_code']);
    }
    expect(entries.find((m) => m.name === 'reach')?.extras).toEqual(['population_year']);
    expect(entries.find((m) => m.name === 'flow')?.extras).toEqual(['links']);
  });
});

describe('toCsv', () => {
  const table: MetricTable = {
    columns: [
      { name: 'region_code', kind: 'dimension', label: { nl: '', en: '' } },
      { name: 'signals', kind: 'count', label: { nl: '', en: '' } },
      { name: 'drop_rate', kind: 'share', label: { nl: '', en: '' } },
      { name: 'note', kind: 'dimension', label: { nl: '', en: '' } },
    ],
    rows: [
      { region_code: 'VR01', signals: 412, drop_rate: 0.31, note: 'a;b "c"' },
      { region_code: 'VR02', signals: null, drop_rate: null, note: null },
    ],
    suppressed: [
      { row: 1, column: 'signals', reason: 'count below k' },
      { row: 1, column: 'drop_rate', reason: 'denominator below k' },
    ],
  };

  it('writes suppressed cells as x and undefined ones as empty', () => {
    expect(toCsv(table)).toBe('region_code,signals,drop_rate,note\r\nVR01,412,0.31,"a;b ""c"""\r\nVR02,x,x,\r\n');
  });

  it('writes Excel-NL CSV with BOM, semicolons and decimal commas', () => {
    expect(toCsv(table, { sep: ';', bom: true })).toBe('\uFEFFregion_code;signals;drop_rate;note\r\nVR01;412;0,31;"a;b ""c"""\r\nVR02;x;x;\r\n');
    expect(toCsv(table, { sep: ';', decimal: '.' })).toContain('VR01;412;0.31;');
  });
});

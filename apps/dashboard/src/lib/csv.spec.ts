import { describe, expect, it } from 'vitest';
import type { MetricTable } from '../api/types';
import { csvFileName, tableToCsv } from './csv';
import { buildTable } from './table';

const response: MetricTable & { k: number } = {
  k: 5,
  columns: [
    { name: 'region_code', kind: 'dimension' },
    { name: 'signals', kind: 'count' },
    { name: 'drop_rate', kind: 'share' },
  ],
  rows: [
    { region_code: 'VR13', signals: 412, drop_rate: 0.31 },
    { region_code: 'VR03', signals: null, drop_rate: null },
    { region_code: null, signals: 500, drop_rate: 0.3 },
  ],
  suppressed: [
    { row: 1, column: 'signals', reason: 'count below k' },
    { row: 1, column: 'drop_rate', reason: 'denominator below k' },
  ],
};

function model(lang: 'nl' | 'en') {
  return buildTable(response, {
    lang,
    caption: 'Stroom',
    columnLabel: (c) => ({ region_code: 'Regio', signals: 'Signalen', drop_rate: 'Afval; aandeel' })[c.name] ?? c.name,
    dimensionText: (_c, v) => (v === 'VR13' ? 'Amsterdam-Amstelland' : v === 'VR03' ? 'Drenthe' : 'Landelijk'),
  });
}

describe('table model', () => {
  it('shows suppressed cells as text, never as zero', () => {
    const m = model('nl');
    expect(m.rows[1].map((c) => c.text)).toEqual(['Drenthe', '< 5', 'n < 5']);
    expect(m.rows[1][1].raw).toBeNull();
    expect(m.suppressionKinds.sort()).toEqual(['base', 'count']);
    expect(m.rows[0].map((c) => c.text)).toEqual(['Amsterdam-Amstelland', '412', '31,0%']);
  });
  it('keeps only chosen columns and rows', () => {
    const m = buildTable(response, {
      lang: 'en',
      caption: 'x',
      columns: ['signals', 'region_code'],
      rowFilter: (r) => r.region_code !== null,
      columnLabel: (c) => c.name,
      dimensionText: (_c, v) => String(v),
    });
    expect(m.columns.map((c) => c.key)).toEqual(['signals', 'region_code']);
    expect(m.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['412', 'VR13'],
      ['< 5', 'VR03'],
    ]);
  });
});

describe('tableToCsv', () => {
  it('writes the shown table: BOM, semicolons and decimal commas in Dutch, suppressed as on screen', () => {
    expect(tableToCsv(model('nl'), 'nl')).toBe('\uFEFFRegio;Signalen;"Afval; aandeel"\r\nAmsterdam-Amstelland;412;0,31\r\nDrenthe;< 5;n < 5\r\nLandelijk;500;0,3\r\n');
  });
  it('uses commas and decimal points in English', () => {
    expect(tableToCsv(model('en'), 'en')).toBe('\uFEFFRegio,Signalen,Afval; aandeel\r\nAmsterdam-Amstelland,412,0.31\r\nDrenthe,< 5,n < 5\r\nLandelijk,500,0.3\r\n');
  });
  it('defuses text that a spreadsheet would run as a formula', () => {
    const m = model('en');
    m.rows[0][0] = { raw: '=1+1', text: '=1+1' };
    expect(tableToCsv(m, 'en').split('\r\n')[1]).toBe("'=1+1,412,0.31");
  });
  it('makes safe file names', () => {
    expect(csvFileName(['flow', 'Van bron naar uitkomst', '2024-01-01', null])).toBe('flow_van-bron-naar-uitkomst_2024-01-01.csv');
  });
});

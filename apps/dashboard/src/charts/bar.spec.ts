import { describe, expect, it } from 'vitest';
import type { TableModel } from '../lib/table';
import { barOption } from './bar';

const model: TableModel = {
  caption: 'Meldpuntsignalen per 100 000 inwoners',
  k: 5,
  columns: [
    { key: 'region', label: 'Regio', kind: 'dimension' },
    { key: 'rate', label: 'Per 100 000', kind: 'rate_per_100k' },
  ],
  rows: [
    [
      { raw: 'VR01', text: 'Groningen' },
      { raw: 2.5, text: '2,5' },
    ],
    [
      { raw: 'VR05', text: 'Twente' },
      { raw: null, text: '< 5', suppression: 'count' },
    ],
    [
      { raw: 'VR11', text: 'Zaanstreek-Waterland' },
      { raw: 0, text: '0' },
    ],
    [
      { raw: 'VR12', text: 'Kennemerland' },
      { raw: null, text: '–' },
    ],
  ],
  source: [],
  suppressionKinds: ['count'],
  hasNotApplicable: false,
};

type Item = { value: number | null; text: string; label?: { show: boolean; formatter: string } };

describe('bar chart', () => {
  const option = barOption(model, { category: 'region', series: [{ key: 'rate', name: 'Per 100 000' }], valueKind: 'rate_per_100k', lang: 'nl', horizontal: true }) as {
    series: { data: Item[] }[];
  };
  const [groningen, twente, zaanstreek, kennemerland] = option.series[0].data;

  it('labels a released zero "0", so a bar too short to see does not read as a missing value', () => {
    expect(zaanstreek.value).toBe(0);
    expect(zaanstreek.label).toMatchObject({ show: true, formatter: '0' });
  });

  it('draws a suppressed value as a short labelled bar, leaves a value without data out, and labels no ordinary bar', () => {
    expect(twente.value).toBeGreaterThan(0);
    expect(twente.label).toMatchObject({ show: true, formatter: '< 5' });
    expect(kennemerland.value).toBeNull();
    expect(kennemerland.label).toBeUndefined();
    expect(groningen.value).toBe(2.5);
    expect(groningen.label).toBeUndefined();
  });

  it('labels no zero inside a stack (the label would sit on the next segment)', () => {
    const stacked = barOption(model, { category: 'region', series: [{ key: 'rate', name: 'Per 100 000' }], valueKind: 'rate_per_100k', lang: 'nl', stacked: true }) as {
      series: { data: Item[] }[];
    };
    expect(stacked.series[0].data[2].label).toBeUndefined();
  });
});

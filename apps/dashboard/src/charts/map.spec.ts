import { describe, expect, it } from 'vitest';
import { mapOption } from './map';

describe('map tooltip', () => {
  it('names the region, not its code, and stays silent for regions that may not be named', () => {
    const option = mapOption({
      data: [
        { code: 'VR22', name: 'Brabant-Zuidoost', value: 0.4, text: '40,0%' },
        { code: 'VR23', name: 'Limburg-Noord', value: null, text: '–' },
      ],
      nameable: (code) => code !== 'VR23',
      minText: '',
      maxText: '',
      indicator: 'Uitvalpercentage',
    }) as { tooltip: { formatter: (p: unknown) => string }; series: { data: { name: string; regionName?: string }[] }[] };
    const data = option.series[0].data.filter((d) => d.name === 'VR22' || d.name === 'VR23');
    const tip = (d: unknown) => option.tooltip.formatter({ data: d });
    expect(tip(data[0])).toBe('Brabant-Zuidoost<br/>Uitvalpercentage: <b>40,0%</b>');
    expect(tip(data[1])).toBe('');
  });
});

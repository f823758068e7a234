import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MetricResponse, Row } from '@weegwijzer/metrics';
import { describe, expect, it } from 'vitest';
import { entryId, renderAttentionFeed, xmlText } from './attention-feed';

const row = (extra: Row): Row => ({
  group: 'region',
  region_code: 'VR09',
  series: 'source:osint',
  period: '2025-Q4',
  baseline_period: '2024-Q4',
  observed: 30,
  expected: 10,
  p_value: 0.001,
  q_value: 0.01,
  flag: true,
  ...extra,
});
const response = (rows: Row[], note = 'Vergeleken: 2025-Q4 met 2024-Q4.'): MetricResponse =>
  ({ metric: 'attention', rows, notes: [{ code: 'attention_compared', nl: note, en: note }] }) as unknown as MetricResponse;

describe('attention Atom feed', () => {
  it('escapes the five XML specials and drops characters XML 1.0 forbids', () => {
    expect(xmlText(`a<b>&"c'\u0000\u0007d`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;d');
  });

  it('is well-formed Atom with one entry per flagged row, stable ids, escaped text and the given updated time', () => {
    const rows = [row({}), row({ region_code: null, series: 'phenomenon:<x&y>', observed: 5, expected: 40 }), row({ region_code: 'VR01', flag: false })];
    const xml = renderAttentionFeed(response(rows, 'note with <tags> & "quotes"'), '2026-01-02T03:04:05.000Z', '/api/v1/attention.atom?from=2024-01&to=2025-12');
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(xml).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.updated).toBe('2026-01-02T03:04:05.000Z');
    expect(feed.subtitle).toBe('note with <tags> & "quotes"');
    expect(feed.link['@_href']).toBe('/api/v1/attention.atom?from=2024-01&to=2025-12');
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual(['urn:weegwijzer:attention:2025-Q4:VR09:source:osint', 'urn:weegwijzer:attention:2025-Q4:NL:phenomenon:<x&y>']);
    expect(feed.entry[1].title).toMatch(/^Landelijk: daling phenomenon:<x&y>, 5 signalen in 2025-Q4 tegen 40 in 2024-Q4$/);
    expect(feed.entry[0].title).toMatch(/\(VR09\): stijging source:osint/);
    expect(feed.entry.every((e: { updated: string }) => e.updated === '2026-01-02T03:04:05.000Z')).toBe(true);
    expect(entryId(rows[0])).toBe(entryId({ ...rows[0], observed: 31, q_value: 0.02 }));
  });

  it('has no entries when nothing is flagged', () => {
    const xml = renderAttentionFeed(response([row({ flag: false })]), '2026-01-02T03:04:05.000Z', '/api/v1/attention.atom');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<entry>');
  });
});

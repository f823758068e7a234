import { describe, expect, it } from 'vitest';
import { safeAuditRecord, safeParams, safeText } from './audit-record';

describe('safeText', () => {
  it('escapes NUL, other controls and lone surrogates, keeps pairs and ordinary text', () => {
    expect(safeText('a\u0000b', 100)).toBe('a\\u0000b');
    expect(safeText('x\ny\u007f', 100)).toBe('x\\u000ay\\u007f');
    expect(safeText('\ud800', 100)).toBe('\\ud800');
    expect(safeText('z\udc01z', 100)).toBe('z\\udc01z');
    expect(safeText('😀 één', 100)).toBe('😀 één');
  });

  it('caps at a number of characters without splitting a pair or an escape', () => {
    expect(safeText('x'.repeat(10_000), 200)).toHaveLength(200);
    expect(safeText('😀😀😀', 2)).toBe('😀😀');
    expect(safeText('ab\u0000', 5)).toBe('ab');
  });
});

describe('safeParams', () => {
  it('keeps strings, finite numbers, booleans and shallow arrays; drops deeper structure', () => {
    expect(safeParams({ a: 'x', n: 3, b: true, list: ['p', 1], deep: { x: 1 }, nested: [[1]], inf: Infinity, u: undefined })).toEqual({
      a: 'x',
      n: 3,
      b: true,
      list: ['p', 1],
      deep: '[not recorded]',
      nested: ['[not recorded]'],
      inf: 'Infinity',
    });
    expect(safeParams({})).toBeNull();
    expect(safeParams(null)).toBeNull();
  });

  it('caps the number of keys and the size of the JSON', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const kept = safeParams(many)!;
    expect(Object.keys(kept)).toHaveLength(31);
    expect(kept['…']).toBe('more parameters not recorded');
    const big = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, Array.from({ length: 30 }, () => 'y'.repeat(200))]));
    expect(safeParams(big)).toEqual({ '…': 'parameters larger than 4096 bytes not recorded' });
  });
});

describe('safeAuditRecord', () => {
  it('produces only values PostgreSQL stores', () => {
    const r = safeAuditRecord({
      at: new Date('x'),
      who: '',
      role: null,
      regionCode: null,
      method: 'GET\u0000XXXXXXXX',
      route: '/api/\u0000'.padEnd(1000, 'a'),
      params: { sep: '\u0000' },
      status: 200.4,
      durationMs: Number.NaN,
      requestId: 'r1',
    });
    expect(Number.isNaN(r.at.getTime())).toBe(false);
    expect(r.who).toBe('anonymous');
    expect(r.method).toBe('GET');
    expect(r.route).toHaveLength(200);
    expect(r.route).not.toContain('\u0000');
    expect(r.params).toEqual({ sep: '\\u0000' });
    expect(r.status).toBe(200);
    expect(r.durationMs).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { MetricCache, type MetricCacheKey } from './metric-cache';

const key = (over: Partial<MetricCacheKey> = {}): MetricCacheKey => ({
  snapshot: 's1',
  role: 'inspectie',
  region: null,
  k: 5,
  metric: 'flow',
  scope: { regions: ['VR13'], from: undefined },
  params: {},
  ...over,
});
const result = (n: number) => ({ n, rows: [{}], columns: [{}] });

describe('metric result cache', () => {
  it('computes once per key and never shares across roles or regions', async () => {
    const cache = new MetricCache<ReturnType<typeof result>>(10);
    let computed = 0;
    const compute = async () => result(++computed);
    expect((await cache.get(key(), compute)).n).toBe(1);
    expect((await cache.get(key({ scope: { from: undefined, regions: ['VR13'] } }), compute)).n).toBe(1);
    expect((await cache.get(key({ role: 'nctv' }), compute)).n).toBe(2);
    expect((await cache.get(key({ role: 'regio', region: 'VR13' }), compute)).n).toBe(3);
    expect((await cache.get(key({ role: 'regio', region: 'VR03' }), compute)).n).toBe(4);
    expect((await cache.get(key({ k: 10 }), compute)).n).toBe(5);
    expect(computed).toBe(5);
  });

  it('lets concurrent identical requests share one computation', async () => {
    const cache = new MetricCache<ReturnType<typeof result>>(10);
    let computed = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const compute = async () => {
      computed++;
      await gate;
      return result(computed);
    };
    const all = Promise.all([cache.get(key(), compute), cache.get(key(), compute), cache.get(key(), compute)]);
    release();
    expect((await all).map((r) => r.n)).toEqual([1, 1, 1]);
    expect(computed).toBe(1);
  });

  it('forgets everything when the snapshot changes, and evicts the least recently used', async () => {
    const cache = new MetricCache<ReturnType<typeof result>>(2);
    let computed = 0;
    const compute = async () => result(++computed);
    await cache.get(key({ metric: 'a' }), compute);
    await cache.get(key({ metric: 'b' }), compute);
    await cache.get(key({ metric: 'a' }), compute);
    await cache.get(key({ metric: 'c' }), compute); // evicts b
    expect((await cache.get(key({ metric: 'a' }), compute)).n).toBe(1);
    expect((await cache.get(key({ metric: 'b' }), compute)).n).toBe(4);
    expect((await cache.get(key({ metric: 'a', snapshot: 's2' }), compute)).n).toBe(5);
  });

  it('does not keep failures', async () => {
    const cache = new MetricCache<ReturnType<typeof result>>(10);
    await expect(cache.get(key(), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get(key(), async () => result(7))).n).toBe(7);
  });

  it('is a pass-through when off', async () => {
    const cache = new MetricCache<ReturnType<typeof result>>(0);
    let computed = 0;
    await cache.get(key(), async () => result(++computed));
    await cache.get(key(), async () => result(++computed));
    expect(computed).toBe(2);
  });
});

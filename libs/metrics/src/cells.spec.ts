import { describe, expect, it } from 'vitest';
import { CellMap } from './cells';

describe('CellMap', () => {
  it('finds a cell by its dimension values, equal as text, null and absent alike', () => {
    const m = new CellMap<string>(['region_code', 'year']);
    m.set({ region_code: 'VR01', year: 2024 }, 'a');
    m.set({ region_code: null, year: 2024 }, 'total');
    expect(m.get({ region_code: 'VR01', year: '2024' })).toBe('a');
    expect(m.get({ year: 2024 })).toBe('total');
    expect(m.get({ region_code: 'VR01', year: 2023 })).toBeUndefined();
    expect(m.get({ region_code: 'VR02', year: 2024 })).toBeUndefined();
    // the empty string is a value of its own, not "absent"
    expect(m.get({ region_code: '', year: 2024 })).toBeUndefined();
  });

  it('lists values in the order their cells were first set; setting a cell again replaces it in place', () => {
    const m = new CellMap<number>(['a']);
    m.set({ a: 'x' }, 1);
    m.set({ a: 'y' }, 2);
    m.set({ a: 'x' }, 3);
    expect(m.values()).toEqual([3, 2]);
    expect(m.size).toBe(2);
  });

  it('makes a missing cell once with getOrSet and returns the existing one after', () => {
    const m = new CellMap<{ n: number }>(['a', 'b']);
    let made = 0;
    const make = () => ({ n: ++made });
    const x = m.getOrSet({ a: 'x', b: 1 }, make);
    expect(m.getOrSet({ a: 'x', b: '1' }, make)).toBe(x);
    m.getOrSet({ a: 'x', b: 2 }, make);
    expect(made).toBe(2);
    expect(m.values().map((v) => v.n)).toEqual([1, 2]);
    expect(m.get({ a: 'x', b: 2 })).toEqual({ n: 2 });
  });

  it('has one cell without dimensions', () => {
    const m = new CellMap<number>([]);
    expect(m.get({})).toBeUndefined();
    m.set({ n: 1 }, 5);
    expect(m.get({ n: 2 })).toBe(5);
    expect(m.values()).toEqual([5]);
  });
});

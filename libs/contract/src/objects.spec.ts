import { describe, expect, it } from 'vitest';
import { literalFieldNames, objectLiteralFactory } from './objects';

describe('objectLiteralFactory', () => {
  it('makes objects with the fields in the order given, from the value expressions', () => {
    const make = objectLiteralFactory<(v: unknown[]) => Record<string, unknown>>(['b', 'a', 'c_1'], ['v'], (i) => `v[${i}]`);
    expect(make).toBeDefined();
    const o = (make as (v: unknown[]) => Record<string, unknown>)([1, 'x', null]);
    expect(Object.keys(o)).toEqual(['b', 'a', 'c_1']);
    expect(o).toEqual({ b: 1, a: 'x', c_1: null });
  });

  it('refuses names that cannot be plain literal fields, so the caller builds field by field', () => {
    for (const names of [['a-b'], ['__proto__'], ['a', 'a'], ['1a'], ['a"b'], ['a}; process.exit(1); ({'], Array.from({ length: 65 }, (_, i) => `c${i}`)]) {
      expect(literalFieldNames(names), JSON.stringify(names.slice(0, 2))).toBe(false);
      expect(objectLiteralFactory(names, ['v'], (i) => `v[${i}]`)).toBeUndefined();
    }
    expect(literalFieldNames(Array.from({ length: 64 }, (_, i) => `c${i}`))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { findJsonBodyProblem } from './json-body.check';

describe('findJsonBodyProblem', () => {
  it('accepts ordinary bodies', () => {
    expect(findJsonBodyProblem({ sourceNote: 'één 😀', capacityFte: 1.5, list: [1, { a: null }] })).toBeNull();
    expect(findJsonBodyProblem(undefined)).toBeNull();
  });

  it('names NUL characters, lone surrogates, infinite numbers and deep nesting', () => {
    expect(findJsonBodyProblem({ sourceNote: 'a\u0000b' })).toBe('$.sourceNote: text with a NUL character or invalid Unicode (a lone surrogate)');
    expect(findJsonBodyProblem({ x: ['\ud800'] })).toMatch(/^\$\.x\[0\]: text with/);
    expect(findJsonBodyProblem({ x: 'a\udc00' })).toMatch(/lone surrogate/);
    expect(findJsonBodyProblem({ ['k\u0000']: 1 })).toBe('$: a key with a NUL character or invalid Unicode');
    expect(findJsonBodyProblem(JSON.parse('{"n": 1e400}'))).toBe('$.n: number out of range');
    const deep = JSON.parse('['.repeat(50_000) + ']'.repeat(50_000));
    expect(findJsonBodyProblem(deep)).toMatch(/nested deeper than 32 levels/);
    expect(findJsonBodyProblem(JSON.parse('['.repeat(32) + ']'.repeat(32)))).toBeNull();
  });
});

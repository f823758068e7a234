/**
 * The dashboard computes no number of its own beyond sums and differences of released values
 * (STYLE.md; issue 10): every statistic is a metric column of libs/metrics, through disclosure
 * control. This scan fails when a statistics helper or arithmetic on released cells creeps in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Patterns of computed statistics: named helpers, and multiplying or dividing a released cell. */
const FORBIDDEN: [RegExp, string][] = [
  [/\b(median|quantile|percentile|mean|average|stddev|variance)\s*\(/i, 'a statistics helper'],
  [/\.raw\s*[*/]|[*/]\s*[\w.]*\.raw\b/, 'multiplying or dividing a released value'],
  [/signals_per_fte\s*=|\/\s*(fte|capacityFte)\b/i, 'signals per FTE computed in the dashboard'],
  [/from ['"][./]*lib\/stats['"]/, 'the removed statistics module'],
];

describe('released numbers only', () => {
  it('has no statistics helper and no arithmetic on released values but sums and differences', () => {
    const hits: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      text.split('\n').forEach((line, i) => {
        for (const [re, what] of FORBIDDEN) if (re.test(line)) hits.push(`${relative(SRC, file)}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('finds what it looks for (the scan can fail)', () => {
    const line = 'const rate = cell.raw / fte;';
    expect(FORBIDDEN.some(([re]) => re.test(line))).toBe(true);
    expect(FORBIDDEN.some(([re]) => re.test('const m = median(xs);'))).toBe(true);
    expect(FORBIDDEN.some(([re]) => re.test('const diff = a - b;'))).toBe(false);
  });
});

/**
 * The generated SQL and the definitions are committed under libs/metrics/sql-snapshots, so a
 * change to a number's definition shows in review. Update with UPDATE_SQL_SNAPSHOTS=1.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqlSnapshot } from './snapshot';

const DIR = join(__dirname, '..', 'sql-snapshots');

describe('SQL and definition snapshots', () => {
  const files = sqlSnapshot();

  if (process.env.UPDATE_SQL_SNAPSHOTS === '1') {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(DIR, name), text);
  }

  it('has a committed snapshot for exactly the current metrics', () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(files).sort());
  });

  for (const [name, text] of Object.entries(files)) {
    it(`${name} matches (run with UPDATE_SQL_SNAPSHOTS=1 after a deliberate change)`, () => {
      expect(text).toBe(readFileSync(join(DIR, name), 'utf8'));
    });
  }

  it('never puts a request value into the SQL text', () => {
    for (const [name, text] of Object.entries(files)) {
      if (!name.endsWith('.sql')) continue;
      const sqlOnly = text
        .split('\n')
        .filter((l) => !l.startsWith('--'))
        .join('\n');
      expect(sqlOnly, name).not.toMatch(/VR03|VR13|2024-01-01|2024-12-31/);
    }
  });
});

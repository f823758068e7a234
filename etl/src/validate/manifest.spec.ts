import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from './manifest';

const root = mkdtempSync(join(tmpdir(), 'ww-manifest-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const valid = () => ({
  contract_version: '1',
  region_code: 'VR13',
  batch_id: 'VR13-2025-06',
  produced_at: '2025-07-01T09:00:00Z',
  period: { from: '2025-01-01', to: '2025-06-30' },
  pseudonymisation: { method: 'hmac-sha256', key_id: 'vr13-2025' },
  files: {
    signals: { name: 'signals.csv', rows: 812, sha256: 'a'.repeat(64) },
    assessments: { name: 'assessments.parquet', rows: 1490, sha256: 'B'.repeat(64) },
  },
});

async function read(content: unknown | string) {
  const dir = join(root, `m${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'manifest.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return readManifest(dir);
}
const rules = (m: Awaited<ReturnType<typeof read>>) => m.errors.map((e) => [e.column, e.rule]);

describe('manifest.json', () => {
  it('accepts the contract example and maps file extensions to formats', async () => {
    const m = await read(valid());
    expect(m.errors).toEqual([]);
    expect(m).toMatchObject({ region_code: 'VR13', batch_id: 'VR13-2025-06', produced_at: '2025-07-01T09:00:00.000Z', period: { from: '2025-01-01', to: '2025-06-30' } });
    expect(m.files.signals).toEqual({ kind: 'signals', name: 'signals.csv', format: 'csv', rows: 812, sha256: 'a'.repeat(64) });
    expect(m.files.assessments?.format).toBe('parquet');
    expect(m.files.assessments?.sha256).toBe('b'.repeat(64));
  });

  it('reports a missing manifest and one that is not JSON', async () => {
    const dir = join(root, 'none');
    mkdirSync(dir);
    expect(rules(await readManifest(dir))).toEqual([[null, 'MANIFEST_MISSING']]);
    expect(rules(await read('{"contract_version": "1",'))).toEqual([[null, 'MANIFEST_NOT_JSON']]);
    expect(rules(await read('[1, 2]'))).toEqual([[null, 'MANIFEST_NOT_JSON']]);
  });

  it.each([
    ['contract_version', { contract_version: '2' }, 'CONTRACT_VERSION'],
    ['contract_version', { contract_version: 1 }, 'CONTRACT_VERSION'],
    ['region_code', { region_code: 'VR26' }, 'REGION_CODE_INVALID'],
    ['batch_id', { batch_id: '../etc' }, 'MANIFEST_FIELD_INVALID'],
    ['batch_id', { batch_id: 'x'.repeat(65) }, 'MANIFEST_FIELD_INVALID'],
    ['produced_at', { produced_at: '2025-07-01' }, 'MANIFEST_FIELD_INVALID'],
    ['period', { period: { from: '2025-06-30', to: '2025-01-01' } }, 'PERIOD_INVALID'],
    ['period', { period: { from: '2025-02-30', to: '2025-06-30' } }, 'PERIOD_INVALID'],
    ['pseudonymisation.method', { pseudonymisation: { method: 'sha1', key_id: 'k' } }, 'MANIFEST_FIELD_INVALID'],
    ['pseudonymisation.key_id', { pseudonymisation: { method: 'hmac-sha256' } }, 'MANIFEST_FIELD_INVALID'],
    ['files.signals.rows', { files: { ...valid().files, signals: { name: 'signals.csv', rows: -1, sha256: 'a'.repeat(64) } } }, 'MANIFEST_FIELD_INVALID'],
    ['files.signals.sha256', { files: { ...valid().files, signals: { name: 'signals.csv', rows: 1, sha256: 'xyz' } } }, 'MANIFEST_FIELD_INVALID'],
    ['files.signals.name', { files: { ...valid().files, signals: { name: '../signals.csv', rows: 1, sha256: 'a'.repeat(64) } } }, 'FILE_NAME_INVALID'],
    ['files.signals.name', { files: { ...valid().files, signals: { name: 'signals.ods', rows: 1, sha256: 'a'.repeat(64) } } }, 'FILE_FORMAT_UNSUPPORTED'],
    ['files.signals.name', { files: { ...valid().files, signals: { name: 'signals.xls', rows: 1, sha256: 'a'.repeat(64) } } }, 'FILE_FORMAT_UNSUPPORTED'],
    ['files.signals.name', { files: { ...valid().files, signals: { name: 'signals.xlsm', rows: 1, sha256: 'a'.repeat(64) } } }, 'EXCEL_MACROS'],
    ['files.assessments', { files: { signals: valid().files.signals } }, 'MANIFEST_FIELD_MISSING'],
    ['extra', { extra: 'x' }, 'MANIFEST_FIELD_UNKNOWN'],
  ])('%s: %j -> %s', async (column, patch, rule) => {
    const m = await read({ ...valid(), ...patch });
    expect(rules(m)).toEqual([[column, rule]]);
  });

  it('reports every missing field at once', async () => {
    const m = await read({});
    expect(rules(m)).toEqual(['contract_version', 'region_code', 'batch_id', 'produced_at', 'period', 'pseudonymisation', 'files'].map((f) => [f, 'MANIFEST_FIELD_MISSING']));
  });

  it('does not echo a field name that could carry data', async () => {
    const m = await read({ ...valid(), 'Jan Jansen 123456782': 1 });
    expect(rules(m)).toEqual([['(invalid field name)', 'MANIFEST_FIELD_UNKNOWN']]);
  });
});

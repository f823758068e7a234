/**
 * The documentation's example batch (docs/examples/batch): the hand-written local export in
 * docs/examples/local, run through the pseudonymise tool with the published example key,
 * plus its manifest. Regenerate with `node -r @swc-node/register etl/src/demo/contract-doc.ts --write`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_VERSION, type Manifest } from '@weegwijzer/contract';
import { pseudonymiseFile } from '../pseudonymise';
import { sha256File } from './sinks';

export const EXAMPLE_MANIFEST = {
  region_code: 'VR03',
  batch_id: 'VR03-2025-H1',
  produced_at: '2025-07-01T09:00:00Z',
  period: { from: '2025-01-01', to: '2025-06-30' },
  key_id: 'docs-example',
} as const;

export async function writeExampleBatch(opts: { localDir: string; keyFile: string; outDir: string }): Promise<string> {
  mkdirSync(opts.outDir, { recursive: true });
  const files = {} as Manifest['files'];
  for (const kind of ['signals', 'assessments'] as const) {
    const name = `${kind}.csv`;
    const output = join(opts.outDir, name);
    const { rows } = await pseudonymiseFile({ keyFile: opts.keyFile, input: join(opts.localDir, name), output });
    files[kind] = { name, rows, sha256: await sha256File(output) };
  }
  const manifest: Manifest = {
    contract_version: CONTRACT_VERSION as '1',
    region_code: EXAMPLE_MANIFEST.region_code,
    batch_id: EXAMPLE_MANIFEST.batch_id,
    produced_at: EXAMPLE_MANIFEST.produced_at,
    period: { ...EXAMPLE_MANIFEST.period },
    pseudonymisation: { method: 'hmac-sha256', key_id: EXAMPLE_MANIFEST.key_id },
    files,
  };
  const path = join(opts.outDir, 'manifest.json');
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
  return path;
}

/**
 * npm run api-types [-- --json <file>]
 *
 * Starts the API on a temporary data directory (nothing listens outside loopback, no data is
 * loaded), reads its OpenAPI document, and writes libs/api-types/src/openapi.ts (and with
 * --json the document itself).
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../app/create-app';
import { loadConfig } from '../config/app-config';
import { API_TYPES_FILE, renderApiTypes } from '../openapi/api-types.render';

async function main(argv: string[]): Promise<void> {
  const jsonAt = argv.indexOf('--json');
  const jsonOut = jsonAt >= 0 ? argv[jsonAt + 1] : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'weegwijzer-openapi-'));
  const app = await createApp(loadConfig({ WEEGWIJZER_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }, []));
  try {
    const doc = (await (await fetch(`${app.url}/api/docs-json`)).json()) as OpenAPIObject;
    if (jsonOut) writeFileSync(resolve(jsonOut), JSON.stringify(doc, null, 2) + '\n');
    writeFileSync(resolve(__dirname, '../../../..', API_TYPES_FILE), await renderApiTypes(doc));
    process.stdout.write(`wrote ${API_TYPES_FILE}${jsonOut ? ` and ${jsonOut}` : ''}\n`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  process.stderr.write(`api-types: ${e.stack ?? e.message}\n`);
  process.exit(1);
});

/**
 * Control-socket command for `npm run admin -- backup <file>` while the API owns the data
 * directory: the running API writes the archive between two ingests.
 */
import type { Ingestor } from '@weegwijzer/etl';
import type { ControlServer } from '@weegwijzer/store';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { createBackup } from './backup.archive';

export const BACKUP_COMMAND = 'backup.create';

export function registerBackupHandler(control: ControlServer, deps: { config: AppConfig; store: DataSource; ingestor: Ingestor }): void {
  control.register(BACKUP_COMMAND, async (payload) => {
    const file = String((payload as { file?: unknown })?.file ?? '');
    return createBackup({
      dataDir: deps.config.dataDir,
      store: deps.store,
      backend: deps.config.databaseUrl ? 'postgresql' : 'pglite',
      keyFile: deps.config.ops.keyFile,
      file,
      exclusive: (fn) => deps.ingestor.exclusive(fn),
    });
  });
}

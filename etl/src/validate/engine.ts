/**
 * The in-memory DuckDB that validations run in: one instance with the guard macros, its
 * spill files in a private directory. An ingest run shares one engine between its batches
 * (each validation has its own connection and only connection-local TEMP tables), which
 * saves creating an instance per batch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { GUARD_MACROS_SQL } from './guard.sql';

export interface EngineOptions {
  /** Parent directory for DuckDB spill files; default the OS temp dir. */
  workDir?: string;
  threads?: number;
  /** DuckDB memory_limit for validation (spills to disk beyond it), e.g. '1GB'. */
  memoryLimit?: string;
}

export const DEFAULT_VALIDATION_MEMORY_LIMIT = '1GB';

export class ValidationEngine {
  private instance: Promise<DuckDBInstance> | null = null;
  private spillDir: string | null = null;

  constructor(private readonly opts: EngineOptions = {}) {}

  async connect(): Promise<DuckDBConnection> {
    this.instance ??= this.create();
    return (await this.instance).connect();
  }

  private async create(): Promise<DuckDBInstance> {
    // Spilled staging data may hold values of a batch that will be rejected: keep it
    // in a private dir that close() removes.
    this.spillDir = mkdtempSync(join(this.opts.workDir ?? tmpdir(), 'ww-validate-'));
    const instance = await DuckDBInstance.create(':memory:', {
      temp_directory: this.spillDir,
      threads: String(this.opts.threads ?? 2),
      memory_limit: this.opts.memoryLimit ?? DEFAULT_VALIDATION_MEMORY_LIMIT,
      preserve_insertion_order: 'true',
    });
    const conn = await instance.connect();
    try {
      for (const sql of GUARD_MACROS_SQL) await conn.run(sql);
    } finally {
      conn.closeSync();
    }
    return instance;
  }

  async close(): Promise<void> {
    const instance = this.instance;
    this.instance = null;
    if (instance) (await instance.catch(() => null))?.closeSync();
    if (this.spillDir) rmSync(this.spillDir, { recursive: true, force: true });
    this.spillDir = null;
  }
}

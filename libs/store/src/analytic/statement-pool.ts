/**
 * Connections to one DuckDB instance kept between queries, each with the statements it has
 * prepared (by SQL text, least recently used first). A metric request's SQL repeats — its
 * values are `?` parameters — and parsing and planning it again costs 1–3 ms, a third of a
 * query on an aggregate table. Each query takes an idle connection (or opens one), binds its
 * own parameters after clearing the last run's, and gives the connection back; a connection
 * whose query failed is closed, not reused.
 */
import type { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement, DuckDBResultReader } from '@duckdb/node-api';
import type { SqlParam } from '@weegwijzer/contract';

interface PooledConnection {
  conn: DuckDBConnection;
  statements: Map<string, DuckDBPreparedStatement>;
}

export interface StatementPoolOptions {
  /** Idle connections kept (more are closed when they come back); default 8. */
  maxIdle?: number;
  /** Prepared statements kept per connection; default 64. */
  maxStatements?: number;
}

export class StatementPool {
  private readonly idle: PooledConnection[] = [];
  private closed = false;
  private readonly maxIdle: number;
  private readonly maxStatements: number;

  constructor(
    private readonly instance: DuckDBInstance,
    opts: StatementPoolOptions = {},
  ) {
    this.maxIdle = opts.maxIdle ?? 8;
    this.maxStatements = opts.maxStatements ?? 64;
  }

  /** Runs one statement with its `?` parameters and reads the whole result. */
  async run(sql: string, params?: readonly SqlParam[]): Promise<DuckDBResultReader> {
    if (this.closed) throw new Error('StatementPool is closed');
    const pc = this.idle.pop() ?? { conn: await this.instance.connect(), statements: new Map() };
    let reusable = false;
    try {
      const st = await this.prepared(pc, sql);
      st.clearBindings();
      if (params && params.length > 0) st.bind([...params]);
      const reader = await st.runAndReadAll();
      reusable = true;
      return reader;
    } finally {
      if (reusable && !this.closed && this.idle.length < this.maxIdle) this.idle.push(pc);
      else close(pc);
    }
  }

  /** Closes the idle connections (a running query's connection closes when it comes back). */
  closeSync(): void {
    this.closed = true;
    for (const pc of this.idle.splice(0)) close(pc);
  }

  private async prepared(pc: PooledConnection, sql: string): Promise<DuckDBPreparedStatement> {
    let st = pc.statements.get(sql);
    if (st) {
      pc.statements.delete(sql);
      pc.statements.set(sql, st);
      return st;
    }
    st = await pc.conn.prepare(sql);
    pc.statements.set(sql, st);
    if (pc.statements.size > this.maxStatements) {
      const [oldest, old] = pc.statements.entries().next().value as [string, DuckDBPreparedStatement];
      pc.statements.delete(oldest);
      old.destroySync();
    }
    return st;
  }
}

function close(pc: PooledConnection): void {
  // closing the connection destroys the statements it prepared
  pc.statements.clear();
  pc.conn.closeSync();
}

/**
 * Connections to one DuckDB instance kept between queries, each with the statements it has
 * prepared (by SQL text, least recently used first). A metric request's SQL repeats — its
 * values are `?` parameters — and parsing and planning it again costs 1–3 ms, a third of a
 * query on an aggregate table. Each query takes an idle connection (or opens one), binds its
 * own parameters after clearing the last run's, and gives the connection back; a connection
 * whose query failed is closed, not reused. A query prefers an idle connection that has
 * already prepared its SQL: under concurrent load (16 clients, a dozen metrics) any idle
 * connection would do, but each then prepares every statement again.
 */
import type { DuckDBConnection, DuckDBInstance, DuckDBMaterializedResult, DuckDBPreparedStatement } from '@duckdb/node-api';
import type { SqlParam } from '@weegwijzer/contract';

interface PooledConnection {
  conn: DuckDBConnection;
  statements: Map<string, DuckDBPreparedStatement>;
}

export interface StatementPoolOptions {
  /**
   * Idle connections kept (more are closed when they come back); default 32. With fewer than
   * the concurrent queries, connections are closed and opened again all the time, and their
   * statements prepared again (bench:api, 16 clients: with 8, ~0.6 statements per request were
   * prepared again beyond the warm-up).
   */
  maxIdle?: number;
  /** Prepared statements kept per connection; default 64. */
  maxStatements?: number;
}

export class StatementPool {
  private readonly idle: PooledConnection[] = [];
  private closed = false;
  private readonly maxIdle: number;
  private readonly maxStatements: number;
  /** Statements prepared so far (a statement reused from a connection's cache is not counted). */
  prepares = 0;

  constructor(
    private readonly instance: DuckDBInstance,
    opts: StatementPoolOptions = {},
  ) {
    this.maxIdle = opts.maxIdle ?? 32;
    this.maxStatements = opts.maxStatements ?? 64;
  }

  /**
   * Runs one statement with its `?` parameters; the result is materialized (all its chunks in
   * memory, read synchronously with `getChunk`, where fetching them one by one costs a round
   * trip to a worker thread each).
   */
  async run(sql: string, params?: readonly SqlParam[]): Promise<DuckDBMaterializedResult> {
    if (this.closed) throw new Error('StatementPool is closed');
    const pc = this.takeIdle(sql) ?? { conn: await this.instance.connect(), statements: new Map() };
    let reusable = false;
    try {
      const st = await this.prepared(pc, sql);
      st.clearBindings();
      if (params && params.length > 0) st.bind([...params]);
      const result = await st.run();
      reusable = true;
      return result;
    } finally {
      if (reusable && !this.closed && this.idle.length < this.maxIdle) this.idle.push(pc);
      else close(pc);
    }
  }

  /** The most recently returned idle connection that has prepared `sql`, else the most recent one. */
  private takeIdle(sql: string): PooledConnection | undefined {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      if (this.idle[i].statements.has(sql)) return this.idle.splice(i, 1)[0];
    }
    return this.idle.pop();
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
    this.prepares++;
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

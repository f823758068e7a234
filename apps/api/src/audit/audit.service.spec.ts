import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditRecord } from './audit-record';
import type { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { opsMetrics } from '../ops/prometheus.registry';

/** The current value of a counter without labels. */
async function counter(c: { get(): Promise<{ values: { value: number }[] }> }): Promise<number> {
  return (await c.get()).values[0]?.value ?? 0;
}

/** A repository that records each INSERT's rows (by request id) and can be told to fail. */
function fakeRepo(fail: (rows: AuditRecord[]) => boolean = () => false) {
  const statements: string[][] = [];
  const repo = {
    insertMany: vi.fn(async (rows: AuditRecord[]) => {
      if (fail(rows)) throw new Error('refused');
      statements.push(rows.map((r) => r.requestId as string));
    }),
  };
  return { repo: repo as unknown as AuditRepository, statements };
}

const row = (id: string): AuditRecord => ({
  at: new Date('2026-12-03T08:00:00Z'),
  requestId: id,
  who: 'tok_test:bench',
  role: 'inspectie',
  regionCode: null,
  method: 'GET',
  route: '/api/v1/metrics/:name',
  params: { name: 'flow' },
  status: 200,
  durationMs: 3,
});

describe('AuditService group commit with linger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the row of a lone request at once, without waiting', async () => {
    const { repo, statements } = fakeRepo();
    const audit = new AuditService(repo, { auditLingerMs: 10 });
    audit.begin();
    const done = audit.record(row('a'), true);
    await vi.advanceTimersByTimeAsync(0);
    await done;
    expect(statements).toEqual([['a']]);
  });

  it('holds a row while other requests are in progress and writes all their rows in one statement once each has arrived', async () => {
    const { repo, statements } = fakeRepo();
    const audit = new AuditService(repo, { auditLingerMs: 10 });
    const [rows0, statements0] = [await counter(opsMetrics.auditWritten), await counter(opsMetrics.auditStatements)];
    audit.begin();
    audit.begin();
    audit.begin();
    const written: string[] = [];
    const a = audit.record(row('a'), true).then(() => written.push('a'));
    await vi.advanceTimersByTimeAsync(3);
    const b = audit.record(row('b'), true).then(() => written.push('b'));
    await vi.advanceTimersByTimeAsync(3);
    // 6 ms in, one request still in progress: nothing written, nothing answered
    expect(statements).toEqual([]);
    expect(written).toEqual([]);
    const c = audit.record(row('c'), true).then(() => written.push('c'));
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all([a, b, c]);
    expect(statements).toEqual([['a', 'b', 'c']]);
    expect(written.sort()).toEqual(['a', 'b', 'c']);
    // what an operator sees: three rows in one statement
    expect((await counter(opsMetrics.auditWritten)) - rows0).toBe(3);
    expect((await counter(opsMetrics.auditStatements)) - statements0).toBe(1);
  });

  it('waits no longer than the linger for a request still in progress', async () => {
    const { repo, statements } = fakeRepo();
    const audit = new AuditService(repo, { auditLingerMs: 10 });
    audit.begin();
    audit.begin(); // a slow request: its row comes much later
    let answered = false;
    const a = audit.record(row('a'), true).then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(9);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await a;
    expect(statements).toEqual([['a']]);
    const slow = audit.record(row('slow'), true);
    await vi.advanceTimersByTimeAsync(0);
    await slow;
    expect(statements).toEqual([['a'], ['slow']]);
  });

  it('writes rows that arrived during a write right after it, without a second linger', async () => {
    let release: () => void = () => undefined;
    const statements: string[][] = [];
    const repo = {
      insertMany: vi.fn(async (rows: AuditRecord[]) => {
        statements.push(rows.map((r) => r.requestId as string));
        if (statements.length === 1) await new Promise<void>((r) => (release = r));
      }),
    } as unknown as AuditRepository;
    const audit = new AuditService(repo, { auditLingerMs: 10 });
    for (let i = 0; i < 4; i++) audit.begin();
    const a = audit.record(row('a'), true);
    await vi.advanceTimersByTimeAsync(10); // linger over: 'a' is being written (and held)
    const b = audit.record(row('b'), true);
    const c = audit.record(row('c'), true);
    release();
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all([a, b, c]);
    // one request is still in progress, but b and c had waited for the first write
    expect(statements).toEqual([['a'], ['b', 'c']]);
  });

  it('flush writes a lingering row at once (the audit log read sees every request before it)', async () => {
    const { repo, statements } = fakeRepo();
    const audit = new AuditService(repo, { auditLingerMs: 1000 });
    audit.begin();
    audit.begin();
    const a = audit.record(row('a'), true);
    await audit.flush();
    await a;
    expect(statements).toEqual([['a']]);
  });

  it('does not linger when the linger is 0 (or not configured)', async () => {
    for (const config of [{ auditLingerMs: 0 }, undefined]) {
      const { repo, statements } = fakeRepo();
      const audit = new AuditService(repo, config);
      audit.begin();
      audit.begin();
      const a = audit.record(row('a'), true);
      await vi.advanceTimersByTimeAsync(0);
      await a;
      expect(statements).toEqual([['a']]);
    }
  });

  it('still refuses only the row that cannot be written when a lingered group fails (fail-closed per request)', async () => {
    const { repo, statements } = fakeRepo((rows) => rows.some((r) => r.requestId === 'bad'));
    const audit = new AuditService(repo, { auditLingerMs: 10 });
    audit.begin();
    audit.begin();
    const good = audit.record(row('good'), true);
    const bad = audit.record(row('bad'), true);
    const outcome = Promise.allSettled([good, bad]);
    await vi.advanceTimersByTimeAsync(0);
    const [g, b] = await outcome;
    expect(g.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(statements).toEqual([['good']]);
  });
});

/**
 * Metric results per snapshot. A snapshot never changes, so a metric's result is a pure
 * function of (snapshot, role, region, k, metric, scope, params): it is computed once and
 * reused, and identical requests that arrive while it is being computed wait for the same
 * computation instead of starting their own. The key always holds the caller's role and
 * region, so one role's result is never served to another. Bounded by entries and by cells;
 * least recently used entries go first; everything is dropped when the snapshot changes.
 */
export interface MetricCacheKey {
  snapshot: string;
  role: string;
  region: string | null;
  k: number;
  metric: string;
  scope: Record<string, unknown>;
  params: Record<string, string>;
}

interface Sized {
  rows: unknown[];
  columns: unknown[];
  links?: { rows: unknown[]; columns: unknown[] };
}

const MAX_CELLS = 5_000_000;

export class MetricCache<T extends Sized> {
  private readonly entries = new Map<string, { value: T; cells: number }>();
  private readonly inFlight = new Map<string, Promise<T>>();
  private cells = 0;
  private snapshot = '';
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries: number) {}

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  async get(key: MetricCacheKey, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    if (key.snapshot !== this.snapshot) {
      this.entries.clear();
      this.inFlight.clear();
      this.cells = 0;
      this.snapshot = key.snapshot;
    }
    const id = stableKey(key);
    const hit = this.entries.get(id);
    if (hit) {
      this.hits++;
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.value;
    }
    const running = this.inFlight.get(id);
    if (running) {
      this.hits++;
      return running;
    }
    this.misses++;
    const p = compute();
    this.inFlight.set(id, p);
    try {
      const value = await p;
      if (this.snapshot === key.snapshot) this.put(id, value);
      return value;
    } finally {
      if (this.inFlight.get(id) === p) this.inFlight.delete(id);
    }
  }

  private put(id: string, value: T): void {
    const cells = value.rows.length * value.columns.length + (value.links ? value.links.rows.length * value.links.columns.length : 0);
    if (cells > MAX_CELLS / 4) return;
    this.entries.set(id, { value, cells });
    this.cells += cells;
    for (const [oldest, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.cells <= MAX_CELLS) break;
      this.entries.delete(oldest);
      this.cells -= e.cells;
    }
  }
}

/** JSON with sorted object keys and undefined values dropped, so equal requests get equal keys. */
function stableKey(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableKey).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableKey(o[k])}`)
    .join(',')}}`;
}

/**
 * A map from a row's dimension values to a value, as nested Maps (one level per dimension)
 * instead of a joined string per row: looking a cell up allocates nothing. Two rows are the
 * same cell when each dimension is equal as text, with null and absent equal (the same rule
 * as joining `String(value)`): 2024 and '2024' are one cell.
 */
const ABSENT = '\u0000';

function part(v: unknown): string {
  return v === null || v === undefined ? ABSENT : typeof v === 'string' ? v : String(v);
}

export class CellMap<V> {
  private readonly root = new Map<string, unknown>();
  private readonly list: V[] = [];

  constructor(private readonly dims: readonly string[]) {}

  get(row: Readonly<Record<string, unknown>>): V | undefined {
    let m: Map<string, unknown> | undefined = this.root;
    const last = this.dims.length - 1;
    if (last < 0) return this.list[0];
    for (let i = 0; i < last; i++) {
      m = m.get(part(row[this.dims[i]])) as Map<string, unknown> | undefined;
      if (!m) return undefined;
    }
    return m.get(part(row[this.dims[last]])) as V | undefined;
  }

  /** Sets the value of the row's cell (a new cell goes last in `values()`; an existing one keeps its place). */
  set(row: Readonly<Record<string, unknown>>, value: V): void {
    const last = this.dims.length - 1;
    if (last < 0) {
      this.list[0] = value;
      return;
    }
    let m = this.root;
    for (let i = 0; i < last; i++) {
      const k = part(row[this.dims[i]]);
      let next = m.get(k) as Map<string, unknown> | undefined;
      if (!next) m.set(k, (next = new Map()));
      m = next;
    }
    const k = part(row[this.dims[last]]);
    if (m.has(k)) {
      const old = m.get(k) as V;
      this.list[this.list.indexOf(old)] = value;
    } else this.list.push(value);
    m.set(k, value);
  }

  /** The value of the row's cell, made by `make` (and set) when the cell has none: one walk down the maps. */
  getOrSet(row: Readonly<Record<string, unknown>>, make: () => V): V {
    const last = this.dims.length - 1;
    if (last < 0) {
      if (this.list.length === 0) this.list.push(make());
      return this.list[0];
    }
    let m = this.root;
    for (let i = 0; i < last; i++) {
      const k = part(row[this.dims[i]]);
      let next = m.get(k) as Map<string, unknown> | undefined;
      if (!next) m.set(k, (next = new Map()));
      m = next;
    }
    const k = part(row[this.dims[last]]);
    let v = m.get(k) as V | undefined;
    if (v === undefined && !m.has(k)) {
      v = make();
      m.set(k, v);
      this.list.push(v);
    }
    return v as V;
  }

  /** The values in the order their cells were first set. */
  values(): readonly V[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }
}

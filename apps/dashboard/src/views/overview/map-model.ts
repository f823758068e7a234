/** The map panel's model (region, indicator value) and the chart data drawn from it. */
import type { Lang } from '../../i18n/messages';
import type { MapDatum } from '../../charts/map';
import { formatValue } from '../../lib/format';
import type { TableCell, TableModel } from '../../lib/table';
import type { Fact } from '../facts';

export function mapModel(
  cells: Map<string, TableCell>,
  keys: string[],
  fact: Fact,
  caption: string,
  labels: { region: string; indicator: string },
  nameOf: (key: string) => string,
  k: number,
): TableModel {
  const rows = keys.filter((key) => cells.has(key)).map((key) => [{ raw: key, text: nameOf(key) }, cells.get(key) as TableCell]);
  const kinds = new Set(rows.flatMap((r) => (r[1].suppression ? [r[1].suppression] : [])));
  return {
    caption,
    k,
    columns: [
      { key: 'region_code', label: labels.region, kind: 'dimension' },
      { key: fact.id, label: labels.indicator, kind: fact.kind },
    ],
    rows,
    source: rows.map((r) => ({ region_code: String(r[0].raw), group: String(r[0].raw).startsWith('peer_') ? String(r[0].raw) : 'region' })),
    suppressionKinds: [...kinds],
    hasNotApplicable: rows.some((r) => r[1].raw === null && !r[1].suppression),
  };
}

export interface MapData {
  data: MapDatum[];
  range: { min: number; max: number } | null;
  minText: string;
  maxText: string;
  /** Regions drawn grey, by why. */
  notApplicable: string[];
  suppressed: string[];
}

/** The map's data from the model: regions (the own one for a regio caller) and the peer range as the scale. */
export function mapData(model: TableModel, ownRegion: string | null, kind: Fact['kind'], lang: Lang): MapData {
  const data: MapDatum[] = [];
  const peers = new Map<string, number | null>();
  const notApplicable: string[] = [];
  const suppressed: string[] = [];
  model.rows.forEach((r, i) => {
    const key = String(model.source[i].region_code);
    const cell = r[1];
    const value = typeof cell.raw === 'number' && !cell.suppression ? cell.raw : null;
    if (key.startsWith('peer_')) return void peers.set(key, value);
    const code = key === 'own' ? (ownRegion ?? '') : key;
    if (!/^VR\d{2}$/.test(code)) return;
    data.push({ code, name: r[0].text, value, text: cell.text });
    if (cell.suppression) suppressed.push(r[0].text);
    else if (value === null) notApplicable.push(r[0].text);
  });
  const lo = peers.get('peer_min') ?? null;
  const hi = peers.get('peer_max') ?? null;
  const range = lo !== null && hi !== null ? { min: lo, max: hi } : null;
  const known = [...data.flatMap((d) => (d.value === null ? [] : [d.value])), ...(range ? [range.min, range.max] : [])];
  const text = (v: number) => formatValue(v, kind, lang);
  return {
    data,
    range,
    minText: known.length ? text(Math.min(...known)) : '',
    maxText: known.length ? text(Math.max(...known)) : '',
    notApplicable,
    suppressed,
  };
}

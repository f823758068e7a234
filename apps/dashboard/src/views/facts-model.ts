/**
 * Pure model builders for the figures: the headline strip, the scorecard (one row per region,
 * the national total on top) and a region's facts beside the national figure or, for a regio
 * caller, beside the distribution over the other regions as columns (never as region rows).
 */
import type { ColumnKind, MetricRow } from '../api/types';
import { codeLabel } from '../i18n/codes';
import type { Lang, MessageKey } from '../i18n/messages';
import { changeOf, type Change } from '../lib/compare';
import { formatValue } from '../lib/format';
import type { TableCell, TableColumn, TableModel } from '../lib/table';
import { FACTS, HEADLINES, INDICATORS, PEER_KEYS, type Fact } from './facts';

export type CellsByFact = Map<string, Map<string, TableCell> | null>;
type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface HeadlineItem {
  id: string;
  label: string;
  cell: TableCell | null;
  previous: TableCell | null;
  change: Change | null;
}

/** The headline figures of one row key (`total`, `own`, or a region) with their previous-period values. */
export function headlineItems(cells: CellsByFact, prev: CellsByFact | null, key: string, t: T, lang: Lang): HeadlineItem[] {
  return HEADLINES.filter((f) => cells.get(f.id) !== null).map((f) => {
    const cell = cells.get(f.id)?.get(key) ?? null;
    const previous = prev?.get(f.id)?.get(key) ?? null;
    const label = f.kind === 'days' ? `${t(f.label)} (${t('days')})` : t(f.label);
    return { id: f.id, label, cell, previous, change: prev ? changeOf(cell ?? undefined, previous ?? undefined, f.kind, lang) : null };
  });
}

function summarise(caption: string, k: number, columns: TableColumn[], rows: TableCell[][], source: MetricRow[], extra: Partial<TableModel> = {}): TableModel {
  const kinds = new Set(rows.flatMap((r) => r.flatMap((c) => (c.suppression ? [c.suppression] : []))));
  const na = rows.some((r) => r.some((c, i) => columns[i].kind !== 'dimension' && c.raw === null && !c.suppression));
  return { caption, k, columns, rows, source, suppressionKinds: [...kinds], hasNotApplicable: na, ...extra };
}

const NA: TableCell = { raw: null, text: '–' };

/** A registry profile as the scorecard reads it. */
export interface ProfileFacts {
  keyOfficials: number | null;
  covenantSigned: boolean | null;
}

export interface ScorecardInput {
  keys: string[];
  cells: CellsByFact;
  prev: CellsByFact | null;
  profiles: Map<string, ProfileFacts>;
  regionName: (code: string) => string;
  hrefOf: (code: string) => string | undefined;
  t: T;
  lang: Lang;
  k: number;
  protection?: Pick<TableModel, 'protection' | 'additivity'>;
}

/** Every indicator per region, with the national total on top and the change against the previous period under each value. */
export function scorecardModel(i: ScorecardInput): TableModel {
  const { t, lang } = i;
  const shown = INDICATORS.filter((f) => i.cells.get(f.id) !== null);
  const columns: TableColumn[] = [
    { key: 'region_code', label: t('region'), kind: 'dimension' },
    { key: 'key_officials', label: `1. ${t('ind_key_officials')}`, kind: 'count' },
    ...shown.map((f) => ({ key: f.id, label: `${f.bottleneck}. ${t(f.label)}`, kind: f.kind })),
    { key: 'covenant_signed', label: `4. ${t('ind_covenant_signed')}`, kind: 'flag' as ColumnKind },
  ];
  const rowOf = (key: string): TableCell[] => {
    const p = i.profiles.get(key);
    const name: TableCell = key === 'total' ? { raw: null, text: codeLabel('group', 'total', lang) } : { raw: key, text: i.regionName(key), href: i.hrefOf(key) };
    const officials: TableCell = p?.keyOfficials != null ? { raw: p.keyOfficials, text: formatValue(p.keyOfficials, 'count', lang) } : NA;
    const covenant: TableCell = p?.covenantSigned != null ? { raw: p.covenantSigned, text: formatValue(p.covenantSigned, 'flag', lang) } : NA;
    const facts = shown.map((f) => withChange(i.cells.get(f.id)?.get(key), i.prev?.get(f.id)?.get(key), f, i.prev !== null, lang));
    return [name, officials, ...facts, covenant];
  };
  const keys = ['total', ...i.keys];
  const source: MetricRow[] = keys.map((key) => (key === 'total' ? { region_code: null, group: 'total' } : { region_code: key, group: 'region' }));
  return summarise(t('scorecard'), i.k, columns, keys.map(rowOf), source, i.protection);
}

function withChange(cell: TableCell | undefined, previous: TableCell | undefined, f: Fact, comparing: boolean, lang: Lang): TableCell {
  const base = cell ?? NA;
  if (!comparing || !cell || cell.suppression || cell.raw === null) return base;
  const c = changeOf(cell, previous, f.kind, lang);
  return c.direction === 'unknown' ? base : { ...base, detail: c.text };
}

export interface RegionFactsInput {
  /** The row key of the region: its code, or `own` for a regio caller. */
  key: string;
  /** `national`: beside the national total; `peers`: beside the other regions' distribution. */
  compare: 'national' | 'peers';
  cells: CellsByFact;
  prev: CellsByFact | null;
  caption: string;
  t: T;
  lang: Lang;
  k: number;
  protection?: Pick<TableModel, 'protection' | 'additivity'>;
}

/** One row per figure: the region's value (with its change), and the national value or the peer distribution as columns. */
export function regionFactsModel(i: RegionFactsInput): TableModel {
  const { t, lang } = i;
  const shown = FACTS.filter((f) => i.cells.get(f.id) !== null);
  const others = i.compare === 'national' ? ['total'] : [...PEER_KEYS];
  const columns: TableColumn[] = [
    { key: 'fact', label: t('indicator'), kind: 'dimension' },
    { key: 'value', label: t('regionValue'), kind: 'ratio' },
    ...(i.prev ? [{ key: 'previous', label: t('previousPeriod'), kind: 'ratio' as ColumnKind }] : []),
    ...others.map((o) => ({ key: o, label: o === 'total' ? t('nationalValue') : codeLabel('group', o, lang), kind: 'ratio' as ColumnKind })),
  ];
  const rows = shown.map((f) => {
    const own = withChange(i.cells.get(f.id)?.get(i.key), i.prev?.get(f.id)?.get(i.key), f, i.prev !== null, lang);
    const previous = i.prev ? [i.prev.get(f.id)?.get(i.key) ?? NA] : [];
    return [{ raw: f.id, text: t(f.label) }, own, ...previous, ...others.map((o) => i.cells.get(f.id)?.get(o) ?? NA)];
  });
  const source: MetricRow[] = shown.map((f) => ({ fact: f.id, kind: f.kind }));
  return summarise(i.caption, i.k, columns, rows, source, i.protection);
}

import { createContext, useContext } from 'react';
import type { CatalogueEntry, CellValue, Me, MetricColumn, MetricRow, RegionRef } from '../api/types';
import { codeLabel, prettyColumnLabel } from '../i18n/codes';
import { translate, type Lang, type MessageKey } from '../i18n/messages';
import { isProvisional, type Freshness } from '../lib/freshness';
import { periodText } from '../lib/period';
import type { Filters, Location } from './url-state';

export interface AppState {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  me: Me;
  catalogue: CatalogueEntry[];
  regions: RegionRef[];
  freshness: Freshness;
  location: Location;
  navigate: (change: Partial<Location>) => void;
  setFilters: (filters: Filters) => void;
  setExtra: (key: string, value: string) => void;
  signOut: () => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppContext');
  return ctx;
}

export function makeT(lang: Lang) {
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
}

/** Label helpers bound to the catalogue, the region list and the language. */
export interface Labeller {
  metricLabel: (metric: string) => string;
  columnLabel: (metric: string) => (column: MetricColumn) => string;
  regionName: (code: string) => string;
  dimensionText: (column: string, value: CellValue, row: MetricRow) => string;
}

const COLUMN_FALLBACK: Record<string, { nl: string; en: string }> = {
  region_code: { nl: 'Regio', en: 'Region' },
  region: { nl: 'Regio', en: 'Region' },
  municipality_code: { nl: 'Gemeente', en: 'Municipality' },
  group: { nl: 'Groep', en: 'Group' },
  month: { nl: 'Maand', en: 'Month' },
  period: { nl: 'Periode', en: 'Period' },
  year: { nl: 'Jaar', en: 'Year' },
  signals: { nl: 'Signalen', en: 'Signals' },
  receiving_party: { nl: 'Ontvangende partij', en: 'Receiving party' },
  source: { nl: 'Bron', en: 'Source' },
  phenomenon: { nl: 'Fenomeen', en: 'Phenomenon' },
  stage: { nl: 'Fase', en: 'Stage' },
  body: { nl: 'Orgaan', en: 'Body' },
  framework: { nl: 'Kader', en: 'Framework' },
  outcome: { nl: 'Uitkomst', en: 'Outcome' },
  series: { nl: 'Reeks', en: 'Series' },
  observed: { nl: 'Waargenomen', en: 'Observed' },
  expected: { nl: 'Verwacht', en: 'Expected' },
  p_value: { nl: 'p-waarde', en: 'p-value' },
  q_value: { nl: 'q-waarde (na correctie)', en: 'q-value (corrected)' },
  flag: { nl: 'Gemarkeerd', en: 'Flagged' },
};

function humanise(name: string): string {
  const s = name.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Columns holding a period label (`YYYY-MM`, `YYYY-Qn`, `YYYY`). */
export const PERIOD_COLUMNS = new Set(['month', 'period']);

export function makeLabeller(lang: Lang, catalogue: CatalogueEntry[], regions: RegionRef[], municipalities: Map<string, string>, provisionalFrom: string | null = null): Labeller {
  const byName = new Map(catalogue.map((m) => [m.name, m]));
  const regionNames = new Map(regions.map((r) => [r.code, r.name]));
  const regionName = (code: string) => regionNames.get(code) ?? code;
  return {
    metricLabel: (metric) => byName.get(metric)?.label?.[lang] ?? humanise(metric),
    columnLabel: (metric) => (column) => {
      const own = column.label ?? byName.get(metric)?.columns?.find((c) => c.name === column.name)?.label;
      if (own && typeof own === 'object') return prettyColumnLabel(column.name, own[lang], lang);
      if (typeof own === 'string') return prettyColumnLabel(column.name, own, lang);
      return COLUMN_FALLBACK[column.name]?.[lang] ?? humanise(column.name);
    },
    regionName,
    dimensionText: (column, value, row) => {
      if (value === null || value === undefined) {
        if (column === 'region_code') {
          // The total row over the regions in scope, or a peer statistic of a regio response.
          return codeLabel('group', typeof row.group === 'string' ? row.group : 'total', lang);
        }
        return '–';
      }
      const v = String(value);
      if (column === 'region_code' || column === 'region') return regionName(v);
      if (column === 'municipality_code' || column === 'municipality') return municipalities.get(v) ?? v;
      if (PERIOD_COLUMNS.has(column)) return `${periodText(v, lang)}${isProvisional(v, provisionalFrom) ? ` (${translate(lang, 'provisional')})` : ''}`;
      return codeLabel(column, v, lang);
    },
  };
}

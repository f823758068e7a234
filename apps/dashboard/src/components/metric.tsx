import { useMemo, useState, useEffect, type ReactNode } from 'react';
import { apiGet, apiUrl } from '../api/client';
import { useLoad, type Loadable } from '../api/hooks';
import type { MetricResponse, MetricRow, MunicipalityRef } from '../api/types';
import { makeLabeller, useApp, type Labeller } from '../app/context';
import { filterParams, formatHash, type Filters } from '../app/url-state';
import { buildTable, protectionOf, type TableModel } from '../lib/table';
import { Panel, type PanelProps } from './Panel';

export type MetricLoad = Loadable<MetricResponse> & { reload: () => void; available: boolean; name: string };

/**
 * A metric for the current filters. Only metrics in the caller's catalogue are requested;
 * `ignore` drops global filters a panel must not apply (e.g. the phenomenon mix ignores the
 * phenomenon filter, which would leave one phenomenon).
 */
export function useMetric(name: string, params: Record<string, string> = {}, opts: { ignore?: string[]; enabled?: boolean } = {}): MetricLoad {
  const { location, me, catalogue } = useApp();
  const entry = catalogue.find((m) => m.name === name);
  const available = entry !== undefined && opts.enabled !== false;
  const query: Record<string, string> = filterParams(location.filters, { includeRegions: me.role !== 'regio' });
  // Send only the filters this metric takes (e.g. the phenomenon mix has no phenomenon filter).
  for (const k of Object.keys(query)) {
    if ((entry?.filters && !entry.filters.includes(k)) || opts.ignore?.includes(k)) delete query[k];
  }
  Object.assign(query, params);
  const path = `/v1/metrics/${encodeURIComponent(name)}`;
  const key = available ? apiUrl(path, query) : null;
  const state = useLoad<MetricResponse>(key, (fresh) => apiGet<MetricResponse>(path, query, { fresh }));
  return { ...state, available, name };
}

let municipalityCache: Promise<Map<string, string>> | null = null;

/** Municipality names for the reach tables, loaded once. */
export function useMunicipalityNames(enabled: boolean): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    municipalityCache ??= apiGet<unknown>('/v1/registry/municipalities').then(
      (raw) => {
        const list = (Array.isArray(raw) ? raw : ((raw as { municipalities?: unknown[] })?.municipalities ?? [])) as (MunicipalityRef & Record<string, unknown>)[];
        return new Map(list.map((m) => [String(m.code), String(m.name)]));
      },
      () => {
        municipalityCache = null;
        return new Map<string, string>();
      },
    );
    let live = true;
    void municipalityCache.then((m) => live && setNames(m));
    return () => {
      live = false;
    };
  }, [enabled]);
  return names;
}

export function useLabeller(municipalities?: Map<string, string>): Labeller {
  const { lang, catalogue, regions, freshness } = useApp();
  const from = freshness.provisionalFrom;
  return useMemo(() => makeLabeller(lang, catalogue, regions, municipalities ?? new Map(), from), [lang, catalogue, regions, municipalities, from]);
}

export interface TableSpec {
  caption: string;
  columns?: string[];
  /** Keep stable between renders (module-level function or useCallback). */
  rowFilter?: (row: MetricRow, index: number) => boolean;
  /** Use the response's `links` table instead of its main table. */
  links?: boolean;
}

/** The table model of a loaded metric (null while loading or on error). */
export function useTableModel(load: MetricLoad, spec: TableSpec, labeller: Labeller): TableModel | null {
  const { lang, location } = useApp();
  const filters = location.filters;
  const data = load.status === 'ready' ? load.data : null;
  const columnsKey = spec.columns?.join(',') ?? '';
  return useMemo(() => {
    if (!data) return null;
    const table = spec.links ? data.links : data;
    if (!table) return null;
    return linkRegions(
      buildTable(
        { ...table, k: data.k, ...protectionOf(data) },
        {
          lang,
          caption: spec.caption,
          // `group` is carried by the region column's text (own region, peer statistic, total).
          columns: spec.columns ?? table.columns.map((c) => c.name).filter((n) => n !== 'group'),
          rowFilter: spec.rowFilter,
          columnLabel: labeller.columnLabel(data.metric),
          dimensionText: labeller.dimensionText,
        },
      ),
      filters,
    );
    // `columns` is compared by content; callers keep `rowFilter` stable (module-level or useCallback).
  }, [data, lang, spec.caption, columnsKey, spec.links, labeller, spec.rowFilter, filters]);
}

/** Every region name in a table links to that region's page. */
function linkRegions(model: TableModel, filters: Filters): TableModel {
  const ri = model.columns.findIndex((c) => c.key === 'region_code');
  if (ri < 0) return model;
  const rows = model.rows.map((r) => {
    const raw = r[ri]?.raw;
    return typeof raw === 'string' && /^VR\d{2}$/.test(raw) ? r.map((c, i) => (i === ri ? { ...c, href: formatHash({ view: 'regio', region: raw, filters, extra: {} }) } : c)) : r;
  });
  return { ...model, rows };
}

/** The notes a response carries (peer distribution, population year, metric notes) in the UI language. */
export function ResponseNotes({ data }: { data: MetricResponse }) {
  const { t, lang } = useApp();
  const notes: string[] = [];
  if (typeof data.scope?.peer_regions === 'number') notes.push(t('peerNote', { n: data.scope.peer_regions }));
  for (const n of data.notes ?? []) notes.push(typeof n === 'string' ? n : n[lang]);
  if (typeof data.population_year === 'number' && !(data.notes ?? []).length) notes.push(t('populationYear', { year: data.population_year }));
  if (notes.length === 0) return null;
  return (
    <ul className="notes" aria-label={t('notes')}>
      {notes.map((n, i) => (
        <li key={i}>{n}</li>
      ))}
    </ul>
  );
}

export interface MetricPanelProps extends Omit<PanelProps, 'model' | 'loading' | 'error' | 'onRetry' | 'csvName'> {
  load: MetricLoad;
  table: Omit<TableSpec, 'caption'> & { caption?: string };
  labeller?: Labeller;
  extraNotes?: ReactNode;
}

/** A panel for one metric: loading and error states, table, chart, CSV, legend and notes. */
export function MetricPanel({ load, table, labeller, extraNotes, title, ...rest }: MetricPanelProps) {
  const fallback = useLabeller();
  const lab = labeller ?? fallback;
  const { location } = useApp();
  const model = useTableModel(load, { ...table, caption: table.caption ?? title }, lab);
  if (!load.available) return null;
  const f = location.filters;
  return (
    <Panel
      {...rest}
      title={title}
      panelId={rest.panelId ?? load.name}
      loading={load.status === 'loading'}
      error={load.status === 'error' ? load.error : null}
      onRetry={load.reload}
      model={model}
      csvName={[load.name, title, f.from, f.to]}
      notes={
        load.status === 'ready' ? (
          <>
            <ResponseNotes data={load.data} />
            {extraNotes}
          </>
        ) : undefined
      }
    />
  );
}

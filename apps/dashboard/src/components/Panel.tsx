import { useId, useState, type ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { useApp } from '../app/context';
import { useScopeText } from '../app/FilterBar';
import { explain } from '../i18n/explain';
import { csvFileName, tableToCsv } from '../lib/csv';
import { isPinned } from '../lib/sort';
import type { TableModel } from '../lib/table';
import { DataTable } from './DataTable';
import { InfoPanel, type PanelInfo } from './Info';
import { SuppressionLegend } from './Legend';
import { ErrorMessage, Loading } from './Status';
import { useWorkbookNotes } from './workbook';

export interface PanelProps {
  title: string;
  description?: ReactNode;
  /** Loading and error state of the data behind the panel. */
  loading?: boolean;
  error?: ApiError | null;
  onRetry?: () => void;
  model?: TableModel | null;
  /** The chart, drawn from `model`; without it the panel is a table only. */
  chart?: (model: TableModel) => ReactNode;
  notes?: ReactNode;
  csvName?: (string | null | undefined)[];
  tools?: ReactNode;
  headingLevel?: 2 | 3;
  /** A stable name for the panel (`data-panel`), independent of the language. */
  panelId?: string;
  /** The "i": what the chart shows, how to read it, its definition and caveats. */
  info?: PanelInfo;
}

function download(data: BlobPart, type: string, name: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function Downloads({ model, title, name }: { model: TableModel; title: string; name: string }) {
  const { t, lang } = useApp();
  const notes = useWorkbookNotes(model, useScopeText());
  const xlsx = async () => {
    const { tableToXlsx } = await import('../lib/xlsx');
    download(await tableToXlsx(model, notes), XLSX_TYPE, name.replace(/\.csv$/, '.xlsx'));
  };
  return (
    <>
      <button type="button" className="csv" aria-label={`${t('downloadCsv')}: ${title}`} onClick={() => download(tableToCsv(model, lang), 'text/csv;charset=utf-8', name)}>
        {t('downloadCsv')}
      </button>
      <button type="button" className="xlsx" aria-label={`${t('downloadXlsx')}: ${title}`} onClick={() => void xlsx()}>
        {t('downloadXlsx')}
      </button>
    </>
  );
}

function ViewSwitch({ title, mode, setMode }: { title: string; mode: 'chart' | 'table'; setMode: (m: 'chart' | 'table') => void }) {
  const { t } = useApp();
  return (
    <div className="segmented" role="group" aria-label={`${t('viewAs')}: ${title}`}>
      <button type="button" aria-pressed={mode === 'chart'} onClick={() => setMode('chart')}>
        {t('showChart')}
      </button>
      <button type="button" aria-pressed={mode === 'table'} onClick={() => setMode('table')}>
        {t('showTable')}
      </button>
    </div>
  );
}

function PanelBody({ model, chart, showChart }: { model: TableModel; chart?: (model: TableModel) => ReactNode; showChart: boolean }) {
  const { t } = useApp();
  const suppressedCount = model.rows.reduce((n, r) => n + r.filter((c) => c.suppression).length, 0);
  const hasTotal = model.source.some((r) => isPinned(r) && r.group !== undefined && !String(r.group).startsWith('peer_'));
  return (
    <>
      {showChart && chart && (
        <figure className="chart-figure">
          {chart(model)}
          {suppressedCount > 0 && <figcaption className="chart-note">{t('suppressedInChart', { n: suppressedCount, k: model.k })}</figcaption>}
        </figure>
      )}
      <div className="table-wrap" hidden={showChart} role="region" aria-label={model.caption}>
        <DataTable model={model} />
      </div>
      {model.additivity === 'approximate' && hasTotal && <p className="additivity-note">{t('additivityNote')}</p>}
      <SuppressionLegend kinds={model.suppressionKinds} k={model.k} notApplicable={model.hasNotApplicable} protection={model.protection} />
    </>
  );
}

/**
 * A chart with its table alternative, CSV and Excel downloads, the "i" and the legend. The
 * table is always in the page (hidden while the chart is shown, printed with it), so the chart
 * and the table can never disagree: both come from the same model.
 */
export function Panel({ title, description, loading, error, onRetry, model, chart, notes, csvName, tools, headingLevel = 2, panelId, info }: PanelProps) {
  const { t, lang } = useApp();
  const id = useId();
  const about = info ?? explain(panelId, lang);
  const [mode, setMode] = useState<'chart' | 'table'>('chart');
  const showChart = Boolean(chart) && mode === 'chart';
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const empty = model && model.rows.length === 0;
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-panel={panelId} data-state={loading ? 'loading' : error ? 'error' : model ? 'ready' : 'empty'}>
      <div className="panel-head">
        <H id={`${id}-title`}>{title}</H>
        <div className="panel-tools no-print">
          {tools}
          {chart && model && !empty && <ViewSwitch title={title} mode={mode} setMode={setMode} />}
          {model && !empty && <Downloads model={model} title={title} name={csvFileName(csvName ?? [title])} />}
        </div>
      </div>
      {about && <InfoPanel title={title} info={about} />}
      {description && <div className="panel-desc">{description}</div>}
      <div className="panel-status" aria-live="polite" aria-busy={loading ? 'true' : 'false'}>
        {loading && <Loading what={title} />}
      </div>
      {error && !loading && <ErrorMessage error={error} onRetry={onRetry} />}
      {model && !loading && !error && (
        <>
          {empty ? <p className="status empty">{t('noData')}</p> : <PanelBody model={model} chart={chart} showChart={showChart} />}
          {notes && <div className="panel-notes">{notes}</div>}
        </>
      )}
    </section>
  );
}

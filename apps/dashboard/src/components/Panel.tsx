import { useId, useState, type ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { useApp } from '../app/context';
import { csvFileName, tableToCsv } from '../lib/csv';
import type { TableModel } from '../lib/table';
import { DataTable } from './DataTable';
import { SuppressionLegend } from './Legend';
import { ErrorMessage, Loading } from './Status';

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
}

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A chart with its table alternative, CSV download and suppression legend. The table is
 * always in the page (hidden while the chart is shown, printed with it), so the chart and the
 * table can never disagree: both come from the same model.
 */
export function Panel({ title, description, loading, error, onRetry, model, chart, notes, csvName, tools, headingLevel = 2, panelId }: PanelProps) {
  const { t, lang } = useApp();
  const id = useId();
  const [mode, setMode] = useState<'chart' | 'table'>('chart');
  const showChart = Boolean(chart) && mode === 'chart';
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const suppressedCount = model ? model.rows.reduce((n, r) => n + r.filter((c) => c.suppression).length, 0) : 0;
  const empty = model && model.rows.length === 0;
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-panel={panelId} data-state={loading ? 'loading' : error ? 'error' : model ? 'ready' : 'empty'}>
      <div className="panel-head">
        <H id={`${id}-title`}>{title}</H>
        <div className="panel-tools no-print">
          {tools}
          {chart && model && !empty && (
            <div className="segmented" role="group" aria-label={`${t('viewAs')}: ${title}`}>
              <button type="button" aria-pressed={mode === 'chart'} onClick={() => setMode('chart')}>
                {t('showChart')}
              </button>
              <button type="button" aria-pressed={mode === 'table'} onClick={() => setMode('table')}>
                {t('showTable')}
              </button>
            </div>
          )}
          {model && !empty && (
            <button
              type="button"
              className="csv"
              aria-label={`${t('downloadCsv')}: ${title}`}
              onClick={() => download(tableToCsv(model, lang), csvFileName(csvName ?? [title]))}
            >
              {t('downloadCsv')}
            </button>
          )}
        </div>
      </div>
      {description && <div className="panel-desc">{description}</div>}
      <div className="panel-status" aria-live="polite" aria-busy={loading ? 'true' : 'false'}>
        {loading && <Loading what={title} />}
      </div>
      {error && !loading && <ErrorMessage error={error} onRetry={onRetry} />}
      {model && !loading && !error && (
        <>
          {empty ? (
            <p className="status empty">{t('noData')}</p>
          ) : (
            <>
              {showChart && chart && (
                <figure className="chart-figure">
                  {chart(model)}
                  {suppressedCount > 0 && <figcaption className="chart-note">{t('suppressedInChart', { n: suppressedCount, k: model.k })}</figcaption>}
                </figure>
              )}
              <div className="table-wrap" hidden={showChart} tabIndex={showChart ? -1 : 0} role="region" aria-label={model.caption}>
                <DataTable model={model} />
              </div>
              <SuppressionLegend kinds={model.suppressionKinds} k={model.k} notApplicable={model.hasNotApplicable} />
            </>
          )}
          {notes && <div className="panel-notes">{notes}</div>}
        </>
      )}
    </section>
  );
}

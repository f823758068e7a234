import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, apiGet, apiPostFormRaw, clearCache } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { Batch, ColumnKind, ReportError } from '../../api/types';
import { useApp } from '../../app/context';
import { Panel } from '../../components/Panel';
import { errorText } from '../../components/Status';
import { buildTable } from '../../lib/table';
import { ruleHelpNl } from '../../i18n/rules';

const STATUS_LABELS: Record<string, { nl: string; en: string }> = {
  queued: { nl: 'in de wachtrij', en: 'queued' },
  validating: { nl: 'wordt gecontroleerd', en: 'validating' },
  loading: { nl: 'wordt geladen', en: 'loading' },
  loaded: { nl: 'geladen', en: 'loaded' },
  rejected: { nl: 'afgekeurd', en: 'rejected' },
  failed: { nl: 'mislukt', en: 'failed' },
};
const FINAL = new Set(['loaded', 'rejected', 'failed', 'interrupted']);

const COLUMNS: { name: keyof Batch | 'period_text'; kind: ColumnKind; label: { nl: string; en: string } }[] = [
  { name: 'batchId', kind: 'dimension', label: { nl: 'Aanlevering', en: 'Delivery' } },
  { name: 'region', kind: 'dimension', label: { nl: 'Regio', en: 'Region' } },
  { name: 'status', kind: 'dimension', label: { nl: 'Status', en: 'Status' } },
  { name: 'period_text', kind: 'dimension', label: { nl: 'Periode', en: 'Period' } },
  { name: 'producedAt', kind: 'dimension', label: { nl: 'Gemaakt op', en: 'Produced at' } },
  { name: 'signalRows', kind: 'count', label: { nl: 'Signalen', en: 'Signals' } },
  { name: 'assessmentRows', kind: 'count', label: { nl: 'Beoordelingen', en: 'Assessments' } },
  { name: 'createdAt', kind: 'dimension', label: { nl: 'Ontvangen', en: 'Received' } },
];

export default function BatchesView() {
  const { t, lang, me, regions } = useApp();
  const [nonce, setNonce] = useState(0);
  const load = useLoad<Batch[]>(`batches:${nonce}`, () => apiGet<Batch[]>('/v1/batches', {}, { fresh: true }));
  const [selected, setSelected] = useState<string | null>(null);
  const names = useMemo(() => new Map(regions.map((r) => [r.code, r.name])), [regions]);
  const batches = useMemo(() => (load.status === 'ready' ? load.data : []), [load]);
  const canUpload = me.role === 'regio' || me.role === 'beheer';

  const model = useMemo(() => {
    if (load.status !== 'ready') return null;
    const rows = batches.map((b) => ({
      batchId: b.batchId,
      region: names.get(b.region) ?? b.region,
      status: b.status === 'interrupted' ? t('batchInterrupted') : (STATUS_LABELS[b.status]?.[lang] ?? b.status),
      period_text: b.period?.from || b.period?.to ? `${b.period.from ?? '…'} – ${b.period.to ?? '…'}` : null,
      producedAt: b.producedAt?.slice(0, 19).replace('T', ' ') ?? null,
      signalRows: b.signalRows,
      assessmentRows: b.assessmentRows,
      createdAt: b.createdAt?.slice(0, 19).replace('T', ' ') ?? null,
    }));
    // Row counts an inspectie token gets as null are below k (disclosure control on the ledger).
    const suppressed = rows.flatMap((r, i) =>
      (['signalRows', 'assessmentRows'] as const).filter((c) => r[c] === null && batches[i].status === 'loaded').map((c) => ({ row: i, column: c, reason: 'count below k' })),
    );
    return buildTable(
      { k: 5, columns: COLUMNS, rows, suppressed },
      { lang, caption: t('batchesTitle'), columnLabel: (c) => (typeof c.label === 'object' ? c.label[lang] : c.name), dimensionText: (_c, v) => (v === null ? '–' : String(v)) },
    );
  }, [load.status, batches, names, lang, t]);

  return (
    <>
      {canUpload && (
        <UploadForm
          onDone={() => {
            clearCache();
            setNonce((n) => n + 1);
          }}
        />
      )}
      <Panel
        panelId="batches"
        title={t('batchesTitle')}
        loading={load.status === 'loading'}
        error={load.status === 'error' ? load.error : null}
        onRetry={load.reload}
        model={model}
        csvName={['aanleveringen']}
        notes={batches.length === 0 && load.status === 'ready' ? <p>{t('noBatches')}</p> : undefined}
      />
      {batches.some((b) => b.status === 'rejected' || b.status === 'failed') && (
        <section className="panel" aria-labelledby="reports-heading">
          <h2 id="reports-heading">{t('batchReport')}</h2>
          <ul className="edit-list">
            {batches
              .filter((b) => b.status === 'rejected' || b.status === 'failed')
              .map((b) => (
                <li key={b.id}>
                  <button type="button" aria-expanded={selected === b.id} onClick={() => setSelected(selected === b.id ? null : b.id)}>
                    {t('batchDetails')}: {b.batchId}
                  </button>
                </li>
              ))}
          </ul>
          {selected && <BatchReport id={selected} />}
        </section>
      )}
    </>
  );
}

function BatchReport({ id }: { id: string }) {
  const { t } = useApp();
  const load = useLoad<Batch>(`batch:${id}`, () => apiGet<Batch>(`/v1/batches/${encodeURIComponent(id)}`, {}, { fresh: true }));
  if (load.status === 'loading') return <p className="status loading">{t('loading')}</p>;
  if (load.status === 'error') return <p className="status error">{errorText(load.error, t)}</p>;
  return <ReportTable batch={load.data} />;
}

function ReportTable({ batch }: { batch: Pick<Batch, 'batchId' | 'report' | 'error'> }) {
  const { t } = useApp();
  return (
    <div className="report">
      {batch.error && <p className="status error">{batch.error}</p>}
      <GroupedReport report={batch.report} caption={`${t('batchReport')} ${batch.batchId}`} />
    </div>
  );
}

/**
 * A validation report grouped by rule: per rule what it means and what to do, then where
 * (file, row, column) — the report holds no values, so none can be shown.
 */
function GroupedReport({ report, caption }: { report: Batch['report']; caption: string }) {
  const { t, lang, me } = useApp();
  const help = (e: ReportError) => (lang === 'nl' ? (ruleHelpNl(e.rule, me.dataFileExtensions) ?? e.message) : e.message);
  const errors = report?.errors ?? [];
  const groups = useMemo(() => {
    const byRule = new Map<string, ReportError[]>();
    for (const e of errors) byRule.set(e.rule, [...(byRule.get(e.rule) ?? []), e]);
    return [...byRule.entries()];
  }, [errors]);
  const headingId = useId();
  if (errors.length === 0) return null;
  const total = report?.errorCount ?? errors.length;
  return (
    <section className="report-groups" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {caption} ({total})
      </h3>
      {groups.map(([rule, list]) => (
        <div key={rule} className="report-group">
          <h4>
            <code>{rule}</code> — {t('reportGroup', { rule: help(list[0]), count: list.length })}
          </h4>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={`${caption}: ${rule}`}>
            <table className="data-table">
              <caption>
                {t('reportWhere')}: <code>{rule}</code>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('reportFile')}</th>
                  <th scope="col">{t('reportRow')}</th>
                  <th scope="col">{t('reportColumn')}</th>
                  <th scope="col">{t('reportWhatToDo')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((e, i) => (
                  <tr key={i}>
                    <td>{e.file}</td>
                    <td className="num">{e.row ?? '–'}</td>
                    <td>{e.column ?? '–'}</td>
                    <td>
                      {help(e)}
                      {e.detail ? ` (${e.detail})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      {total > errors.length && <p>{t('reportMore', { count: total - errors.length, shown: errors.length })}</p>}
    </section>
  );
}

/** The answer to a check before sending (`POST /batches?dry_run=1`). */
interface CheckResult {
  stored: false;
  batchId: string;
  report: NonNullable<Batch['report']> & { ok: boolean; counts?: { signals: number | null; assessments: number | null } };
}

/** Upload all files of one delivery; the API queues it (202), then the status is polled. */
function UploadForm({ onDone }: { onDone: () => void }) {
  const { t, lang, me } = useApp();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // manifest.json, a data file of a format the API reads, or one .zip holding them
  const accept = ['.json', ...me.dataFileExtensions, '.zip'].join(',');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Batch | null>(null);
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [busy, setBusy] = useState(false);

  function chosenFiles(): FormData | null {
    const files = input.current?.files;
    setError(null);
    setResult(null);
    setCheck(null);
    if (!files || files.length === 0) {
      setError(t('uploadNoFiles'));
      return null;
    }
    const form = new FormData();
    for (const f of Array.from(files)) form.append('files', f, f.name);
    return form;
  }

  async function checkDelivery() {
    const form = chosenFiles();
    if (!form) return;
    setBusy(true);
    setStatus(t('checking'));
    try {
      const res = await apiPostFormRaw('/v1/batches?dry_run=1', form);
      const body = res.body as (CheckResult & { message?: string | string[] }) | null;
      if (res.status >= 400 || !body?.report) {
        const msg = Array.isArray(body?.message) ? body?.message.join('; ') : (body?.message ?? `HTTP ${res.status}`);
        setError(errorText(new ApiError(res.status, msg), t));
        setStatus(null);
        return;
      }
      const r = body.report;
      setStatus(
        r.ok
          ? t('checkOk', { id: body.batchId, signals: r.counts?.signals ?? 0, assessments: r.counts?.assessments ?? 0 })
          : t('checkFailed', { id: body.batchId, count: r.errorCount ?? r.errors?.length ?? 0 }),
      );
      setCheck(body);
    } catch (err) {
      setError(err instanceof ApiError ? errorText(err, t) : String(err));
      setStatus(null);
    } finally {
      setBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const form = chosenFiles();
    if (!form) return;
    setBusy(true);
    setStatus(t('uploading'));
    try {
      const res = await apiPostFormRaw('/v1/batches', form);
      const body = res.body as { id?: string; message?: string | string[] } | null;
      if (res.status >= 400 || !body?.id) {
        const msg = Array.isArray(body?.message) ? body?.message.join('; ') : (body?.message ?? `HTTP ${res.status}`);
        setError(errorText(new ApiError(res.status, msg), t));
        setStatus(null);
        return;
      }
      let batch: Batch | null = null;
      for (let i = 0; i < 600; i++) {
        batch = await apiGet<Batch>(`/v1/batches/${encodeURIComponent(body.id)}`, {}, { fresh: true });
        setStatus(t('uploadDone', { id: batch.batchId, status: STATUS_LABELS[batch.status]?.[lang] ?? batch.status }));
        if (FINAL.has(batch.status)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      setResult(batch);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? errorText(err, t) : String(err));
      setStatus(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('uploadTitle')}</h2>
      <p className="panel-desc">{t('uploadIntro')}</p>
      <form className="upload-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-files`}>{t('uploadFiles')}</label>
          <input ref={input} id={`${id}-files`} name="files" type="file" multiple accept={accept} />
        </div>
        <button type="button" className="check-button" disabled={busy} onClick={() => void checkDelivery()}>
          {t('checkButton')}
        </button>
        <button type="submit" disabled={busy}>
          {t('uploadButton')}
        </button>
      </form>
      <div aria-live="polite" className="upload-status">
        {status && <p className="status">{status}</p>}
      </div>
      {error && (
        <p className="status error" role="alert">
          {error}
        </p>
      )}
      {result && (result.status === 'rejected' || result.status === 'failed') && <ReportTable batch={result} />}
      {check && !check.report.ok && (
        <div className="report check-report">
          <GroupedReport report={check.report} caption={`${t('checkReport')} ${check.batchId}`} />
        </div>
      )}
    </section>
  );
}

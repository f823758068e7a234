import { useId, useMemo, useState, type FormEvent } from 'react';
import { ApiError, apiGet, apiPut, clearCache } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { ColumnKind, HistoryEntry, MetricColumn, RegionProfile } from '../../api/types';
import { useApp } from '../../app/context';
import { Panel } from '../../components/Panel';
import { errorText } from '../../components/Status';
import { COVENANT_ADAPTATION_LABELS, FRAMEWORK_LABELS, RECEIVING_PARTY_LABELS, WEEGPLOEG_ORGANISATION_LABELS } from '../../i18n/codes';
import type { Lang } from '../../i18n/messages';
import { buildTable } from '../../lib/table';

type FieldType = 'bool' | 'date' | 'int' | 'fte' | 'choice' | 'text' | 'frameworks';
interface Field {
  key: keyof RegionProfile;
  type: FieldType;
  label: { nl: string; en: string };
  choices?: Record<string, { nl: string; en: string }>;
}

const FIELDS: Field[] = [
  { key: 'covenantSigned', type: 'bool', label: { nl: 'Convenant getekend', en: 'Covenant signed' } },
  { key: 'covenantStartDate', type: 'date', label: { nl: 'Ingangsdatum convenant', en: 'Covenant start date' } },
  { key: 'covenantAdaptation', type: 'choice', choices: COVENANT_ADAPTATION_LABELS, label: { nl: 'Convenant aangepast', en: 'Covenant adaptation' } },
  { key: 'covenantPublishedStaatscourant', type: 'bool', label: { nl: 'Gepubliceerd in Staatscourant', en: 'Published in the Government Gazette' } },
  { key: 'referenceFrameworkPublished', type: 'bool', label: { nl: 'Referentiekader gepubliceerd', en: 'Reference framework published' } },
  { key: 'weegploegOrganisation', type: 'choice', choices: WEEGPLOEG_ORGANISATION_LABELS, label: { nl: 'Organisatie weegploeg', en: 'Weegploeg organisation' } },
  { key: 'frameworks', type: 'frameworks', label: { nl: 'Kaders per partij', en: 'Frameworks per party' } },
  { key: 'keyOfficials', type: 'int', label: { nl: 'Sleutelfunctionarissen', en: 'Key officials' } },
  { key: 'capacityFte', type: 'fte', label: { nl: 'Capaciteit (fte)', en: 'Capacity (FTE)' } },
  { key: 'sourceNote', type: 'text', label: { nl: 'Bron van de gegevens', en: 'Source of the data' } },
];

const PARTIES = ['gemeente', 'politie', 'om'] as const;

function fieldText(f: Field, p: RegionProfile, lang: Lang, unknown: string, yes: string, no: string): string {
  const v = p[f.key];
  if (v === null || v === undefined || v === '') return unknown;
  if (f.type === 'bool') return v ? yes : no;
  if (f.type === 'choice') return f.choices?.[String(v)]?.[lang] ?? String(v);
  if (f.type === 'fte') return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format(Number(v));
  if (f.type === 'frameworks') {
    const fw = v as RegionProfile['frameworks'];
    const parts = PARTIES.filter((party) => fw?.[party]?.length).map(
      (party) => `${RECEIVING_PARTY_LABELS[party][lang]}: ${(fw?.[party] ?? []).map((c) => FRAMEWORK_LABELS[c]?.[lang] ?? c).join(', ')}`,
    );
    return parts.length ? parts.join('; ') : unknown;
  }
  return String(v);
}

export default function RegistryView() {
  const { t, lang, me } = useApp();
  const [nonce, setNonce] = useState(0);
  const load = useLoad<RegionProfile[]>(`registry:${nonce}`, (fresh) => apiGet<RegionProfile[]>('/v1/registry/regions', {}, { fresh: fresh || nonce > 0 }));
  const [editing, setEditing] = useState<string | null>(null);
  const [lastSaved, setLastSaved] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const canEdit = me.role === 'beheer';
  const profiles = useMemo(() => {
    if (load.status !== 'ready') return [];
    // A region sees only its own profile (the API already scopes; this keeps it so).
    return me.role === 'regio' ? load.data.filter((p) => p.code === me.region) : load.data;
  }, [load, me]);

  const model = useMemo(() => {
    if (load.status !== 'ready') return null;
    const columns: MetricColumn[] = [
      { name: 'region', kind: 'dimension', label: { nl: 'Regio', en: 'Region' } },
      ...FIELDS.map((f) => ({ name: f.key, kind: (f.type === 'int' ? 'count' : 'dimension') as ColumnKind, label: f.label })),
    ];
    const rows = profiles.map((p) => ({
      region: p.name,
      ...Object.fromEntries(FIELDS.map((f) => [f.key, fieldText(f, p, lang, t('unknown'), t('yes'), t('no'))])),
    }));
    return buildTable(
      { k: 0, columns, rows, suppressed: [] },
      { lang, caption: t('registerTitle'), columnLabel: (c) => (typeof c.label === 'object' ? c.label[lang] : c.name), dimensionText: (_c, v) => String(v ?? '') },
    );
  }, [load.status, profiles, lang, t]);

  const editingProfile = profiles.find((p) => p.code === editing) ?? null;
  return (
    <>
      <Panel
        panelId="registry"
        title={t('registerTitle')}
        loading={load.status === 'loading'}
        error={load.status === 'error' ? load.error : null}
        onRetry={load.reload}
        model={model}
        csvName={['register']}
        notes={canEdit ? undefined : <p>{t('notEditable')}</p>}
      />
      {canEdit && load.status === 'ready' && (
        <section className="panel" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t('edit')}</h2>
          <ul className="edit-list">
            {profiles.map((p) => (
              <li key={p.code}>
                <button
                  type="button"
                  data-edit={p.code}
                  onClick={() => {
                    setEditing(p.code);
                    setMessage(null);
                  }}
                  aria-expanded={editing === p.code}
                >
                  {t('editRegion', { name: p.name })}
                </button>
              </li>
            ))}
          </ul>
          <div aria-live="polite">{message && <p className="status">{message}</p>}</div>
          {editingProfile && (
            <EditForm
              key={editingProfile.code}
              profile={editingProfile}
              onCancel={() => setEditing(null)}
              onSaved={() => {
                setLastSaved(editingProfile.code);
                setEditing(null);
                setMessage(t('saved'));
                clearCache('api/v1/registry');
                setNonce((n) => n + 1);
              }}
            />
          )}
          {lastSaved && !editing && <History code={lastSaved} name={profiles.find((p) => p.code === lastSaved)?.name ?? lastSaved} nonce={nonce} />}
        </section>
      )}
    </>
  );
}

/** Who changed what in a region's profile, and when (newest first). */
function History({ code, name, nonce }: { code: string; name: string; nonce: number }) {
  const { t, lang } = useApp();
  const load = useLoad<HistoryEntry[]>(`history:${code}:${nonce}`, () => apiGet<HistoryEntry[]>(`/v1/registry/regions/${encodeURIComponent(code)}/history`, {}, { fresh: true }));
  const label = (key: string) => FIELDS.find((f) => f.key === key)?.label[lang] ?? key;
  const show = (v: unknown) =>
    v === null || v === undefined ? t('unknown') : typeof v === 'boolean' ? t(v ? 'yes' : 'no') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (load.status === 'loading') return <p className="status loading">{t('loading')}</p>;
  if (load.status === 'error') return <p className="status error">{errorText(load.error, t)}</p>;
  const rows = [...load.data].sort((a, b) => (a.changedAt < b.changedAt ? 1 : -1)).flatMap((h) => Object.entries(h.changes).map(([field, c]) => ({ h, field, c })));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`${t('history')}: ${name}`}>
      <table className="data-table history">
        <caption>
          {t('history')}: {name}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('historyWhen')}</th>
            <th scope="col">{t('historyWho')}</th>
            <th scope="col">{t('historyField')}</th>
            <th scope="col">{t('historyOld')}</th>
            <th scope="col">{t('historyNew')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ h, field, c }) => (
            <tr key={`${h.id}-${field}`}>
              <td>{h.changedAt.slice(0, 19).replace('T', ' ')}</td>
              <td>{h.changedBy}</td>
              <td>{label(field)}</td>
              <td>{show(c.old)}</td>
              <td>{show(c.new)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EditForm({ profile, onCancel, onSaved }: { profile: RegionProfile; onCancel: () => void; onSaved: () => void }) {
  const { t, lang } = useApp();
  const id = useId();
  const [draft, setDraft] = useState<RegionProfile>(profile);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof RegionProfile, value: unknown) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = {};
    for (const f of FIELDS) if (JSON.stringify(draft[f.key]) !== JSON.stringify(profile[f.key])) body[f.key] = draft[f.key];
    try {
      await apiPut(`/v1/registry/regions/${encodeURIComponent(profile.code)}`, body);
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? errorText(err, t) : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} className="edit-form">
      <h3 id={`${id}-title`}>{t('editRegion', { name: profile.name })}</h3>
      <div className="form-grid">
        {FIELDS.map((f) => (
          <div key={f.key} className="form-row">
            {f.type === 'frameworks' ? <span className="label">{f.label[lang]}</span> : <label htmlFor={`${id}-${f.key}`}>{f.label[lang]}</label>}
            <FieldInput f={f} fid={`${id}-${f.key}`} v={draft[f.key]} set={set} />
          </div>
        ))}
      </div>
      {error && (
        <p className="status error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** The input of one profile field, by its type. */
function FieldInput({ f, fid, v, set }: { f: Field; fid: string; v: unknown; set: (key: keyof RegionProfile, value: unknown) => void }) {
  const { t, lang } = useApp();
  switch (f.type) {
    case 'bool':
    case 'choice': {
      const choices = f.type === 'bool' ? { true: { nl: 'ja', en: 'yes' }, false: { nl: 'nee', en: 'no' } } : (f.choices ?? {});
      return (
        <select
          id={fid}
          value={v === null || v === undefined ? '' : String(v)}
          onChange={(e) => set(f.key, e.target.value === '' ? null : f.type === 'bool' ? e.target.value === 'true' : e.target.value)}
        >
          <option value="">{t('unknown')}</option>
          {Object.entries(choices).map(([code, label]) => (
            <option key={code} value={code}>
              {label[lang]}
            </option>
          ))}
        </select>
      );
    }
    case 'date':
      return <input id={fid} type="date" value={(v as string | null) ?? ''} onChange={(e) => set(f.key, e.target.value || null)} />;
    case 'int':
    case 'fte':
      return (
        <input
          id={fid}
          type="number"
          min={0}
          step={f.type === 'int' ? 1 : 0.01}
          value={v === null || v === undefined ? '' : String(v)}
          onChange={(e) => set(f.key, e.target.value === '' ? null : Number(e.target.value))}
        />
      );
    case 'text':
      return <input id={fid} type="text" maxLength={2000} value={(v as string | null) ?? ''} onChange={(e) => set(f.key, e.target.value || null)} />;
    case 'frameworks': {
      const fw = (v as RegionProfile['frameworks']) ?? {};
      return (
        <fieldset id={fid} className="frameworks-edit">
          <legend className="visually-hidden">{f.label[lang]}</legend>
          {PARTIES.map((party) => (
            <fieldset key={party}>
              <legend>{RECEIVING_PARTY_LABELS[party][lang]}</legend>
              {Object.keys(FRAMEWORK_LABELS).map((code) => {
                const cid = `${fid}-${party}-${code}`;
                const on = fw[party]?.includes(code) ?? false;
                return (
                  <span key={code} className="check">
                    <input
                      type="checkbox"
                      id={cid}
                      checked={on}
                      onChange={(e) => {
                        const list = new Set(fw[party] ?? []);
                        if (e.target.checked) list.add(code);
                        else list.delete(code);
                        set('frameworks', { ...fw, [party]: Object.keys(FRAMEWORK_LABELS).filter((c) => list.has(c)) });
                      }}
                    />
                    <label htmlFor={cid}>{FRAMEWORK_LABELS[code][lang]}</label>
                  </span>
                );
              })}
            </fieldset>
          ))}
        </fieldset>
      );
    }
  }
}

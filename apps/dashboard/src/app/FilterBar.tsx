import { useId } from 'react';
import { FILTER_CODES, codeLabel } from '../i18n/codes';
import { monthRangeText, presetPeriod } from '../lib/period';
import { useApp } from './context';
import { EMPTY_FILTERS, isPeriodValid, type Filters } from './url-state';

/**
 * The global filters. Every change goes straight into the URL, so the view reloads its data
 * and the address can be shared. Native controls only: each is reachable by Tab and labelled.
 */
export function FilterBar() {
  const { t, lang, me, regions, location, setFilters, freshness } = useApp();
  const f = location.filters;
  const id = useId();
  const set = (change: Partial<Filters>) => setFilters({ ...f, ...change });
  const toggleRegion = (code: string, on: boolean) => set({ regions: on ? [...new Set([...f.regions, code])].sort() : f.regions.filter((r) => r !== code) });
  const select = (key: 'phenomenon' | 'receiving_party' | 'source', label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={f[key] ?? ''} onChange={(e) => set({ [key]: e.target.value || null })}>
        <option value="">{t('all')}</option>
        {FILTER_CODES[key].map((c) => (
          <option key={c} value={c}>
            {codeLabel(key, c, lang)}
          </option>
        ))}
      </select>
    </div>
  );
  const valid = isPeriodValid(f);
  const latest = freshness.dataThrough?.slice(0, 7) ?? null;
  return (
    <form className="filters no-print" role="search" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('periodFrom')}</label>
        <input
          id={`${id}-from`}
          type="month"
          value={f.from ?? ''}
          max={f.to ?? undefined}
          placeholder="jjjj-mm"
          title={t('periodMonthsHint')}
          onChange={(e) => set({ from: e.target.value || null })}
          aria-invalid={valid ? undefined : true}
          aria-describedby={valid ? undefined : `${id}-period-error`}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('periodTo')}</label>
        <input
          id={`${id}-to`}
          type="month"
          value={f.to ?? ''}
          min={f.from ?? undefined}
          placeholder="jjjj-mm"
          title={t('periodMonthsHint')}
          onChange={(e) => set({ to: e.target.value || null })}
        />
      </div>
      {latest && <PeriodPresets latest={latest} onPick={(p) => set(p)} />}
      {me.role !== 'regio' && (
        <details className="field regions">
          <summary>
            {t('regions')}: {f.regions.length ? t('regionsSelected', { n: f.regions.length }) : t('allRegions')}
          </summary>
          <fieldset>
            <legend>{t('regions')}</legend>
            <div className="region-actions">
              <button type="button" onClick={() => set({ regions: [] })}>
                {t('allRegions')}
              </button>
            </div>
            <ul className="region-list">
              {regions.map((r) => (
                <li key={r.code}>
                  <input type="checkbox" id={`${id}-r-${r.code}`} checked={f.regions.includes(r.code)} onChange={(e) => toggleRegion(r.code, e.target.checked)} />
                  <label htmlFor={`${id}-r-${r.code}`}>{r.name}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        </details>
      )}
      {select('phenomenon', t('phenomenon'))}
      {select('receiving_party', t('receivingParty'))}
      {select('source', t('source'))}
      <div className="field actions">
        <button type="button" onClick={() => setFilters({ ...EMPTY_FILTERS })}>
          {t('resetFilters')}
        </button>
      </div>
      {!valid && (
        <p id={`${id}-period-error`} className="status error" role="alert">
          {t('filterInvalidPeriod')}
        </p>
      )}
    </form>
  );
}

/** One click for the latest quarter, year or 12 months of the data, or the whole period. */
function PeriodPresets({ latest, onPick }: { latest: string; onPick: (p: { from: string | null; to: string | null }) => void }) {
  const { t } = useApp();
  return (
    <div className="field presets" role="group" aria-label={t('periodPresets')}>
      <span className="label" aria-hidden="true">
        {t('periodPresets')}
      </span>
      <div className="preset-buttons">
        <button type="button" data-preset="quarter" onClick={() => onPick(presetPeriod('quarter', latest))}>
          {t('presetQuarter')}
        </button>
        <button type="button" data-preset="year" onClick={() => onPick(presetPeriod('year', latest))}>
          {t('presetYear')}
        </button>
        <button type="button" data-preset="12m" onClick={() => onPick(presetPeriod('12m', latest))}>
          {t('preset12m')}
        </button>
        <button type="button" data-preset="all" onClick={() => onPick({ from: null, to: null })}>
          {t('presetAll')}
        </button>
      </div>
    </div>
  );
}

/** The selection in words (period, regions, filters), for the screen, print and downloads. */
export function useScopeText(): string {
  const { t, lang, me, regions, location } = useApp();
  const f = location.filters;
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const parts: string[] = [];
  if (f.from || f.to) parts.push(monthRangeText(f.from, f.to, lang));
  if (location.view === 'regio' && location.region) parts.push(names.get(location.region) ?? location.region);
  else if (me.role === 'regio') parts.push(`${t('ownRegion')}: ${names.get(me.region ?? '') ?? me.region ?? ''}`);
  else parts.push(f.regions.length ? f.regions.map((c) => names.get(c) ?? c).join(', ') : t('allRegions'));
  if (f.phenomenon) parts.push(`${t('phenomenon')}: ${codeLabel('phenomenon', f.phenomenon, lang)}`);
  if (f.receiving_party) parts.push(`${t('receivingParty')}: ${codeLabel('receiving_party', f.receiving_party, lang)}`);
  if (f.source) parts.push(`${t('source')}: ${codeLabel('source', f.source, lang)}`);
  return parts.join(' · ');
}

/** The selection in words, for the screen and for print. */
export function FilterSummary() {
  const { t } = useApp();
  return (
    <p className="filter-summary">
      <span className="label">{t('filtersSummary')}:</span> {useScopeText()}
    </p>
  );
}

import { useCallback, useMemo } from 'react';
import type { MetricRow } from '../../api/types';
import { useApp, type Labeller } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { MetricPanel, useLabeller, useMetric } from '../../components/metric';
import { isFlagged, seriesText } from './model';

const COLUMNS = ['region_code', 'series', 'period', 'observed', 'expected', 'p_value', 'q_value', 'flag'];

/**
 * Aandachtspunten: the statistically significant changes per region and series (metric
 * `attention`; the false discovery rate is controlled over all series by the API). Shows the
 * flagged rows, or every series by choice; each region links to its page.
 */
export default function AttentionView() {
  const { t, lang, location, setExtra } = useApp();
  const all = location.extra.attention === 'all';
  const load = useMetric('attention');
  const rows = useCallback((r: MetricRow) => all || isFlagged(r), [all]);
  const base = useLabeller();
  const labeller: Labeller = useMemo(
    () => ({ ...base, dimensionText: (col, v, row) => (col === 'series' && typeof v === 'string' ? seriesText(v, lang) : base.dimensionText(col, v, row)) }),
    [base, lang],
  );
  const tools = (
    <label className="inline-select">
      <input type="checkbox" checked={all} onChange={(e) => setExtra('attention', e.target.checked ? 'all' : '')} /> {t('attentionShowAll')}
    </label>
  );
  return (
    <>
      <FilterSummary />
      {load.available ? (
        <MetricPanel
          load={load}
          panelId="attention"
          title={t('attentionTitle')}
          description={<p>{t('attentionIntro')}</p>}
          tools={tools}
          labeller={labeller}
          table={{ columns: COLUMNS, rowFilter: rows }}
        />
      ) : (
        <p className="status empty" data-attention="unavailable">
          {t('attentionUnavailable')}
        </p>
      )}
    </>
  );
}

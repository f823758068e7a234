/**
 * The attention list (Aandachtspunten) from metric `attention`: per region and series
 * (`phenomenon:jihadisme`, `source:professional_meldpunt`, a divergence or under-coverage
 * flag) the observed and expected counts, p- and q-value (Benjamini–Hochberg) and a flag. Only
 * labels here; every number is the API's.
 */
import type { MetricRow } from '../../api/types';
import { codeLabel } from '../../i18n/codes';
import type { Lang } from '../../i18n/messages';

const SERIES_KIND: Record<string, { nl: string; en: string }> = {
  phenomenon: { nl: 'Fenomeen', en: 'Phenomenon' },
  source: { nl: 'Bron', en: 'Source' },
  receiving_party: { nl: 'Ontvangende partij', en: 'Receiving party' },
  divergence: { nl: 'Uitkomstverschil', en: 'Outcome divergence' },
  under_coverage: { nl: 'Ondervertegenwoordigd', en: 'Under-represented' },
};

/** `phenomenon:jihadisme` → "Fenomeen: Jihadisme". */
export function seriesText(series: string, lang: Lang): string {
  const [kind, code = ''] = series.split(':', 2);
  const k = SERIES_KIND[kind]?.[lang] ?? kind;
  return code ? `${k}: ${codeLabel(kind, code, lang)}` : k;
}

export const isFlagged = (r: MetricRow) => r.flag === true || r.flag === 1;

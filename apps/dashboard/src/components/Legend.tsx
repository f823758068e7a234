import { useApp } from '../app/context';
import type { SuppressionKind } from '../lib/format';

/**
 * Explains every kind of absent value in a table and, for responses under cell-key
 * protection, the noise on every count.
 */
export function SuppressionLegend({ kinds, k, notApplicable, protection }: { kinds: SuppressionKind[]; k: number; notApplicable: boolean; protection?: string }) {
  const { t } = useApp();
  const v2 = protection === 'cell_key' || protection === 'exact';
  if (kinds.length === 0 && !notApplicable && !v2) return null;
  return (
    <div className="legend">
      <p className="legend-title">{t('legendTitle')}</p>
      <ul>
        {protection === 'cell_key' && <li>{t('legendNoise')}</li>}
        {protection === 'exact' && <li>{t('legendExact')}</li>}
        {kinds.includes('count') && <li>{v2 ? t('legendSmallCountV2', { k, km1: k - 1 }) : t('legendSmallCount', { k, km1: k - 1 })}</li>}
        {kinds.includes('base') && <li>{t('legendSmallBase', { k })}</li>}
        {kinds.includes('secondary') && <li>{t('legendSecondary')}</li>}
        {kinds.includes('peers') && <li>{t('legendPeers')}</li>}
        {notApplicable && <li>{t('legendNotApplicableV2')}</li>}
      </ul>
    </div>
  );
}

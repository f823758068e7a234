import { useApp } from '../app/context';
import type { SuppressionKind } from '../lib/format';

/** Explains every kind of absent value that occurs in a table. */
export function SuppressionLegend({ kinds, k, notApplicable }: { kinds: SuppressionKind[]; k: number; notApplicable: boolean }) {
  const { t } = useApp();
  if (kinds.length === 0 && !notApplicable) return null;
  return (
    <div className="legend">
      <p className="legend-title">{t('legendTitle')}</p>
      <ul>
        {kinds.includes('count') && <li>{t('legendSmallCount', { k, km1: k - 1 })}</li>}
        {kinds.includes('base') && <li>{t('legendSmallBase', { k })}</li>}
        {kinds.includes('secondary') && <li>{t('legendSecondary')}</li>}
        {kinds.includes('peers') && <li>{t('legendPeers')}</li>}
        {notApplicable && <li>{t('legendNotApplicable')}</li>}
      </ul>
    </div>
  );
}

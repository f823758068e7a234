import { useApp } from '../app/context';

/** The explanation behind a chart's "i", in the UI language. */
export interface PanelInfo {
  shows: string;
  read: string;
  definition?: string;
  caveats?: string[];
}

/** A disclosure ("i") with what the chart shows, how to read it, its definition and caveats. */
export function InfoPanel({ title, info }: { title: string; info: PanelInfo }) {
  const { t } = useApp();
  return (
    <details className="info no-print">
      <summary>
        <span className="info-i" aria-hidden="true">
          i
        </span>
        <span>{t('infoButton', { title })}</span>
      </summary>
      <dl>
        <dt>{t('infoShows')}</dt>
        <dd>{info.shows}</dd>
        <dt>{t('infoRead')}</dt>
        <dd>{info.read}</dd>
        {info.definition && (
          <>
            <dt>{t('infoDefinition')}</dt>
            <dd>{info.definition}</dd>
          </>
        )}
        <dt>{t('infoCaveats')}</dt>
        <dd>
          <ul>
            {(info.caveats ?? []).map((c) => (
              <li key={c}>{c}</li>
            ))}
            <li>{t('infoCaveatNoise')}</li>
            <li>{t('infoCaveatProvisional')}</li>
          </ul>
        </dd>
      </dl>
    </details>
  );
}

import { useApp } from '../../app/context';
import type { LocalText } from '../../api/types';
import { useLabeller } from '../../components/metric';

function text(v: string | LocalText | undefined, lang: 'nl' | 'en'): string {
  if (!v) return '';
  return typeof v === 'string' ? v : v[lang];
}

/** Every metric of the caller's catalogue with its definition, columns and parameters. */
export default function DefinitionsView() {
  const { t, lang, catalogue } = useApp();
  const labeller = useLabeller();
  return (
    <div className="prose definitions">
      <section aria-labelledby="disclosure-heading">
        <h2 id="disclosure-heading">{t('disclosureTitle')}</h2>
        <p>{t('disclosureText')}</p>
      </section>
      {catalogue.map((m) => (
        <section key={m.name} aria-labelledby={`def-${m.name}`} className="definition">
          <h2 id={`def-${m.name}`}>{m.label?.[lang] ?? m.name}</h2>
          <p>
            <span className="label">{t('metricName')}:</span> <code>{m.name}</code>
          </p>
          <p>{text(m.description, lang)}</p>
          {m.columns && m.columns.length > 0 && (
            <>
              <h3>{t('metricColumns')}</h3>
              <ul>
                {m.columns.map((c) => (
                  <li key={c.name}>
                    <code>{c.name}</code> — {labeller.columnLabel(m.name)(c)} ({c.kind})
                  </li>
                ))}
              </ul>
            </>
          )}
          {m.params && m.params.length > 0 && (
            <>
              <h3>{t('metricParams')}</h3>
              <ul>
                {m.params.map((p) => (
                  <li key={p.name}>
                    <code>{p.name}</code>
                    {p.label ? ` — ${p.label[lang]}` : ''}: {p.values.join(', ')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
    </div>
  );
}

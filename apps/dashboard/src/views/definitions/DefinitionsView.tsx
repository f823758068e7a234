import type { LocalText } from '../../api/types';
import { useApp } from '../../app/context';
import { useLabeller } from '../../components/metric';
import { GLOSSARY } from '../../i18n/glossary';

function text(v: string | LocalText | undefined, lang: 'nl' | 'en'): string {
  if (!v) return '';
  return typeof v === 'string' ? v : v[lang];
}

/** The report's terms in plain words, then (folded away) every metric's technical description. */
export default function DefinitionsView() {
  const { t, lang } = useApp();
  return (
    <div className="prose definitions">
      <section aria-labelledby="glossary-heading">
        <h2 id="glossary-heading">{t('glossaryTitle')}</h2>
        <dl className="glossary">
          {GLOSSARY.map((g) => (
            <div key={g.id} id={`term-${g.id}`}>
              <dt>{g.term[lang]}</dt>
              <dd>
                {g.text[lang]}
                {g.items && (
                  <ol>
                    {g.items.map((i) => (
                      <li key={i.nl}>{i[lang]}</li>
                    ))}
                  </ol>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <details className="technical">
        <summary className="technical-title">{t('technicalTitle')}</summary>
        <p>{t('technicalIntro')}</p>
        <TechnicalList />
      </details>
    </div>
  );
}

function TechnicalList() {
  const { t, lang, catalogue } = useApp();
  const labeller = useLabeller();
  return (
    <>
      {catalogue.map((m) => (
        <section key={m.name} aria-labelledby={`def-${m.name}`} className="definition">
          <h3 id={`def-${m.name}`}>{m.label?.[lang] ?? m.name}</h3>
          <p>
            <span className="label">{t('metricName')}:</span> <code>{m.name}</code>
          </p>
          <p>{text(m.description, lang)}</p>
          {m.columns && m.columns.length > 0 && (
            <>
              <h4>{t('metricColumns')}</h4>
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
              <h4>{t('metricParams')}</h4>
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
    </>
  );
}

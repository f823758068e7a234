import { useApp } from '../../app/context';

const STATEMENT = {
  nl: {
    intro:
      'Weegwijzer wil voor iedereen bruikbaar zijn. Het dashboard is gebouwd volgens de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, de norm voor overheidswebsites (EN 301 549).',
    measuresTitle: 'Wat we doen',
    measures: [
      'Elke grafiek heeft een tabelweergave met dezelfde cijfers, en elke tabel kan als CSV worden gedownload.',
      'Afgeschermde waarden staan er uitdrukkelijk (bijvoorbeeld “< 5”), met een verklaring; ze worden nooit als nul of als leeg getoond.',
      'Alles werkt met het toetsenbord: een link “Naar de inhoud”, zichtbare focus, filters en weergaven bereikbaar met Tab en te kiezen met Enter of spatie.',
      'Pagina’s hebben landmarks (kop, navigatie, zoekfilters, hoofdinhoud, voet) en een logische koppenstructuur.',
      'Tekst heeft een contrast van minstens 4,5:1; kleur is nooit de enige drager van informatie.',
      'Laden en fouten worden gemeld aan schermlezers; een foutmelding zegt wat er gebeurde.',
      'De taal is Nederlands of Engels; de taal van de pagina wordt mee aangepast.',
      'Elke weergave kan worden afgedrukt, met de gekozen selectie en alle tabellen.',
    ],
    testTitle: 'Hoe we het toetsen',
    test: 'Bij elke wijziging draaien geautomatiseerde browsertests met axe-core (WCAG 2.1 A en AA) op elke weergave en voor elke rol, en een toetsenbordtest door de filters en de navigatie.',
    limitsTitle: 'Bekende beperkingen',
    limits: [
      'De kaart en grafieken zijn afbeeldingen voor hulptechnologie; de cijfers staan in de bijbehorende tabel.',
      'Automatische tests vinden niet alle toegankelijkheidsproblemen; handmatige toetsing door ervaringsdeskundigen is nog niet gedaan.',
    ],
    contactTitle: 'Contact',
    contact: 'Loopt u tegen een probleem aan? Meld het bij de beheerder van Weegwijzer in uw organisatie.',
  },
  en: {
    intro:
      'Weegwijzer aims to be usable by everyone. The dashboard is built to the Web Content Accessibility Guidelines (WCAG) 2.1 level AA, the standard for Dutch government websites (EN 301 549).',
    measuresTitle: 'What we do',
    measures: [
      'Every chart has a table view with the same numbers, and every table can be downloaded as CSV.',
      'Suppressed values are shown explicitly (for example “< 5”), with an explanation; never as zero or blank.',
      'Everything works by keyboard: a “Skip to content” link, visible focus, filters and views reachable by Tab and chosen with Enter or Space.',
      'Pages have landmarks (header, navigation, search filters, main content, footer) and a logical heading structure.',
      'Text has a contrast of at least 4.5:1; colour is never the only carrier of information.',
      'Loading and errors are announced to screen readers; an error message says what happened.',
      'The language is Dutch or English; the page language switches with it.',
      'Every view can be printed, with the chosen selection and all tables.',
    ],
    testTitle: 'How we test',
    test: 'On every change automated browser tests run axe-core (WCAG 2.1 A and AA) on every view for every role, and a keyboard test through the filters and the navigation.',
    limitsTitle: 'Known limitations',
    limits: [
      'The map and charts are images to assistive technology; their numbers are in the accompanying table.',
      'Automated tests do not find every accessibility problem; manual testing with users of assistive technology has not been done yet.',
    ],
    contactTitle: 'Contact',
    contact: 'Do you run into a problem? Report it to the Weegwijzer administrator in your organisation.',
  },
} as const;

export default function AccessibilityView() {
  const { t, lang } = useApp();
  const s = STATEMENT[lang];
  return (
    <div className="prose">
      <h2>{t('a11yTitle')}</h2>
      <p>{s.intro}</p>
      <h2>{s.measuresTitle}</h2>
      <ul>
        {s.measures.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <h2>{s.testTitle}</h2>
      <p>{s.test}</p>
      <h2>{s.limitsTitle}</h2>
      <ul>
        {s.limits.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <h2>{s.contactTitle}</h2>
      <p>{s.contact}</p>
    </div>
  );
}

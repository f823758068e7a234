/** The terms of the inspection report and of this monitor, in plain Dutch and English. */

export interface Term {
  id: string;
  term: { nl: string; en: string };
  text: { nl: string; en: string };
  /** Sub-items (the five criteria, the nine development areas). */
  items?: { nl: string; en: string }[];
}

export const GLOSSARY: Term[] = [
  {
    id: 'signaal',
    term: { nl: 'Signaal', en: 'Signal' },
    text: {
      nl: 'Een melding van zorgelijk gedrag dat op radicalisering kan wijzen, binnengekomen bij gemeente, politie of OM (de kernpartijen). Bronnen zijn onder meer professionals via het meldpunt, de politie zelf, open bronnen (OSINT), het Landelijk Steunpunt Extremisme en ambtsberichten.',
      en: 'A report of worrying behaviour that may point to radicalisation, received by the municipality, police or prosecution (the core parties). Sources include professionals through the reporting point, the police itself, open sources (OSINT), the national extremism support point and official messages.',
    },
  },
  {
    id: 'pre-weging',
    term: { nl: 'Pre-weging', en: 'Pre-assessment (pre-weging)' },
    text: {
      nl: 'Een eerste beoordeling door de partij die het signaal ontving, vóór de gezamenlijke weging. Het modelconvenant kent die stap niet, maar in de praktijk wegen gemeenten en politie vaak eerst zelf. Hier vallen signalen af (“uitval”) zonder dat de drie partijen ze samen zien.',
      en: 'A first assessment by the party that received the signal, before the joint assessment. The model covenant has no such step, but in practice municipalities and police often weigh first. This is where signals drop out before the three parties see them together.',
    },
  },
  {
    id: 'afstemmingsoverleg',
    term: { nl: 'Afstemmingsoverleg', en: 'Coordination meeting (afstemmingsoverleg)' },
    text: {
      nl: 'Overleg tussen politie en OM waarin zij besluiten of een signaal naar de weegploeg gaat.',
      en: 'A meeting of police and prosecution that decides whether a signal goes to the weegploeg.',
    },
  },
  {
    id: 'weegploeg',
    term: { nl: 'Weegploeg', en: 'Joint assessment team (weegploeg)' },
    text: {
      nl: 'Gemeente, politie en OM beoordelen het signaal samen aan de hand van een referentiekader, met een unaniem besluit dat wordt vastgelegd. Drie uitkomsten: casusoverleg, geen casusoverleg, of nadere duiding.',
      en: 'Municipality, police and prosecution assess the signal together against a reference framework, with a unanimous decision that is recorded. Three outcomes: case conference, no case conference, or more information needed.',
    },
  },
  {
    id: 'casusoverleg',
    term: { nl: 'Casusoverleg', en: 'Case conference (casusoverleg)' },
    text: {
      nl: 'Een multidisciplinair overleg over de persoon achter het signaal: de uitkomst wanneer de weegploeg vindt dat een persoonsgerichte aanpak nodig is.',
      en: 'A multidisciplinary meeting about the person behind the signal: the outcome when the weegploeg finds a person-centred approach necessary.',
    },
  },
  {
    id: 'nadere-duiding',
    term: { nl: 'Nadere duiding', en: 'More information needed (nadere duiding)' },
    text: {
      nl: 'De weegploeg heeft meer informatie nodig; het signaal komt later opnieuw in de weegploeg.',
      en: 'The weegploeg needs more information; the signal comes back to the weegploeg later.',
    },
  },
  {
    id: 'criteria',
    term: { nl: 'De vijf wettelijke criteria', en: 'The five statutory criteria' },
    text: {
      nl: 'Het wetsvoorstel noemt vijf objectieve criteria waarop de weegploeg een signaal beoordeelt:',
      en: 'The bill names five objective criteria against which the weegploeg assesses a signal:',
    },
    items: [
      { nl: 'bereidheid om geweld te gebruiken of te verspreiden', en: 'willingness to use or propagate violence' },
      { nl: 'aanhangen van extremistische denkbeelden', en: 'adherence to extremist ideas' },
      { nl: 'sociale relaties', en: 'social relations' },
      { nl: 'identificatie met een extremistische groep of ideologie', en: 'identification with an extremist group or ideology' },
      { nl: 'zelfredzaamheid', en: 'self-reliance' },
    ],
  },
  {
    id: 'ontwikkelgebieden',
    term: { nl: 'De negen ontwikkelgebieden', en: 'The nine development areas' },
    text: {
      nl: 'Het handboek bij het convenant noemt negen gebieden om op te letten, zonder regels om ze te scoren:',
      en: 'The covenant handbook lists nine areas to look at, without rules to score them:',
    },
    items: [
      { nl: 'opvallende contacten', en: 'striking contacts' },
      { nl: 'gedrag', en: 'behaviour' },
      { nl: 'ideologie', en: 'ideology' },
      { nl: 'geweld en criminaliteit', en: 'violence and crime' },
      { nl: 'onvrede', en: 'discontent' },
      { nl: 'propaganda', en: 'propaganda' },
      { nl: 'internationale contacten en bewegingen', en: 'international contacts and movements' },
      { nl: 'sociale zorgen', en: 'social concerns' },
      { nl: 'training', en: 'training' },
    ],
  },
  {
    id: 'referentiekader',
    term: { nl: 'Referentiekader', en: 'Reference framework' },
    text: {
      nl: 'Het kader waarmee een signaal wordt gewogen: de wettelijke criteria, de ontwikkelgebieden, een eigen kader (intenties, capaciteiten, activiteiten), het politiemodel, een particulier instrument, of geen kader (open gesprek, “niet pluis”).',
      en: 'The framework a signal is weighed against: the statutory criteria, the development areas, an own framework (intentions, capabilities, activities), the police model, a private instrument, or none (open discussion, gut feeling).',
    },
  },
  {
    id: 'uitvalpercentage',
    term: { nl: 'Uitvalpercentage', en: 'Drop rate' },
    text: {
      nl: 'Van de signalen met een pre-weging het deel dat niet naar de weegploeg ging.',
      en: 'Of the signals with a pre-assessment, the share that did not go on to the weegploeg.',
    },
  },
  {
    id: 'meldpunt',
    term: { nl: 'Meldpunt', en: 'Reporting point (meldpunt)' },
    text: {
      nl: 'Het gemeentelijke meldpunt waar professionals (zoals docenten en zorgverleners) zorgen kunnen melden. Het aantal meldingen per 100 000 inwoners laat zien hoe goed zorgelijk gedrag wordt herkend en gemeld.',
      en: 'The municipal point where professionals (such as teachers and care workers) can report concerns. Reports per 100,000 inhabitants show how well worrying behaviour is recognised and reported.',
    },
  },
  {
    id: 'convenant',
    term: { nl: 'Convenant en sleutelfunctionarissen', en: 'Covenant and key officials' },
    text: {
      nl: 'Het convenant legt de samenwerking van de kernpartijen vast. Sleutelfunctionarissen zijn de enkele mensen van wie het werk in een regio afhangt; het register houdt hun aantal en de capaciteit in fte bij.',
      en: 'The covenant lays down how the core parties work together. Key officials are the few people a region’s work depends on; the registry keeps their number and the capacity in FTE.',
    },
  },
  {
    id: 'ruis',
    term: { nl: 'Afscherming en ruis', en: 'Disclosure control and noise' },
    text: {
      nl: 'Elk aantal krijgt een kleine, vaste ruis (meestal hooguit 2 erbij of eraf), zodat niemand herkenbaar wordt, ook niet door tabellen te combineren. Aantallen van 1 tot k − 1 worden getoond als “< k”. Daardoor tellen delen niet altijd precies op tot het totaal. Een regio ziet haar eigen cijfers exact.',
      en: 'Every count carries a small fixed noise (usually at most 2 up or down), so nobody can be identified, not even by combining tables. Counts from 1 to k − 1 are shown as “< k”. Parts therefore do not always add up exactly to the total. A region sees its own figures exactly.',
    },
  },
  {
    id: 'voorlopig',
    term: { nl: 'Voorlopig', en: 'Provisional' },
    text: {
      nl: 'Recente maanden waarin veel zaken nog lopen. Hun uitvalpercentages en doorlooptijden zien er nu gunstiger uit dan ze uiteindelijk zullen zijn.',
      en: 'Recent months in which many cases are still open. Their drop rates and lead times now look better than they will in the end.',
    },
  },
];

/**
 * The "i" of every chart: what it shows, how to read it, its definition in plain words and
 * its own caveats (the panel adds the general ones: protective noise, provisional months).
 */
import type { PanelInfo } from '../components/Info';
import type { Lang } from './messages';

type Text = { nl: string; en: string };
interface Entry {
  shows: Text;
  read: Text;
  definition?: Text;
  caveats?: Text[];
}

const BAR_READ: Text = {
  nl: 'Elke balk is een regio. De stippellijn is de landelijke waarde (voor een regio: de mediaan van de andere regio’s). Een grijs gearceerde balk is een waarde die niet getoond wordt.',
  en: 'Each bar is a region. The dashed line is the national value (for a region: the median of the other regions). A grey hatched bar is a value that is not shown.',
};

const ENTRIES: Record<string, Entry> = {
  attention: {
    shows: {
      nl: 'De veranderingen die statistisch significant zijn: per regio en reeks (fenomeen, bron, of een bestaande vlag) het waargenomen aantal tegenover het verwachte.',
      en: 'The changes that are statistically significant: per region and series (phenomenon, source, or an existing flag) the observed count against the expected one.',
    },
    read: {
      nl: 'De p-waarde is de kans op zo’n afwijking als er niets veranderd is; de q-waarde corrigeert voor het testen van alle reeksen tegelijk (Benjamini–Hochberg). Gemarkeerd = q-waarde onder de drempel. Klik op een regio voor haar pagina.',
      en: 'The p-value is the chance of such a deviation if nothing changed; the q-value corrects for testing every series at once (Benjamini–Hochberg). Flagged = q-value below the threshold. Click a region for its page.',
    },
    caveats: [
      {
        nl: 'Een markering is een reden om te kijken, geen oordeel: ook bij een goede methode is een klein deel toeval.',
        en: 'A flag is a reason to look, not a verdict: even with a good method a small share is chance.',
      },
    ],
  },
  'overview-map': {
    shows: { nl: 'Eén indicator per veiligheidsregio op de kaart.', en: 'One indicator per safety region on the map.' },
    read: {
      nl: 'Donkerder is een hogere waarde. Grijs betekent: geen waarde of niet getoond; de regel onder de kaart zegt welke regio’s en waarom. Klik op een regio voor de regiopagina.',
      en: 'Darker is a higher value. Grey means no value or not shown; the line under the map says which regions and why. Click a region for its region page.',
    },
  },
  'overview-scorecard': {
    shows: {
      nl: 'Per knelpunt uit het inspectierapport een indicator per regio, met bovenaan het landelijk totaal.',
      en: 'For each bottleneck of the inspection report one indicator per region, with the national total on top.',
    },
    read: {
      nl: 'Klik op een kolomkop om te sorteren; de rang staat dan vooraan. Met een gekozen periode staat onder elke waarde het verschil met de vorige periode van dezelfde lengte.',
      en: 'Click a column header to sort; the rank then comes first. With a chosen period each value has the change against the previous period of the same length below it.',
    },
    caveats: [
      {
        nl: 'Sleutelfunctionarissen en convenant komen uit het register, niet uit de aanleveringen.',
        en: 'Key officials and covenant come from the registry, not from the deliveries.',
      },
    ],
  },
  'region-facts': {
    shows: {
      nl: 'De kerncijfers van één regio naast het landelijke cijfer, of voor een regio naast de verdeling over de andere regio’s.',
      en: 'The key figures of one region beside the national figure, or for a region beside the distribution over the other regions.',
    },
    read: {
      nl: 'Het punt is de regio; de band loopt van het minimum tot het maximum van de andere regio’s, het donkere deel is de middelste helft (kwartielen), het streepje de mediaan.',
      en: 'The dot is the region; the band runs from the minimum to the maximum of the other regions, the dark part is the middle half (quartiles), the tick the median.',
    },
  },
  'flow-sankey': {
    shows: {
      nl: 'Hoe signalen lopen: van bron via ontvangende partij en pre-weging naar de uitkomst van de weegploeg.',
      en: 'How signals flow: from source via receiving party and pre-assessment to the weegploeg outcome.',
    },
    read: {
      nl: 'De breedte van een stroom is het aantal signalen. Stromen die te klein zijn om te tonen ontbreken.',
      en: 'The width of a flow is the number of signals. Flows too small to show are left out.',
    },
    definition: { nl: 'Een signaal telt in de periode waarin het is ontvangen.', en: 'A signal counts in the period in which it was received.' },
  },
  'flow-funnel': {
    shows: {
      nl: 'Per regio hoeveel signalen direct naar de weegploeg gingen, via een pre-weging, afvielen of nog lopen.',
      en: 'Per region how many signals went straight to the weegploeg, through a pre-assessment, dropped out or are still open.',
    },
    read: BAR_READ,
    caveats: [{ nl: '“Lopend” is hoog in recente maanden: die zaken zijn nog niet afgerond.', en: '“Pending” is high in recent months: those cases are not finished.' }],
  },
  leadtime: {
    shows: {
      nl: 'Hoeveel dagen het duurt van ontvangst tot de eerste weegploeg en tot het besluit (mediaan en 90e percentiel).',
      en: 'How many days it takes from receipt to the first weegploeg and to the decision (median and 90th percentile).',
    },
    read: {
      nl: 'De mediaan is de middelste zaak; 90% van de zaken is binnen het 90e percentiel klaar.',
      en: 'The median is the middle case; 90% of cases are done within the 90th percentile.',
    },
    caveats: [
      {
        nl: 'Alleen zaken die de weegploeg al bereikten tellen mee: in recente maanden ontbreken de trage zaken nog.',
        en: 'Only cases that already reached the weegploeg count: in recent months the slow ones are still missing.',
      },
    ],
  },
  trend: {
    shows: { nl: 'Het aantal signalen per maand, kwartaal of jaar, uitgesplitst.', en: 'The number of signals per month, quarter or year, split up.' },
    read: {
      nl: 'Elke lijn is een categorie. Het gekleurde vlak rechts markeert voorlopige perioden. Kies “kwartaal” voor één regio: dan zijn er minder kleine, niet getoonde aantallen.',
      en: 'Each line is a category. The shaded area on the right marks provisional periods. Choose “quarter” for one region: fewer small counts are then hidden.',
    },
  },
  'dropoff-region': {
    shows: {
      nl: 'Het uitvalpercentage: van de signalen met een pre-weging het deel dat daarna niet naar de weegploeg ging.',
      en: 'The drop rate: of the signals with a pre-assessment, the share that did not go on to the weegploeg.',
    },
    read: BAR_READ,
    definition: {
      nl: 'Uitvalpercentage = afgevallen ÷ met pre-weging. “Met pre-weging” telt signalen; “pre-wegingen” elders telt beoordelingen (een signaal kan er meer hebben).',
      en: 'Drop rate = dropped ÷ with pre-assessment. “With pre-assessment” counts signals; “pre-assessments” elsewhere counts assessments (a signal can have several).',
    },
    caveats: [
      {
        nl: 'Een regio zonder pre-weging (alles direct naar de weegploeg) heeft geen uitvalpercentage.',
        en: 'A region without pre-assessments (everything straight to the weegploeg) has no drop rate.',
      },
    ],
  },
  'dropoff-party': {
    shows: {
      nl: 'Het uitvalpercentage per ontvangende partij (gemeente, politie, OM) per regio.',
      en: 'The drop rate per receiving party (municipality, police, prosecution) per region.',
    },
    read: BAR_READ,
  },
  'dropoff-basis': {
    shows: {
      nl: 'Waarop afvalbesluiten berusten: een expliciet kader (wettelijke criteria, ontwikkelgebieden, ICA, LE-model, particulier instrument) of een oordeel zonder kader.',
      en: 'What drop decisions rest on: an explicit framework or a judgement without one.',
    },
    read: { nl: 'Gestapelde balken: samen alle afvalbesluiten van de regio.', en: 'Stacked bars: together all drop decisions of the region.' },
  },
  'dropoff-closing': {
    shows: { nl: 'Signalen afgesloten wegens onvoldoende informatie, per ontvangende partij.', en: 'Signals closed for lack of information, per receiving party.' },
    read: BAR_READ,
  },
  'dropoff-enrichment': {
    shows: {
      nl: 'Het deel van de pre-wegingen dat de gemeente afsluit wegens onvoldoende informatie, naast het deel dat de politie verrijkt.',
      en: 'The share of pre-assessments the municipality closes for lack of information, beside the share the police enrich.',
    },
    read: BAR_READ,
  },
  'criteria-usage': {
    shows: { nl: 'Welke kaders de beoordelaars gebruiken, per fase en orgaan.', en: 'Which frameworks assessors use, per stage and body.' },
    read: { nl: 'Donkerder vakje = groter aandeel van de beoordelingen.', en: 'Darker cell = larger share of the assessments.' },
  },
  'criteria-coverage': {
    shows: { nl: 'Hoe vaak de weegploeg alle vijf wettelijke criteria scoort.', en: 'How often the weegploeg scores all five statutory criteria.' },
    read: BAR_READ,
    definition: {
      nl: 'De vijf criteria: geweld, denkbeelden, sociale relaties, identificatie met groep of ideologie, zelfredzaamheid.',
      en: 'The five criteria: violence, ideas, social relations, identification with group or ideology, self-reliance.',
    },
  },
  'divergence-region': {
    shows: {
      nl: 'Of een regio vergelijkbare signalen anders weegt dan het land: waargenomen gedeeld door verwacht casusoverleg, na correctie voor ernst.',
      en: 'Whether a region weighs comparable signals differently from the country: observed divided by expected case conferences, adjusted for severity.',
    },
    read: {
      nl: 'Het punt is de verhouding, de streep het 95%-betrouwbaarheidsinterval. Bij 1 (stippellijn) weegt de regio zoals het land. Een rode ruit: het interval bevat 1 niet (afwijkend).',
      en: 'The dot is the ratio, the line its 95% confidence interval. At 1 (dashed line) the region weighs like the country. A red diamond: the interval excludes 1 (divergent).',
    },
  },
  'divergence-body': {
    shows: {
      nl: 'Dezelfde vergelijking voor gemeente en politie binnen een regio, bij de pre-weging.',
      en: 'The same comparison for municipality and police within a region, at pre-assessment.',
    },
    read: { nl: 'Lees als de grafiek hierboven.', en: 'Read as the chart above.' },
  },
  reassessment: {
    shows: {
      nl: 'Personen met een weegploeguitkomst in twee of meer regio’s, en hoe vaak die uitkomsten verschillen.',
      en: 'Persons with a weegploeg outcome in two or more regions, and how often the outcomes differ.',
    },
    read: { nl: 'Alleen voor de Inspectie.', en: 'Inspectorate only.' },
  },
  'phenomenon-mix': {
    shows: { nl: 'De verdeling van signalen over fenomenen per regio.', en: 'The distribution of signals over phenomena per region.' },
    read: { nl: 'Elk vakje is het aandeel van een fenomeen in de signalen van de regio.', en: 'Each cell is the share of a phenomenon in the region’s signals.' },
  },
  'phenomenon-under': {
    shows: {
      nl: 'Ondervertegenwoordiging: blijft een fenomeen in een regio achter bij wat je op grond van het land zou verwachten?',
      en: 'Under-representation: does a phenomenon lag behind in a region compared with what the country would lead you to expect?',
    },
    read: { nl: 'Verhouding waargenomen/verwacht met interval; onder 1 is minder dan verwacht.', en: 'Ratio observed/expected with interval; below 1 is fewer than expected.' },
  },
  'integrality-weegploeg': {
    shows: {
      nl: 'Of de drie kernpartijen samen wegen: aanwezig, informatie van alle drie, besluit vastgelegd.',
      en: 'Whether the three core parties weigh together: present, information from all three, decision recorded.',
    },
    read: BAR_READ,
  },
  'integrality-recording': {
    shows: { nl: 'Hoe vaak analyse en besluit worden vastgelegd, per fase.', en: 'How often analysis and decision are recorded, per stage.' },
    read: BAR_READ,
  },
  'reach-region': {
    shows: {
      nl: 'Signalen van het meldpunt (professionals) per 100 000 inwoners, per regio en jaar.',
      en: 'Signals from the reporting point (professionals) per 100,000 inhabitants, per region and year.',
    },
    read: BAR_READ,
    definition: { nl: 'Inwoners op 1 januari van het bevolkingsjaar (CBS).', en: 'Inhabitants on 1 January of the population year (Statistics Netherlands).' },
  },
  'reach-change': {
    shows: {
      nl: 'Hoeveel meldpuntsignalen per 100 000 inwoners er dit jaar meer of minder zijn dan het jaar ervoor (knelpunt 3: het meldpunt wordt minder gebruikt).',
      en: 'How many more or fewer reporting-point signals per 100,000 inhabitants there are this year than the year before (bottleneck 3: the reporting point is used less).',
    },
    read: {
      nl: 'Een balk naar links is een daling. De verandering berekent de API uit de getoonde aantallen.',
      en: 'A bar to the left is a decline. The API computes the change from the counts shown.',
    },
  },
  'reach-municipality': {
    shows: { nl: 'Hetzelfde per gemeente.', en: 'The same per municipality.' },
    read: {
      nl: 'Gemeenten met een signaal zonder gemeentecode staan als “onbekend” per regio; het zijn geen gemeenten.',
      en: 'Signals without a municipality code are listed as “unknown” per region; those are not municipalities.',
    },
  },
};

export function explain(panelId: string | undefined, lang: Lang): PanelInfo | undefined {
  if (!panelId) return undefined;
  const e = ENTRIES[panelId] ?? (panelId.startsWith('trend') ? ENTRIES.trend : undefined);
  if (!e) return undefined;
  return { shows: e.shows[lang], read: e.read[lang], definition: e.definition?.[lang], caveats: e.caveats?.map((c) => c[lang]) };
}

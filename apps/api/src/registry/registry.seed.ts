/**
 * What the registry starts with. Regions, municipalities and population come from the
 * bundled reference data (libs/contract/reference, real CBS data). Region profile values are
 * null (unknown) unless the inspectorate report states them for a named region; nothing is
 * invented. The report (May 2024) names its four regions but anonymises most findings
 * ("één regio", "drie van de vier"), so only what it says of all four is seeded: it could not
 * find their covenants or appendices in the Staatscourant, so their reference framework is not
 * public (§3.1.1).
 */
export const POPULATION_SOURCE = 'CBS, bevolking 1 januari 2022 (gemeentelijke indeling 2023), zie libs/contract/reference/SOURCES.md';

export const REPORT_STUDIED_REGIONS = ['VR13', 'VR22', 'VR24', 'VR03'] as const;

export const REPORT_PROFILE_SEED = {
  covenantPublishedStaatscourant: false,
  referenceFrameworkPublished: false,
  sourceNote:
    'Inspectie JenV, "Vroegsignalering van radicalisering in het lokale domein" (mei 2024), §3.1.1: ' +
    'convenant en bijlagen niet teruggevonden in de Staatscourant; het referentiekader is niet openbaar. ' +
    'Overige velden onbekend.',
} as const;

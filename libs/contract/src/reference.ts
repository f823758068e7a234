/**
 * Real reference data bundled from ../shared/reference (see reference/SOURCES.md):
 * the 25 safety regions (CBS names), the 342 municipalities of 2023 with their region and
 * population on 1 January 2022, and the TopoJSON boundaries. Nothing here is invented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REFERENCE_DIR = join(__dirname, '..', 'reference');
/** The only population year in the reference data (METRICS.md §10). */
export const POPULATION_YEAR = 2022;

export interface RegionRef {
  code: string;
  name: string;
}
export interface MunicipalityRef {
  code: string;
  name: string;
  regionCode: string;
  population: number;
  populationYear: number;
}

function readCsv(file: string): string[][] {
  const text = readFileSync(join(REFERENCE_DIR, file), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(1)
    .map(splitCsvLine);
}

/** Splits one RFC 4180 line (quoted fields may hold commas and doubled quotes). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

let regions: RegionRef[] | undefined;
let municipalities: MunicipalityRef[] | undefined;

export function loadRegions(): RegionRef[] {
  regions ??= readCsv('veiligheidsregios_2025_cbs.csv').map(([code, name]) => ({ code, name }));
  return regions;
}

export function loadMunicipalities(): MunicipalityRef[] {
  municipalities ??= readCsv('gemeenten_veiligheidsregio_2023.csv').map(([code, name, regionCode, , pop]) => ({
    code,
    name,
    regionCode,
    population: Number(pop),
    populationYear: POPULATION_YEAR,
  }));
  return municipalities;
}

/** The TopoJSON (objects vr_features, gm_features, nl_features; property `code`). */
export function loadBoundariesTopoJson(): unknown {
  return JSON.parse(readFileSync(join(REFERENCE_DIR, 'nl-vr-gm.topo.json'), 'utf8'));
}

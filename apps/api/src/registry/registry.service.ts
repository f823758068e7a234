import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { FRAMEWORKS, loadBoundariesTopoJson, loadMunicipalities, loadRegions, RECEIVING_PARTIES, REGION_CODES } from '@weegwijzer/contract';
import type { RegionEntity, RegionProfileEntity } from '@weegwijzer/store';
import type { Principal } from '../auth/principal';
import { assertRegionAccess } from '../auth/region-access';
import type { MunicipalityDto, RegionProfileDto, RegionProfileHistoryDto, UpdateRegionProfileDto } from './registry.dto';
import { ProfileFields, RegistryRepository } from './registry.repository';
import { POPULATION_SOURCE, REPORT_PROFILE_SEED, REPORT_STUDIED_REGIONS } from './registry.seed';

const PROFILE_FIELDS = [
  'covenantSigned',
  'covenantStartDate',
  'covenantAdaptation',
  'covenantPublishedStaatscourant',
  'referenceFrameworkPublished',
  'weegploegOrganisation',
  'frameworks',
  'keyOfficials',
  'capacityFte',
  'sourceNote',
] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

interface TopoGeometry {
  properties?: { code?: string };
}
interface Topology {
  objects: Record<string, { type: string; geometries: TopoGeometry[] }>;
}

@Injectable()
export class RegistryService {
  private readonly log = new Logger('registry');

  constructor(private readonly repo: RegistryRepository) {}

  /** First start: regions, municipalities, population 2022 and profiles from the reference data. */
  async seed(): Promise<void> {
    const profileSeed: Record<string, Partial<ProfileFields>> = {};
    for (const code of REPORT_STUDIED_REGIONS) profileSeed[code] = { ...REPORT_PROFILE_SEED };
    const fresh = await this.repo.seed(loadRegions(), loadMunicipalities(), POPULATION_SOURCE, profileSeed);
    if (fresh) this.log.log('registry seeded from the reference data (25 regions, 342 municipalities, population 2022)');
  }

  /**
   * Demo mode, first start: fills the profile fields that are still unknown with the demo
   * generator's labelled values (the note says they are fictitious); known values stay.
   */
  async fillDemoProfiles(
    profiles: Record<string, { keyOfficials: number; capacityFte: number; covenantSigned: boolean; covenantStartDate: string | null; sourceNote: string }>,
  ): Promise<number> {
    const existing = new Map((await this.repo.profiles(Object.keys(profiles))).map((x) => [x.regionCode, x]));
    let changed = 0;
    for (const [code, demo] of Object.entries(profiles)) {
      const before = existing.get(code);
      const patch: Partial<ProfileFields> = {};
      const values: Partial<ProfileFields> = {
        keyOfficials: demo.keyOfficials,
        capacityFte: demo.capacityFte.toFixed(2),
        covenantSigned: demo.covenantSigned,
        covenantStartDate: demo.covenantStartDate,
      };
      for (const [key, value] of Object.entries(values) as [keyof ProfileFields, unknown][]) {
        if (before?.[key] === null || before?.[key] === undefined) (patch as Record<string, unknown>)[key] = value;
      }
      if (Object.keys(patch).length === 0) continue;
      patch.sourceNote = before?.sourceNote ? `${demo.sourceNote} ${before.sourceNote}` : demo.sourceNote;
      const diff = (b: RegionProfileEntity) => diffProfile(b, patch);
      if (await this.repo.updateProfile(code, patch, diff, { name: 'demo', tokenId: null })) changed++;
    }
    return changed;
  }

  /** FTE per region from the profiles (null where unknown): the metrics' `reference.fte`. */
  async fteByRegion(): Promise<Record<string, number | null>> {
    const out: Record<string, number | null> = {};
    for (const x of await this.repo.profiles()) out[x.regionCode] = x.capacityFte === null || x.capacityFte === undefined ? null : Number(x.capacityFte);
    return out;
  }

  async listRegions(p: Principal): Promise<RegionProfileDto[]> {
    const codes = p.role === 'regio' ? [p.region!] : undefined;
    const [regions, profiles] = await Promise.all([this.repo.regions(codes), this.repo.profiles(codes)]);
    const byCode = new Map(profiles.map((x) => [x.regionCode, x]));
    return regions.map((r) => toDto(r, byCode.get(r.code)));
  }

  async getRegion(p: Principal, code: string): Promise<RegionProfileDto> {
    this.checkCode(code);
    assertRegionAccess(p, code, 'read');
    const [regions, profiles] = await Promise.all([this.repo.regions([code]), this.repo.profiles([code])]);
    if (regions.length === 0) throw new NotFoundException(`region ${code} is not in the registry`);
    return toDto(regions[0], profiles[0]);
  }

  async updateRegion(p: Principal, code: string, body: UpdateRegionProfileDto): Promise<RegionProfileDto> {
    this.checkCode(code);
    assertRegionAccess(p, code, 'change');
    const patch: Partial<ProfileFields> = {};
    for (const f of PROFILE_FIELDS) {
      if (!(f in body) || body[f] === undefined) continue;
      const v = body[f];
      if (f === 'frameworks') patch.frameworks = v === null ? null : validateFrameworks(v);
      else if (f === 'capacityFte') patch.capacityFte = v === null ? null : (v as number).toFixed(2);
      else if (f === 'covenantStartDate' && v !== null) patch.covenantStartDate = validateDate(v as string);
      else (patch as Record<string, unknown>)[f] = v;
    }
    if (Object.keys(patch).length === 0) {
      throw new BadRequestException(`nothing to change: send one or more of ${PROFILE_FIELDS.join(', ')}`);
    }
    const changes = await this.repo.updateProfile(code, patch, (before) => diffProfile(before, patch), { name: p.name, tokenId: p.id });
    if (changes === null) throw new NotFoundException(`region ${code} is not in the registry`);
    return this.getRegion(p, code);
  }

  async history(p: Principal, code: string): Promise<RegionProfileHistoryDto[]> {
    this.checkCode(code);
    assertRegionAccess(p, code, 'read');
    return (await this.repo.history(code)).map((h) => ({
      id: Number(h.id),
      regionCode: h.regionCode,
      changedAt: h.changedAt.toISOString(),
      changedBy: h.changedBy,
      changes: h.changes,
    }));
  }

  async municipalities(p: Principal, region: string | undefined): Promise<MunicipalityDto[]> {
    if (region !== undefined) {
      this.checkCode(region);
      assertRegionAccess(p, region, 'read');
    }
    const scope = p.role === 'regio' ? [p.region!] : region !== undefined ? [region] : undefined;
    return this.repo.municipalities(scope);
  }

  /**
   * The boundaries (TopoJSON, 2023 division). A regio caller gets the national outline, its own
   * region and its own municipalities only: no other region's code reaches it.
   */
  boundaries(p: Principal): unknown {
    const topo = loadBoundariesTopoJson() as Topology;
    if (p.role !== 'regio') return topo;
    const own = new Set(
      loadMunicipalities()
        .filter((m) => m.regionCode === p.region)
        .map((m) => m.code),
    );
    own.add(p.region!);
    const objects: Topology['objects'] = {};
    for (const [name, obj] of Object.entries(topo.objects)) {
      objects[name] = name === 'nl_features' ? obj : { ...obj, geometries: obj.geometries.filter((g) => own.has(g.properties?.code ?? '')) };
    }
    return { ...topo, objects };
  }

  private checkCode(code: string): void {
    if (!REGION_CODES.includes(code)) throw new BadRequestException(`region code ${JSON.stringify(code.slice(0, 20))} is not one of VR01..VR25`);
  }
}

function validateDate(v: string): string {
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
    throw new BadRequestException(`covenantStartDate ${JSON.stringify(v)} is not a calendar date`);
  }
  return v;
}

function validateFrameworks(v: unknown): NonNullable<ProfileFields['frameworks']> {
  const given = v as Record<string, unknown>;
  for (const [party, list] of Object.entries(given)) {
    if (!(RECEIVING_PARTIES as readonly string[]).includes(party)) {
      throw new BadRequestException(`frameworks.${party}: unknown party; expected ${RECEIVING_PARTIES.join(', ')}`);
    }
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || !(FRAMEWORKS as readonly string[]).includes(x))) {
      throw new BadRequestException(`frameworks.${party}: expected a list of framework codes (${FRAMEWORKS.join(', ')})`);
    }
  }
  return normaliseFrameworks(given as Record<string, string[]>);
}

/** Canonical form (parties and codes in code-list order) so that equal values compare equal. */
function normaliseFrameworks(v: Record<string, string[] | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const party of RECEIVING_PARTIES) {
    const list = v[party];
    if (list) out[party] = FRAMEWORKS.filter((f) => list.includes(f));
  }
  return out;
}

function fieldValue(e: RegionProfileEntity, f: ProfileField): unknown {
  const v = e[f];
  if (f === 'capacityFte') return v === null ? null : Number(v);
  if (f === 'frameworks') return v === null ? null : normaliseFrameworks(v as Record<string, string[]>);
  return v ?? null;
}

function diffProfile(before: RegionProfileEntity, patch: Partial<ProfileFields>): Record<string, { old: unknown; new: unknown }> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const f of PROFILE_FIELDS) {
    if (!(f in patch)) continue;
    const old = fieldValue(before, f);
    const next = f === 'capacityFte' ? (patch.capacityFte === null ? null : Number(patch.capacityFte)) : (patch[f] ?? null);
    if (JSON.stringify(old) !== JSON.stringify(next)) changes[f] = { old, new: next };
  }
  return changes;
}

function toDto(r: RegionEntity, p: RegionProfileEntity | undefined): RegionProfileDto {
  return {
    code: r.code,
    name: r.name,
    covenantSigned: p?.covenantSigned ?? null,
    covenantStartDate: p?.covenantStartDate ?? null,
    covenantAdaptation: p?.covenantAdaptation ?? null,
    covenantPublishedStaatscourant: p?.covenantPublishedStaatscourant ?? null,
    referenceFrameworkPublished: p?.referenceFrameworkPublished ?? null,
    weegploegOrganisation: p?.weegploegOrganisation ?? null,
    frameworks: p?.frameworks ?? null,
    keyOfficials: p?.keyOfficials ?? null,
    capacityFte: p?.capacityFte === null || p?.capacityFte === undefined ? null : Number(p.capacityFte),
    sourceNote: p?.sourceNote ?? null,
    updatedAt: p?.updatedAt ? p.updatedAt.toISOString() : null,
    updatedBy: p?.updatedBy ?? null,
  };
}

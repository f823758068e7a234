import { Inject, Injectable } from '@nestjs/common';
import type { MunicipalityRef, RegionRef } from '@weegwijzer/contract';
import { MunicipalityEntity, MunicipalityPopulationEntity, RegionEntity, RegionProfileEntity, RegionProfileHistoryEntity } from '@weegwijzer/store';
import { DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OPERATIONAL_STORE } from '../app/tokens';

export type ProfileFields = Omit<RegionProfileEntity, 'regionCode' | 'updatedAt' | 'updatedBy'>;

export interface MunicipalityRow {
  code: string;
  name: string;
  regionCode: string;
  populations: { year: number; population: number }[];
}

@Injectable()
export class RegistryRepository {
  constructor(@Inject(OPERATIONAL_STORE) private readonly ds: DataSource) {}

  /**
   * Seeds regions, municipalities, population and empty profiles (idempotent: existing rows are
   * left alone, so edits made by administrators survive restarts). Returns whether anything was new.
   */
  async seed(regions: RegionRef[], municipalities: MunicipalityRef[], populationSource: string, profileSeed: Record<string, Partial<ProfileFields>>): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const r = await m.createQueryBuilder().insert().into(RegionEntity).values(regions).orIgnore().execute();
      await m
        .createQueryBuilder()
        .insert()
        .into(MunicipalityEntity)
        .values(municipalities.map((x) => ({ code: x.code, name: x.name, regionCode: x.regionCode })))
        .orIgnore()
        .execute();
      await m
        .createQueryBuilder()
        .insert()
        .into(MunicipalityPopulationEntity)
        .values(municipalities.map((x) => ({ municipalityCode: x.code, year: x.populationYear, population: x.population, source: populationSource })))
        .orIgnore()
        .execute();
      await m
        .createQueryBuilder()
        .insert()
        .into(RegionProfileEntity)
        .values(regions.map((x) => ({ regionCode: x.code, ...(profileSeed[x.code] ?? {}) })))
        .orIgnore()
        .execute();
      return (r.identifiers?.length ?? 0) > 0;
    });
  }

  regions(codes?: string[]): Promise<RegionEntity[]> {
    return this.ds.getRepository(RegionEntity).find({ where: codes ? { code: In(codes) } : {}, order: { code: 'ASC' } });
  }

  profiles(codes?: string[]): Promise<RegionProfileEntity[]> {
    return this.ds.getRepository(RegionProfileEntity).find({ where: codes ? { regionCode: In(codes) } : {}, order: { regionCode: 'ASC' } });
  }

  /**
   * Applies `patch` to a region's profile and records old/new of every changed field in the
   * history table, in one transaction (the row is locked so concurrent edits serialise).
   * Returns the changes (empty when nothing changed; then no history row is written).
   */
  async updateProfile(
    code: string,
    patch: Partial<ProfileFields>,
    diff: (before: RegionProfileEntity) => Record<string, { old: unknown; new: unknown }>,
    by: { name: string; tokenId: string | null },
  ): Promise<Record<string, { old: unknown; new: unknown }> | null> {
    return this.ds.transaction(async (m) => {
      const before = await m.getRepository(RegionProfileEntity).createQueryBuilder('p').setLock('pessimistic_write').where('p.region_code = :code', { code }).getOne();
      if (!before) return null;
      const changes = diff(before);
      if (Object.keys(changes).length === 0) return changes;
      const now = new Date();
      await m.getRepository(RegionProfileEntity).update({ regionCode: code }, { ...patch, updatedAt: now, updatedBy: by.name } as QueryDeepPartialEntity<RegionProfileEntity>);
      await m
        .getRepository(RegionProfileHistoryEntity)
        .insert({ regionCode: code, changedAt: now, changedBy: by.name, changedByToken: by.tokenId, changes } as QueryDeepPartialEntity<RegionProfileHistoryEntity>);
      return changes;
    });
  }

  history(code: string): Promise<RegionProfileHistoryEntity[]> {
    return this.ds.getRepository(RegionProfileHistoryEntity).find({ where: { regionCode: code }, order: { changedAt: 'DESC', id: 'DESC' } });
  }

  async municipalities(regionCodes?: string[]): Promise<MunicipalityRow[]> {
    const ms = await this.ds.getRepository(MunicipalityEntity).find({ where: regionCodes ? { regionCode: In(regionCodes) } : {}, order: { code: 'ASC' } });
    const pops = await this.ds.getRepository(MunicipalityPopulationEntity).find({ where: { municipalityCode: In(ms.map((x) => x.code)) }, order: { year: 'ASC' } });
    const byCode = new Map<string, { year: number; population: number }[]>();
    for (const p of pops) {
      const list = byCode.get(p.municipalityCode) ?? [];
      list.push({ year: p.year, population: p.population });
      byCode.set(p.municipalityCode, list);
    }
    return ms.map((x) => ({ code: x.code, name: x.name, regionCode: x.regionCode, populations: byCode.get(x.code) ?? [] }));
  }
}

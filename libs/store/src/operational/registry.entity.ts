import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A safety region (`VR01`..`VR25`, CBS names). Seeded from the contract's reference data. */
@Entity({ name: 'region' })
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  code!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;
}

/** A municipality (CBS `GM` code) and the safety region it belongs to. */
@Entity({ name: 'municipality' })
@Index(['regionCode'])
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 4 })
  regionCode!: string;
}

/** Population of a municipality on 1 January of `year`, with where the figure comes from. */
@Entity({ name: 'municipality_population' })
export class MunicipalityPopulationEntity {
  @PrimaryColumn({ name: 'municipality_code', type: 'varchar', length: 6 })
  municipalityCode!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  population!: number;

  @Column({ type: 'varchar', length: 200 })
  source!: string;
}

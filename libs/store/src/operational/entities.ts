/** Every entity of the operational store. Add new ones here (one line each). */
import { BatchEntity } from './batch.entity';
import { MunicipalityEntity, MunicipalityPopulationEntity, RegionEntity } from './registry.entity';
import { RegionProfileEntity, RegionProfileHistoryEntity } from './region-profile.entity';
import { ApiTokenEntity } from './api-token.entity';
import { AuditLogEntity } from './audit-log.entity';
import { PurgeLogEntity } from './purge-log.entity';

export const OPERATIONAL_ENTITIES = [
  BatchEntity,
  RegionEntity,
  MunicipalityEntity,
  MunicipalityPopulationEntity,
  RegionProfileEntity,
  RegionProfileHistoryEntity,
  ApiTokenEntity,
  AuditLogEntity,
  PurgeLogEntity,
];

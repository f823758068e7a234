/**
 * The API's DTO classes as types, for the tests and tools of this repository. Clients (the
 * dashboard) read @weegwijzer/api-types, generated from the OpenAPI document; each class here
 * implements its type there.
 */
export type { MeDto } from './auth/me.controller';
export type { AuditEntryDto, AuditPage } from './audit/audit.service';
export type { BatchAcceptedDto, BatchCheckDto, BatchDto, BatchStatusDto } from './batches/batch.dto';
export type { DemoSessionDto } from './demo/demo.service';
export type { FreshnessDto } from './freshness/freshness.dto';
export type { HealthDto } from './health/health.service';
export type { MunicipalityDto, RegionProfileDto, RegionProfileHistoryDto } from './registry/registry.dto';
export type { TokenInfo } from './auth/token.service';

/**
 * The API's published response types, for clients (the dashboard imports these as types only).
 * Metric responses have the shape of @weegwijzer/metrics' MetricResponse.
 */
export type { MeDto } from './auth/me.controller';
export type { AuditEntryDto, AuditPage } from './audit/audit.service';
export type { BatchAcceptedDto, BatchCheckDto, BatchDto, BatchStatusDto } from './batches/batch.dto';
export type { DemoSessionDto } from './demo/demo.service';
export type { HealthDto } from './health/health.service';
export type { MunicipalityDto, RegionProfileDto, RegionProfileHistoryDto } from './registry/registry.dto';
export type { TokenInfo } from './auth/token.service';

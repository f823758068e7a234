export * from './operational/data-source';
export * from './operational/entities';
export * from './operational/batch.entity';
export * from './operational/registry.entity';
export * from './operational/region-profile.entity';
export * from './operational/api-token.entity';
export * from './operational/audit-log.entity';

export * from './operational/data-source';
export * from './operational/entities';
export * from './operational/batch.entity';

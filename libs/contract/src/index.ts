export * from './codes';
export * from './schema';
export * from './analytic';
export * from './reference';
export * from './usage-error';
export * from './objects';

export * from './owner.lock';
export * from './control.protocol';
export * from './control.server';
export * from './control.client';

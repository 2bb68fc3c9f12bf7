export * from './access.js';
export * from './schemas.js';
export type * from './types.js';

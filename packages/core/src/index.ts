export * from './access.js';
export * from './admin-inputs.js';
export * from './choices.js';
export * from './decisions.js';
export * from './level-changes.js';
export * from './page-inputs.js';
export * from './schemas.js';
export type * from './types.js';

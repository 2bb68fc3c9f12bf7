// Loaded on demand through load-schemas.ts: the only module of the app that reaches zod.
export { proposeInput, registerInput, requestLevelInput, saveEntryInput } from '@rolegate/core';

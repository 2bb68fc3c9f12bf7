export { describeTransport, diagnose, diagnoseSettingsError } from './diagnose.js';
export { formatDiagnosis } from './format.js';
export type { DiagnoseOptions, Diagnosis, Finding, Step } from './types.js';
export { isFailure } from './types.js';

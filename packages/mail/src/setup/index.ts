export { redact as redactEmailUrl } from '../email-url.js';
export { type Candidate, DEFAULT_SETUP_PORTS } from './candidates.js';
export {
  emailUrl,
  mailersJson,
  otherMailers,
  type SetupForm,
  settingsReplacedBySetup,
  setupEnvEntries,
} from './env-entries.js';
export { type EnvFileUpdate, readEnvFileValue, updateEnvFile } from './env-file.js';
export { type FindOptions, type FindResult, findMailSettings } from './find.js';
export type { CandidateResult } from './probe.js';
export { PROVIDERS, type Provider, providerForDomain, providerForHost } from './providers.js';

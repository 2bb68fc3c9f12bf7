// Loaded on demand through load-schemas.ts: the only module of the app that reaches zod.
export {
  changeEmailInput,
  changePasswordInput,
  proposeInput,
  registerInput,
  requestLevelInput,
  requestPasswordResetInput,
  resetPasswordInput,
  saveEntryInput,
  setLevelInput,
} from '@rolegate/core';

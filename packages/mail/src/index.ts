export type { Address } from './address.js';
export { formatAddress, parseAddress } from './address.js';
export { BACKEND_NAMES, type BackendName } from './backend-names.js';
export { clearOutbox, outbox } from './backends/memory.js';
export {
  classifyDeliveryError,
  type DeliveryErrorClass,
  type DeliveryErrorKind,
} from './classify.js';
export { configureMail, getMailSettings } from './config.js';
export { type ConnectionOptions, getConnection } from './connection.js';
export type { MailConnection } from './deliverer.js';
export * from './diagnose/index.js';
export { parseBoolean, readVariable, strictBooleanValue } from './env-values.js';
export {
  BadHeaderError,
  InvalidAddressError,
  MailDeliveryUncertainError,
  MailFailoverError,
  MailTransportError,
} from './errors.js';
export { mailerNames, mailerSettings, UnknownMailerError } from './mailer-lookup.js';
export { mailers } from './mailers.js';
export { DEFAULT_MAILER } from './mailers-setting.js';
export {
  type EmailAlternative,
  type EmailAttachment,
  EmailMessage,
  type EmailMessageInit,
  type EmailMessageJSON,
  EmailMultiAlternatives,
} from './message.js';
export { InvalidMessageJSONError } from './message-json.js';
export {
  type MailAdminsOptions,
  type MassMailEntry,
  mailAdmins,
  mailManagers,
  type SendMailOptions,
  sendMail,
  sendMassMail,
} from './send.js';
export * from './settings.js';
export { describeProblem, ProblemList } from './settings-error.js';
export * from './setup/index.js';

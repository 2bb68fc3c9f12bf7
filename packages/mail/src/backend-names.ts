/** The backends `EMAIL_BACKEND` may name, with Django's dotted paths accepted as aliases. */
export const BACKEND_NAMES = ['smtp', 'console', 'file', 'memory', 'dummy'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

const ALIASES: Readonly<Record<string, BackendName>> = {
  smtp: 'smtp',
  console: 'console',
  file: 'file',
  filebased: 'file',
  memory: 'memory',
  locmem: 'memory',
  dummy: 'dummy',
  'django.core.mail.backends.smtp.emailbackend': 'smtp',
  'django.core.mail.backends.console.emailbackend': 'console',
  'django.core.mail.backends.filebased.emailbackend': 'file',
  'django.core.mail.backends.locmem.emailbackend': 'memory',
  'django.core.mail.backends.dummy.emailbackend': 'dummy',
};

/** `null` for a name that is neither ours nor one of Django's built-in backends. */
export function resolveBackendName(name: string): BackendName | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

export const BACKEND_FIX =
  'set it to smtp, console, file, memory or dummy (Django dotted names such as django.core.mail.backends.smtp.EmailBackend work too).';

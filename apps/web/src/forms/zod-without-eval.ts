/**
 * zod compiles object parsers with `new Function` when it may, and probes for that on the first
 * schema it builds. The server's Content-Security-Policy (script-src 'self', no 'unsafe-eval')
 * refuses it; zod falls back, but the refusal is still reported as a CSP violation. jitless skips
 * the probe; forms check a handful of fields, so the compiled parsers would not be noticed anyway.
 * load-schemas.ts loads it before the schemas, so it runs before any schema is built.
 */
import { config } from 'zod';

config({ jitless: true });

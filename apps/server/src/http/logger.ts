import { type DestinationStream, type Logger, pino } from 'pino';
import type { AppConfig } from '../env.js';

/**
 * The one logger of the process (fastify's request logs, the worker, start-up). Cookies, tokens and
 * passwords are censored wherever they appear in a logged object, even though the request
 * serializer already leaves headers and bodies out.
 */
export function createLogger(
  config: Pick<AppConfig, 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'headers.cookie',
        'headers.authorization',
        'password',
        '*.password',
        'adminPassword',
        '*.adminPassword',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
  // stdout unless told otherwise (tests read the lines back).
  return destination ? pino(options, destination) : pino(options);
}

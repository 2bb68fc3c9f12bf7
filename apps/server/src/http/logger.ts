import { type DestinationStream, type Logger, pino } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { AppConfig, LogFormat } from '../env.js';

/**
 * Readable lines (time, level, message, then the fields) instead of JSON: a person reads a
 * terminal, a log collector reads everything else. LOG_FORMAT=auto decides by whether stdout is a
 * terminal; `pnpm dev` asks for pretty, since turbo gives its tasks a pipe, not the terminal.
 */
export function wantsPrettyLogs(format: LogFormat, stdoutIsTerminal: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTerminal);
}

/**
 * The one logger of the process (fastify's request logs, the worker, start-up). Cookies, tokens and
 * passwords are censored wherever they appear in a logged object, even though the request
 * serializer already leaves headers and bodies out.
 */
export function createLogger(
  config: Pick<AppConfig, 'logLevel'> & Partial<Pick<AppConfig, 'logFormat'>>,
  destination?: DestinationStream,
): Logger {
  const pretty = wantsPrettyLogs(
    config.logFormat ?? 'auto',
    destination === undefined && process.stdout.isTTY === true,
  );
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
  if (pretty) {
    // Formatted in this process, written synchronously: a terminal's few lines a second cost
    // nothing, and none is lost when the process exits.
    return pino(
      options,
      PinoPretty({
        destination: destination ?? 1,
        sync: true,
        colorize: destination === undefined,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
      }),
    );
  }
  // stdout unless told otherwise (tests read the lines back). Written asynchronously: lines gather
  // while a write is in flight and go out together, instead of one blocking write(2) per line on
  // the event loop (a tenth of a small request's CPU at the rates of `pnpm bench`, row 4). pino
  // flushes what is buffered when the process exits, also on SIGTERM and uncaught exceptions.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

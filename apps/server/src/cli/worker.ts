import { configureMail } from '@rolegate/mail';
import { createLogger } from '../http/logger.js';
import { startMailWork } from '../worker-hook.js';
import { type Command, EXIT_OK, readConfig, UsageError, withDatabase } from './command.js';

export const workerCommand: Command = {
  summary:
    'deliver mail from the outbox and queue request reminders and digests until SIGTERM/SIGINT',
  usage:
    'rolegate worker\n' +
    '  Runs beside the servers (set MAIL_WORKER=false on them) or alone; any number may run.\n' +
    '  SIGTERM finishes the message being sent, hands the rest back, and exits 0.',
  async run(args) {
    if (args.length > 0) throw new UsageError(`worker takes no arguments (got ${args.join(' ')}).`);
    const config = readConfig();
    const logger = createLogger(config);
    for (const warning of config.mail.warnings ?? []) logger.warn(warning);
    configureMail(config.mail);
    return withDatabase(config, async (db) => {
      const work = startMailWork({ db, config, logger });
      const signal = await nextSignal(['SIGTERM', 'SIGINT']);
      logger.info({ signal }, 'stopping the outbox worker: finishing the message being sent');
      await work.stop();
      return EXIT_OK;
    });
  },
};

function nextSignal(signals: NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of signals) process.off(name, onSignal);
      resolve(signal);
    };
    for (const name of signals) process.on(name, onSignal);
  });
}

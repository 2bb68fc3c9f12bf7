import { createDb, describeDatabaseUrl, migrateToLatest } from '@rolegate/db';
import { type Command, EXIT_OK, readConfig, UsageError } from './command.js';

export const migrateCommand: Command = {
  summary: 'apply database migrations that have not run yet',
  usage: 'rolegate migrate',
  async run(args, io) {
    if (args.length > 0)
      throw new UsageError(`migrate takes no arguments (got ${args.join(' ')}).`);
    const config = readConfig();
    const { display } = describeDatabaseUrl(config.databaseUrl);
    const db = await createDb(config.databaseUrl);
    try {
      const results = await migrateToLatest(db);
      if (results.length === 0) io.stdout.write(`${display}: already up to date.\n`);
      for (const result of results)
        io.stdout.write(`${display}: applied ${result.migrationName}\n`);
    } finally {
      await db.destroy();
    }
    return EXIT_OK;
  },
};

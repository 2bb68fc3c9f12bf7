#!/usr/bin/env node
/**
 * `rolegate <command>`. Exit codes: 0 done, 1 failed (bad settings, database or mail error),
 * 2 wrong usage.
 */
import {
  type CliIo,
  type Command,
  ConfigError,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
} from './command.js';
import { createAdminCommand } from './create-admin.js';
import { mailCommand } from './mail.js';
import { migrateCommand } from './migrate.js';
import { workerCommand } from './worker.js';

const commands: Record<string, Command> = {
  migrate: migrateCommand,
  'create-admin': createAdminCommand,
  worker: workerCommand,
  mail: mailCommand,
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return `Usage: rolegate <command> [options]\n\nCommands:\n${lines.join('\n')}\n  ${'help'.padEnd(width)}  show this help (rolegate help <command> for its options)\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && args[0] !== undefined ? commands[args[0]] : undefined;
    io.stdout.write(topic ? `${topic.usage}\n` : help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = commands[name];
  if (command === undefined) {
    io.stderr.write(`Unknown command "${name}".\n\n${help()}`);
    return EXIT_USAGE;
  }
  // Every command and subcommand answers --help (its usage names the subcommands' options).
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`Usage: ${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && isParseArgsError(error))) {
      io.stderr.write(`${error.message}\n\nUsage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT_FAILURE;
    }
    io.stderr.write(
      `rolegate ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_FAILURE;
  }
}

// node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options.
function isParseArgsError(error: TypeError): boolean {
  return String(Reflect.get(error, 'code')).startsWith('ERR_PARSE_ARGS');
}

const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
process.exitCode = await runCli(process.argv.slice(2), io);

import { Command } from 'commander';
import type { Logger } from 'pino';

import { attributionCommand } from '../attribution/commands';
import { loadConfig, type Config } from '../config';
import { migrate, openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { startServer, stopOnSignal } from '../server';
import { runDashboardDemo } from './demo';
import { reportCommands } from './report-commands';

/** What every command gets: the validated configuration and a logger. */
export interface CommandContext {
  config: Config;
  logger: Logger;
}

/**
 * The `search-analytics` command line. Each command is a small function of a
 * CommandContext; `createContext` runs only when a command is chosen, so
 * `--help` works without any configuration.
 */
export function createProgram(createContext: () => CommandContext): Command {
  const program = new Command('search-analytics')
    .description('Collects search usage events and turns them into reports.')
    .showHelpAfterError();

  program
    .command('serve')
    .description('serve the HTTP API on PORT (embedded database when DATABASE_URL is unset)')
    .action(() => serve(createContext()));

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(() => runMigrations(createContext()));

  program
    .command('demo')
    .description('serve the dashboard on the report fixture (database under DATA_DIR/demo)')
    .action(() => runDashboardDemo(createContext()));

  program.addCommand(attributionCommand(createContext));
  for (const command of reportCommands(createContext)) program.addCommand(command);

  return program;
}

export function contextFromEnvironment(): CommandContext {
  const config = loadConfig();
  return { config, logger: createLogger(config.logLevel) };
}

async function serve({ config, logger }: CommandContext): Promise<void> {
  const server = await startServer(config, logger);

  stopOnSignal(server, logger);
}

async function runMigrations({ config, logger }: CommandContext): Promise<void> {
  const database = await openDatabase(config, logger);
  try {
    const applied = await migrate(database, logger);
    logger.info({ applied: applied.length }, 'database is up to date');
  } finally {
    await database.close();
  }
}

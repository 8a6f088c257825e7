import { MikroORM } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from 'pino';

import { migrationsList } from '../../migrations';
import type { Config } from '../config';
import { entities } from './entities';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

export interface Database {
  readonly orm: MikroORM;
  /** The query builder under the ORM, for set-based SQL and the hot insert path. */
  readonly knex: Knex;
  readonly embedded: boolean;
  close(): Promise<void>;
}

type DatabaseConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolMax' | 'dbConnectTimeoutMs'>;

/**
 * Opens PostgreSQL at DATABASE_URL, or the embedded PGlite under DATA_DIR when
 * it is unset. The embedded database is migrated on open, so that a new user
 * needs no step before `make run`; a server database is migrated by the
 * `migrate` command, which its operator runs on deploy.
 */
export async function openDatabase(config: DatabaseConfig, logger: Logger): Promise<Database> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const url = config.databaseUrl ?? embedded!.url;

  const orm = await initOrm(config, url, embedded ? 1 : config.dbPoolMax, logger).catch(
    async (error) => {
      await embedded?.stop();
      throw error;
    },
  );
  const database = {
    orm,
    knex: orm.em.getConnection().getKnex(),
    embedded: embedded !== undefined,
    close: () => closeAll(orm, embedded),
  };

  if (embedded) await migrate(database, logger);
  return database;
}

async function initOrm(
  config: DatabaseConfig,
  url: string,
  poolMax: number,
  logger: Logger,
): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: url,
    entities,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true },
    // Connect lazily: a server that is down at start-up is reported per
    // request (503) and used as soon as it comes back.
    connect: false,
    debug: false,
    pool: { min: 0, max: poolMax },
    driverOptions: {
      acquireConnectionTimeout: config.dbConnectTimeoutMs + 1000,
      connection: { connectionTimeoutMillis: config.dbConnectTimeoutMs },
      // knex prints its warnings to the console; they belong in the JSON log.
      log: {
        warn: (message: unknown) => logger.warn({ detail: String(message) }, 'database warning'),
        error: (message: unknown) => logger.error({ detail: String(message) }, 'database error'),
        deprecate: () => {},
        debug: () => {},
      },
    },
    migrations: {
      migrationsList,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      silent: true,
      // Schema snapshots serve `migration:create`, which this project does not use;
      // without this, every migrated database leaves a file in migrations/.
      snapshot: false,
      allOrNothing: true,
      path: 'dist/migrations',
      pathTs: 'migrations',
    },
  });
}

export async function migrate(database: Database, logger: Logger): Promise<string[]> {
  const applied = await database.orm.getMigrator().up();
  const names = applied.map((migration) => migration.name);

  if (names.length > 0) logger.info({ migrations: names }, 'migrations applied');
  return names;
}

/** Migrations that exist in the code but not yet in the database. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const pending = await database.orm.getMigrator().getPendingMigrations();
  return pending.map((migration) => migration.name);
}

/**
 * A server database is migrated by its operator (`search-analytics migrate`);
 * working on one that is behind would fail on its first missing table, so
 * that is said up front instead. The embedded database migrates itself.
 */
export async function assertMigrated(database: Database): Promise<void> {
  if (database.embedded) return;

  const pending = await pendingMigrations(database);
  if (pending.length > 0) {
    throw new Error(
      `the database lacks migrations ${pending.join(', ')}: run 'search-analytics migrate' first`,
    );
  }
}

async function closeAll(orm: MikroORM, embedded: EmbeddedPostgres | undefined): Promise<void> {
  await orm.close(true);
  await embedded?.stop();
}

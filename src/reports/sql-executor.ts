/**
 * The one thing the report engine needs from a database: run a parameterised statement and get
 * plain rows back. Kept this small so that plain `pg`, MikroORM's connection or PGlite can each
 * drive the engine through a few lines of adapter.
 */
export interface Sql {
  query<T extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<T[]>;
}

/** An executor that can also run work in one transaction, committed when `work` resolves. */
export interface TransactionalSql extends Sql {
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

/** The part of a pino logger the engine writes to, so tests can pass a recorder. */
export interface ReportLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

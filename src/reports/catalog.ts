import type { ReportLogger, Sql } from './sql-executor';

/**
 * How reports reach the search engine's catalog of images: a relation with `identifier`,
 * `source` and `title` columns. The table belongs to another service, so it may be absent.
 */
export interface Catalog {
  /** SQL text usable after FROM/JOIN: the quoted table name, or an empty stand-in. */
  readonly relation: string;
  readonly present: boolean;
}

/**
 * Stands in for a missing catalog: the report queries keep one shape and simply find no
 * image, so every source and title comes out null and the sums stay whole.
 */
export const ABSENT_CATALOG: Catalog = Object.freeze({
  relation:
    '(select null::uuid as identifier, null::text as source, null::text as title where false)',
  present: false,
});

/**
 * Quotes `table` or `schema.table` as identifiers. The name comes from configuration and ends
 * up inside SQL text (identifiers cannot be bound parameters), so every part is double-quoted
 * with embedded quotes doubled. The name is therefore matched exactly, case included.
 */
export function quoteQualifiedName(name: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || parts.some((part) => part.length === 0)) {
    throw new Error(`not a table name or schema.table: ${JSON.stringify(name)}`);
  }
  return parts.map((part) => `"${part.replace(/"/g, '""')}"`).join('.');
}

/**
 * Looks the catalog table up once per command, so that its absence is logged once rather than
 * once per day of a backfill.
 */
export async function resolveCatalog(sql: Sql, name: string, log: ReportLogger): Promise<Catalog> {
  const relation = quoteQualifiedName(name);
  const [row] = await sql.query<{ present: boolean }>(
    'select to_regclass($1) is not null as present',
    [relation],
  );
  if (row.present) return { relation, present: true };
  log.warn({ table: name }, 'catalog table absent: sources and titles will be null');
  return ABSENT_CATALOG;
}

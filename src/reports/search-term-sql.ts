/**
 * Unicode White_Space characters, spelled out rather than `\s` or `[[:space:]]`: PostgreSQL's
 * character classes follow the database collation, and with the `C` collation (PGlite's
 * default) they stop at ASCII. A fixed list groups terms the same way on every database.
 */
const WHITESPACE_CLASS =
  '[\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

/**
 * Text that is already a normalised term: lower-case ASCII words joined by single spaces.
 * Most queries look like this, and testing for it costs half as much as normalising.
 */
const ALREADY_NORMALISED = '^[a-z0-9]+( [a-z0-9]+)*$';

/**
 * SQL for the normalised search term of SPEC §6: trimmed, inner whitespace collapsed to one
 * space, lower-cased. `lower()` follows the database's LC_CTYPE, which is `C.UTF-8` on both the
 * PostgreSQL and the PGlite databases this service creates; a database created with
 * LC_CTYPE=C would lower ASCII letters only.
 */
export function normalisedTermSql(column: string): string {
  const normalised = `lower(btrim(regexp_replace(${column}, '${WHITESPACE_CLASS}+', ' ', 'g'), ' '))`;
  return `(case when ${column} ~ '${ALREADY_NORMALISED}' then ${column} else ${normalised} end)`;
}

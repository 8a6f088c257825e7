/**
 * Sorting database failures into the two kinds the service treats
 * differently: the database cannot be reached (retry later, 503), or one row
 * was refused (only that event fails).
 */

const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

// SQLSTATE classes 08 (connection exception) and 57 (operator intervention,
// e.g. the server is shutting down): https://www.postgresql.org/docs/current/errcodes-appendix.html
const unreachableSqlStates = /^(08|57P0)/;

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
}

// Duck-typed rather than `instanceof Error`: errors raised by Node's sockets
// may come from another realm (a vm context, as under jest).
export function isDatabaseUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;

  const { code, name, message } = error as ErrorLike;
  if (typeof code === 'string' && (unreachableCodes.has(code) || unreachableSqlStates.test(code))) {
    return true;
  }
  return (
    name === 'KnexTimeoutError' ||
    /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i.test(
      String(message),
    )
  );
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation). */
export function isRowRejected(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(22|23)/.test(code);
}

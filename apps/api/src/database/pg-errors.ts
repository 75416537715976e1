/** PostgreSQL's SQLSTATE for a unique index violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * A named statement prepared again in a session that already has it, or used in one that does
 * not: what a client sees when its connections share server sessions (PGlite behind
 * pglite-socket, a pooler in transaction mode).
 */
const PREPARED_STATEMENT_MISMATCH = new Set(['42P05', '26000']);

function sqlState(error: unknown): unknown {
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  return driverError?.code ?? (error as { code?: unknown }).code;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === UNIQUE_VIOLATION;
}

export function isPreparedStatementMismatch(error: unknown): boolean {
  const code = sqlState(error);
  return typeof code === 'string' && PREPARED_STATEMENT_MISMATCH.has(code);
}

/** PostgreSQL's SQLSTATE for a unique index violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * A named statement prepared again in a session that already has it, or used in one that does
 * not: what a client sees when its connections share server sessions (PGlite behind
 * pglite-socket, a pooler in transaction mode).
 */
const PREPARED_STATEMENT_MISMATCH = new Set(['42P05', '26000']);

function sqlState(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  return driverError?.code ?? (error as { code?: unknown }).code;
}

/**
 * SQLSTATE classes of errors that a row's own data can cause: 22 (data exception, e.g. 22021 for
 * a NUL in text) and 23 (integrity constraint violation, e.g. 23503 for a foreign key). Any other
 * failure (a lost connection, a timeout) would fail every row alike.
 */
const ROW_FAULT_CLASSES = new Set(['22', '23']);
const FOREIGN_KEY_VIOLATION = '23503';

/** True when retrying the rows one by one may let the others through. */
export function mayBeOneRowsFault(error: unknown): boolean {
  const code = sqlState(error);
  return typeof code === 'string' && ROW_FAULT_CLASSES.has(code.slice(0, 2));
}

/** A foreign key violation, of the given constraint when one is named. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  if (sqlState(error) !== FOREIGN_KEY_VIOLATION) return false;
  return constraint === undefined || constraintOf(error) === constraint;
}

function constraintOf(error: unknown): unknown {
  const driverError = (error as { driverError?: { constraint?: unknown } }).driverError;
  return driverError?.constraint ?? (error as { constraint?: unknown }).constraint;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === UNIQUE_VIOLATION;
}

export function isPreparedStatementMismatch(error: unknown): boolean {
  const code = sqlState(error);
  return typeof code === 'string' && PREPARED_STATEMENT_MISMATCH.has(code);
}

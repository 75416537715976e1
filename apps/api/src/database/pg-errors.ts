/** PostgreSQL's SQLSTATE for a unique index violation. */
const UNIQUE_VIOLATION = '23505';

/** A named statement prepared again in a session that already has it. */
const DUPLICATE_PREPARED_STATEMENT = '42P05';

function sqlState(error: unknown): unknown {
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  return driverError?.code ?? (error as { code?: unknown }).code;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === UNIQUE_VIOLATION;
}

export function isDuplicatePreparedStatement(error: unknown): boolean {
  return sqlState(error) === DUPLICATE_PREPARED_STATEMENT;
}

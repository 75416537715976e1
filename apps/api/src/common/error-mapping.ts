import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@chat/contract';
import { DomainError, DomainErrorCode } from './domain-error';

export function httpStatusOf(code: DomainErrorCode): HttpStatus {
  switch (code) {
    case 'invalid':
      return HttpStatus.BAD_REQUEST;
    case 'unauthorized':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'internal':
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

export function wsCodeOf(code: DomainErrorCode): ErrorCode {
  switch (code) {
    case 'conflict':
      return 'invalid';
    case 'unavailable':
      return 'internal';
    case 'invalid':
    case 'unauthorized':
    case 'forbidden':
    case 'not_found':
    case 'rate_limited':
    case 'internal':
      return code;
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
]);

/**
 * Errors from the database driver mean "try again later" when the database is unreachable,
 * and a bug otherwise. Either way the client never sees the driver's text.
 */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  // A room deleted between the membership check and the insert.
  if (sqlState(error) === FOREIGN_KEY_VIOLATION)
    return new DomainError('not_found', 'room not found');
  if (isDatabaseUnavailable(error)) {
    return new DomainError('unavailable', 'the database is unavailable, try again shortly');
  }
  return new DomainError('internal', 'internal error');
}

const FOREIGN_KEY_VIOLATION = '23503';

function sqlState(error: unknown): unknown {
  const driverError = (error as { driverError?: { code?: unknown } } | null)?.driverError;
  return driverError?.code ?? (error as { code?: unknown } | null)?.code;
}

function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  return /timeout|terminated|Connection terminated|connect ECONNREFUSED/i.test(error.message);
}

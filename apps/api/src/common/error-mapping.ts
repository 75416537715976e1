import { HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { ApiError, ErrorCode } from '@chat/contract';
import { DomainError, DomainErrorCode } from './domain-error';

/**
 * The one mapping between failures and what clients see, for both transports: a DomainError's
 * code gives the HTTP status and the ack code; an HTTP status gives the REST body's `code`.
 */
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
    case 'too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'internal':
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

/** The contract code of a DomainError: `unavailable` (503 over REST) is `internal` to clients. */
export function wsCodeOf(code: DomainErrorCode): ErrorCode {
  return code === 'unavailable' ? 'internal' : code;
}

/** The contract code for an HTTP status, whoever produced it (Nest, a limiter, body-parser). */
export function errorCodeOfStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
    case 431:
      return 'too_large';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'internal' : 'invalid';
  }
}

/** The REST error body: `{statusCode, error, code, message}`. */
export function apiErrorBody(statusCode: number, message: string | string[]): ApiError {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    code: errorCodeOfStatus(statusCode),
    message,
  };
}

/** A DomainError as a REST body. */
export function apiErrorOf(error: DomainError): ApiError {
  return apiErrorBody(httpStatusOf(error.code), error.message);
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

import { HttpStatus } from '@nestjs/common';
import { ERROR_CODES } from '@chat/contract';
import { DomainError, type DomainErrorCode } from './domain-error';
import {
  apiErrorBody,
  errorCodeOfStatus,
  httpStatusOf,
  toDomainError,
  wsCodeOf,
} from './error-mapping';

const ALL_CODES: DomainErrorCode[] = [...ERROR_CODES, 'unavailable'];

function errorWithCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('httpStatusOf', () => {
  it.each<[DomainErrorCode, HttpStatus]>([
    ['invalid', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['too_large', 413],
    ['rate_limited', 429],
    ['internal', 500],
    ['unavailable', 503],
  ])('maps %s to HTTP %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });
});

describe('wsCodeOf', () => {
  it('keeps every contract code as it is', () => {
    for (const code of ERROR_CODES) expect(wsCodeOf(code)).toBe(code);
  });

  it('answers conflict as conflict now that acks may use it, and unavailable as internal', () => {
    expect(wsCodeOf('conflict')).toBe('conflict');
    expect(wsCodeOf('unavailable')).toBe('internal');
  });

  it('only ever yields a contract code', () => {
    for (const code of ALL_CODES) expect(ERROR_CODES).toContain(wsCodeOf(code));
  });
});

describe('errorCodeOfStatus', () => {
  it.each<[number, string]>([
    [400, 'invalid'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [405, 'invalid'],
    [409, 'conflict'],
    [413, 'too_large'],
    [415, 'invalid'],
    [429, 'rate_limited'],
    [431, 'too_large'],
    [500, 'internal'],
    [503, 'internal'],
  ])('gives HTTP %i the code %s', (status, code) => {
    expect(errorCodeOfStatus(status)).toBe(code);
  });

  it('agrees with httpStatusOf for every code a service may throw', () => {
    for (const code of ALL_CODES)
      expect(errorCodeOfStatus(httpStatusOf(code))).toBe(wsCodeOf(code));
  });

  it('builds the REST body with the status text and the code', () => {
    expect(apiErrorBody(413, 'too big')).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      code: 'too_large',
      message: 'too big',
    });
  });
});

describe('toDomainError', () => {
  it('passes domain errors through untouched', () => {
    const error = new DomainError('not_found', 'room not found');
    expect(toDomainError(error)).toBe(error);
  });

  it.each([
    ['a refused connection', errorWithCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', errorWithCode('read ECONNRESET', 'ECONNRESET')],
    ['an administrator shutdown', errorWithCode('terminating connection', '57P01')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
  ])('reports %s as unavailable, without the driver text', (_case, error) => {
    const mapped = toDomainError(error);
    expect(mapped.code).toBe('unavailable');
    expect(mapped.message).not.toContain(error.message);
  });

  it.each([
    [
      'a failed query',
      Object.assign(new Error('relation "users" does not exist SELECT * FROM users'), {
        code: '42P01',
      }),
    ],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown string', 'something broke'],
    ['undefined', undefined],
  ])('reports %s as a generic internal error that reveals nothing', (_case, error) => {
    const mapped = toDomainError(error);
    expect(mapped).toEqual(
      expect.objectContaining({ code: 'internal', message: 'internal error' }),
    );
  });
});

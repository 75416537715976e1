import { HttpStatus } from '@nestjs/common';
import { ERROR_CODES } from '@chat/contract';
import { DomainError, type DomainErrorCode } from './domain-error';
import { httpStatusOf, toDomainError, wsCodeOf } from './error-mapping';

const ALL_CODES: DomainErrorCode[] = [...ERROR_CODES, 'conflict', 'unavailable'];

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

  it('maps the REST-only codes onto contract codes', () => {
    expect(wsCodeOf('conflict')).toBe('invalid');
    expect(wsCodeOf('unavailable')).toBe('internal');
  });

  it('only ever yields a contract code', () => {
    for (const code of ALL_CODES) expect(ERROR_CODES).toContain(wsCodeOf(code));
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

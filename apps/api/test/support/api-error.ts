import { STATUS_CODES } from 'node:http';
import type { Response } from 'supertest';
import type { ApiError } from '@chat/contract';

/** Things an error body must never reveal: internals that help an attacker and confuse a user. */
const LEAKS: readonly RegExp[] = [
  /\bat .+:\d+:\d+/, // a stack frame
  /QueryFailedError/,
  /\bSELECT\b/,
  /\/work\//,
  /node_modules/,
];

/** The leak patterns `text` contains, for a readable failure. */
export function leaksIn(text: string): string[] {
  return LEAKS.filter((leak) => leak.test(text)).map(String);
}

/**
 * Asserts the contract's REST error: the status, `{statusCode, error, message}`, and no internals.
 * Returns the message as one string so callers can check it says something useful.
 */
export function expectApiError(res: Response, status: number): string {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = res.body as ApiError;
  expect(body).toMatchObject({
    statusCode: status,
    error: STATUS_CODES[status],
    message: expect.anything() as unknown,
  });
  const messages = Array.isArray(body.message) ? body.message : [body.message];
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(typeof message).toBe('string');
  expect(leaksIn(res.text)).toEqual([]);
  return messages.join('; ');
}

import { STATUS_CODES } from 'node:http';

/** What the assertions read of a response: supertest's, or one built from `fetch`. */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
  text: string;
}

/** A `fetch` response in the shape above (for bodies supertest would re-encode). */
export async function fromFetch(res: globalThis.Response): Promise<ErrorResponse> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), body, text };
}
import type { ApiError, ErrorCode } from '@chat/contract';

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

/** The `code` the contract gives each status (v2 conventions). */
export function codeOfStatus(status: number): ErrorCode {
  const codes: Record<number, ErrorCode> = {
    400: 'invalid',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'too_large',
    431: 'too_large',
    429: 'rate_limited',
  };
  return codes[status] ?? (status >= 500 ? 'internal' : 'invalid');
}

/**
 * Asserts the contract's REST error: the status, `{statusCode, error, code, message}`, and no internals.
 * Returns the message as one string so callers can check it says something useful.
 */
export function expectApiError(res: ErrorResponse, status: number): string {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = res.body as ApiError;
  expect(body).toMatchObject({
    statusCode: status,
    error: STATUS_CODES[status],
    code: codeOfStatus(status),
    message: expect.anything() as unknown,
  });
  const messages = Array.isArray(body.message) ? body.message : [body.message];
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(typeof message).toBe('string');
  expect(leaksIn(res.text)).toEqual([]);
  return messages.join('; ');
}

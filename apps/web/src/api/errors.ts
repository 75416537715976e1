import { ERROR_CODES, type ErrorCode } from '@chat/contract';

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
};

const KNOWN_CODES: readonly string[] = ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.includes(value);
}

/** A body without `code` (a v1 server, a proxy's page) still gets one, from its status. */
export function codeForStatus(status: number): ErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid');
}

/** "room not found" → "Room not found." — server texts read like the client's own sentences. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** What to say when the server gave no words of its own. */
export function fallbackSentence(code: ErrorCode): string {
  switch (code) {
    case 'invalid':
      return 'The server could not accept that.';
    case 'unauthorized':
      return 'Your session has ended. Please log in again.';
    case 'forbidden':
      return 'You are not allowed to do that.';
    case 'not_found':
      return 'It does not exist (any more).';
    case 'conflict':
      return 'That clashes with something that already exists.';
    case 'too_large':
      return 'That is too large to send.';
    case 'rate_limited':
      return 'Too many requests. Please wait a moment and try again.';
    case 'internal':
      return 'The server ran into a problem. Please try again.';
  }
}

/** What went wrong, in the failure's own words (the server's, for a refused request). */
export function errorText(failure: unknown, fallback: string): string {
  return failure instanceof Error ? failure.message : fallback;
}

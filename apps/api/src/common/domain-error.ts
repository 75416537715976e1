import type { ErrorCode } from '@chat/contract';

/** Contract codes, plus two that exist only over REST (409 and 503; `invalid`/`internal` on sockets). */
export type DomainErrorCode = ErrorCode | 'conflict' | 'unavailable';

/** A failure the client should hear about. Services throw these; the edges translate them. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);

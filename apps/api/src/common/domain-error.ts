import type { ErrorCode } from '@chat/contract';

/** Contract codes, plus `unavailable`: 503 over REST, `internal` in the body and on sockets. */
export type DomainErrorCode = ErrorCode | 'unavailable';

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

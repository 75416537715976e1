import { ArgumentsHost, Catch, Logger, WsExceptionFilter } from '@nestjs/common';
import type { AckError } from '@chat/contract';
import { toDomainError, wsCodeOf } from '../common/error-mapping';

/**
 * Any failure in an event handler becomes the `{ok:false, error}` ack the contract promises.
 * The socket stays connected; unknown errors are logged and answered with a generic `internal`.
 */
@Catch()
export class WsAckFilter implements WsExceptionFilter {
  private readonly logger = new Logger('ChatGateway');

  catch(exception: unknown, host: ArgumentsHost): void {
    const domain = toDomainError(exception);
    if (domain.code === 'internal') this.logger.error(exception);
    const ack: unknown = host.getArgByIndex(2);
    if (typeof ack !== 'function') return;
    const response: AckError = {
      ok: false,
      error: { code: wsCodeOf(domain.code), message: domain.message },
    };
    (ack as (response: AckError) => void)(response);
  }
}

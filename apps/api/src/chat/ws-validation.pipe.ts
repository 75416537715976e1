import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { listProblems } from '../common/validation/problems';

/** Event payloads are validated like REST bodies, but fail as an `invalid` ack, not an exception event. */
@Injectable()
export class WsValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors: ValidationError[]) =>
        new DomainError('invalid', listProblems(flatten(errors)).join('; ')),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && !isPlainObject(value)) {
      throw new DomainError('invalid', 'payload must be an object');
    }
    return super.transform(value, metadata);
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}),
    ...flatten(error.children ?? []),
  ]);
}

/**
 * A JSON object, as Socket.IO's parser builds one. Refused before validation: arrays, and the
 * binary attachments (Buffers, typed arrays) and other class instances a client can send, whose
 * every index or field would otherwise come back as "property N should not exist".
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

import { ValidatorConstraint, Validate, type ValidationOptions } from 'class-validator';
import { isEmoji } from '@chat/contract';

/** PostgreSQL's largest bigint: every id and `seq` fits under it. */
export const MAX_BIGINT = 2n ** 63n - 1n;
const POSITIVE = /^[1-9][0-9]{0,18}$/;

/** A message id: a positive decimal integer that fits PostgreSQL's bigint. */
export function isMessageId(value: unknown): value is string {
  return typeof value === 'string' && POSITIVE.test(value) && BigInt(value) <= MAX_BIGINT;
}

@ValidatorConstraint({ name: 'isMessageId' })
export class MessageIdConstraint {
  validate(value: unknown): boolean {
    return isMessageId(value);
  }

  defaultMessage(): string {
    return '$property must be a positive decimal integer message id';
  }
}

/** A message id in a body, payload or path: anything else is 400 / `invalid`. */
export function IsMessageId(options?: ValidationOptions): PropertyDecorator {
  return Validate(MessageIdConstraint, options);
}

@ValidatorConstraint({ name: 'isEmoji' })
export class EmojiConstraint {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isEmoji(value);
  }

  defaultMessage(): string {
    return '$property must be exactly one emoji';
  }
}

/** Exactly one RGI emoji sequence (see EMOJI_PATTERN in the contract). */
export function IsEmoji(options?: ValidationOptions): PropertyDecorator {
  return Validate(EmojiConstraint, options);
}

import {
  IsString,
  Matches,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { MAX_BIGINT } from './message-id';
import { stacked } from './stacked';

/** Ids are PostgreSQL bigints; a larger cursor would reach the database as an error. */
@ValidatorConstraint({ name: 'fitsInBigint' })
export class FitsInBigint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    // Other shapes are for @IsString and @Matches to refuse, with their own messages.
    if (typeof value !== 'string' || !/^\d{1,19}$/.test(value)) return true;
    return BigInt(value) <= MAX_BIGINT;
  }
}

/**
 * A position among a room's ids (`since`, `lastReadId`): a non-negative decimal integer string
 * that fits a bigint — `0` included, which no message id is.
 */
export const IsIdCursor = () =>
  stacked(
    IsString({ message: '$property must be a message id string' }),
    Matches(/^\d{1,19}$/, {
      message: '$property must be a non-negative decimal integer message id',
    }),
    Validate(FitsInBigint, { message: '$property must be at most 9223372036854775807' }),
  );

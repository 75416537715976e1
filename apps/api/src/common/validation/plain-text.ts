import { ValidatorConstraint, Validate, type ValidationOptions } from 'class-validator';

/**
 * NUL and the other C0 control characters but tab (U+0009) and newline (U+000A). PostgreSQL
 * refuses NUL in text outright (SQLSTATE 22021), and the others have no business in a name, a
 * password or a chat line: the contract refuses them in every text field (400 / `invalid`).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F]/;

/** True for a string holding a character the text rule refuses; false for anything else. */
export function hasControlCharacters(value: unknown): boolean {
  return typeof value === 'string' && CONTROL_CHARACTERS.test(value);
}

export const controlCharactersProblem = (field: string) =>
  `${field} must not contain control characters`;

/** Other shapes pass: refusing a non-string is @IsString's job, with its own message. */
@ValidatorConstraint({ name: 'isPlainText' })
export class NoControlCharacters {
  validate(value: unknown): boolean {
    return !hasControlCharacters(value);
  }

  defaultMessage(): string {
    return controlCharactersProblem('$property');
  }
}

/** The one text rule of every DTO field that carries text (REST bodies and event payloads). */
export function IsPlainText(options?: ValidationOptions): PropertyDecorator {
  return Validate(NoControlCharacters, options);
}

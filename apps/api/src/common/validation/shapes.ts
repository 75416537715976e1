import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Max,
  IsString,
  Matches,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { stacked } from './stacked';

/**
 * The shapes of the fields the API answers with (REST bodies, acks and server → client events),
 * written as class-validator rules: they are what the OpenAPI and AsyncAPI documents are
 * generated from, so a field is described once, on its DTO class.
 */
type Nested = () => abstract new (...args: never[]) => object;

/** An object of another DTO class. */
export const IsNested = (type: Nested) => stacked(ValidateNested(), Type(type));

/** An array of objects of another DTO class, at most `max` of them when given. */
export const IsNestedArray = (type: Nested, max?: number) =>
  stacked(
    IsArray(),
    ValidateNested({ each: true }),
    Type(type),
    ...(max === undefined ? [] : [ArrayMaxSize(max)]),
  );

/** An ISO-8601 timestamp in UTC. */
export const IsTimestamp = () => IsISO8601({ strict: true });

/** A decimal string holding a non-negative 64-bit integer: a message id, a cursor, a marker. */
export const IsDecimalId = () => stacked(IsString(), Matches(/^[0-9]{1,19}$/));

/** One of a few strings. */
export const IsOneOf = (values: readonly string[]) => IsIn([...values]);

/** A count: an integer, zero or more. */
export const IsCount = () => stacked(IsInt(), Min(0));

export { IsBoolean, IsString };

type Keywords = Parameters<typeof JSONSchema>[0] & object;
const KEYWORDS = new WeakMap<object, Map<string, Keywords>>();

/**
 * JSON Schema keywords the rules cannot say (a description, an example, a default), merged
 * with those given before for the same field.
 */
export function Documented(keywords: Keywords): PropertyDecorator {
  return (prototype, property) => {
    if (typeof property !== 'string') return;
    const byProperty = KEYWORDS.get(prototype) ?? new Map<string, Keywords>();
    KEYWORDS.set(prototype, byProperty);
    const merged = { ...byProperty.get(property), ...keywords };
    byProperty.set(property, merged);
    JSONSchema(merged)(prototype, property);
  };
}

/** The field's description in the documents (and an example, when one helps). */
export const Describe = (description: string, example?: string | number) =>
  Documented(example === undefined ? { description } : { description, example });

/**
 * A page size in a query string: optional, an integer from 1 to `max` (400 otherwise), `fallback`
 * when absent.
 */
export function PageLimit(max: number, fallback?: number): PropertyDecorator {
  const rule = `limit must be an integer from 1 to ${max}`;
  return stacked(
    IsOptional(),
    Type(() => Number),
    IsInt({ message: rule }),
    Min(1, { message: rule }),
    Max(max, { message: rule }),
    ...(fallback === undefined ? [] : [Documented({ default: fallback })]),
  );
}

/** Per class, the properties declared @Nullable (required, and `null` is one of their values). */
const NULLABLE = new WeakMap<object, Set<string>>();

/**
 * A property that is always present and may be `null`: checked by its other rules only when it
 * is not null, and documented as nullable and required.
 */
export function Nullable(): PropertyDecorator {
  const validateIf = ValidateIf((_object: object, value: unknown) => value !== null);
  return (prototype, property) => {
    validateIf(prototype, property);
    if (typeof property !== 'string') return;
    const own = NULLABLE.get(prototype.constructor) ?? new Set<string>();
    own.add(property);
    NULLABLE.set(prototype.constructor, own);
  };
}

/** The @Nullable properties of a class, its parents' included. */
export function nullableProperties(type: unknown): Set<string> {
  const found = new Set<string>();
  for (
    let current = type;
    typeof current === 'function';
    current = Object.getPrototypeOf(current)
  ) {
    for (const property of NULLABLE.get(current) ?? []) found.add(property);
  }
  return found;
}

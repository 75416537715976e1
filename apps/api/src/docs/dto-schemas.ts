import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, IS_ISO8601 } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { SchemaObject } from 'openapi3-ts';
import { nullableProperties } from '../common/validation/shapes';

export type { SchemaObject };
/** A DTO class, as the documents name it. */
export type DtoClass = abstract new (...args: never[]) => object;

/** Where schemas point at each other in both documents. */
export const SCHEMA_PREFIX = '#/components/schemas/';

/** Tabs and newlines, but no other C0 control character: the text rule of every text field. */
const PLAIN_TEXT = '^[^\\u0000-\\u0008\\u000B-\\u001F]*$';
const PLAIN_TEXT_MARK = 'x-plain-text';

/** How the custom constraints of common/validation read as JSON Schema (keyed by name). */
const CONVERTERS = {
  isPlainText: { type: 'string', [PLAIN_TEXT_MARK]: true },
  isMessageId: { type: 'string', pattern: '^[1-9][0-9]{0,18}$' },
  isEmoji: { type: 'string' },
  fitsInBigint: {},
  [IS_ISO8601]: { type: 'string', format: 'date-time' },
} satisfies Record<string, SchemaObject>;

let cache: Record<string, SchemaObject> | undefined;

const isClass = (value: unknown): value is DtoClass => typeof value === 'function';

/** Every class class-validator holds rules of its own for, by name (its store is private). */
export function ruledClasses(): Map<string, DtoClass> {
  const store: unknown = Reflect.get(getMetadataStorage(), 'validationMetadatas');
  const classes = new Map<string, DtoClass>();
  if (!(store instanceof Map)) return classes;
  for (const target of store.keys()) {
    if (isClass(target)) classes.set(target.name, target);
  }
  return classes;
}

/**
 * The JSON schema (OpenAPI 3.0 flavour: `nullable`) of every class that carries class-validator
 * rules, keyed by class name, built from those rules alone. Built once, and again when asked for
 * a class it does not hold (one whose module was loaded later).
 */
export function dtoSchemas(refresh = false): Record<string, SchemaObject> {
  if (cache && !refresh) return cache;
  const raw = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: CONVERTERS,
  });
  const classes = ruledClasses();
  const schemas: Record<string, SchemaObject> = {};
  for (const [name, schema] of Object.entries(raw)) {
    schemas[name] = finish(schema, nullableProperties(classes.get(name)));
  }
  cache = schemas;
  return schemas;
}

function lookUp(name: string): SchemaObject | undefined {
  return dtoSchemas()[name] ?? dtoSchemas(true)[name];
}

/** Nullable properties required and marked; the plain-text rule as a pattern where none is. */
function finish(schema: SchemaObject, nullable: Set<string>): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const { [PLAIN_TEXT_MARK]: plain, ...rest } = property as SchemaObject;
    const finished: SchemaObject =
      plain && rest.pattern === undefined ? { ...rest, pattern: PLAIN_TEXT } : rest;
    properties[name] = nullable.has(name) ? { ...finished, nullable: true } : finished;
  }
  const required = [...new Set([...(schema.required ?? []), ...nullable])];
  const names = Object.keys(properties);
  required.sort((a, b) => names.indexOf(a) - names.indexOf(b));
  return { ...schema, properties, ...(required.length > 0 ? { required } : {}) };
}

/** The name a `$ref` points at, or undefined for anything else. */
export function refName(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const ref: unknown = Reflect.get(schema, '$ref');
  return typeof ref === 'string' && ref.startsWith(SCHEMA_PREFIX)
    ? ref.slice(SCHEMA_PREFIX.length)
    : undefined;
}

/** Every `$ref` name under `node`. */
export function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  const own = refName(node);
  return [...(own ? [own] : []), ...Object.values(node).flatMap(refsIn)];
}

/**
 * The schema of a class: its own, or, for a class that only inherits its rules (`class
 * RoomLeaveDto extends RoomPayload {}`), the nearest parent's.
 */
export function schemaOf(type: DtoClass): SchemaObject {
  for (let current: unknown = type; typeof current === 'function' && current.name !== '';) {
    const schema = lookUp(current.name);
    if (schema) return schema;
    current = Object.getPrototypeOf(current);
  }
  throw new Error(withoutRules(type.name));
}

/** The schemas of `roots` and of every class they reach, by name; throws for one without rules. */
export function schemasReachedFrom(roots: readonly DtoClass[]): Record<string, SchemaObject> {
  const reached: Record<string, SchemaObject> = {};
  for (const root of roots) reached[root.name] = schemaOf(root);
  const pending = Object.values(reached).flatMap(refsIn);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (Object.hasOwn(reached, name)) continue;
    const schema = lookUp(name);
    if (!schema) throw new Error(withoutRules(name));
    reached[name] = schema;
    pending.push(...refsIn(schema));
  }
  return reached;
}

export const withoutRules = (name: string) =>
  `${name} is in an API document but carries no class-validator rules: describe its fields ` +
  'with class-validator decorators (the documents are generated from them)';

/**
 * The same schema in JSON Schema draft 07 (AsyncAPI's schema format): OpenAPI 3.0's
 * `nullable: true` becomes `null` among the types.
 */
export function toDraft07(schema: SchemaObject): SchemaObject {
  const { nullable, properties, items, ...rest } = schema;
  const converted: SchemaObject = { ...rest };
  if (properties) {
    converted.properties = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [
        name,
        toDraft07(property as SchemaObject),
      ]),
    );
  }
  if (items) converted.items = toDraft07(items as SchemaObject);
  if (nullable !== true) return converted;
  const ref = refName(converted);
  if (ref !== undefined) {
    const others: SchemaObject = { ...converted };
    Reflect.deleteProperty(others, '$ref');
    return { ...others, oneOf: [{ $ref: SCHEMA_PREFIX + ref }, { type: 'null' }] };
  }
  const { type } = converted;
  return typeof type === 'string' ? { ...converted, type: [type, 'null'] } : converted;
}

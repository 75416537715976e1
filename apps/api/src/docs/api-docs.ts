import type { INestApplication } from '@nestjs/common';
import {
  ApiProperty,
  DocumentBuilder,
  SwaggerModule,
  type ApiPropertyOptions,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorDto, withErrorBodies } from '../common/api-error.dto';
import { buildAsyncApiDocument } from './asyncapi';
import { dtoSchemas, refName, ruledClasses, withoutRules, type DtoClass } from './dto-schemas';

/** What holds for every route, as the contract says it; the routes themselves follow. */
const REST_CONVENTIONS = [
  'REST half of the chat contract. The real-time half (Socket.IO namespace `/chat`) is ' +
    'described by the AsyncAPI document at /api/docs/asyncapi.json and in docs/events.md.',
  '',
  '- JSON bodies, UTF-8. Timestamps are ISO-8601 strings in UTC. `user.id` and `room.id` are ' +
    'UUIDs; `message.id` (and `seq`) is a decimal string holding a positive 64-bit integer that ' +
    'only grows within a room: compare as big integers, never as floats. A path segment holding ' +
    'a message id must be a positive decimal integer (400); an emoji in a path is ' +
    'percent-encoded UTF-8.',
  '- Errors: the status plus `{statusCode, error, code, message}`, `code` one of the socket ' +
    'acks’ codes (400 invalid, 401 unauthorized, 403 forbidden, 404 not_found, 409 conflict, ' +
    '413 too_large, 429 rate_limited, 5xx internal); never a stack, an SQL text or a path.',
  '- Auth: `Authorization: Bearer <accessToken>`. Browsers also get an `HttpOnly`, ' +
    '`SameSite=Strict` refresh cookie from signup and login, exchanged by `POST /api/auth/refresh`.',
  '- What a caller may not see does not exist for them: a private room, or a direct room of two ' +
    'other people, answers 404 on every route and is in no list of theirs.',
  '- Names: `username` matches `^[A-Za-z0-9_.-]{3,32}$`, a room name `^[A-Za-z0-9_-]{1,64}$`, ' +
    'both unique case-insensitively (room names across every kind of room; `dm-` is for direct ' +
    'rooms); "sorted by username" is case-insensitive. Text fields refuse NUL and the other C0 ' +
    'control characters but tab and newline (400). Message content is trimmed, then 1..4000 ' +
    'characters, stored and returned as plain text.',
  '- Paging `GET …/messages`: `limit` 1..100 (50); neither cursor: the newest; `before=ID`: the ' +
    'newest with a smaller id; `after=ID`: the oldest with a larger id (`after=0` from the first); ' +
    'both: 400. Every page is oldest first, deleted messages left out. `GET …/changes?after=SEQ` ' +
    'pages every creation and change (tombstones included) in `seq` order.',
  '- Idempotent sends: the same author sending the same `clientId` to the same room again gets ' +
    'the stored message (same id); nothing new is stored or broadcast.',
  '- Limits (defaults, each set through the environment; see docs/operate.md): sends per user, ' +
    'REST and socket together, a burst of 30 then 10 a second; failed logins per username, 10 ' +
    'in 15 minutes; other routes 600 a minute per address; rooms created, 10 an hour per user; ' +
    'signups, 30 an hour per address: 429 beyond. Bodies over 64 KiB: 413.',
].join('\n');

/**
 * OpenAPI generated from the controllers and DTOs: a page at /api/docs, JSON at /api/docs-json.
 * The socket events' AsyncAPI document, generated from the event registry and its DTO classes,
 * at /api/docs/asyncapi.json. Both take every field's schema from its class-validator rules.
 */
export function setupApiDocs(app: INestApplication): void {
  const asyncApi = buildAsyncApiDocument();
  app
    .getHttpAdapter()
    .get('/api/docs/asyncapi.json', (_req: unknown, res: Response) => res.json(asyncApi));
  describeDtosToSwagger();
  const config = new DocumentBuilder()
    .setTitle('Chat API')
    .setDescription(REST_CONVENTIONS)
    .setVersion('2')
    .addBearerAuth()
    .build();
  const document = withErrorBodies(
    SwaggerModule.createDocument(app, config, { extraModels: [ApiErrorDto] }),
  );
  const ruled = dtoSchemas();
  for (const name of Object.keys(document.components?.schemas ?? {})) {
    if (!Object.hasOwn(ruled, name)) throw new Error(withoutRules(name));
  }
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

const described = new Set<string>();

/**
 * Hands Swagger each DTO property as the class-validator rules describe it (the schema
 * class-validator-jsonschema builds), so bodies, answers, query and path parameters are
 * documented from the one description. Done once per class.
 */
function describeDtosToSwagger(): void {
  const classes = ruledClasses();
  for (const [name, schema] of Object.entries(dtoSchemas())) {
    const prototype: unknown = classes.get(name)?.prototype;
    if (typeof prototype !== 'object' || prototype === null || described.has(name)) continue;
    described.add(name);
    const required = new Set(schema.required ?? []);
    for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
      const options = swaggerOptions(propertySchema, required.has(property), classes);
      ApiProperty(options)(prototype, property);
    }
  }
}

/** The keywords Swagger takes as they are (the rest it builds from `type`). */
const COPIED = new Set([
  'description',
  'example',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'maxItems',
  'minItems',
  'enum',
  'default',
  'nullable',
  'oneOf',
]);
const SWAGGER_TYPES = ['string', 'number', 'integer', 'boolean'] as const;
type SwaggerType = (typeof SWAGGER_TYPES)[number];
const isSwaggerType = (value: unknown): value is SwaggerType =>
  SWAGGER_TYPES.some((type) => type === value);
const typeOf = (schema: unknown): unknown =>
  typeof schema === 'object' && schema !== null ? Reflect.get(schema, 'type') : undefined;

function swaggerOptions(
  schema: object,
  required: boolean,
  classes: Map<string, DtoClass>,
): ApiPropertyOptions {
  const classOf = (name: string): DtoClass => {
    const found = classes.get(name);
    if (!found) throw new Error(withoutRules(name));
    return found;
  };
  const copied: Record<string, unknown> = Object.fromEntries(
    Object.entries(schema).filter(([keyword]) => COPIED.has(keyword)),
  );
  const ref = refName(schema);
  if (ref !== undefined) return { ...copied, required, type: classOf(ref) };
  const type = typeOf(schema);
  if (type === 'array') {
    const items: unknown = Reflect.get(schema, 'items');
    const itemRef = refName(items);
    if (itemRef !== undefined) return { ...copied, required, type: [classOf(itemRef)] };
    const itemType = typeOf(items);
    return isSwaggerType(itemType)
      ? { ...copied, required, type: 'array', items: { type: itemType } }
      : { ...copied, required, type: 'array' };
  }
  return isSwaggerType(type) ? { ...copied, required, type } : { ...copied, required };
}

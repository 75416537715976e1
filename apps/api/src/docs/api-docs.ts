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
    .setDescription(
      'REST half of the chat contract. The real-time half (Socket.IO namespace `/chat`) is ' +
        'described by the AsyncAPI document at /api/docs/asyncapi.json.',
    )
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

import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { IsDefined, IsInt, IsString } from 'class-validator';
import { ERROR_CODES, type ApiError, type ErrorCode } from '@chat/contract';
import { Describe, Documented, IsOneOf } from './validation/shapes';

/** The REST error body, for the OpenAPI document. */
export class ApiErrorDto implements ApiError {
  @Documented({ example: 404 }) @IsInt() statusCode!: number;

  @Describe('The HTTP status text.', 'Not Found') @IsString() error!: string;

  @Describe(
    'The same vocabulary as the socket acks: 400 invalid, 401 unauthorized, 403 forbidden, ' +
      '404 not_found, 409 conflict, 413/431 too_large, 429 rate_limited, 5xx internal, ' +
      'any other 4xx invalid.',
    'not_found',
  )
  @IsOneOf(ERROR_CODES)
  code!: ErrorCode;

  @Documented({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'One sentence, or the list of validation problems.',
  })
  @IsDefined()
  message!: string | string[];
}

/** Gives every documented 4xx/5xx response of `document` the ApiError body. */
export function withErrorBodies(document: OpenAPIObject): OpenAPIObject {
  const schema = { $ref: getSchemaPath(ApiErrorDto) };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      const responses: unknown = (operation as { responses?: unknown }).responses;
      if (typeof responses !== 'object' || responses === null) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400 || typeof response !== 'object' || response === null) continue;
        Object.assign(response, { content: { 'application/json': { schema } } });
      }
    }
  }
  return document;
}

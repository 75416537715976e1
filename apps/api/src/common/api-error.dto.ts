import { ApiProperty, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES, type ApiError, type ErrorCode } from '@chat/contract';

/** The REST error body, for the OpenAPI document. */
export class ApiErrorDto implements ApiError {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found', description: 'The HTTP status text.' })
  error!: string;

  @ApiProperty({
    enum: ERROR_CODES,
    example: 'not_found',
    description:
      'The same vocabulary as the socket acks: 400 invalid, 401 unauthorized, 403 forbidden, ' +
      '404 not_found, 409 conflict, 413/431 too_large, 429 rate_limited, 5xx internal, ' +
      'any other 4xx invalid.',
  })
  code!: ErrorCode;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'One sentence, or the list of validation problems.',
  })
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

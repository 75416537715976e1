import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Response } from 'express';
import { buildAsyncApiDocument } from '@chat/contract';
import { ApiErrorDto, withErrorBodies } from '../common/api-error.dto';

/**
 * OpenAPI generated from the controllers and DTOs: a page at /api/docs, JSON at /api/docs-json.
 * The socket events' AsyncAPI document, built from libs/contract, at /api/docs/asyncapi.json.
 */
export function setupApiDocs(app: INestApplication): void {
  const asyncApi = buildAsyncApiDocument();
  app
    .getHttpAdapter()
    .get('/api/docs/asyncapi.json', (_req: unknown, res: Response) => res.json(asyncApi));
  const config = new DocumentBuilder()
    .setTitle('Chat API')
    .setDescription(
      'REST half of the chat contract. The real-time half (Socket.IO namespace `/chat`) is ' +
        'described by the AsyncAPI document at /api/docs/asyncapi.json.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = withErrorBodies(
    SwaggerModule.createDocument(app, config, { extraModels: [ApiErrorDto] }),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import { MAX_PAYLOAD_BYTES } from '@chat/contract';
import { AppModule } from './app.module';
import { answerClientErrorsAsJson } from './common/client-errors';
import { bodyParserErrorHandler } from './common/http-error.filter';
import { rejectUnknownMethods } from './common/method-not-allowed';
import { securityHeaders } from './common/security-headers';
import { PlainTextParamsPipe } from './common/validation/plain-text-params.pipe';
import { RestValidationPipe } from './common/validation/rest-validation.pipe';
import { ChatIoAdapter } from './chat/chat-io.adapter';
import { AppConfig } from './config/app-config';
import { parseEnv } from './config/env';
import { RedisConnections } from './redis/redis.module';
import { setupApiDocs } from './docs/api-docs';

export type EnvOverrides = Record<string, string | undefined>;

/**
 * Builds the whole app (REST under /api, Socket.IO /chat, docs, SPA) without listening.
 * `overrides` win over process.env: tests start apps with their own limits this way.
 */
export async function createApp(overrides: EnvOverrides = {}): Promise<NestExpressApplication> {
  const env = parseEnv({ ...process.env, ...overrides });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  app.set('trust proxy', env.TRUST_PROXY);
  app.disable('x-powered-by');
  answerClientErrorsAsJson(app.getHttpServer());
  app.use(...securityHeaders());
  app.use(json({ limit: MAX_PAYLOAD_BYTES }), cookieParser(), bodyParserErrorHandler);
  // After CORS, so a preflight from an allowed origin is answered before the method check.
  app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false });
  app.use(rejectUnknownMethods(app, 'api'));
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(new RestValidationPipe(), new PlainTextParamsPipe());
  app.useWebSocketAdapter(new ChatIoAdapter(app, config, app.get(RedisConnections)));
  app.enableShutdownHooks();
  setupApiDocs(app);
  return app;
}

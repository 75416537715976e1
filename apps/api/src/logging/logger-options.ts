import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config/app-config';

/**
 * JSON logs with a request id per request. Tokens, passwords and message bodies never reach
 * the log: headers that carry credentials are redacted and bodies are not logged at all.
 */
export function loggerOptions({ env }: AppConfig): Params {
  return {
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && given.length <= 128 ? given : randomUUID();
      },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    },
    // Named wildcard: path-to-regexp 8 (Express 5) no longer understands a bare `*`.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}

import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** What the SPA's router does not own: the API, the socket and the metrics. */
const NOT_SPA_PATHS = ['/api{/*path}', '/socket.io{/*path}', '/metrics{/*path}'];

/**
 * Serves the built SPA at `/` (@nestjs/serve-static): its files for an hour, and index.html, never
 * cached, for every SPA path so deep links survive a reload. Nothing when the SPA has not been
 * built (API-only runs and tests).
 */
export function webAppModules(webDist: string): DynamicModule[] {
  const root = resolve(webDist);
  const index = resolve(root, 'index.html');
  if (!existsSync(index)) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath: root,
      exclude: NOT_SPA_PATHS,
      serveStaticOptions: {
        index: false,
        maxAge: '1h',
        immutable: false,
        setHeaders: (res: Response, path: string) => {
          if (path === index) res.setHeader('Cache-Control', 'no-cache');
        },
      },
    }),
  ];
}

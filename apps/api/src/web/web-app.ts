import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Every path the SPA's router owns: anything outside the API, the socket and the metrics. */
const SPA_PATHS = /^\/(?!(?:api|socket\.io|metrics)(?:\/|$)).*/;

/**
 * Serves the built SPA at `/`, with index.html for every SPA path so deep links survive a reload.
 * Skipped when the SPA has not been built (API-only runs and tests).
 */
export function serveWebApp(app: NestExpressApplication, webDist: string): void {
  const root = resolve(webDist);
  const index = resolve(root, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(root, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || !SPA_PATHS.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

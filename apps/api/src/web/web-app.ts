import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Serves the built SPA at `/`, with index.html for every path outside /api and /socket.io so the
 * router's deep links survive a reload. Absent when the SPA has not been built (API-only runs).
 */
export function webAppModules(webDist: string): DynamicModule[] {
  const root = resolve(webDist);
  if (!existsSync(resolve(root, 'index.html'))) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath: root,
      exclude: ['/api/{*path}', '/socket.io/{*path}'],
    }),
  ];
}

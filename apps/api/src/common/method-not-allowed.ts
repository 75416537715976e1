import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { apiErrorBody } from './error-mapping';

interface Route {
  pattern: RegExp;
  method: string;
}

const asArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];

/** `/api/rooms/:name` -> a RegExp matching the path as Express does (any case, optional `/`). */
function toPattern(segments: string[]): RegExp {
  const path = segments
    .flatMap((segment) => segment.split('/'))
    .filter(Boolean)
    .map((part) =>
      part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`),
    )
    .join('/');
  return new RegExp(`^/${path}/?$`, 'i');
}

/** Every controller route of the app, read from Nest's metadata once the app is initialised. */
function controllerRoutes(app: INestApplication, prefix: string): Route[] {
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller: unknown = wrapper.metatype;
      if (typeof controller !== 'function') continue;
      const prototype: unknown = controller.prototype;
      if (typeof prototype !== 'object' || prototype === null) continue;
      for (const base of asArray(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const name of scanner.getAllMethodNames(prototype)) {
          const handler: unknown = Reflect.get(prototype, name);
          if (typeof handler !== 'function') continue;
          const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
          if (typeof method !== 'number') continue;
          for (const path of asArray(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.push({
              pattern: toPattern([prefix, base, path]),
              method: RequestMethod[method] ?? 'GET',
            });
          }
        }
      }
    }
  }
  return routes;
}

/**
 * A known path asked with a method it does not have answers 405 with `Allow` (Express alone
 * would say 404, as for a path that does not exist; unknown paths keep their 404).
 */
export function rejectUnknownMethods(app: INestApplication, prefix: string): RequestHandler {
  let routes: Route[] | undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith(`/${prefix}/`)) return next();
    // Built on the first request: the routes exist only once the app has been initialised.
    routes ??= controllerRoutes(app, prefix);
    const matching = routes.filter((route) => route.pattern.test(req.path));
    if (matching.length === 0) return next();
    const allowed = new Set(matching.map((route) => route.method));
    if (allowed.has('GET')) allowed.add('HEAD');
    if (allowed.has(req.method) || allowed.has('ALL')) return next();
    res.setHeader('Allow', [...allowed].join(', '));
    res.status(405).json(apiErrorBody(405, 'this method is not allowed on this path (see Allow)'));
  };
}

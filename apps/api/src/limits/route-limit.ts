import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { RateLimits } from './rate-limits.service';
import { refuseWhenOver } from './rest-limit.guard';

/** The limits that count what a REST route creates, each with whom it counts for. */
const ROUTE_LIMITS = {
  signups: { per: 'address', message: 'too many signups from this address, try again later' },
  roomCreations: { per: 'user', message: 'you have created too many rooms, try again later' },
} as const;
type RouteLimitName = keyof typeof ROUTE_LIMITS;

const ROUTE_LIMIT = 'limits:route-limit';

/**
 * Counts each success of the route against the named limit (SIGNUPS_PER_HOUR per client
 * address, ROOMS_PER_HOUR per user); 429 once it is spent. Put it after the auth guard when it
 * counts per user.
 */
export const LimitedBy = (name: RouteLimitName): MethodDecorator =>
  applyDecorators(
    SetMetadata(ROUTE_LIMIT, name),
    UseInterceptors(RouteLimitInterceptor),
    ApiTooManyRequestsResponse({ description: `Over the limit of ${name}.` }),
  );

/**
 * Takes a point before the handler runs, so concurrent requests cannot all slip under the
 * limit, and gives it back when the request fails (an invalid body, a taken name): only what
 * was created counts.
 */
@Injectable()
export class RouteLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const name = this.reflector.get<RouteLimitName | undefined>(ROUTE_LIMIT, context.getHandler());
    if (!name) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: AuthenticatedUser }>();
    const { per, message } = ROUTE_LIMITS[name];
    const key = per === 'user' ? request.user?.id : (request.ip ?? 'unknown');
    if (!key) throw new Error(`LimitedBy('${name}') counts per user: put it after JwtAuthGuard`);
    refuseWhenOver(await this.limits.take(name, key), http.getResponse<Response>(), message);
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          from(this.limits.refund(name, key)).pipe(mergeMap(() => throwError(() => error))),
        ),
      );
  }
}

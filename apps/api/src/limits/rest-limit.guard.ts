import {
  Injectable,
  SetMetadata,
  type CanActivate,
  type CustomDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError } from '../common/domain-error';
import { RateLimits, type Verdict } from './rate-limits.service';

const SKIP_REST_LIMIT = 'limits:skip-rest-limit';

/** Routes outside REST_PER_MINUTE: health probes, metrics, and sends (they have their own). */
export const SkipRestLimit = (): CustomDecorator => SetMetadata(SKIP_REST_LIMIT, true);

/** REST_PER_MINUTE: one budget per client address for every REST route not skipped. */
@Injectable()
export class RestLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const skipped = this.reflector.getAllAndOverride<boolean | undefined>(SKIP_REST_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (skipped) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const verdict = await this.limits.take('restRequests', request.ip ?? 'unknown');
    refuseWhenOver(verdict, http.getResponse<Response>(), 'too many requests, slow down');
    return true;
  }
}

/** Throws the 429 (with Retry-After, in whole seconds) when the verdict is a refusal. */
export function refuseWhenOver(verdict: Verdict, response: Response, message: string): void {
  if (verdict.allowed) return;
  response.setHeader('Retry-After', String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))));
  throw new DomainError('rate_limited', message);
}

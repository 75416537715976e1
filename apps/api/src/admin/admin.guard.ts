import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError } from '../common/domain-error';
import { NOT_ADMIN } from './admin.service';

/**
 * After JwtAuthGuard: only admins pass (403 `forbidden` otherwise). The role is the one the
 * caller's token resolved to on this very request, so a demotion takes effect at once.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    if (request.user?.role !== 'admin') {
      throw new DomainError('forbidden', NOT_ADMIN);
    }
    return true;
  }
}

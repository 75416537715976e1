import { applyDecorators, UseGuards, type CanActivate, type Type } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { JwtAuthGuard } from './jwt-auth.guard';

/**
 * The route (or every route of the controller) needs a valid access token: the guard that
 * checks it and the OpenAPI security requirement that says so, never one without the other.
 * `guards` run after the token's, with the caller known (e.g. the admin check).
 */
export const SignedIn = (...guards: Type<CanActivate>[]) =>
  applyDecorators(UseGuards(JwtAuthGuard, ...guards), ApiBearerAuth());

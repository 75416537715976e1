import { Global, Module } from '@nestjs/common';
import { RateLimits } from './rate-limits.service';
import { RestLimitGuard } from './rest-limit.guard';
import { RouteLimitInterceptor } from './route-limit';
import { SocketCaps } from './socket-caps';

/** Every limit of the API (see rate-limits.service.ts); global, so any module may ask it. */
@Global()
@Module({
  providers: [RateLimits, RestLimitGuard, RouteLimitInterceptor, SocketCaps],
  exports: [RateLimits, RestLimitGuard, RouteLimitInterceptor, SocketCaps],
})
export class LimitsModule {}

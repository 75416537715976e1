import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { ChatModule } from './chat/chat.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import type { Env } from './config/env';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { loggerOptions } from './logging/logger-options';
import { MessagesModule } from './messages/messages.module';
import { RealtimeModule } from './realtime/realtime.module';
import { MetricsModule } from './metrics/metrics.module';
import { REDIS, RedisModule, type MaybeRedis } from './redis/redis.module';
import { RoomsModule } from './rooms/rooms.module';

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    const config = AppConfigModule.forRoot(env);
    return {
      module: AppModule,
      imports: [
        config,
        LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerOptions }),
        RedisModule,
        ThrottlerModule.forRootAsync({
          inject: [AppConfig, REDIS],
          useFactory: ({ env }: AppConfig, redis: MaybeRedis) => ({
            throttlers: [{ ttl: 60_000, limit: env.REST_PER_MINUTE }],
            // One budget per client address across routes (the default key is per route).
            generateKey: (_context, tracker, throttlerName) =>
              `${env.REDIS_KEY_PREFIX}throttle:${throttlerName}:${tracker}`,
            errorMessage: 'too many requests, slow down',
            // Shared across instances when there is Redis; per process otherwise.
            storage: redis ? new ThrottlerStorageRedisService(redis) : undefined,
          }),
        }),
        DatabaseModule,
        RealtimeModule,
        AuthModule,
        RoomsModule,
        MessagesModule,
        ChatModule,
        HealthModule,
        MetricsModule,
        LifecycleModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}

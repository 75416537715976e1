import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { ChatModule } from './chat/chat.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import type { Env } from './config/env';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { LimitsModule } from './limits/limits.module';
import { RestLimitGuard } from './limits/rest-limit.guard';
import { loggerOptions } from './logging/logger-options';
import { MembershipsModule } from './memberships/memberships.module';
import { MessagesModule } from './messages/messages.module';
import { ModerationModule } from './moderation/moderation.module';
import { RealtimeModule } from './realtime/realtime.module';
import { MetricsModule } from './metrics/metrics.module';
import { RedisModule } from './redis/redis.module';
import { RoomsModule } from './rooms/rooms.module';
import { UsersModule } from './users/users.module';
import { webAppModules } from './web/web-app';

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
        LimitsModule,
        DatabaseModule,
        RealtimeModule,
        AuthModule,
        AdminModule,
        RoomsModule,
        MessagesModule,
        MembershipsModule,
        ModerationModule,
        UsersModule,
        ChatModule,
        HealthModule,
        MetricsModule,
        LifecycleModule,
        ...webAppModules(env.WEB_DIST),
      ],
      providers: [
        { provide: APP_GUARD, useClass: RestLimitGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}

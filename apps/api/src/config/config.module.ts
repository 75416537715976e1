import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';
import type { Env } from './env';

/**
 * Provides the environment validated at boot (see `parseEnv`). ConfigModule.forRoot would copy
 * values back into process.env, which leaks one test app's overrides into the next, so the
 * validated values are provided directly.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: new AppConfig(env) },
        { provide: ConfigService, useValue: new ConfigService({ ...env }) },
      ],
      exports: [AppConfig, ConfigService],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseEndpoint } from './database-endpoint';
import { dataSourceOptions } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrate';
import { PgPoolModule } from './pg-pool';

const endpointProvider = {
  provide: DatabaseEndpoint,
  inject: [AppConfig],
  async useFactory({ env }: AppConfig): Promise<DatabaseEndpoint> {
    if (env.DATABASE_URL) return new DatabaseEndpoint(env.DATABASE_URL);
    const embedded = await startEmbeddedPostgres(env.DATA_DIR, env.DATABASE_POOL_SIZE + 5);
    return new DatabaseEndpoint(embedded.url, embedded);
  },
};

@Global()
@Module({ providers: [endpointProvider], exports: [endpointProvider] })
class DatabaseEndpointModule {}

/** TypeORM on PostgreSQL; the schema comes from migrations, run at start-up under a lock. */
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      inject: [DatabaseEndpoint, AppConfig],
      useFactory: (endpoint: DatabaseEndpoint, { env }: AppConfig) =>
        dataSourceOptions({ url: endpoint.url, poolSize: env.DATABASE_POOL_SIZE }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('database options missing');
        const dataSource = await new DataSource(options).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
    PgPoolModule,
  ],
})
export class DatabaseModule {
  constructor(endpoint: DatabaseEndpoint, dataSource: DataSource) {
    endpoint.attach(dataSource);
  }
}

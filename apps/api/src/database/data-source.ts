import type { DataSourceOptions } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './entities';

export interface DataSourceSettings {
  url: string;
  poolSize: number;
}

export function dataSourceOptions({ url, poolSize }: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: poolSize,
      // While the database is away a request must fail within seconds rather than hang.
      connectionTimeoutMillis: 3000,
      query_timeout: 4500,
    },
  };
}

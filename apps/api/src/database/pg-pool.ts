import { Global, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * node-postgres' pool under TypeORM (its PostgresDriver's `master`), for what TypeORM's `query()`
 * cannot do (a named prepared statement) and for the pool's gauges. Found in this one place, and
 * checked: TypeORM types it as `any`.
 */
export function pgPoolOf(db: DataSource): Pool {
  const master: unknown = Reflect.get(db.driver, 'master');
  if (!(master instanceof Pool)) throw new Error('the database driver holds no node-postgres pool');
  return master;
}

/** Inject with `@Inject(PG_POOL) pool: Pool`. */
export const PG_POOL = Symbol('PG_POOL');

const pgPoolProvider = { provide: PG_POOL, inject: [DataSource], useFactory: pgPoolOf };

@Global()
@Module({ providers: [pgPoolProvider], exports: [pgPoolProvider] })
export class PgPoolModule {}

import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EmbeddedPostgres } from './embedded-postgres';

/** Where the database is: DATABASE_URL, or the embedded PGlite this process started. */
export class DatabaseEndpoint implements OnApplicationShutdown {
  private dataSource?: DataSource;

  constructor(
    readonly url: string,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  /** The pool must close before the embedded server it talks to. */
  attach(dataSource: DataSource): void {
    this.dataSource = dataSource;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
    await this.embedded.stop();
  }
}

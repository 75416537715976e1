import { DataSource } from 'typeorm';

/**
 * Holds rooms' write locks (the advisory lock the message writer takes per room) from a
 * connection of the test's own, so that writes to those rooms wait in the database and the
 * sends behind them queue up in the writer. Only where connections are separate sessions (a
 * PostgreSQL server): the embedded database serves every connection from one session, where
 * the lock would be the app's own. `open` answers null there.
 */
export class HeldRoomLocks {
  private constructor(
    private readonly holder: DataSource,
    private readonly observer: DataSource,
  ) {}

  static async open(databaseUrl: string): Promise<HeldRoomLocks | null> {
    // One connection each, so that a session lock taken by a query is still held by the next.
    const session = () => new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 1 } });
    const [holder, observer] = [session(), session()];
    await Promise.all([holder.initialize(), observer.initialize()]);
    const probe = 'held-room-locks-probe';
    await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 2))', [probe]);
    const rows = await observer.query<{ free: boolean }[]>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 2)) AS free',
      [probe],
    );
    await holder.query('SELECT pg_advisory_unlock_all()');
    await observer.query('SELECT pg_advisory_unlock_all()');
    const locks = new HeldRoomLocks(holder, observer);
    if (rows[0]?.free) {
      await locks.close();
      return null;
    }
    return locks;
  }

  async hold(roomIds: string[]): Promise<void> {
    for (const id of [...roomIds].sort()) {
      await this.holder.query('SELECT pg_advisory_lock(hashtextextended($1, 2))', [id]);
    }
  }

  /** Resolves once `count` statements wait for an advisory lock; fails after `timeoutMs`. */
  async waitForBlockedWrites(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.observer.query<{ waiting: number }[]>(
        `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
      );
      if ((rows[0]?.waiting ?? 0) >= count) return;
      if (Date.now() > deadline) throw new Error(`fewer than ${count} writes wait for a room lock`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async releaseAll(): Promise<void> {
    await this.holder.query('SELECT pg_advisory_unlock_all()');
  }

  async close(): Promise<void> {
    await Promise.all([this.holder.destroy(), this.observer.destroy()]);
  }
}

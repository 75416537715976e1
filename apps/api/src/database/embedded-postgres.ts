import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL (PGlite, compiled to WASM) in a local folder, served on a loopback port so the
 * ordinary `pg` driver reaches it exactly as it reaches a server. The typeorm-pglite driver shares
 * one session between all queries, which breaks transaction isolation; the socket server does not.
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
  maxConnections: number,
): Promise<EmbeddedPostgres> {
  let db: PGlite;
  if (dataDir) {
    const folder = resolve(dataDir);
    mkdirSync(folder, { recursive: true });
    db = await PGlite.create(folder);
  } else {
    db = await PGlite.create();
  }
  const server = new PGLiteSocketServer({
    db: keepBatchesWhole(db),
    host: '127.0.0.1',
    port: 0,
    maxConnections,
  });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** Extended-query messages that leave the session mid-batch, until the Sync that ends it. */
const MID_BATCH_MESSAGES = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

/**
 * pglite-socket 0.2.17 runs every connection on PGlite's one session and keeps a connection's
 * messages together only while `isInTransaction()`; two connections' Parse/Bind/Execute/Sync
 * batches then interleave and clobber each other's unnamed statement (wrong parameters, 500s;
 * electric-sql/pglite#1046). Reporting "in a transaction" until a batch's Sync keeps it whole.
 */
function keepBatchesWhole(db: PGlite): PGlite {
  let midBatch = false;
  const execProtocolRawStream: PGlite['execProtocolRawStream'] = async (message, options) => {
    try {
      await db.execProtocolRawStream(message, options);
    } catch (error) {
      // pglite-socket's queue stops for good when a message throws (every later query would
      // hang); swallowing keeps the others going, and the one client times out on its own.
      process.emitWarning(`embedded PostgreSQL: ${(error as Error).message}`);
    } finally {
      midBatch = MID_BATCH_MESSAGES.has(message[0] ?? 0);
    }
  };
  const isInTransaction = () => midBatch || db.isInTransaction();
  return new Proxy(db, {
    get(target, property) {
      if (property === 'execProtocolRawStream') return execProtocolRawStream;
      if (property === 'isInTransaction') return isInTransaction;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

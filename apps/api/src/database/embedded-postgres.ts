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
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
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

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { chmodSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensurePrivateFolder, PRIVATE_FILE_MODE, restrictTree } from '../common/private-files';

export interface EmbeddedPostgres {
  /** `postgres://postgres@<socket folder, URL-encoded>/postgres`: the `pg` driver's Unix socket form. */
  url: string;
  /** The folder holding the socket `.s.PGSQL.5432`. */
  socketFolder: string;
  stop(): Promise<void>;
}

/** The file name libpq and `pg` look for in a socket folder (for the default port). */
const SOCKET_NAME = '.s.PGSQL.5432';
/** Linux keeps Unix socket paths under 108 bytes. */
const MAX_SOCKET_PATH = 100;

/**
 * Real PostgreSQL (PGlite, compiled to WASM) in `DATA_DIR/pg`, served on a Unix socket so the
 * ordinary `pg` driver reaches it exactly as it reaches a server. The typeorm-pglite driver
 * shares one session between all queries, which breaks transaction isolation; the socket server
 * does not.
 *
 * PGlite takes any user without a password, so the socket is what keeps other local users out:
 * it lives in `DATA_DIR/run`, a folder only the API's OS user may enter (0700), as are DATA_DIR
 * and `DATA_DIR/pg` (files 0600). There is no TCP port. Without `dataDir` the database lives in
 * memory and the socket in a private temporary folder (tests).
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
  maxConnections: number,
): Promise<EmbeddedPostgres> {
  const root = dataDir === undefined ? undefined : resolve(dataDir);
  if (root !== undefined) ensurePrivateFolder(root);
  const socketFolder = root === undefined ? temporaryFolder() : socketFolderIn(root);
  const socketPath = join(socketFolder, SOCKET_NAME);
  // Before PGlite opens the folder: a second PGlite on it would corrupt it.
  await removeStaleSocket(socketPath);
  const db = root === undefined ? await PGlite.create() : await openDataFolder(root);
  const server = new PGLiteSocketServer({
    db: keepBatchesWhole(db),
    path: socketPath,
    maxConnections,
  });
  await server.start();
  chmodSync(socketPath, PRIVATE_FILE_MODE);
  return {
    url: `postgres://postgres@${encodeURIComponent(socketFolder)}/postgres`,
    socketFolder,
    async stop() {
      await server.stop();
      await db.close();
      if (root === undefined) rmSync(socketFolder, { recursive: true, force: true });
      else restrictTree(join(root, 'pg'));
    },
  };
}

async function openDataFolder(root: string): Promise<PGlite> {
  const folder = join(root, 'pg');
  ensurePrivateFolder(folder);
  // PostgreSQL's own files are 0600, but PGlite writes some (its initdb image) 0666 and others
  // through the umask: a private umask for this process, and the folder tightened once open.
  process.umask(0o077);
  const db = await PGlite.create(folder);
  restrictTree(folder);
  return db;
}

function temporaryFolder(): string {
  // mkdtemp creates the folder 0700.
  return mkdtempSync(join(tmpdir(), 'chat-pg-'));
}

function socketFolderIn(root: string): string {
  const folder = join(root, 'run');
  if (join(folder, SOCKET_NAME).length > MAX_SOCKET_PATH) {
    const fallback = temporaryFolder();
    process.emitWarning(
      `DATA_DIR is too long a path for a Unix socket; the embedded database listens in ${fallback}`,
    );
    return fallback;
  }
  ensurePrivateFolder(folder);
  return folder;
}

/**
 * A socket file left by a crash would make listen() fail, so it is removed; but if a server
 * answers on it, another process has this DATA_DIR open, and two PGlites on one folder would
 * corrupt it.
 */
async function removeStaleSocket(path: string): Promise<void> {
  const answered = await new Promise<boolean>((done) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      done(true);
    });
    probe.once('error', () => done(false));
  });
  if (answered) {
    throw new Error(`the embedded database at ${path} is in use by another process`);
  }
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
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

/**
 * Runs the embedded database on a DATA_DIR in a process of its own, for the spec that checks
 * who may reach it: PGlite cannot start inside a Jest worker. Prints `{url, socketFolder}` as
 * one JSON line once it listens, and stops when its stdin closes.
 * Run: node -r ts-node/register embedded-database-process.ts <DATA_DIR> [maxConnections, 3]
 */
import { JwtSecret } from '../../src/auth/jwt-secret';
import { parseEnv } from '../../src/config/env';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(dataDir: string | undefined, maxConnections = 3): Promise<void> {
  if (!dataDir) throw new Error('usage: embedded-database-process.ts <DATA_DIR>');
  // The API's other file in DATA_DIR, made as the API makes it.
  JwtSecret.resolve(parseEnv({ DATA_DIR: dataDir }));
  const database = await startEmbeddedPostgres(dataDir, maxConnections);
  process.stdout.write(
    `${JSON.stringify({ url: database.url, socketFolder: database.socketFolder })}\n`,
  );
  process.stdin.resume();
  process.stdin.once('end', () => {
    void database.stop().then(() => process.exit(0));
  });
}

main(process.argv[2], Number(process.argv[3] ?? 3)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** A PostgreSQL cluster of the test's own, which it may stop and start at will. */
export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: connections are cut, as when the database server goes away. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** The newest installed server's bin folder, e.g. /usr/lib/postgresql/15/bin. */
function serverBin(): string {
  const versions = readdirSync(PG_ROOT)
    .filter((version) => existsSync(join(PG_ROOT, version, 'bin', 'initdb')))
    .sort((x, y) => Number(y) - Number(x));
  const [newest] = versions;
  if (newest === undefined) throw new Error(`no PostgreSQL server under ${PG_ROOT}`);
  return join(PG_ROOT, newest, 'bin');
}

/** PostgreSQL refuses to run as root: as root, run its tools as the postgres OS user. */
async function asPostgresUser(bin: string, args: string[]): Promise<void> {
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', bin, ...args]);
  else await run(bin, args);
}

export async function createThrowawayPostgres(port: number): Promise<ThrowawayPostgres> {
  const bin = serverBin();
  const home = mkdtempSync(join(tmpdir(), 'scale-pg-'));
  const data = join(home, 'data');
  const log = join(home, 'log');
  if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', home]);
  await asPostgresUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
  ]);
  const pgCtl = (...args: string[]) =>
    asPostgresUser(join(bin, 'pg_ctl'), ['-D', data, '-w', ...args]);
  const withLog = async (step: Promise<void>, what: string) => {
    try {
      await step;
    } catch (error) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`${what} failed: ${(error as Error).message}\n${tail}`);
    }
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => withLog(pgCtl('-o', `-p ${port} -k ${home}`, '-l', log, 'start'), 'pg_ctl start'),
    stop: () => withLog(pgCtl('-m', 'fast', 'stop'), 'pg_ctl stop'),
    destroy: async () => {
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

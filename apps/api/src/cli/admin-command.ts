import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { passwordProblem, type AdminUser, type SiteRole } from '@chat/contract';
import { PasswordHasher } from '../auth/password-hasher';
import { revokeSessionsOf } from '../auth/sessions.service';
import { parseEnv } from '../config/env';
import { dataSourceOptions } from '../database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrations } from '../database/migrate';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';

export const USAGE = `usage: npm run admin -- <command>
  users                    list every account: username, role, active or deactivated, created
  promote USERNAME         make the account an admin
  demote USERNAME          make the admin a member (never the last active admin)
  reset-password USERNAME  set a new random password, print it once, end the account's sessions
On DATABASE_URL when set, otherwise on the embedded database in DATA_DIR (./data).`;

/** Where the command writes; the entry point passes process.stdout and process.stderr. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** A failure to explain to the operator in one sentence (exit code 1), never a stack trace. */
class Refusal extends Error {}

type Command =
  { name: 'users' } | { name: 'promote' | 'demote' | 'reset-password'; username: string };

function parseCommand(args: string[]): Command | null {
  const [name, username, ...rest] = args;
  if (rest.length > 0) return null;
  if (name === 'users' && username === undefined) return { name };
  if ((name === 'promote' || name === 'demote' || name === 'reset-password') && username) {
    return { name, username };
  }
  return null;
}

/**
 * The operator's command line: `npm run admin -- users | promote U | demote U | reset-password U`.
 * Returns the exit code. It opens the database as the API does; on the embedded data folder it
 * refuses while a running API holds it (two PGlites on one folder would corrupt it).
 */
export async function runAdminCommand(
  args: string[],
  environment: Record<string, string | undefined>,
  output: Output,
): Promise<number> {
  const command = parseCommand(args);
  if (!command) {
    output.err(USAGE);
    return 2;
  }
  let database: Database | undefined;
  try {
    database = await openDatabase(environment);
    await run(command, database.dataSource, output);
    return 0;
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    output.err(error.message);
    return 1;
  } finally {
    await database?.close();
  }
}

interface Database {
  dataSource: DataSource;
  close(): Promise<void>;
}

async function openDatabase(environment: Record<string, string | undefined>): Promise<Database> {
  const env = parseEnv(environment);
  let embedded: EmbeddedPostgres | undefined;
  let url = env.DATABASE_URL;
  if (!url) {
    const dataDir = resolve(env.DATA_DIR);
    if (!existsSync(join(dataDir, 'pg'))) {
      throw new Refusal(
        `There is no embedded database in ${dataDir} (DATA_DIR). Start the API once to create ` +
          'it, or set DATA_DIR or DATABASE_URL.',
      );
    }
    try {
      embedded = await startEmbeddedPostgres(dataDir, 2);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('in use')) throw error;
      throw new Refusal(
        `The embedded database in ${dataDir} is in use by a running API. Stop the API ` +
          'first (or, with a PostgreSQL server, run this with DATABASE_URL); nothing was changed.',
      );
    }
    url = embedded.url;
  }
  const dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
  await runMigrations(dataSource);
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

async function run(command: Command, dataSource: DataSource, output: Output): Promise<void> {
  const users = new UsersService(dataSource.getRepository(UserEntity));
  switch (command.name) {
    case 'users':
      return listUsers(users, output);
    case 'promote':
      return setRole(dataSource, users, command.username, 'admin', output);
    case 'demote':
      return setRole(dataSource, users, command.username, 'member', output);
    case 'reset-password':
      return resetPassword(dataSource, users, command.username, output);
  }
}

async function listUsers(users: UsersService, output: Output): Promise<void> {
  const all: AdminUser[] = [];
  for (let page = await users.listForAdmin(undefined, undefined, 100); ;) {
    all.push(...page);
    const last = page.at(-1);
    if (page.length < 100 || !last) break;
    page = await users.listForAdmin(undefined, last.username, 100);
  }
  if (all.length === 0) return output.out('No accounts yet: the first to sign up is the admin.');
  const width = Math.max(8, ...all.map((user) => user.username.length));
  output.out(`${'USERNAME'.padEnd(width)}  ROLE    STATUS                          CREATED`);
  for (const user of all) {
    const status = user.deactivatedAt ? `deactivated ${user.deactivatedAt}` : 'active';
    output.out(
      `${user.username.padEnd(width)}  ${user.role.padEnd(6)}  ${status.padEnd(30)}  ${user.createdAt}`,
    );
  }
}

async function setRole(
  dataSource: DataSource,
  users: UsersService,
  username: string,
  role: SiteRole,
  output: Output,
): Promise<void> {
  const changed = await dataSource.transaction(async (manager) => {
    const activeAdmins = await users.lockActiveAdmins(manager);
    const user = await users.lockByUsername(manager, username);
    if (!user) throw new Refusal(`There is no account named ${username}.`);
    if (user.role === role) return null;
    if (role === 'member' && activeAdmins.length === 1 && activeAdmins[0] === user.id) {
      throw new Refusal(
        `${user.username} is the last active admin: promote someone else first; nothing was changed.`,
      );
    }
    await users.setRole(manager, user.id, role);
    return user.username;
  });
  if (changed === null)
    output.out(`${username} is already ${role === 'admin' ? 'an admin' : 'a member'}.`);
  else output.out(`${changed} is now ${role === 'admin' ? 'an admin' : 'a member'}.`);
}

async function resetPassword(
  dataSource: DataSource,
  users: UsersService,
  username: string,
  output: Output,
): Promise<void> {
  const password = newPassword(username);
  const passwordHash = await new PasswordHasher().hash(password);
  const name = await dataSource.transaction(async (manager) => {
    const user = await users.lockByUsername(manager, username);
    if (!user) throw new Refusal(`There is no account named ${username}.`);
    await users.setPasswordHash(manager, user.id, passwordHash);
    await revokeSessionsOf(manager, user.id);
    return user.username;
  });
  output.out(`New password for ${name}: ${password}`);
  output.out(
    'It is shown this once. Every session of the account has ended; sockets already open ' +
      'close when their access token expires.',
  );
}

/** 16 random URL-safe characters (96 bits), as the signup rules accept. */
function newPassword(username: string): string {
  for (;;) {
    const password = randomBytes(12).toString('base64url');
    if (passwordProblem(password, username) === null) return password;
  }
}

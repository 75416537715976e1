// @ts-check
import { parseArgs } from 'node:util';

/** Every knob, its flag (--name) and environment variable (BENCH_NAME), and the default. */
const DEFAULTS = {
  servers: 'api,bare',
  scenarios: 'chat,mixed,members,busy,ramp,connections',
  reps: 2,
  warmup: 5,
  users: 200,
  rooms: 10,
  rate: 250,
  seconds: 20,
  accounts: 200,
  'busy-users': 50,
  'busy-rate': 200,
  'ramp-start': 100,
  'ramp-factor': 1.4,
  'ramp-steps': 16,
  'ramp-refine': 2,
  'ramp-seconds': 6,
  'ramp-p99-ms': 100,
  connections: '1000,5000',
  memberships: 10,
  'connection-memberships': 0,
  'port-base': 3200,
  profile: false,
  smoke: false,
};

/** Tiny numbers so the whole run takes seconds: proves both servers work, measures nothing. */
const SMOKE = {
  reps: 1,
  warmup: 0,
  users: 20,
  rooms: 2,
  rate: 20,
  seconds: 1,
  accounts: 10,
  'busy-users': 10,
  'busy-rate': 20,
  'ramp-start': 20,
  'ramp-steps': 2,
  'ramp-refine': 1,
  'ramp-seconds': 1,
  connections: '50',
  memberships: 2,
};

/** @param {string[]} argv */
export function readConfig(argv) {
  /** @type {Record<string, {type: 'string'|'boolean'}>} */
  const options = {};
  for (const [name, value] of Object.entries(DEFAULTS)) {
    options[name] = { type: typeof value === 'boolean' ? 'boolean' : 'string' };
  }
  const { values } = parseArgs({ args: argv, options, strict: true });
  const smoke = Boolean(values.smoke ?? envFlag('smoke'));
  /** @type {Record<string, string|number|boolean>} */
  const merged = { ...DEFAULTS, ...(smoke ? SMOKE : {}) };
  for (const name of Object.keys(DEFAULTS)) {
    const given = values[name] ?? process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
    if (given !== undefined) merged[name] = parseValue(name, given, DEFAULTS);
  }
  return toConfig(merged, smoke);
}

/** @param {string} name */
function envFlag(name) {
  const value = process.env[`BENCH_${name.toUpperCase()}`];
  return value === '1' || value === 'true';
}

/** @param {string} name @param {string|boolean} given @param {Record<string, unknown>} defaults */
function parseValue(name, given, defaults) {
  const kind = typeof defaults[name];
  if (kind === 'boolean') return given === true || given === '1' || given === 'true';
  if (kind === 'string') return String(given);
  const number = Number(given);
  if (!Number.isFinite(number) || number < 0) throw new Error(`--${name} must be a number ≥ 0`);
  return number;
}

/** @param {Record<string, string|number|boolean>} v @param {boolean} smoke */
function toConfig(v, smoke) {
  const list = (/** @type {string} */ key) => String(v[key]).split(',').filter(Boolean);
  const num = (/** @type {string} */ key) => Number(v[key]);
  const scenarios = list('scenarios');
  const known = ['chat', 'mixed', 'members', 'busy', 'ramp', 'connections'];
  const unknown = scenarios.filter((s) => !known.includes(s));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  const servers = /** @type {('api'|'bare')[]} */ (list('servers'));
  if (servers.some((s) => s !== 'api' && s !== 'bare')) throw new Error('--servers takes api,bare');
  return {
    smoke,
    servers,
    scenarios,
    reps: num('reps'),
    warmup: num('warmup'),
    chat: { users: num('users'), rooms: num('rooms'), rate: num('rate'), seconds: num('seconds') },
    busy: { users: num('busy-users'), rooms: 1, rate: num('busy-rate'), seconds: num('seconds') },
    ramp: {
      start: num('ramp-start'),
      factor: num('ramp-factor'),
      steps: num('ramp-steps'),
      refine: num('ramp-refine'),
      seconds: num('ramp-seconds'),
      p99LimitMs: num('ramp-p99-ms'),
    },
    connections: list('connections').map(Number),
    memberships: num('memberships'),
    connectionMemberships: num('connection-memberships'),
    accounts: num('accounts'),
    portBase: num('port-base'),
    profile: Boolean(v.profile),
  };
}
/** @typedef {ReturnType<typeof toConfig>} BenchConfig */

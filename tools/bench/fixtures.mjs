// @ts-check
// Users and rooms the scenarios need. On the API they are made over REST once per server and
// reused (a signup costs an argon2 hash, ~0.13 s); the bare server accepts any name and token.

/** @typedef {import('./servers.mjs').RunningServer} RunningServer */

const SIGNUP_CONCURRENCY = 4;

/**
 * @param {string} url @param {string} path @param {object} body @param {string} [token]
 * @returns {Promise<any>}
 */
async function post(url, path, body, token) {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/**
 * Makes sure `server` has at least `count` accounts; returns their access tokens.
 * @param {RunningServer & { tokens?: string[], tag?: string }} server @param {number} count
 */
export async function ensureAccounts(server, count) {
  server.tokens ??= [];
  server.tag ??= Math.random().toString(36).slice(2, 8);
  if (server.kind === 'bare') {
    while (server.tokens.length < count) server.tokens.push(`bare-${server.tokens.length}`);
    return server.tokens.slice(0, count);
  }
  const tokens = server.tokens;
  const tag = server.tag;
  let next = tokens.length;
  const worker = async () => {
    while (next < count) {
      const username = `b${tag}u${next++}`;
      const body = await post(server.url, '/api/auth/signup', {
        username,
        password: `pw-${username}-bench`,
      });
      tokens.push(body.accessToken);
    }
  };
  await Promise.all(Array.from({ length: SIGNUP_CONCURRENCY }, worker));
  return tokens.slice(0, count);
}

/**
 * `count` accounts made for this call alone, members of nothing yet: the memberships scenarios
 * need them, because every room the shared accounts ever joined (the warm-up's, each earlier
 * repetition's) stays one of their memberships, and a socket subscribes to all of them.
 * @param {RunningServer & { tokens?: string[], tag?: string }} server @param {number} count
 */
export async function freshAccounts(server, count) {
  return ensureAccounts({ ...server, tokens: [], tag: undefined }, count);
}

/**
 * Creates `count` fresh rooms (new names each call, so no earlier run's history is in them).
 * @param {RunningServer & { tokens?: string[], tag?: string }} server
 * @param {number} count @param {string} label
 */
export async function createRooms(server, count, label) {
  const [owner] = await ensureAccounts(server, 1);
  const stamp = Date.now().toString(36);
  const names = Array.from({ length: count }, (_, i) => `b${server.tag}-${label}-${stamp}-${i}`);
  if (server.kind === 'api') {
    for (const name of names) await post(server.url, '/api/rooms', { name }, owner);
  }
  return names;
}

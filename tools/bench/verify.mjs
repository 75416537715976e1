// @ts-check
// The safety check: an ack promises the message is committed, so every acked id must be found
// in the database afterwards.
// @ts-expect-error pg ships no type declarations and @types/pg is not installed
import pg from 'pg';

const PAGE = 100;

/**
 * @param {{ url: string, databaseUrl?: string, tokens?: string[], ackedIds?: Map<string, string[]> }} server
 * @returns {Promise<{ checked: number, missing: string[], via: string }>}
 */
export async function verifyAckedMessages(server) {
  /** @type {[string, string[]][]} */
  const acked = [...(server.ackedIds ?? new Map()).entries()];
  const checked = acked.reduce((sum, [, ids]) => sum + ids.length, 0);
  if (server.databaseUrl) {
    const stored = await storedIdsFromDatabase(
      server.databaseUrl,
      acked.flatMap(([, ids]) => ids),
    );
    const missing = acked.flatMap(([, ids]) =>
      ids.filter((/** @type {string} */ id) => !stored.has(id)),
    );
    return { checked, missing, via: 'pg' };
  }
  const token = server.tokens?.[0];
  if (!token) throw new Error('no account to read messages with');
  const missing = [];
  for (const [room, ids] of acked) {
    const stored = await storedIdsFromRest(server.url, token, room, ids);
    missing.push(...ids.filter((id) => !stored.has(id)));
  }
  return { checked, missing, via: 'REST' };
}

/** @param {string} databaseUrl @param {string[]} ids */
async function storedIdsFromDatabase(databaseUrl, ids) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const res = await client.query(
      'SELECT id::text AS id FROM messages WHERE id = ANY($1::bigint[])',
      [ids],
    );
    return new Set(res.rows.map((/** @type {{ id: string }} */ row) => String(row.id)));
  } finally {
    await client.end();
  }
}

/**
 * Pages GET /api/rooms/:name/messages?after= from just below the smallest acked id.
 * Bounded: at most enough pages for the acked ids plus a margin.
 * @param {string} url @param {string} token @param {string} room @param {string[]} ids
 */
async function storedIdsFromRest(url, token, room, ids) {
  const stored = new Set();
  let after = ids.reduce((min, id) => (BigInt(id) < min ? BigInt(id) : min), BigInt(ids[0])) - 1n;
  const maxPages = Math.ceil(ids.length / PAGE) + 20;
  for (let page = 0; page < maxPages; page++) {
    const res = await fetch(`${url}/api/rooms/${room}/messages?after=${after}&limit=${PAGE}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`GET messages of ${room} answered ${res.status}`);
    /** @type {{ id: string }[]} */
    const messages = await res.json();
    for (const message of messages) stored.add(message.id);
    if (messages.length < PAGE) break;
    after = BigInt(messages[messages.length - 1].id);
  }
  return stored;
}

/**
 * The `@name` being typed at the caret, by the server's rule for mentions: the `@` does not
 * follow a letter, digit, `_`, `.` or `-`, and what follows it up to the caret is a username's
 * start (at most 32 of those characters).
 */
export interface MentionQuery {
  /** Index of the `@` in the text. */
  start: number;
  /** What was typed after the `@`, up to the caret (may be empty). */
  prefix: string;
}

const NAME_CHAR = /[A-Za-z0-9_.-]/;
const NAME_MAX = 32;

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  let at = caret - 1;
  while (at >= 0 && caret - at <= NAME_MAX + 1 && NAME_CHAR.test(text.charAt(at))) at -= 1;
  if (at < 0 || text.charAt(at) !== '@') return null;
  if (at > 0 && NAME_CHAR.test(text.charAt(at - 1))) return null;
  const prefix = text.slice(at + 1, caret);
  return prefix.length > NAME_MAX ? null : { start: at, prefix };
}

/**
 * The text with the `@prefix` (and the rest of the name the caret was inside) replaced by
 * `@username `, and the caret just after that space.
 */
export function insertMention(
  text: string,
  query: MentionQuery,
  username: string,
): { text: string; caret: number } {
  let end = query.start + 1 + query.prefix.length;
  while (end < text.length && NAME_CHAR.test(text.charAt(end))) end += 1;
  // One space after the name: keep one that is already there rather than doubling it.
  if (text.charAt(end) === ' ') end += 1;
  const inserted = `@${username} `;
  return {
    text: text.slice(0, query.start) + inserted + text.slice(end),
    caret: query.start + inserted.length,
  };
}

/** The usernames starting with `prefix` (case-insensitively, ASCII), at most `limit`. */
export function matchingNames(names: readonly string[], prefix: string, limit: number): string[] {
  const key = prefix.toLowerCase();
  return names.filter((name) => name.toLowerCase().startsWith(key)).slice(0, limit);
}

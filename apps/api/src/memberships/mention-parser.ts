import { usernameKey } from '@chat/contract';

/**
 * `@name` where `name` is a username (the pattern's characters, 3 to 32 of them, the whole run)
 * and the `@` does not follow a letter, digit, `_`, `.` or `-` (so `ada@example.org` mentions
 * nobody). Returns the names' keys (case-folded), once each, in order of first appearance.
 */
const MENTION = /(?<![A-Za-z0-9_.-])@([A-Za-z0-9_.-]+)/g;

export function mentionedKeys(content: string): string[] {
  const keys: string[] = [];
  for (const match of content.matchAll(MENTION)) {
    const name = match[1];
    if (name === undefined || name.length < 3 || name.length > 32) continue;
    const key = usernameKey(name);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

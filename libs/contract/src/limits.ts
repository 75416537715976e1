/** Validation rules shared by the API (server-side checks) and the SPA (inline hints). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const MESSAGE_MAX_LENGTH = 4000;
export const CLIENT_ID_MAX_LENGTH = 64;
export const MESSAGES_PAGE_DEFAULT = 50;
export const MESSAGES_PAGE_MAX = 100;
export const MISSED_MESSAGES_MAX = 500;
/** `room:join` acks carry at most this many `changed` messages. */
export const CHANGED_MESSAGES_MAX = 500;
/** `GET /api/rooms/:name/changes` paging. */
export const CHANGES_PAGE_DEFAULT = 100;
export const CHANGES_PAGE_MAX = 500;
/** Distinct emoji one message may carry. */
export const REACTIONS_PER_MESSAGE_MAX = 20;
/** `replyTo.content` holds at most this many code points of the original. */
export const REPLY_PREVIEW_LENGTH = 200;

/**
 * Exactly one RGI emoji sequence (👍, 👍🏽, ❤️, 🇫🇷, 👩‍💻 …). Built with the `v` flag's
 * `\p{RGI_Emoji}` property of strings, so Unicode's own list decides; a bare ❤ (no U+FE0F) is not
 * one. Constructed at run time because the `v` flag postdates the compile target.
 */
export const EMOJI_PATTERN = new RegExp('^\\p{RGI_Emoji}$', 'v');
export function isEmoji(value: string): boolean {
  return EMOJI_PATTERN.test(value);
}
/**
 * The server relays one user's `typing` in a room at most once per this interval by default
 * (TYPING_INTERVAL_SECONDS); more often is answered `rate_limited`, so clients throttle to it.
 */
export const TYPING_INTERVAL_MS = 2000;
/** Request bodies and Socket.IO packets above this many bytes are refused. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** Rooms per page of `GET /api/rooms?limit=` (without `limit` the list is whole). */
export const ROOMS_PAGE_MAX = 500;

/**
 * The one case-folding of usernames: ASCII letters only. Valid usernames are ASCII, so this is
 * exactly what the unique index `lower(username)` holds for every account; folding anything
 * beyond ASCII (JavaScript's `toLowerCase`, PostgreSQL's `lower`) would let look-alikes such as
 * `İ` (U+0130) reach a real account or escape its login lockout. Used for the user look-up, the
 * lockout key and signup.
 */
export function usernameKey(username: string): string {
  return username.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Digits of any script (Arabic-Indic, Devanagari, fullwidth…), not only 0-9. */
const ALL_DIGITS = /^\p{Nd}+$/u;
/** Spaces, tabs, no-break and ideographic spaces…: eight of them guard nothing. */
const ALL_WHITE_SPACE = /^\s+$/u;

/**
 * Why a password is refused, or null when it is acceptable, for the rules a client can check
 * itself. The API also refuses passwords on its list of commonly used ones.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    return `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`;
  }
  if (ALL_DIGITS.test(password)) return 'password must not be all digits';
  if (ALL_WHITE_SPACE.test(password)) return 'password must not be only white space';
  if (usernameKey(password) === usernameKey(username)) {
    return 'password must not be the same as the username';
  }
  return null;
}

/** Orders message ids as 64-bit integers: negative, zero or positive like `Array.sort` wants. */
export function compareMessageIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

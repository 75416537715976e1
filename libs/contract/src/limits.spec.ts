import {
  compareMessageIds,
  isEmoji,
  passwordProblem,
  usernameKey,
  USERNAME_PATTERN,
  ROOM_NAME_PATTERN,
} from './limits';
import { newerMessage } from './models';

describe('passwordProblem', () => {
  it.each([
    ['8 characters', 'abcdefg1', 'ada'],
    ['128 characters', 'x'.repeat(128), 'ada'],
    ['digits mixed with letters', '12345678a', 'ada'],
    ['the username inside a longer password', 'ada-lovelace-1815', 'ada-lovelace'],
  ])('accepts %s', (_case, password, username) => {
    expect(passwordProblem(password, username)).toBeNull();
  });

  it.each([
    ['7 characters', 'abcdef1', 'ada', /8 to 128 characters/],
    ['129 characters', 'x'.repeat(129), 'ada', /8 to 128 characters/],
    ['all digits', '1234567890', 'ada', /all digits/],
    ['all Arabic-Indic digits', '١٢٣٤٥٦٧٨', 'ada', /all digits/],
    ['all Devanagari digits', '१२३४५६७८९', 'ada', /all digits/],
    ['all fullwidth digits', '１２３４５６７８', 'ada', /all digits/],
    ['eight spaces', '        ', 'ada', /only white space/],
    [
      'tabs, no-break and ideographic spaces',
      '\t\u00a0\u3000\t\u00a0\u3000  ',
      'ada',
      /only white space/,
    ],
    ['the username', 'grace.hopper', 'grace.hopper', /same as the username/],
    ['the username in other casing', 'GRACE.Hopper', 'grace.hopper', /same as the username/],
  ])('refuses %s with a reason', (_case, password, username, reason) => {
    expect(passwordProblem(password, username)).toMatch(reason);
  });
});

describe('usernameKey', () => {
  it('folds ASCII letters and nothing else', () => {
    expect(usernameKey('Grace.Hopper_42-X')).toBe('grace.hopper_42-x');
    // JavaScript folds U+0130 to "i̇" and PostgreSQL's lower() to "i": neither may reach "admin".
    expect(usernameKey('admİn')).toBe('admİn');
    expect(usernameKey('admİn')).not.toBe(usernameKey('admin'));
    // The Kelvin sign lowercases to a plain "k" in JavaScript; here it stays apart.
    expect(usernameKey('\u212Aate')).not.toBe(usernameKey('kate'));
  });
});

describe('compareMessageIds', () => {
  const beyond = (n: bigint) => (2n ** 53n + n).toString();

  it('orders ids numerically, not as text', () => {
    expect(compareMessageIds('9', '10')).toBeLessThan(0);
    expect(compareMessageIds('100', '99')).toBeGreaterThan(0);
    expect(compareMessageIds('42', '42')).toBe(0);
  });

  it('tells apart ids beyond 2^53 that are equal as floats', () => {
    expect(Number(beyond(1n))).toBe(Number(beyond(0n)));
    expect(compareMessageIds(beyond(0n), beyond(1n))).toBeLessThan(0);
    expect(compareMessageIds(beyond(1n), beyond(0n))).toBeGreaterThan(0);
    expect(compareMessageIds('9223372036854775807', '9223372036854775806')).toBeGreaterThan(0);
  });

  it('sorts a mixed list like Array.sort wants', () => {
    const ids = [beyond(2n), '10', beyond(1n), '9', '9223372036854775807'];
    expect([...ids].sort(compareMessageIds)).toEqual([
      '9',
      '10',
      beyond(1n),
      beyond(2n),
      '9223372036854775807',
    ]);
  });
});

describe('name patterns', () => {
  it('match the contract for usernames and room names', () => {
    expect(['abc', 'A.b-c_9', 'x'.repeat(32)].every((name) => USERNAME_PATTERN.test(name))).toBe(
      true,
    );
    expect(
      ['ab', 'x'.repeat(33), 'a b', 'a/b', 'é_ok'].some((name) => USERNAME_PATTERN.test(name)),
    ).toBe(false);
    expect(
      ['a', 'General_chat-1', 'r'.repeat(64)].every((name) => ROOM_NAME_PATTERN.test(name)),
    ).toBe(true);
    expect(
      ['', 'r'.repeat(65), 'dot.name', 'two words'].some((name) => ROOM_NAME_PATTERN.test(name)),
    ).toBe(false);
  });
});

describe('isEmoji', () => {
  it.each(['👍', '👍🏽', '❤️', '🇫🇷', '👩‍💻', '🏳️‍🌈'])('accepts %s, one RGI emoji sequence', (emoji) => {
    expect(isEmoji(emoji)).toBe(true);
  });

  it.each(['', 'a', '👍👍', '❤', ' 👍', '👍 ', ':+1:', '1'])('refuses %j', (value) => {
    expect(isEmoji(value)).toBe(false);
  });
});

describe('newerMessage', () => {
  it('keeps the copy with the larger seq, compared as big integers', () => {
    const older = { seq: '9007199254740993' };
    const newer = { seq: '9007199254740994' };
    expect(newerMessage(older, newer)).toBe(newer);
    expect(newerMessage(newer, older)).toBe(newer);
    expect(newerMessage({ seq: '9' }, { seq: '10' })).toEqual({ seq: '10' });
  });
});

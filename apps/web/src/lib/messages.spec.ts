import { describe, expect, it } from 'vitest';
import { aMessage, users } from '../test/fake-socket';
import { continuesGroup, mergeMessages } from './messages';

const ids = (list: { id: string }[]) => list.map((m) => m.id);

describe('mergeMessages', () => {
  it('keeps one copy of each id and orders by id', () => {
    const merged = mergeMessages([aMessage('3'), aMessage('1')], [aMessage('2'), aMessage('3')]);
    expect(ids(merged)).toEqual(['1', '2', '3']);
  });

  it('orders ids as 64-bit integers, not floats nor strings', () => {
    // 2^53 + 1 and 2^53 are the same float; '10' < '9' as strings.
    const merged = mergeMessages(
      [aMessage('9007199254740993'), aMessage('10')],
      [aMessage('9007199254740992'), aMessage('9')],
    );
    expect(ids(merged)).toEqual(['9', '10', '9007199254740992', '9007199254740993']);
  });

  it('takes the newer copy of a message it already had', () => {
    const merged = mergeMessages(
      [aMessage('5', { content: 'old' })],
      [aMessage('5', { content: 'new' })],
    );
    expect(merged.map((m) => m.content)).toEqual(['new']);
  });
});

describe('continuesGroup', () => {
  it('groups consecutive messages of one author sent close together', () => {
    const first = aMessage('1', { createdAt: '2026-01-01T12:00:00.000Z' });
    const second = aMessage('2', { createdAt: '2026-01-01T12:01:00.000Z' });
    expect(continuesGroup(first, second)).toBe(true);
  });

  it('starts a new group for another author or after a long pause', () => {
    const first = aMessage('1', { createdAt: '2026-01-01T12:00:00.000Z' });
    expect(continuesGroup(first, aMessage('2', { author: users.alice }))).toBe(false);
    expect(continuesGroup(first, aMessage('3', { createdAt: '2026-01-01T13:00:00.000Z' }))).toBe(
      false,
    );
    expect(continuesGroup(undefined, first)).toBe(false);
  });
});

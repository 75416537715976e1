import { describe, expect, it } from 'vitest';
import { aMessage, users } from '../test/fake-socket';
import { continuesGroup, cursorOf, liveMessages, mergeMessages } from './messages';

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

  it('keeps the copy with the larger seq, whichever arrives last', () => {
    const older = aMessage('5', { content: 'old', seq: '9007199254740993' });
    const newer = aMessage('5', { content: 'new', seq: '9007199254740994' });
    expect(mergeMessages([older], [newer]).map((m) => m.content)).toEqual(['new']);
    expect(mergeMessages([newer], [older]).map((m) => m.content)).toEqual(['new']);
  });

  it('never replaces a tombstone, and the log leaves it out', () => {
    const tombstone = aMessage('5', { content: '', deleted: true, seq: '8' });
    const merged = mergeMessages([tombstone], [aMessage('5', { content: 'back', seq: '9' })]);
    expect(merged).toEqual([tombstone]);
    expect(liveMessages([aMessage('4'), ...merged]).map((m) => m.id)).toEqual(['4']);
  });

  it('updates a reply’s quote when its original changes (the reply gets no seq of its own)', () => {
    const original = aMessage('5', { content: 'question' });
    const quote = { id: '5', author: original.author, content: 'question', deleted: false };
    const reply = aMessage('6', { replyTo: quote });
    const edited = mergeMessages(
      [original, reply],
      [aMessage('5', { content: 'better question', seq: '7' })],
    );
    expect(edited[1]?.replyTo).toEqual({ ...quote, content: 'better question' });
    const deleted = mergeMessages(edited, [
      aMessage('5', { content: '', deleted: true, seq: '8' }),
    ]);
    expect(deleted[1]?.replyTo).toEqual({ ...quote, content: '', deleted: true });
  });
});

describe('cursorOf', () => {
  it('is the largest seq held, tombstones included', () => {
    expect(cursorOf([])).toBeUndefined();
    expect(
      cursorOf([
        aMessage('3', { seq: '12' }),
        aMessage('10'),
        aMessage('4', { deleted: true, seq: '11' }),
      ]),
    ).toBe('12');
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

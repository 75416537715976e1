import { describe, expect, it } from 'vitest';
import { aMessage, users } from '../test/fake-socket';
import { dayLabel } from './dates';
import { dayRows } from './day-rows';
import type { PendingMessage } from './messages';

/** Local noon of a day, so no time zone moves a message across midnight. */
const at = (year: number, month: number, day: number, hour = 12) =>
  new Date(year, month - 1, day, hour).toISOString();
const NOW = new Date(2026, 11, 3, 18).getTime();

describe('dayLabel', () => {
  it('says Today, Yesterday, else the date, with the year only when it is not this one', () => {
    expect(dayLabel(at(2026, 12, 3, 0), NOW)).toBe('Today');
    expect(dayLabel(at(2026, 12, 2, 23), NOW)).toBe('Yesterday');
    const older = dayLabel(at(2026, 11, 28), NOW);
    expect(older).toMatch(/28/);
    expect(older).not.toMatch(/2026/);
    expect(dayLabel(at(2025, 12, 31), NOW)).toMatch(/2025/);
  });
});

describe('dayRows', () => {
  it('opens each day with its label and never groups across a day', () => {
    const messages = [
      aMessage('1', { createdAt: at(2026, 12, 2, 23) }),
      aMessage('2', { createdAt: at(2026, 12, 3, 0) }),
      aMessage('3', { createdAt: new Date(Date.parse(at(2026, 12, 3, 0)) + 60_000).toISOString() }),
    ];
    const pending: PendingMessage[] = [
      {
        clientId: 'c',
        content: 'x',
        createdAt: at(2026, 12, 3, 17),
        status: 'waiting',
        problem: null,
      },
    ];
    const rows = dayRows(messages, pending, users.alice.id, NOW);
    expect(rows.map((row) => row.day)).toEqual(['Yesterday', 'Today', null, null]);
    expect(rows.map((row) => (row.kind === 'message' ? row.grouped : null))).toEqual([
      false,
      false,
      true,
      null,
    ]);
  });

  it('gives the pending messages a day label when they open a new day', () => {
    const rows = dayRows(
      [aMessage('1', { createdAt: at(2026, 12, 2) })],
      [
        {
          clientId: 'c',
          content: 'x',
          createdAt: at(2026, 12, 3),
          status: 'sending',
          problem: null,
        },
      ],
      users.alice.id,
      NOW,
    );
    expect(rows.map((row) => row.day)).toEqual(['Yesterday', 'Today']);
  });
});

import 'reflect-metadata';
import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { WsValidationPipe } from '../ws-validation.pipe';
import { MessageSendDto, TypingDto } from './chat-payloads.dto';
import { MessageSendPipe, TypingPipe } from './hot-payload.pipes';

type Outcome = { value: Record<string, unknown> } | { error: string };

async function outcome(run: () => unknown): Promise<Outcome> {
  try {
    const value = (await run()) as Record<string, unknown>;
    return { value: { ...value } };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { error: `${code}: ${message}` };
  }
}

const long = (n: number) => 'x'.repeat(n);
const label = (c: unknown) => (JSON.stringify(c) ?? String(c)).slice(0, 60);

const sendCases: unknown[] = [
  { room: 'lobby', content: 'hello' },
  { room: 'lobby', content: '  padded  ', clientId: 'c-1' },
  { room: 'lobby', content: 'hi', clientId: null },
  { room: 'lobby', content: '<b>markup</b> 👋🏽 مرحبا' },
  { room: 'lobby', content: '🎉'.repeat(4000) },
  { room: 'lobby', content: long(4000), clientId: long(64) },
  { room: 'lobby', content: long(4001) },
  { room: 'lobby', content: '   ' },
  { room: 'lobby', content: '' },
  { room: 'lobby', content: 42 },
  { room: 'lobby', content: ['hi'] },
  { room: 'lobby', content: null },
  { room: 'lobby' },
  { content: 'hi' },
  { room: 7, content: 'hi' },
  { room: '', content: 'hi' },
  { room: long(65), content: 'hi' },
  { room: 'lobby', content: 'hi', clientId: '' },
  { room: 'lobby', content: 'hi', clientId: long(65) },
  { room: 'lobby', content: 'hi', clientId: 12 },
  { room: 'lobby', content: 'hi', extra: true },
  // Replies: a positive decimal message id that fits a bigint.
  { room: 'lobby', content: 'hi', replyTo: '7' },
  { room: 'lobby', content: 'hi', replyTo: null },
  { room: 'lobby', content: 'hi', replyTo: '0' },
  { room: 'lobby', content: 'hi', replyTo: '07' },
  { room: 'lobby', content: 'hi', replyTo: 7 },
  { room: 'lobby', content: 'hi', replyTo: '9223372036854775808' },
  { room: 'lobby', content: '', replyTo: 'x' },
  JSON.parse('{"room":"lobby","content":"hi","__proto__":{"polluted":true}}'),
  { extra: 1, other: 2 },
  {},
  { room: 1, content: 2, clientId: 3, extra: 4 },
  null,
  'lobby',
  42,
  ['lobby', 'hi'],
  undefined,
  // The text rule: NUL and the other C0 controls but tab and newline.
  { room: 'lobby', content: '\u0000' },
  { room: 'lobby', content: 'a\u0000b', clientId: 'c\u0001' },
  { room: 'lobby\u0000', content: 'hi' },
  { room: 'lobby', content: 'tab\tand\nnewline' },
  { room: 'lobby', content: ' \u001b[2J ' },
  { room: 'lobby', content: '\u0000'.repeat(4001) },
  // Binary and other non-plain payloads, and many problems at once.
  Buffer.from('{"room":"lobby","content":"hi"}'),
  new Uint8Array([1, 2, 3]),
  new Date(0),
  Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])),
];

const typingCases: unknown[] = [
  { room: 'lobby' },
  { room: '' },
  { room: 3 },
  { room: long(65) },
  {},
  { room: 'lobby', user: 'someone' },
  null,
  'lobby',
  { room: '\u0000' },
  Buffer.alloc(64),
];

function viaDto(pipe: PipeTransform<unknown, unknown>, metatype: ArgumentMetadata['metatype']) {
  return (value: unknown): unknown => pipe.transform(value, { type: 'body', metatype });
}

const events = [
  { event: 'message:send', dto: MessageSendDto, pipe: new MessageSendPipe(), cases: sendCases },
  { event: 'typing', dto: TypingDto, pipe: new TypingPipe(), cases: typingCases },
];

describe.each(events)('hand-written $event pipe', ({ dto, pipe, cases }) => {
  const generic = new WsValidationPipe();

  it.each(cases.map((c) => [label(c), c]))(
    '%s: same result and message as the DTO',
    async (_label, payload) => {
      const expected = await outcome(() => viaDto(generic, dto)(payload));
      const actual = await outcome(() => pipe.transform(payload));
      expect(actual).toEqual(expected);
    },
  );
});

it('message:send stores content trimmed and leaves the caller’s object alone', () => {
  const payload = { room: 'lobby', content: '  hi  ' };
  expect(new MessageSendPipe().transform(payload).content).toBe('hi');
  expect(payload.content).toBe('  hi  ');
});

// One deliberate difference: class-transformer passes keys that name Object.prototype members
// without a word; these pipes refuse them like any other unknown key.
it('refuses keys named like Object.prototype members, as any other unknown key', () => {
  const payload = { room: 'lobby', content: 'hi', toString: 'x' };
  expect(() => new MessageSendPipe().transform(payload)).toThrow(
    'property toString should not exist',
  );
});

it('refuses control characters in each text field, naming the field', () => {
  expect(() =>
    new MessageSendPipe().transform({ room: 'l\u0000', content: 'a\u0000b', clientId: 'c\u0001' }),
  ).toThrow(
    'content must not contain control characters; clientId must not contain control characters; ' +
      'room must not contain control characters',
  );
  expect(() => new TypingPipe().transform({ room: '\u0000' })).toThrow(
    'room must not contain control characters',
  );
});

it('refuses binary payloads before looking inside them', () => {
  for (const payload of [Buffer.alloc(60_000), new Float64Array(8), new ArrayBuffer(8)]) {
    expect(() => new MessageSendPipe().transform(payload)).toThrow(/^payload must be an object$/);
  }
});

it('lists at most five problems, however many keys a payload has', () => {
  const payload = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
  expect(() => new MessageSendPipe().transform(payload)).toThrow(
    /^property k0 should not exist; .* property k4 should not exist; and 4999 more problems$/,
  );
});

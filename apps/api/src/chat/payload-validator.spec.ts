import 'reflect-metadata';
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, ValidateNested } from 'class-validator';
import { DomainError } from '../common/domain-error';
import { listProblems } from '../common/validation/problems';
import { CLIENT_EVENTS, isClientEvent } from './chat-events';
import { MessageSendDto, TypingDto } from './dto/chat-payloads.dto';
import { isPlainObject, PayloadValidator, type PayloadClass } from './payload-validator';

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

/**
 * What Nest's ValidationPipe (class-transformer, then class-validator) makes of a payload, with
 * the options REST bodies get: the reference PayloadValidator must agree with.
 */
function viaNest(type: PayloadClass) {
  const pipe = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors: ValidationError[]) =>
      new DomainError('invalid', listProblems(flatten(errors)).join('; ')),
  });
  return (value: unknown): unknown => {
    if (!isPlainObject(value)) throw new DomainError('invalid', 'payload must be an object');
    return pipe.transform(value, { type: 'body', metatype: type });
  };
}
function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}),
    ...flatten(e.children ?? []),
  ]);
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

const roomCases: unknown[] = [
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

const joinCases: unknown[] = [
  ...roomCases,
  { room: 'lobby', since: '0' },
  { room: 'lobby', since: '9223372036854775807' },
  { room: 'lobby', since: '9223372036854775808' },
  { room: 'lobby', since: '-1' },
  { room: 'lobby', since: 12 },
  { room: 'lobby', since: null },
  { room: 'lobby', since: '1'.repeat(20) },
];

const refreshCases: unknown[] = [
  { token: 'a.b.c' },
  { token: '' },
  { token: long(2049) },
  { token: 7 },
  { token: 'a\u0000' },
  {},
  { token: 'a.b.c', room: 'lobby' },
];

const editCases: unknown[] = [
  { room: 'lobby', id: '7', content: '  fixed  ' },
  { room: 'lobby', id: '7', content: ' ' },
  { room: 'lobby', id: '0', content: 'hi' },
  { room: 'lobby', id: 7, content: 'hi' },
  { room: 'lobby', content: 'hi' },
  { room: 'lobby', id: '7', content: 'hi', clientId: 'c-1' },
  { room: 'lobby', id: '7', content: 'a\u0000b' },
];

const deleteCases: unknown[] = [
  { room: 'lobby', id: '7' },
  { room: 'lobby', id: 'x' },
  { room: 'lobby', id: '9223372036854775808' },
  { room: 'lobby' },
  { id: '7' },
];

const reactionCases: unknown[] = [
  { room: 'lobby', messageId: '7', emoji: '👍' },
  { room: 'lobby', messageId: '7', emoji: '👩‍💻' },
  { room: 'lobby', messageId: '7', emoji: '👍👍' },
  { room: 'lobby', messageId: '7', emoji: 'x' },
  { room: 'lobby', messageId: '7', emoji: 7 },
  { room: 'lobby', messageId: '0', emoji: '👍' },
  { room: 'lobby', messageId: '7' },
  { room: 'lobby', id: '7', emoji: '👍' },
];

const readCases: unknown[] = [
  { room: 'lobby', lastReadId: '7' },
  { room: 'lobby', lastReadId: '0' },
  { room: 'lobby', lastReadId: 'x' },
  { room: 'lobby', lastReadId: 7 },
  { room: 'lobby', lastReadId: '9223372036854775808' },
  { room: 'lobby' },
  { lastReadId: '7' },
];

const casesOf: { [E in keyof typeof CLIENT_EVENTS]: unknown[] } = {
  'room:join': joinCases,
  'room:leave': roomCases,
  'message:send': sendCases,
  typing: roomCases,
  'auth:refresh': refreshCases,
  'message:edit': editCases,
  'message:delete': deleteCases,
  'reaction:add': reactionCases,
  'reaction:remove': reactionCases,
  'room:read': readCases,
};
const events = Object.entries(CLIENT_EVENTS).map(([event, { payload }]) => ({
  event,
  payload,
  cases: casesOf[event as keyof typeof CLIENT_EVENTS],
}));

describe.each(events)('$event payloads', ({ payload, cases }) => {
  const validator = PayloadValidator.for<object>(payload);
  const reference = viaNest(payload);

  it.each(cases.map((c) => [label(c), c]))(
    '%s: the same result and message as Nest’s ValidationPipe',
    async (_label, value) => {
      const expected = await outcome(() => reference(value));
      const actual = await outcome(() => validator.validate(value));
      expect(actual).toEqual(expected);
    },
  );
});

const send = PayloadValidator.for(MessageSendDto);

it('judges content trimmed, keeps it trimmed, and leaves the caller’s object alone', () => {
  const payload = { room: 'lobby', content: '  hi  ' };
  const valid = send.validate(payload);
  expect(valid).toBeInstanceOf(MessageSendDto);
  expect(valid).toEqual({ room: 'lobby', content: 'hi' });
  expect(payload.content).toBe('  hi  ');
  expect(() => send.validate({ room: 'lobby', content: ' \n\t ' })).toThrow(
    'content must be 1 to 4000 characters after trimming',
  );
});

// One deliberate difference: class-transformer passes keys that name Object.prototype members
// without a word; this validator refuses them like any other unknown key.
it('refuses keys named like Object.prototype members, as any other unknown key', () => {
  expect(() => send.validate({ room: 'lobby', content: 'hi', toString: 'x' })).toThrow(
    'property toString should not exist',
  );
  expect(() => send.validate(JSON.parse('{"room":"lobby","content":"hi","__proto__":{}}'))).toThrow(
    'property __proto__ should not exist',
  );
});

it('refuses control characters in each text field, naming the field', () => {
  expect(() =>
    send.validate({ room: 'l\u0000', content: 'a\u0000b', clientId: 'c\u0001' }),
  ).toThrow(
    'room must not contain control characters; content must not contain control characters; ' +
      'clientId must not contain control characters',
  );
  expect(() => PayloadValidator.for(TypingDto).validate({ room: '\u0000' })).toThrow(
    'room must not contain control characters',
  );
});

it('refuses binary payloads before looking inside them', () => {
  for (const payload of [Buffer.alloc(60_000), new Float64Array(8), new ArrayBuffer(8)]) {
    expect(() => send.validate(payload)).toThrow(/^payload must be an object$/);
  }
});

it('lists at most five problems, however many keys a payload has', () => {
  const payload = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
  expect(() => send.validate(payload)).toThrow(
    /^property k0 should not exist; .* property k4 should not exist; and 4999 more problems$/,
  );
});

class Point {
  @IsInt() x!: number;
}
class Shape {
  @IsString() @Length(1, 8) name!: string;
  @ValidateNested() @Type(() => Point) at!: Point;
}

it('judges a class with nested DTOs by class-transformer and class-validator themselves', async () => {
  const shape = PayloadValidator.for(Shape);
  const reference = viaNest(Shape);
  for (const value of [
    { name: 'dot', at: { x: 1 } },
    { name: '', at: { x: 'one' } },
    { name: 'dot', at: { x: 1, y: 2 } },
  ]) {
    expect(await outcome(() => shape.validate(value))).toEqual(
      await outcome(() => reference(value)),
    );
  }
  expect(shape.validate({ name: 'dot', at: { x: 1 } }).at).toBeInstanceOf(Point);
});

describe('CLIENT_EVENTS', () => {
  it('knows the events of every gateway on the namespace, auth:refresh included', () => {
    for (const event of ['room:join', 'typing', 'auth:refresh', 'message:edit', 'reaction:add']) {
      expect(isClientEvent(event)).toBe(true);
    }
  });

  it.each(['message:new', 'presence', 'toString', '__proto__', 'constructor', ''])(
    'does not take %p for a client event',
    (name) => expect(isClientEvent(name)).toBe(false),
  );
});

import Ajv from 'ajv';
import specs from '@asyncapi/specs';
import { ChatEvent, ERROR_CODES, type Message, type Room } from '@chat/contract';
import { CLIENT_EVENTS, SERVER_EVENTS } from '../chat/chat-events';
import { ackSchemaName, asyncApiId, buildAsyncApiDocument } from './asyncapi';
import type { AsyncApiDocument, AsyncApiReference } from './asyncapi';

const doc = buildAsyncApiDocument();
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(doc, 'asyncapi');

/** Follows a local `#/a/b` pointer inside the document, and the pointers it leads to. */
function resolve(pointer: string): unknown {
  const target = pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
  const next = (target as Partial<AsyncApiReference> | undefined)?.$ref;
  return typeof next === 'string' ? resolve(next) : target;
}
const validates = (schemaName: string, value: unknown): boolean =>
  ajv.validate({ $ref: `asyncapi#/components/schemas/${schemaName}` }, value);
const operationsOn = (event: string) =>
  Object.values(doc.operations).filter(
    (op) => resolve(op.channel.$ref) === doc.channels[asyncApiId(event)],
  );

function collectRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(collectRefs);
  if (node === null || typeof node !== 'object') return [];
  const own =
    typeof (node as AsyncApiReference).$ref === 'string' ? [(node as AsyncApiReference).$ref] : [];
  return [...own, ...Object.values(node).flatMap(collectRefs)];
}

const owner = { id: '6f1c1c9e-9a8e-4b7a-9f3e-2b7f3f0a1c11', username: 'ada' };
const room: Room = {
  id: '0b0f8e4e-8d55-4a3c-a3a6-8a8c5b1c2d3e',
  name: 'general',
  createdAt: '2026-11-25T16:40:10.123Z',
  owner,
  onlineCount: 1,
  kind: 'public',
  memberCount: 1,
};
const message: Message = {
  id: '42',
  room: 'general',
  author: owner,
  content: 'hi',
  createdAt: room.createdAt,
  clientId: null,
  seq: '42',
  editedAt: null,
  deleted: false,
  replyTo: null,
  reactions: [],
  mentions: [],
};

describe('buildAsyncApiDocument', () => {
  it('is a valid AsyncAPI 3.0.0 document whose every $ref resolves', () => {
    const validDocument = new Ajv({ strict: false, validateFormats: false }).compile(
      specs.schemasWithoutId['3.0.0'],
    );
    expect(validDocument(doc)).toBe(true);
    for (const pointer of collectRefs(doc)) expect(resolve(pointer)).toBeDefined();
  });

  it.each(Object.values(ChatEvent))(
    'describes %s with an operation on a channel of that address',
    (event) => {
      expect(doc.channels[asyncApiId(event)]?.address).toBe(event);
      expect(operationsOn(event).length).toBeGreaterThan(0);
    },
  );

  it.each(Object.keys(CLIENT_EVENTS))(
    'makes %s a send whose reply is the ok or the error ack',
    (event) => {
      const send = operationsOn(event).find((op) => op.action === 'send');
      const replies = send?.reply?.messages.map((m) =>
        resolve(m.$ref),
      ) as AsyncApiDocument['components']['messages'][string][];
      expect(replies).toHaveLength(1);
      const [ok = '', error] = (replies[0]?.payload as { oneOf: AsyncApiReference[] }).oneOf.map(
        (r) => r.$ref,
      );
      expect(resolve(ok)).toMatchObject({ properties: { ok: { enum: [true] } } });
      expect(error).toBe('#/components/schemas/AckError');
    },
  );

  it('receives every server → client event without a reply', () => {
    const received = Object.values(doc.operations).filter((op) => op.action === 'receive');
    const addresses = received.map(
      (op) => (resolve(op.channel.$ref) as { address: string }).address,
    );
    expect(addresses.sort()).toEqual(Object.keys(SERVER_EVENTS).sort());
    expect(addresses).toEqual(
      expect.arrayContaining([
        'message:new',
        'message:updated',
        'presence',
        'room:deleted',
        'typing',
        'room:activity',
        'mention',
        'read',
        'room:added',
        'room:removed',
      ]),
    );
    expect(received.every((op) => op.reply === undefined)).toBe(true);
  });

  it('requires every contract field of a Message, and accepts a real one', () => {
    expect(doc.components.schemas['MessageDto']?.required?.sort()).toEqual(
      [
        'author',
        'clientId',
        'content',
        'createdAt',
        'id',
        'room',
        'seq',
        'editedAt',
        'deleted',
        'replyTo',
        'reactions',
        'mentions',
      ].sort(),
    );
    expect(validates('MessageDto', message)).toBe(true);
    const reply = { id: '7', author: owner, content: 'earlier', deleted: false };
    const reactions = [{ emoji: '👍', count: 1, users: [owner] }];
    expect(validates('MessageDto', { ...message, seq: '50', replyTo: reply, reactions })).toBe(
      true,
    );
    expect(validates('MessageDto', { ...message, replyTo: { id: '7' } })).toBe(false);
    expect(validates('MessageDto', { ...message, clientId: 'c-1' })).toBe(true);
    expect(validates('MessageDto', { ...message, id: 4.2e1 })).toBe(false);
    const withoutClientId: Partial<Message> = { ...message };
    delete withoutClientId.clientId;
    expect(validates('MessageDto', withoutClientId)).toBe(false);
  });

  it('lists exactly ERROR_CODES in the error ack', () => {
    expect(doc.components.schemas['ErrorCode']?.enum).toEqual([...ERROR_CODES]);
    expect(
      validates('AckError', { ok: false, error: { code: 'rate_limited', message: 'slow down' } }),
    ).toBe(true);
    expect(validates('AckError', { ok: false, error: { code: 'teapot', message: 'no' } })).toBe(
      false,
    );
  });

  it('accepts the room:join ack the contract describes and refuses one without presence', () => {
    const presence = { room: 'general', online: [owner], count: 1 };
    const ack = {
      ok: true,
      room,
      presence,
      missed: [message],
      missedMore: false,
      changed: [{ ...message, id: '40', seq: '43' }],
      changedMore: false,
    };
    expect(validates(ackSchemaName('room:join'), ack)).toBe(true);
    expect(validates(ackSchemaName('room:join'), { ...ack, presence: undefined })).toBe(false);
    expect(validates(ackSchemaName('room:join'), { ...ack, changed: undefined })).toBe(false);
    expect(validates('RoomJoinDto', { room: 'general', since: '41' })).toBe(true);
    expect(validates('RoomJoinDto', { room: 'x'.repeat(65) })).toBe(false);
    expect(validates('RoomJoinDto', { room: 'general', since: 'soon' })).toBe(false);
  });

  it('describes auth:refresh: a token in, the new expiry in the ack', () => {
    expect(validates('AuthRefreshDto', { token: 'a.b.c' })).toBe(true);
    expect(validates('AuthRefreshDto', {})).toBe(false);
    expect(
      validates(ackSchemaName('auth:refresh'), { ok: true, expiresAt: '2026-11-25T16:55:10.000Z' }),
    ).toBe(true);
    expect(validates(ackSchemaName('auth:refresh'), { ok: true })).toBe(false);
  });

  it('describes the change events: edit, delete and reactions in, message:updated out', () => {
    expect(validates('MessageEditDto', { room: 'general', id: '42', content: 'fixed' })).toBe(true);
    expect(validates('MessageEditDto', { room: 'general', id: '42' })).toBe(false);
    expect(validates('MessageDeleteDto', { room: 'general', id: '42' })).toBe(true);
    expect(validates('ReactionDto', { room: 'general', messageId: '42', emoji: '👍' })).toBe(true);
    expect(validates(ackSchemaName('message:edit'), { ok: true, message })).toBe(true);
    expect(validates('MessageSendDto', { room: 'general', content: 'hi', replyTo: '7' })).toBe(
      true,
    );
  });

  it('tells clients where to connect and how to authenticate', () => {
    expect(doc.servers['chat']).toMatchObject({ pathname: '/socket.io' });
    expect(doc.servers['chat']?.description).toContain('/chat');
    expect(doc.servers['chat']?.description).toContain('auth: { token');
  });
});

describe('the payload schemas, generated from the DTO classes', () => {
  it('say what the server checks: room 1..64 plain-text characters, content trimmed to 1..4000', () => {
    expect(validates('MessageSendDto', { room: 'general', content: 'hi', clientId: 'c' })).toBe(
      true,
    );
    expect(validates('MessageSendDto', { room: 'gen\u0000eral', content: 'hi' })).toBe(false);
    expect(validates('MessageSendDto', { room: 'general', content: 'x'.repeat(4001) })).toBe(false);
    expect(validates('MessageSendDto', { room: 'general' })).toBe(false);
    expect(validates('ReactionDto', { room: 'general', messageId: '0', emoji: '👍' })).toBe(false);
  });

  it('describe every registry entry by its own class', () => {
    for (const [event, spec] of Object.entries(CLIENT_EVENTS)) {
      const request =
        doc.components.messages[
          `${asyncApiId(event).replace(/^./, (c) => c.toUpperCase())}Request`
        ];
      expect(request?.payload).toEqual({ $ref: `#/components/schemas/${spec.payload.name}` });
      expect(doc.components.schemas[spec.payload.name]).toBeDefined();
    }
    for (const spec of Object.values(SERVER_EVENTS)) {
      expect(doc.components.schemas[spec.payload.name]?.type).toBe('object');
    }
  });
});

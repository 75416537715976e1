import { CHAT_NAMESPACE, ChatEvent, ERROR_CODES, UNAUTHORIZED_HANDSHAKE } from './events';
import type { ChatEventName, ClientToServerEvents, ServerToClientEvents } from './events';
import {
  CHANGED_MESSAGES_MAX,
  CLIENT_ID_MAX_LENGTH,
  MAX_PAYLOAD_BYTES,
  MESSAGE_MAX_LENGTH,
  MISSED_MESSAGES_MAX,
  REACTIONS_PER_MESSAGE_MAX,
  REPLY_PREVIEW_LENGTH,
  ROOM_NAME_PATTERN,
  USERNAME_PATTERN,
} from './limits';

export interface AsyncApiReference {
  $ref: string;
}
/** The subset of JSON Schema (draft 07) this document uses. */
export interface AsyncApiSchema {
  type?:
    'object' | 'string' | 'integer' | 'boolean' | 'array' | ['string', 'null'] | ['object', 'null'];
  description?: string;
  properties?: Record<string, AsyncApiSchema | AsyncApiReference>;
  required?: string[];
  items?: AsyncApiSchema | AsyncApiReference;
  maxItems?: number;
  enum?: string[];
  const?: boolean;
  oneOf?: (AsyncApiSchema | AsyncApiReference)[];
  pattern?: string;
  format?: 'uuid' | 'date-time';
  minLength?: number;
  maxLength?: number;
  minimum?: number;
}
export interface AsyncApiMessage {
  name: ChatEventName;
  title: string;
  payload: AsyncApiSchema | AsyncApiReference;
}
export interface AsyncApiChannel {
  address: ChatEventName;
  description: string;
  messages: Record<string, AsyncApiReference>;
}
export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: AsyncApiReference;
  summary: string;
  messages: AsyncApiReference[];
  reply?: { channel: AsyncApiReference; messages: AsyncApiReference[] };
}
export interface AsyncApiServer {
  host: string;
  protocol: 'ws';
  pathname: string;
  description: string;
  variables: Record<string, { default: string; description: string }>;
  security: AsyncApiReference[];
}
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: 'application/json';
  servers: Record<string, AsyncApiServer>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: {
    schemas: Record<string, AsyncApiSchema>;
    messages: Record<string, AsyncApiMessage>;
    securitySchemes: Record<
      string,
      { type: 'http'; scheme: 'bearer'; bearerFormat: string; description: string }
    >;
  };
}

interface ClientEventDoc {
  summary: string;
  payload: string;
  /** The schema of the `{ ok: true, ... }` acknowledgement. */
  ok: string;
}
interface ServerEventDoc {
  summary: string;
  payload: string;
}

// Mapped over the contract's event maps: adding an event there fails to compile until it is documented here.
const CLIENT_EVENTS: { [E in keyof ClientToServerEvents]: ClientEventDoc } = {
  [ChatEvent.RoomJoin]: {
    summary: `Join a room; with \`since\`, the ack carries the messages missed after it (at most ${MISSED_MESSAGES_MAX}).`,
    payload: 'RoomJoinPayload',
    ok: 'RoomJoinOk',
  },
  [ChatEvent.RoomLeave]: {
    summary: 'Leave a joined room.',
    payload: 'RoomLeavePayload',
    ok: 'AckOk',
  },
  [ChatEvent.MessageSend]: {
    summary:
      'Send a message to a joined room; acked only after it is committed, then broadcast as `message:new`.',
    payload: 'MessageSendPayload',
    ok: 'MessageSendOk',
  },
  [ChatEvent.Typing]: {
    summary: 'Tell the room you are typing.',
    payload: 'TypingPayload',
    ok: 'AckOk',
  },
  [ChatEvent.AuthRefresh]: {
    summary:
      'Move the socket onto a newer access token of the same session and user, so it is not ' +
      'disconnected when its first token expires; `unauthorized` for any other token.',
    payload: 'AuthRefreshPayload',
    ok: 'AuthRefreshOk',
  },
  [ChatEvent.RoomRead]: {
    summary:
      'Move your read marker of a room you belong to (need not be joined): it keeps the larger ' +
      'of the stored and the given id, never past the newest message; `not_found` for a non-member.',
    payload: 'RoomReadPayload',
    ok: 'RoomReadOk',
  },
  [ChatEvent.MessageEdit]: {
    summary:
      'Edit one of your messages in a joined room; broadcast as `message:updated` after commit. ' +
      'The same content as stored changes nothing. `forbidden` when not the author, `not_found` ' +
      'for an unknown, deleted or other room’s message.',
    payload: 'MessageEditPayload',
    ok: 'MessageOk',
  },
  [ChatEvent.MessageDelete]: {
    summary:
      'Delete a message (the author, or the room’s owner): it becomes a tombstone, broadcast as ' +
      '`message:updated`. Already deleted: ok, nothing changes.',
    payload: 'MessageDeletePayload',
    ok: 'AckOk',
  },
  [ChatEvent.ReactionAdd]: {
    summary: `Add your emoji to a message (at most ${REACTIONS_PER_MESSAGE_MAX} distinct per message); broadcast as \`message:updated\`. Already there: ok, nothing changes.`,
    payload: 'ReactionPayload',
    ok: 'MessageOk',
  },
  [ChatEvent.ReactionRemove]: {
    summary:
      'Remove your emoji from a message; broadcast as `message:updated`. Not there: ok, nothing changes.',
    payload: 'ReactionPayload',
    ok: 'MessageOk',
  },
};

const SERVER_EVENTS: { [E in keyof ServerToClientEvents]: ServerEventDoc } = {
  [ChatEvent.MessageNew]: {
    summary: "A new message, to every socket joined to the room, the sender's own included.",
    payload: 'Message',
  },
  [ChatEvent.Presence]: {
    summary:
      'The online users of a room, to every socket joined to it, each time that set changes.',
    payload: 'Presence',
  },
  [ChatEvent.Typing]: {
    summary: "Someone is typing, to the room's other users' sockets.",
    payload: 'TypingEvent',
  },
  [ChatEvent.RoomDeleted]: {
    summary: 'The room was deleted, to every socket joined to it; they are removed from it.',
    payload: 'RoomDeletedEvent',
  },
  [ChatEvent.RoomActivity]: {
    summary:
      'Something was committed in a room of yours, to each member socket not joined to it; at ' +
      'most one per room a second (per API instance), naming the newest message.',
    payload: 'RoomActivityEvent',
  },
  [ChatEvent.Mention]: {
    summary: 'A message newly mentions you, to every socket of yours, after commit.',
    payload: 'MentionEvent',
  },
  [ChatEvent.Read]: {
    summary: 'Your read marker of a room moved (another tab, or your own send).',
    payload: 'ReadEvent',
  },
  [ChatEvent.RoomAdded]: {
    summary:
      'You became a member of a room (joined it, were added, or a direct room was started with you).',
    payload: 'RoomAddedEvent',
  },
  [ChatEvent.RoomRemoved]: {
    summary: 'You left or were removed from a room; your sockets are out of it.',
    payload: 'RoomRemovedEvent',
  },
  [ChatEvent.MessageUpdated]: {
    summary:
      'A message changed (edited, deleted, a reaction added or removed), with its new `seq`, to ' +
      'every socket joined to the room, after commit. Keep the copy with the larger `seq`.',
    payload: 'Message',
  },
};

const ref = ($ref: string): AsyncApiReference => ({ $ref });
const schemaRef = (name: string): AsyncApiReference => ref(`#/components/schemas/${name}`);
const str = (extra: AsyncApiSchema = {}): AsyncApiSchema => ({ type: 'string', ...extra });
type Properties = Record<string, AsyncApiSchema | AsyncApiReference>;
/** An object schema: `required` properties must be present, `optional` ones may be. */
const object = (required: Properties, optional: Properties = {}): AsyncApiSchema => ({
  type: 'object',
  properties: { ...required, ...optional },
  required: Object.keys(required),
});
const okTrue: AsyncApiSchema = { type: 'boolean', const: true };

/** `room:join` -> `roomJoin`: ids must be plain words, event names have colons. */
export const asyncApiId = (event: ChatEventName): string =>
  event.replace(/:(\w)/g, (_match: string, letter: string) => letter.toUpperCase());
const pascal = (event: ChatEventName): string => {
  const id = asyncApiId(event);
  return id.charAt(0).toUpperCase() + id.slice(1);
};

function buildSchemas(): Record<string, AsyncApiSchema> {
  const roomName = schemaRef('RoomName');
  return {
    RoomName: str({ pattern: ROOM_NAME_PATTERN.source, description: 'Unique case-insensitively.' }),
    MessageId: str({
      pattern: '^[1-9][0-9]*$',
      description:
        'A positive 64-bit integer as a decimal string; grows within a room. Compare as a big integer.',
    }),
    Timestamp: str({ format: 'date-time', description: 'ISO-8601 in UTC.' }),
    UserSummary: object({
      id: str({ format: 'uuid' }),
      username: str({ pattern: USERNAME_PATTERN.source }),
    }),
    Room: object(
      {
        id: str({ format: 'uuid' }),
        name: roomName,
        createdAt: schemaRef('Timestamp'),
        owner: schemaRef('UserSummary'),
        onlineCount: { type: 'integer', minimum: 0 },
        kind: { type: 'string', enum: ['public', 'private', 'direct'] },
        memberCount: { type: 'integer', minimum: 0 },
      },
      {
        members: {
          type: 'array',
          items: schemaRef('UserSummary'),
          description: 'Direct rooms only: the two people, sorted by username.',
        },
      },
    ),
    Seq: str({
      pattern: '^[1-9][0-9]*$',
      description:
        'A change cursor, a decimal string like a message id: equal to `id` at creation, larger ' +
        'after each change. The client’s cursor for a room is the largest `seq` seen there.',
    }),
    Message: object({
      id: schemaRef('MessageId'),
      room: roomName,
      author: schemaRef('UserSummary'),
      content: str({
        maxLength: MESSAGE_MAX_LENGTH,
        description: 'Plain text, trimmed; `""` when deleted.',
      }),
      createdAt: schemaRef('Timestamp'),
      clientId: { type: ['string', 'null'], maxLength: CLIENT_ID_MAX_LENGTH },
      seq: schemaRef('Seq'),
      editedAt: { type: ['string', 'null'], format: 'date-time' },
      deleted: {
        type: 'boolean',
        description: 'A tombstone: content `""`, no reactions, mentions or replyTo.',
      },
      replyTo: {
        type: ['object', 'null'],
        description: `The message answered, as it is now: its first ${REPLY_PREVIEW_LENGTH} code points (\`""\` once deleted).`,
        properties: {
          id: schemaRef('MessageId'),
          author: schemaRef('UserSummary'),
          content: str({ maxLength: REPLY_PREVIEW_LENGTH }),
          deleted: { type: 'boolean' },
        },
        required: ['id', 'author', 'content', 'deleted'],
      },
      reactions: {
        type: 'array',
        maxItems: REACTIONS_PER_MESSAGE_MAX,
        description: 'One entry per distinct emoji, in the order each was first added.',
        items: object({
          emoji: str({ description: 'One RGI emoji sequence.' }),
          count: { type: 'integer', minimum: 1, description: 'Always `users.length`.' },
          users: {
            type: 'array',
            items: schemaRef('UserSummary'),
            description: 'In the order they reacted.',
          },
        }),
      },
      mentions: { type: 'array', items: schemaRef('UserSummary') },
    }),
    Presence: object({
      room: roomName,
      online: {
        type: 'array',
        items: schemaRef('UserSummary'),
        description: 'Sorted by username, case-insensitively.',
      },
      count: { type: 'integer', minimum: 0, description: 'Always `online.length`.' },
    }),
    ...payloadSchemas(roomName),
    ...ackSchemas(),
  };
}

function payloadSchemas(roomName: AsyncApiReference): Record<string, AsyncApiSchema> {
  return {
    RoomJoinPayload: object(
      { room: roomName },
      {
        since: str({
          pattern: '^[0-9]{1,19}$',
          description:
            'The client’s cursor: the largest `seq` it has seen in the room (a message id is one too).',
        }),
      },
    ),
    RoomLeavePayload: object({ room: roomName }),
    MessageSendPayload: object(
      {
        room: roomName,
        content: str({ description: `Trimmed, then 1..${MESSAGE_MAX_LENGTH} characters.` }),
      },
      {
        clientId: str({
          minLength: 1,
          maxLength: CLIENT_ID_MAX_LENGTH,
          description: 'Makes the send idempotent: resending it returns the stored message.',
        }),
        replyTo: schemaRef('MessageId'),
      },
    ),
    MessageEditPayload: object({
      room: roomName,
      id: schemaRef('MessageId'),
      content: str({ description: `Trimmed, then 1..${MESSAGE_MAX_LENGTH} characters.` }),
    }),
    MessageDeletePayload: object({ room: roomName, id: schemaRef('MessageId') }),
    ReactionPayload: object({
      room: roomName,
      messageId: schemaRef('MessageId'),
      emoji: str({ description: 'Exactly one RGI emoji sequence (👍, 👍🏽, ❤️, 🇫🇷, 👩‍💻 …).' }),
    }),
    TypingPayload: object({ room: roomName }),
    AuthRefreshPayload: object({
      token: str({ minLength: 1, description: 'An access token of the same session.' }),
    }),
    TypingEvent: object({ room: roomName, user: schemaRef('UserSummary') }),
    RoomDeletedEvent: object({ room: roomName }),
    RoomReadPayload: object({ room: roomName, lastReadId: str({ pattern: '^[0-9]{1,19}$' }) }),
    RoomActivityEvent: object({ room: roomName, lastMessageId: schemaRef('MessageId') }),
    MentionEvent: object({ room: roomName, message: schemaRef('Message') }),
    ReadEvent: object({ room: roomName, lastReadId: str({ pattern: '^[0-9]{1,19}$' }) }),
    RoomAddedEvent: object({ room: schemaRef('Room') }),
    RoomRemovedEvent: object({ room: roomName }),
  };
}

function ackSchemas(): Record<string, AsyncApiSchema> {
  return {
    AckOk: object({ ok: okTrue }),
    RoomJoinOk: object({
      ok: okTrue,
      room: schemaRef('Room'),
      presence: schemaRef('Presence'),
      missed: { type: 'array', items: schemaRef('Message'), maxItems: MISSED_MESSAGES_MAX },
      missedMore: {
        type: 'boolean',
        description: 'More were missed: page on with `GET /api/rooms/:name/changes?after=`.',
      },
      changed: {
        type: 'array',
        items: schemaRef('Message'),
        maxItems: CHANGED_MESSAGES_MAX,
        description:
          'Messages with `id ≤ since` and `seq > since` (tombstones included), in `seq` order.',
      },
      changedMore: {
        type: 'boolean',
        description: 'More changed: page `GET /api/rooms/:name/changes?after=` from the cursor.',
      },
    }),
    MessageSendOk: object({ ok: okTrue, message: schemaRef('Message') }),
    RoomReadOk: object({ ok: okTrue, lastReadId: str({ pattern: '^[0-9]{1,19}$' }) }),
    MessageOk: object({ ok: okTrue, message: schemaRef('Message') }),
    AuthRefreshOk: object({
      ok: okTrue,
      expiresAt: str({
        format: 'date-time',
        description: 'The socket is disconnected at this time unless refreshed again.',
      }),
    }),
    ErrorCode: { type: 'string', enum: [...ERROR_CODES] },
    AckError: object({
      ok: { type: 'boolean', const: false },
      error: object({ code: schemaRef('ErrorCode'), message: str() }),
    }),
  };
}

const isClientEvent = (event: ChatEventName): event is keyof ClientToServerEvents =>
  event in CLIENT_EVENTS;
const isServerEvent = (event: ChatEventName): event is keyof ServerToClientEvents =>
  event in SERVER_EVENTS;
const CHAT_EVENTS: readonly ChatEventName[] = Object.values(ChatEvent);

function buildMessages(): Record<string, AsyncApiMessage> {
  const messages: Record<string, AsyncApiMessage> = {};
  for (const event of CHAT_EVENTS) {
    if (isClientEvent(event)) {
      const { payload, ok } = CLIENT_EVENTS[event];
      messages[`${pascal(event)}Request`] = {
        name: event,
        title: `${event} (client → server)`,
        payload: schemaRef(payload),
      };
      messages[`${pascal(event)}Ack`] = {
        name: event,
        title: `${event} acknowledgement`,
        payload: { oneOf: [schemaRef(ok), schemaRef('AckError')] },
      };
    }
    if (isServerEvent(event)) {
      const { payload } = SERVER_EVENTS[event];
      messages[`${pascal(event)}Event`] = {
        name: event,
        title: `${event} (server → client)`,
        payload: schemaRef(payload),
      };
    }
  }
  return messages;
}

function buildChannel(event: ChatEventName): AsyncApiChannel {
  const message = (suffix: string): AsyncApiReference =>
    ref(`#/components/messages/${pascal(event)}${suffix}`);
  const messages: Record<string, AsyncApiReference> = {};
  if (isClientEvent(event))
    Object.assign(messages, { request: message('Request'), ack: message('Ack') });
  if (isServerEvent(event)) messages['event'] = message('Event');
  return {
    address: event,
    description: `The Socket.IO event \`${event}\` on namespace \`${CHAT_NAMESPACE}\`.`,
    messages,
  };
}

function buildOperations(): Record<string, AsyncApiOperation> {
  const operations: Record<string, AsyncApiOperation> = {};
  for (const event of CHAT_EVENTS) {
    const channelPath = `#/channels/${asyncApiId(event)}`;
    if (isClientEvent(event)) {
      operations[`send${pascal(event)}`] = {
        action: 'send',
        channel: ref(channelPath),
        summary: CLIENT_EVENTS[event].summary,
        messages: [ref(`${channelPath}/messages/request`)],
        reply: { channel: ref(channelPath), messages: [ref(`${channelPath}/messages/ack`)] },
      };
    }
    if (isServerEvent(event)) {
      operations[`receive${pascal(event)}`] = {
        action: 'receive',
        channel: ref(channelPath),
        summary: SERVER_EVENTS[event].summary,
        messages: [ref(`${channelPath}/messages/event`)],
      };
    }
  }
  return operations;
}

const SERVER_DESCRIPTION = [
  `Socket.IO 4 at path \`/socket.io\`, namespace \`${CHAT_NAMESPACE}\` (long-polling first, then WebSocket).`,
  'Authenticate in the handshake with `auth: { token: <accessToken> }`; without a valid token the client',
  `gets \`connect_error\` with \`message === "${UNAUTHORIZED_HANDSHAKE}"\`.`,
  `A packet over ${MAX_PAYLOAD_BYTES} bytes closes the connection; the client reconnects.`,
  'The server disconnects a socket when its access token expires (or its session ends); send',
  '`auth:refresh` with a newer token of the same session before then to keep it.',
].join(' ');

/**
 * The real-time contract as an AsyncAPI 3.0.0 document, written from a client's point of view:
 * `send` operations are client → server events answered by an acknowledgement (the reply),
 * `receive` operations are server → client events.
 */
export function buildAsyncApiDocument(): AsyncApiDocument {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Chat real-time API',
      version: '1.0.0',
      description:
        'Events of the chat over Socket.IO. Every client → server event takes an acknowledgement callback ' +
        'answered with `{ ok: true, ... }` or `{ ok: false, error: { code, message } }`; a bad event never ' +
        'closes the connection.',
    },
    defaultContentType: 'application/json',
    servers: {
      chat: {
        host: '{host}',
        protocol: 'ws',
        pathname: '/socket.io',
        description: SERVER_DESCRIPTION,
        variables: {
          host: { default: 'localhost:8080', description: 'Host and port of the chat.' },
        },
        security: [ref('#/components/securitySchemes/handshakeToken')],
      },
    },
    channels: Object.fromEntries(
      CHAT_EVENTS.map((event) => [asyncApiId(event), buildChannel(event)]),
    ),
    operations: buildOperations(),
    components: {
      schemas: buildSchemas(),
      messages: buildMessages(),
      securitySchemes: {
        handshakeToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The `accessToken` from `POST /api/auth/login` or `/signup`, sent as `auth.token` in the Socket.IO handshake.',
        },
      },
    },
  };
}

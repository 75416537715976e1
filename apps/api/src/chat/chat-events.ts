import { MessageBody } from '@nestjs/websockets';
import {
  MISSED_MESSAGES_MAX,
  REACTIONS_PER_MESSAGE_MAX,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@chat/contract';
import { MessageDto } from '../messages/dto/message.dto';
import { PresenceDto } from '../presence/presence.dto';
import { AuthRefreshDto } from './dto/auth-refresh.dto';
import {
  MessageDeleteDto,
  MessageEditDto,
  MessageSendDto,
  ReactionDto,
  RoomJoinDto,
  RoomLeaveDto,
  RoomReadDto,
  TypingDto,
} from './dto/chat-payloads.dto';
import {
  AuthRefreshResultDto,
  MentionEventDto,
  MessageResultDto,
  ReadEventDto,
  RoomActivityEventDto,
  RoomAddedEventDto,
  RoomDeletedEventDto,
  RoomJoinResultDto,
  RoomReadResultDto,
  RoomRemovedEventDto,
  TypingEventDto,
} from './dto/server-events.dto';
import { PayloadValidationPipe, type PayloadClass } from './payload-validator';

export type ClientEventName = keyof ClientToServerEvents;
/** What the contract says a client sends with the event. */
export type ClientPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];

/** What the `{ ok: true, ... }` acknowledgement of the event carries besides `ok`. */
export type AckResult<E extends ClientEventName> = Omit<
  Extract<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0], { ok: true }>,
  'ok'
>;

interface ClientEventSpec<E extends ClientEventName> {
  /** What the event does, for the AsyncAPI document. */
  summary: string;
  /** The DTO class that alone says what a valid payload is. */
  payload: PayloadClass<ClientPayload<E>>;
  /** The class of the ack's body besides `ok: true`; null for a bare `{ ok: true }`. */
  ack: keyof AckResult<E> extends never ? null : PayloadClass<AckResult<E>>;
}

/**
 * Every client → server event of the `/chat` namespace, whichever gateway handles it, with the
 * class its payload is judged by and the class of its acknowledgement. Mapped over the
 * contract's event map: an event added there does not compile until it is described here, and
 * the AsyncAPI document (docs/asyncapi.ts) is generated from this table and those classes.
 */
export const CLIENT_EVENTS = {
  'room:join': {
    summary:
      'Join a room; with `since` (the client’s cursor), the ack carries what was created ' +
      `(at most ${MISSED_MESSAGES_MAX}) and changed after it.`,
    payload: RoomJoinDto,
    ack: RoomJoinResultDto,
  },
  'room:leave': { summary: 'Leave a joined room.', payload: RoomLeaveDto, ack: null },
  'message:send': {
    summary:
      'Send a message to a joined room; acked only after it is committed, then broadcast as ' +
      '`message:new`.',
    payload: MessageSendDto,
    ack: MessageResultDto,
  },
  typing: { summary: 'Tell the room you are typing.', payload: TypingDto, ack: null },
  'auth:refresh': {
    summary:
      'Move the socket onto a newer access token of the same session and user, so it is not ' +
      'disconnected when its first token expires; `unauthorized` for any other token.',
    payload: AuthRefreshDto,
    ack: AuthRefreshResultDto,
  },
  'message:edit': {
    summary:
      'Edit one of your messages in a joined room; broadcast as `message:updated` after commit. ' +
      'The same content as stored changes nothing. `forbidden` when not the author, `not_found` ' +
      'for an unknown, deleted or other room’s message.',
    payload: MessageEditDto,
    ack: MessageResultDto,
  },
  'message:delete': {
    summary:
      'Delete a message (the author, the room’s owner, a moderator or an admin): it becomes a ' +
      'tombstone, broadcast as `message:updated`. Already deleted: ok, nothing changes.',
    payload: MessageDeleteDto,
    ack: null,
  },
  'reaction:add': {
    summary:
      `Add your emoji to a message (at most ${REACTIONS_PER_MESSAGE_MAX} distinct per message); ` +
      'broadcast as `message:updated`. Already there: ok, nothing changes.',
    payload: ReactionDto,
    ack: MessageResultDto,
  },
  'reaction:remove': {
    summary:
      'Remove your emoji from a message; broadcast as `message:updated`. Not there: ok, nothing ' +
      'changes.',
    payload: ReactionDto,
    ack: MessageResultDto,
  },
  'room:read': {
    summary:
      'Move your read marker of a room you belong to (need not be joined): it keeps the larger ' +
      'of the stored and the given id, never past the newest message; `not_found` for a ' +
      'non-member.',
    payload: RoomReadDto,
    ack: RoomReadResultDto,
  },
} as const satisfies { [E in ClientEventName]: ClientEventSpec<E> };

export type ServerEventName = keyof ServerToClientEvents;
/** What the contract says the server sends with the event. */
export type ServerPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

interface ServerEventSpec<E extends ServerEventName> {
  /** Who gets the event, and when, for the AsyncAPI document. */
  summary: string;
  /** The DTO class describing the payload (never validated: the server builds it). */
  payload: PayloadClass<ServerPayload<E>>;
}

/**
 * Every server → client event of the `/chat` namespace with the class describing its payload.
 * Mapped over the contract's event map, as CLIENT_EVENTS is.
 */
export const SERVER_EVENTS = {
  'message:new': {
    summary: "A new message, to every socket joined to the room, the sender's own included.",
    payload: MessageDto,
  },
  presence: {
    summary:
      'The online users of a room, to every socket joined to it, each time that set changes.',
    payload: PresenceDto,
  },
  typing: {
    summary: "Someone is typing, to the room's other users' sockets.",
    payload: TypingEventDto,
  },
  'room:deleted': {
    summary: 'The room was deleted, to every socket joined to it; they are removed from it.',
    payload: RoomDeletedEventDto,
  },
  'room:activity': {
    summary:
      'Something was committed in a room of yours, to each member socket not joined to it; at ' +
      'most one per room a second (per API instance), naming the newest message.',
    payload: RoomActivityEventDto,
  },
  mention: {
    summary: 'A message newly mentions you, to every socket of yours, after commit.',
    payload: MentionEventDto,
  },
  read: {
    summary: 'Your read marker of a room moved (another tab, or your own send).',
    payload: ReadEventDto,
  },
  'room:added': {
    summary:
      'You became a member of a room (joined it, were added, or a direct room was started ' +
      'with you).',
    payload: RoomAddedEventDto,
  },
  'room:removed': {
    summary: 'You left, were removed from or were banned from a room; your sockets are out of it.',
    payload: RoomRemovedEventDto,
  },
  'message:updated': {
    summary:
      'A message changed (edited, deleted, a reaction added or removed), with its new `seq`, to ' +
      'every socket joined to the room, after commit. Keep the copy with the larger `seq`.',
    payload: MessageDto,
  },
} as const satisfies { [E in ServerEventName]: ServerEventSpec<E> };

type ClientEvents = typeof CLIENT_EVENTS;
/** The validated payload a handler of the event receives (an instance of its DTO class). */
export type EventPayloadOf<E extends ClientEventName> = InstanceType<ClientEvents[E]['payload']>;

/** True for an event some gateway of the namespace answers; any other is answered `invalid`. */
export function isClientEvent(name: string): name is ClientEventName {
  return Object.hasOwn(CLIENT_EVENTS, name);
}

/** A handler's payload parameter, validated by the event's DTO class from CLIENT_EVENTS. */
export function EventPayload(event: ClientEventName): ParameterDecorator {
  return MessageBody(new PayloadValidationPipe<object>(CLIENT_EVENTS[event].payload));
}

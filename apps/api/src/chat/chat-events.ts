import { MessageBody } from '@nestjs/websockets';
import type { ClientToServerEvents } from '@chat/contract';
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
import { PayloadValidationPipe, type PayloadClass } from './payload-validator';

export type ClientEventName = keyof ClientToServerEvents;
/** What the contract says a client sends with the event. */
export type ClientPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];

interface ClientEventSpec<E extends ClientEventName> {
  /** The DTO class that alone says what a valid payload is. */
  payload: PayloadClass<ClientPayload<E>>;
}

/**
 * Every client → server event of the `/chat` namespace, whichever gateway handles it, with the
 * class its payload is judged by. Mapped over the contract's event map: an event added there
 * does not compile until it is described here.
 */
export const CLIENT_EVENTS = {
  'room:join': { payload: RoomJoinDto },
  'room:leave': { payload: RoomLeaveDto },
  'message:send': { payload: MessageSendDto },
  typing: { payload: TypingDto },
  'auth:refresh': { payload: AuthRefreshDto },
  'message:edit': { payload: MessageEditDto },
  'message:delete': { payload: MessageDeleteDto },
  'reaction:add': { payload: ReactionDto },
  'reaction:remove': { payload: ReactionDto },
  'room:read': { payload: RoomReadDto },
} as const satisfies { [E in ClientEventName]: ClientEventSpec<E> };

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

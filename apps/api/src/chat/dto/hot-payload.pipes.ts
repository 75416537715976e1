import { Injectable, type PipeTransform } from '@nestjs/common';
import { isString, length } from 'class-validator';
import { CLIENT_ID_MAX_LENGTH, MESSAGE_MAX_LENGTH } from '@chat/contract';
import { DomainError } from '../../common/domain-error';
import { controlCharactersProblem, hasControlCharacters } from '../../common/validation/plain-text';
import { listProblems } from '../../common/validation/problems';
import { isPlainObject } from '../ws-validation.pipe';
import { CLIENT_ID_RULE, CONTENT_RULE } from '../../messages/dto/send-message.dto';
import { isMessageId } from '../../common/validation/message-id';
import type { MessageSendDto, TypingDto } from './chat-payloads.dto';

/*
 * `message:send` and `typing` arrive on every keystroke and every message, and the generic
 * ValidationPipe (class-transformer, then class-validator's metadata walk) was a measurable share
 * of the API's CPU per message (docs/performance.md). These pipes check the same rules by hand
 * with class-validator's own predicates and give the same messages, in the same order; the spec
 * beside this file holds them to the DTOs in chat-payloads.dto.ts, which stay the reference.
 */

type Payload = Record<string, unknown>;
type Rule = (payload: Payload) => string[];

/** The payload's problems, judged after `prepare` (the DTO's transforms) as the DTO would. */
function checkPayload(
  value: unknown,
  fields: Record<string, Rule>,
  prepare: (payload: Payload) => Payload = (payload) => payload,
): Payload {
  if (!isPlainObject(value)) throw new DomainError('invalid', 'payload must be an object');
  const payload = prepare(value);
  const problems = Object.keys(payload)
    .filter((key) => !Object.hasOwn(fields, key))
    .map((key) => `property ${key} should not exist`);
  for (const rule of Object.values(fields)) problems.push(...rule(payload));
  if (problems.length > 0) throw new DomainError('invalid', listProblems(problems).join('; '));
  return payload;
}

function text(
  key: string,
  min: number,
  max: number,
  messages: { type: string; length: string },
  optional = false,
): Rule {
  return (payload) => {
    const value = payload[key];
    if (optional && (value === undefined || value === null)) return [];
    const problems: string[] = [];
    if (!length(value, min, max)) problems.push(messages.length);
    if (!isString(value)) problems.push(messages.type);
    if (hasControlCharacters(value)) problems.push(controlCharactersProblem(key));
    return problems;
  };
}

const room = text('room', 1, 64, {
  type: 'room must be a string',
  length: 'room must be 1 to 64 characters',
});

// class-validator reports a subclass's own fields before the inherited `room`.
const SEND_FIELDS: Record<string, Rule> = {
  content: text('content', 1, MESSAGE_MAX_LENGTH, {
    type: 'content must be a string',
    length: CONTENT_RULE,
  }),
  clientId: text(
    'clientId',
    1,
    CLIENT_ID_MAX_LENGTH,
    { type: 'clientId must be a string', length: CLIENT_ID_RULE },
    true,
  ),
  replyTo: (payload) =>
    payload['replyTo'] === undefined ||
    payload['replyTo'] === null ||
    isMessageId(payload['replyTo'])
      ? []
      : ['replyTo must be a positive decimal integer message id'],
  room,
};
const TYPING_FIELDS: Record<string, Rule> = { room };

/** As the DTO's @Transform does: content is judged after trimming, and stored trimmed. */
function trimContent(payload: Payload): Payload {
  const { content } = payload;
  return typeof content === 'string' ? { ...payload, content: content.trim() } : payload;
}

@Injectable()
export class MessageSendPipe implements PipeTransform<unknown, MessageSendDto> {
  transform(value: unknown): MessageSendDto {
    return checkPayload(value, SEND_FIELDS, trimContent) as unknown as MessageSendDto;
  }
}

@Injectable()
export class TypingPipe implements PipeTransform<unknown, TypingDto> {
  transform(value: unknown): TypingDto {
    return checkPayload(value, TYPING_FIELDS) as unknown as TypingDto;
  }
}

import type { Message } from '@chat/contract';

/**
 * What the viewer does to a message in the log: MessageItem emits these, MessageList passes
 * them on to the room, which acts.
 */
export interface MessageEvents {
  reply: [message: Message];
  react: [message: Message];
  edit: [message: Message];
  save: [message: Message, content: string];
  cancel: [];
  delete: [message: Message];
  toggle: [message: Message, emoji: string, add: boolean];
}

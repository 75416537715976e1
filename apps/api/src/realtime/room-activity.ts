import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { RealtimePublisher } from './realtime.publisher';

/** At most one `room:activity` per room per this long (from each instance), naming the newest. */
export const ROOM_ACTIVITY_INTERVAL_MS = 1000;

interface Window {
  roomName: string;
  /** The newest id committed since the last event of this window, if any. */
  pending?: string;
  timer: NodeJS.Timeout;
}

/**
 * `room:activity` for members who are not looking at the room. A busy room would otherwise send
 * every idle member one event per message: the first message is announced at once, those in the
 * following second are folded into one event naming the newest, sent when the second is over.
 */
@Injectable()
export class RoomActivity implements OnModuleDestroy {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly realtime: RealtimePublisher) {}

  committed(roomId: string, roomName: string, messageId: string): void {
    const window = this.windows.get(roomId);
    if (window) {
      if (window.pending === undefined || BigInt(messageId) > BigInt(window.pending)) {
        window.pending = messageId;
      }
      return;
    }
    this.announce(roomId, roomName, messageId);
  }

  onModuleDestroy(): void {
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }

  private announce(roomId: string, roomName: string, messageId: string): void {
    this.realtime.emitToIdleMembers(roomId, 'room:activity', {
      room: roomName,
      lastMessageId: messageId,
    });
    const timer = setTimeout(() => this.close(roomId), ROOM_ACTIVITY_INTERVAL_MS);
    timer.unref();
    this.windows.set(roomId, { roomName, timer });
  }

  private close(roomId: string): void {
    const window = this.windows.get(roomId);
    this.windows.delete(roomId);
    if (window?.pending !== undefined) this.announce(roomId, window.roomName, window.pending);
  }
}

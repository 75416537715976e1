import type { MentionEvent, Message, RoomActivityEvent } from '@chat/contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api/http';
import { useSocketListeners } from '../composables/useSocketListeners';
import { useMembershipsStore } from './memberships';
import { roomKey } from './room-states';
import { useSessionStore } from './session';

/** The person's choice, kept per browser: `on` once they enabled notifications. */
export const NOTIFY_PREFERENCE = 'minicord.notifications';
/** A notification shows the start of the message, as a phone's banner would. */
const BODY_LENGTH = 160;
/** Message keys already notified (a mention in a direct room arrives twice); the newest kept. */
const REMEMBERED = 200;

export type NotifyPermission = NotificationPermission | 'unsupported';

function supported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

function readPreference(): boolean {
  try {
    return localStorage.getItem(NOTIFY_PREFERENCE) === 'on';
  } catch {
    return false;
  }
}

function writePreference(on: boolean): void {
  try {
    localStorage.setItem(NOTIFY_PREFERENCE, on ? 'on' : 'off');
  } catch {
    // Storage refused: the choice lasts as long as the page.
  }
}

/** Direct rooms are named by the server, and only they start with `dm-`. */
const isDirectName = (room: string) => room.toLowerCase().startsWith('dm-');

/**
 * Browser notifications for a mention or a direct message while the tab is hidden. The browser
 * is asked for permission only from the `Enable notifications` button (never on page load), and
 * nothing is shown until the person has enabled them.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const session = useSessionStore();
  const memberships = useMembershipsStore();
  const permission = ref<NotifyPermission>(supported() ? Notification.permission : 'unsupported');
  const wanted = ref(readPreference());
  const enabled = computed(() => wanted.value && permission.value === 'granted');
  const shown: string[] = [];
  /** Opens a room when its notification is clicked; set by the app shell (it has the router). */
  let open: (room: string) => void = () => undefined;

  async function enable(): Promise<void> {
    if (!supported()) return;
    permission.value =
      Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    if (permission.value !== 'granted') return;
    wanted.value = true;
    writePreference(true);
  }

  function disable(): void {
    wanted.value = false;
    writePreference(false);
  }

  function isDirect(room: string): boolean {
    const kind = memberships.byKey(room)?.room.kind;
    return kind ? kind === 'direct' : isDirectName(room);
  }

  /** Whether a notification would show now for a message of someone else's. */
  function wouldShow(message: Message): boolean {
    if (!enabled.value || !supported()) return false;
    if (document.visibilityState !== 'hidden') return false;
    return message.author.id !== session.user?.id;
  }

  function show(message: Message, reason: 'mention' | 'direct'): void {
    if (!wouldShow(message)) return;
    const key = `${roomKey(message.room)}:${message.id}`;
    if (shown.includes(key)) return;
    shown.push(key);
    if (shown.length > REMEMBERED) shown.shift();
    const author = message.author.username;
    const title = reason === 'direct' ? author : `${author} mentioned you in #${message.room}`;
    // The same tag in every tab of this browser: one notification, however many tabs are open.
    let notification: Notification;
    try {
      notification = new Notification(title, {
        body: [...message.content].slice(0, BODY_LENGTH).join(''),
        tag: `minicord:${key}`,
      });
    } catch {
      // Chrome on Android refuses page notifications (a service worker's only): none, then.
      return;
    }
    notification.onclick = () => {
      window.focus();
      open(message.room);
      notification.close();
    };
  }

  const onMention = ({ message }: MentionEvent) =>
    show(message, isDirect(message.room) ? 'direct' : 'mention');
  const onMessage = (message: Message) => {
    if (isDirect(message.room)) show(message, 'direct');
  };
  // A direct room this tab has not joined names only its newest message: fetch it to show it.
  const onActivity = ({ room, lastMessageId }: RoomActivityEvent) => {
    if (!enabled.value || document.visibilityState !== 'hidden' || !isDirect(room)) return;
    void api
      .listMessages(room, { limit: 1 })
      .then(([newest]) => {
        if (newest && newest.id === lastMessageId) show(newest, 'direct');
      })
      .catch(() => undefined);
  };

  useSocketListeners((on) => {
    on('mention', onMention);
    on('message:new', onMessage);
    on('room:activity', onActivity);
  });

  return {
    permission,
    enabled,
    enable,
    disable,
    setOpener: (opener: (room: string) => void) => {
      open = opener;
    },
  };
});

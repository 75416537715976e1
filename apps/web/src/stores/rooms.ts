import type { Room } from '@chat/contract';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { errorText } from '../api/errors';
import { api, ApiRequestError } from '../api/http';

/**
 * The room list with online counts, and notices about rooms (e.g. one was deleted). Loaded when
 * a page that shows it opens and when the window regains focus — never polled.
 */
export const useRoomsStore = defineStore('rooms', () => {
  const rooms = ref<Room[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);
  let loading: Promise<void> | null = null;

  /** Loads the list; calls while one load is on its way share it. */
  function refresh(): Promise<void> {
    loading ??= api
      .listRooms()
      .then(
        (list) => {
          rooms.value = list;
          error.value = null;
        },
        (failure: unknown) => {
          error.value = errorText(failure, 'Something went wrong.');
        },
      )
      .finally(() => {
        loaded.value = true;
        loading = null;
      });
    return loading;
  }

  function findByName(name: string): Room | undefined {
    const wanted = name.toLowerCase();
    return rooms.value.find((room) => room.name.toLowerCase() === wanted);
  }

  /**
   * Returns the name of the room to open: the existing one, or one created now (a private one
   * is seen by its members alone, so it stays out of this public list).
   */
  async function enterOrCreate(
    name: string,
    kind: 'public' | 'private' = 'public',
  ): Promise<string> {
    const known = findByName(name);
    if (known) return known.name;
    try {
      const created = await api.createRoom(name, kind);
      if (created.kind === 'public') rooms.value = [...rooms.value, created];
      return created.name;
    } catch (failure) {
      // Someone created it since the list was loaded: open theirs.
      if (failure instanceof ApiRequestError && failure.code === 'conflict') {
        return (await api.getRoom(name)).name;
      }
      throw failure;
    }
  }

  function setOnlineCount(name: string, count: number): void {
    const room = findByName(name);
    if (room) room.onlineCount = count;
  }

  function forget(name: string): void {
    const wanted = name.toLowerCase();
    rooms.value = rooms.value.filter((room) => room.name.toLowerCase() !== wanted);
  }

  /** Deletes a room the user owns; the API tells its members with `room:deleted`. */
  async function deleteRoom(name: string): Promise<void> {
    await api.deleteRoom(name);
    forget(name);
    notice.value = `You deleted the room #${name}.`;
  }

  return {
    rooms,
    loaded,
    error,
    notice,
    refresh,
    findByName,
    enterOrCreate,
    setOnlineCount,
    forget,
    deleteRoom,
  };
});

import { useWindowFocus } from '@vueuse/core';
import { onMounted, watch } from 'vue';
import { useRoomsStore } from '../stores/rooms';

/**
 * The room list for a page or panel that shows it: loaded when it opens and again whenever the
 * window regains focus. Not polled: live updates of the list are another issue's work.
 */
export function useRoomList() {
  const rooms = useRoomsStore();
  const focused = useWindowFocus();
  onMounted(() => void rooms.refresh());
  watch(focused, (isFocused) => {
    if (isFocused) void rooms.refresh();
  });
  return rooms;
}

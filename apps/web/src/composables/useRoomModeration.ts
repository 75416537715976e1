import type { RoomKind } from '@chat/contract';
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useMembershipsStore } from '../stores/memberships';
import { useSessionStore } from '../stores/session';

/**
 * What the viewer may do in a room, as the contract's table says (the server decides; this only
 * chooses which controls to show), and whether they are timed out there now. A time-out ends by
 * the clock: a timer set for its end re-enables the composer without a reload or an event.
 */
export function useRoomModeration(name: Ref<string>, kind: Ref<RoomKind>) {
  const session = useSessionStore();
  const memberships = useMembershipsStore();
  const membership = computed(() => memberships.byKey(name.value));
  const roomRole = computed(() => membership.value?.role ?? null);
  const isAdmin = computed(() => session.user?.role === 'admin');

  /** Delete anyone's message; remove, ban and time people out (never in a direct room). */
  const mayModerate = computed(
    () =>
      kind.value !== 'direct' &&
      (isAdmin.value || roomRole.value === 'owner' || roomRole.value === 'moderator'),
  );
  /** Make or unmake moderators and hand the room over. */
  const mayManageRoles = computed(
    () => kind.value !== 'direct' && (isAdmin.value || roomRole.value === 'owner'),
  );

  const now = ref(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOutUntil = computed(() => {
    const until = membership.value?.timedOutUntil ?? null;
    return until !== null && Date.parse(until) > now.value ? until : null;
  });
  watch(
    () => membership.value?.timedOutUntil ?? null,
    (until) => {
      clearTimeout(timer);
      now.value = Date.now();
      if (until === null) return;
      const left = Date.parse(until) - now.value;
      // setTimeout's longest wait is about 24.8 days; a time-out lasts a week at most.
      if (left > 0) timer = setTimeout(() => (now.value = Date.now()), left + 50);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => clearTimeout(timer));

  return { roomRole, isAdmin, mayModerate, mayManageRoles, timedOutUntil };
}

import type { ScrollMemory } from '../stores/room-states';

/** Where the reader is: at the bottom, or which message is at the top of the view and where. */
export function readScroll(scroller: HTMLElement, atBottom: boolean): ScrollMemory {
  const top = scroller.getBoundingClientRect().top;
  for (const item of scroller.querySelectorAll<HTMLElement>('[data-message-id]')) {
    const box = item.getBoundingClientRect();
    if (box.bottom > top) {
      return { atBottom, anchorId: item.dataset.messageId ?? null, anchorOffset: box.top - top };
    }
  }
  return { atBottom, anchorId: null, anchorOffset: 0 };
}

/** Scrolls back to a remembered message; false when it is not in the log any more. */
export function restoreScroll(scroller: HTMLElement, memory: ScrollMemory): boolean {
  if (!memory.anchorId) return false;
  const anchor = scroller.querySelector<HTMLElement>(
    `[data-message-id="${CSS.escape(memory.anchorId)}"]`,
  );
  if (!anchor) return false;
  const offset = anchor.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  scroller.scrollTop += offset - memory.anchorOffset;
  return true;
}

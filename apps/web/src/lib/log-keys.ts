/**
 * The message log is one Tab stop; inside it the arrow keys move the focus from message to
 * message (Home and End to the first and the last), so Tab never walks a long history.
 */
export function moveFocusInLog(scroller: HTMLElement, event: KeyboardEvent): void {
  const items = [...scroller.querySelectorAll<HTMLElement>('.messages > li')];
  if (items.length === 0) return;
  const current = items.findIndex((item) => item.contains(document.activeElement));
  let next: number;
  if (event.key === 'ArrowUp') next = current === -1 ? items.length - 1 : Math.max(0, current - 1);
  else if (event.key === 'ArrowDown') next = current === -1 ? items.length - 1 : current + 1;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = items.length - 1;
  else return;
  // Inside a message, the arrows of its own controls (a textbox, later) keep their meaning.
  if (current !== -1 && document.activeElement !== items[current]) return;
  event.preventDefault();
  const target = items[Math.min(next, items.length - 1)];
  target?.focus({ preventScroll: true });
  target?.scrollIntoView({ block: 'nearest' });
}

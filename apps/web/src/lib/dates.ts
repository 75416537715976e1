/** Times and days as people read them, in the browser's language and time zone. */
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'full',
  timeStyle: 'short',
});
const dayThisYear = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
const dayOtherYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'full' });

export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** The full date and time, for hover and focus: "Tuesday, 1 December 2026 at 09:04". */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** The local calendar day of a moment, as a key that changes at local midnight. */
export function dayKey(iso: string | number): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

function daysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const end = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((end - start) / 86_400_000);
}

/** A day separator's words: "Today", "Yesterday", else the date (with the year when not this one). */
export function dayLabel(iso: string, now: number): string {
  const date = new Date(iso);
  const today = new Date(now);
  const ago = daysBetween(date, today);
  if (ago === 0) return 'Today';
  if (ago === 1) return 'Yesterday';
  return date.getFullYear() === today.getFullYear()
    ? dayThisYear.format(date)
    : dayOtherYear.format(date);
}

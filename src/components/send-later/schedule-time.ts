/**
 * Times for "send later", in the sender's time zone (the browser's): the presets, and the
 * `<input type="datetime-local">` value format. Pure functions of `now`.
 */

const MINUTE = 60_000;

/** In one hour, rounded up to the minute. */
export function inOneHour(now: number): number {
  return Math.ceil((now + 60 * MINUTE) / MINUTE) * MINUTE;
}

/** Tomorrow at 9:00 local time. */
export function tomorrowMorning(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d.getTime();
}

/** The next Monday (never today) at 9:00 local time. */
export function mondayMorning(now: number): number {
  const d = new Date(now);
  const days = (1 - d.getDay() + 7) % 7 || 7;
  d.setDate(d.getDate() + days);
  d.setHours(9, 0, 0, 0);
  return d.getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` in local time, as `<input type="datetime-local">` shows it. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The time a `datetime-local` value means in local time, or `null` when it is not one. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(y, mo - 1, d, h, mi, s || 0, 0);
  // Reject what Date rolls over (Feb 30 → Mar 2).
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

/** The sender's time zone name (e.g. `America/New_York`), or '' when the browser does not say. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    // An Intl without time zones: the note leaves the zone's name out.
    return '';
  }
}

/** "Tue, Dec 2, 9:00 AM" in the language given, local time. */
export function formatScheduledTime(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(ms);
}

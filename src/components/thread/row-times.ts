/**
 * A row's times, formatted once per message time and language: the short time under the bubble,
 * the full date (its tooltip, and its text while the row has focus) and the machine-readable
 * `datetime`.
 *
 * The first full-date format of a page (`dateStyle: 'full'`) costs 25–40 ms on a slow machine
 * (the locale's day and month names), and it was formatted twice for every row: a tenth of
 * opening a thread (docs/performance.md). The rows of a thread opened before it is ready show
 * the short time at once, and the full date a moment later: the format is made when the page is
 * idle, and the thread renders again. Nobody can hover or focus a row in between.
 */
import type { LocaleController } from '../../controllers/locale-controller.js';

/** The times shown for one message. */
export interface RowTime {
  /** "3:45 PM" */
  readonly short: string;
  /** "Tuesday, March 3, 2026 at 3:45 PM"; empty for the moment the format is being made. */
  readonly full: string;
  /** ISO 8601, for `<time datetime>`. */
  readonly iso: string;
}

/** Times remembered per language; a thread shows a few hundred rows at most between two clears. */
const LIMIT = 4000;

const byLocale = new WeakMap<LocaleController, { lang: string; times: Map<number, RowTime> }>();
/** Languages whose full-date format is made, or being made (then: who to tell). */
const fullDates = new Map<string, Set<() => void> | 'ready'>();

/**
 * The times of a message created at `ms`, in `locale`'s language.
 *
 * @param ready - Called once when the full date, not ready yet, can be shown (render again).
 */
export function rowTime(locale: LocaleController, ms: number, ready: () => void): RowTime {
  const lang = locale.lang;
  if (fullDates.get(lang) !== 'ready') {
    prepareFullDates(lang, ready);
    return { short: locale.time(ms), full: '', iso: new Date(ms).toISOString() };
  }
  let memo = byLocale.get(locale);
  if (!memo || memo.lang !== lang) {
    memo = { lang, times: new Map() };
    byLocale.set(locale, memo);
  }
  let time = memo.times.get(ms);
  if (!time) {
    if (memo.times.size >= LIMIT) memo.times.clear();
    time = { short: locale.time(ms), full: locale.dateTime(ms), iso: new Date(ms).toISOString() };
    memo.times.set(ms, time);
  }
  return time;
}

/** Makes the full-date format of `lang` when the page is idle, then calls `ready`. */
function prepareFullDates(lang: string, ready: () => void): void {
  const waiting = fullDates.get(lang);
  if (waiting instanceof Set) {
    waiting.add(ready);
    return;
  }
  const callbacks = new Set([ready]);
  fullDates.set(lang, callbacks);
  const make = () => {
    try {
      new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' }).format(0);
    } catch {
      // A language this browser's Intl does not know: the locale formats in English.
    }
    fullDates.set(lang, 'ready');
    for (const callback of callbacks) callback();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(make, { timeout: 500 });
  else setTimeout(make, 50);
}

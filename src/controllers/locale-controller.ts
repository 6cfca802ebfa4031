import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatPhoneNumber } from '../rules/phone.js';
import { formatBytes } from '../rules/attachment-policy.js';
import { onTranslationsChanged, translationFor } from '../i18n/registry.js';
import type { TermKey, Translation } from '../i18n/translation.js';

type Host = ReactiveControllerHost & HTMLElement & { labels?: Partial<Translation> | undefined };

const controllers = new Set<LocaleController>();
let observer: MutationObserver | undefined;

function watchDocument(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const c of controllers) c.refresh();
  });
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang', 'dir'],
    subtree: true,
  });
}

/** Walks up through shadow roots to the nearest element with the attribute. */
function closestAttribute(start: Element, name: string): string | null {
  let node: Node | null = start;
  while (node) {
    if (node instanceof Element) {
      const value = node.getAttribute(name);
      if (value) return value;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

const DAY = 86_400_000;
/** Phone numbers as displayed, by country and number (the same for every language). */
const phones = new Map<string, string>();

/**
 * Resolves an element's language and direction (nearest `lang`/`dir`, then the document, then
 * the browser), re-renders the host when they change, and formats terms, dates, sizes and
 * phone numbers for that language. Per-instance overrides come from the host's `labels`.
 */
export class LocaleController implements ReactiveController {
  readonly #host: Host;
  #lang = 'en';
  #dir: 'ltr' | 'rtl' = 'ltr';
  #table: Translation = translationFor('en');
  #stopTranslations: (() => void) | undefined;
  #formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  get lang(): string {
    return this.#lang;
  }

  get dir(): 'ltr' | 'rtl' {
    return this.#dir;
  }

  hostConnected(): void {
    controllers.add(this);
    watchDocument();
    this.#stopTranslations = onTranslationsChanged(() => this.refresh(true));
    this.refresh();
  }

  hostDisconnected(): void {
    controllers.delete(this);
    this.#stopTranslations?.();
  }

  /** Re-reads `lang`/`dir`; re-renders the host if anything changed. */
  refresh(force = false): void {
    const lang =
      closestAttribute(this.#host, 'lang') ||
      (typeof navigator !== 'undefined' ? navigator.language : '') ||
      'en';
    const dirAttr = closestAttribute(this.#host, 'dir');
    const dir = dirAttr === 'rtl' ? 'rtl' : 'ltr';
    if (!force && lang === this.#lang && dir === this.#dir) return;
    this.#lang = lang;
    this.#dir = dir;
    this.#table = translationFor(lang);
    this.#formatters.clear();
    this.#host.requestUpdate();
  }

  /** The term in the current language (or the host's override). */
  term<K extends TermKey>(key: K): Translation[K] {
    const override = this.#host.labels?.[key];
    return (override ?? this.#table[key]) as Translation[K];
  }

  /** A term as text: function terms are called with `args`. */
  t<K extends TermKey>(key: K, ...args: Translation[K] extends (...a: infer A) => string ? A : []): string {
    const value = this.term(key) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => string)(...args) : String(value);
  }

  #format<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(
    key: string,
    make: () => T,
  ): T {
    let f = this.#formatters.get(key) as T | undefined;
    if (!f) {
      try {
        f = make();
      } catch {
        // A language tag this browser's Intl does not know (a host's typo): English formats.
        this.#lang = 'en';
        f = make();
      }
      this.#formatters.set(key, f);
    }
    return f;
  }

  /** "3:45 PM" */
  time(ms: number): string {
    return this.#format('time', () => new Intl.DateTimeFormat(this.#lang, { timeStyle: 'short' })).format(ms);
  }

  /** "Tuesday, March 3, 2026 at 3:45 PM" */
  dateTime(ms: number): string {
    return this.#format(
      'datetime',
      () => new Intl.DateTimeFormat(this.#lang, { dateStyle: 'full', timeStyle: 'short' }),
    ).format(ms);
  }

  /** A day heading: "Today", "Yesterday", "Monday", or "March 3, 2026". */
  day(ms: number, now: number = Date.now()): string {
    const start = (t: number) => new Date(t).setHours(0, 0, 0, 0);
    const days = Math.round((start(now) - start(ms)) / DAY);
    if (days === 0) return this.t('today');
    if (days === 1) return this.t('yesterday');
    if (days > 1 && days < 7) {
      return this.#format('weekday', () => new Intl.DateTimeFormat(this.#lang, { weekday: 'long' })).format(
        ms,
      );
    }
    return this.#format('date', () => new Intl.DateTimeFormat(this.#lang, { dateStyle: 'long' })).format(ms);
  }

  /** Short time for list rows: "now", "5 min ago", "3:45 PM" today, "Mon", "Mar 3", "3/3/24". */
  listTime(ms: number, now: number = Date.now()): string {
    const diff = now - ms;
    if (diff < 60_000 && diff > -60_000) {
      return this.#format('rel', () => new Intl.RelativeTimeFormat(this.#lang, { numeric: 'auto' })).format(
        0,
        'second',
      );
    }
    if (diff < 3_600_000 && diff > 0) {
      return this.#format('rel', () => new Intl.RelativeTimeFormat(this.#lang, { numeric: 'auto' })).format(
        -Math.floor(diff / 60_000),
        'minute',
      );
    }
    const d = new Date(ms);
    const n = new Date(now);
    if (d.toDateString() === n.toDateString()) return this.time(ms);
    if (diff < 6 * DAY) {
      return this.#format('wd', () => new Intl.DateTimeFormat(this.#lang, { weekday: 'short' })).format(ms);
    }
    if (d.getFullYear() === n.getFullYear()) {
      return this.#format(
        'md',
        () => new Intl.DateTimeFormat(this.#lang, { month: 'short', day: 'numeric' }),
      ).format(ms);
    }
    return this.#format('ymd', () => new Intl.DateTimeFormat(this.#lang, { dateStyle: 'short' })).format(ms);
  }

  /** "2 MB", "512 KB". */
  bytes(size: number): string {
    return formatBytes(size, this.#lang);
  }

  /** "1,234" */
  number(n: number): string {
    return this.#format('num', () => new Intl.NumberFormat(this.#lang)).format(n);
  }

  /** A phone number for display: national form for the account's country, international otherwise. */
  phone(e164: string, country?: string): string {
    // Parsing is a fraction of a millisecond, paid for each sender name of each row rendered (the
    // thread header and rows); formatPhoneNumber is pure while its metadata is bundled (decision 0024).
    const key = `${country ?? ''} ${e164}`;
    let shown = phones.get(key);
    if (shown === undefined) {
      if (phones.size >= 2000) phones.clear();
      shown = formatPhoneNumber(e164, country ? { country } : undefined);
      phones.set(key, shown);
    }
    return shown;
  }
}

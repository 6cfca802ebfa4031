/**
 * Where the thread's view is: following the newest message, or holding the message being read in
 * place while older rows load above it or a message jumped to is brought into the middle (see
 * docs/decisions/0005-thread-anchoring.md). The thread element tells it what happened; it moves
 * `scrollTop` and hides the log for the frame or two a correction takes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { Item } from './rows.js';
import { FollowEnd, ThreadLayout } from './thread-layout.js';
import type { ThreadLayoutConfig } from './thread-layout.js';

/** How close to the bottom (px) counts as "at the bottom". */
const PINNED_PX = 48;
/** A scroll within this long after a wheel, touch, key or pointer on the list is the user's. */
const USER_SCROLL_MS = 1000;
/** Frames the anchored message must stay in place before the thread stops holding it. */
const STABLE_FRAMES = 8;
/** Give up holding an anchor after this many frames (about 2 s), whatever happens. */
const MAX_ANCHOR_FRAMES = 120;
/** Frames the log may stay hidden while the anchored message is brought back. */
const MAX_HIDDEN_FRAMES = 6;

/** The message the user is reading, and where it was in the viewport, while older rows load above. */
interface Anchor {
  readonly key: string;
  readonly offset: number;
  stable: number;
  frames: number;
  /** The frame of the last jump by an estimate (one jump per frame, on freshly rendered rows). */
  jumpFrame?: number;
  /** Hold it in the middle of the view (a message jumped to) rather than at `offset`. */
  center?: boolean;
}

/** Keys that scroll the view from wherever the focus is in it. */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);
/** Where the space bar does something else than scroll. */
const OWN_SPACE = 'button, input, textarea, select, [contenteditable], [role="menuitem"]';
/** Where the arrow keys and Home / End do something else than scroll. */
const OWN_KEYS = 'input, textarea, select, [contenteditable]';

/**
 * Whether an input on the log scrolls it: a wheel or a touch moving, a scrolling key, a pointer
 * pressed on the scroller itself (its scrollbar). A click on a message, its "More actions" or a
 * menu (and Enter on them) does not: taken for scrolling, it let the thread judge the scroll the
 * layout made when the deleted row went as the person's, and leave the newest message.
 */
function scrollsView(e: Event): boolean {
  if (e.type === 'pointerdown') return e.target === e.currentTarget;
  if (!(e instanceof KeyboardEvent)) return true;
  const own = e.composedPath()[0];
  const within = (selector: string) => own instanceof Element && !!own.closest(selector);
  if (e.key === ' ') return !within(OWN_SPACE);
  return SCROLL_KEYS.has(e.key) && !within(OWN_KEYS);
}

/** What the scroll controller reads from the thread, and tells it. */
export interface ThreadScrollView {
  /** The thread's shadow root, once created. */
  root(): HTMLElement | DocumentFragment;
  /** The element that scrolls (`.scroller`), once rendered. */
  scroller(): HTMLElement | undefined;
  /** The virtualizer (the log), once rendered. */
  log(): LitVirtualizer | undefined;
  /** The rows given to the virtualizer. */
  items(): readonly Item[];
  /** Whether the rows end at the newest message there is (no newer page left to read). */
  showsNewest(): boolean;
  /** The view reached the newest message: nothing unseen is left. */
  reachedNewest(): void;
}

/** Follows the newest message, or holds an anchored one in place. */
export class ThreadScroll implements ReactiveController {
  /**
   * Whether the view follows the newest message: the layout holds the last row at the end
   * meanwhile (see thread-layout.ts), and tells the thread of scrolls it did not make.
   */
  readonly follow = new FollowEnd();
  /** The virtualizer's layout config (the same object on every render). */
  readonly layout: ThreadLayoutConfig = { type: ThreadLayout, follow: this.follow };
  readonly #view: ThreadScrollView;
  #anchor: Anchor | null = null;
  #frame = 0;
  /** Watches the log's size: after the virtualizer lays out rows, before paint, the anchor is corrected. */
  #resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.#correctNow());
  #resized: Element | undefined;
  /** When the user last scrolled on purpose (wheel, touch, keys, pointer on the scrollbar). */
  #userScrollAt = -Infinity;

  constructor(host: ReactiveControllerHost, view: ThreadScrollView) {
    this.#view = view;
    host.addController(this);
  }

  /** Whether a message is held in place (the view's scrolls are then the thread's own). */
  get holding(): boolean {
    return this.#anchor !== null;
  }

  /** Whether a message jumped to is being brought into the middle. */
  get centering(): boolean {
    return !!this.#anchor?.center;
  }

  /** Whether the person scrolled on purpose (wheel, touch, keys, pointer) within the last second. */
  get userScrolling(): boolean {
    return performance.now() - this.#userScrollAt < USER_SCROLL_MS;
  }

  hostConnected(): void {
    this.follow.scroller = () => this.#view.scroller();
    this.follow.strayScroll = () => this.#strayScroll();
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#resized = undefined;
    cancelAnimationFrame(this.#frame);
  }

  hostUpdated(): void {
    const log = this.#view.log();
    if (log && log !== this.#resized) {
      this.#resize?.disconnect();
      this.#resize?.observe(log);
      const scroller = this.#view.scroller();
      if (scroller) this.#resize?.observe(scroller);
      this.#resized = log;
    }
  }

  /**
   * Older rows are about to render above the first one: remembers the first message in view and
   * its offset, read before the new rows render, and hides the log until it is back in place.
   */
  keepReading(): void {
    const scroller = this.#view.scroller();
    if (!scroller) return;
    const top = scroller.getBoundingClientRect().top;
    for (const el of this.#view.root().querySelectorAll<HTMLElement>('[data-key]')) {
      // Anchor on a message: a day separator moves when the rows around it change.
      if (el.dataset['key']!.startsWith('day:')) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom > top) {
        this.#anchor = { key: el.dataset['key']!, offset: r.top - top, stable: 0, frames: 0 };
        return;
      }
    }
  }

  /** Hides the log while the anchored message is brought back after rows were prepended. */
  hideWhileHolding(): void {
    if (this.#anchor) this.#view.log()?.style.setProperty('visibility', 'hidden');
  }

  /** Brings the row `key` into the middle of the view (hidden until it is there). */
  center(key: string): void {
    this.follow.end = false;
    this.#anchor = { key, offset: 0, center: true, stable: 0, frames: 0 };
    this.#view.log()?.style.setProperty('visibility', 'hidden');
  }

  /** Stops holding any message (another window, back to the newest, the person scrolled). */
  release(): void {
    this.#anchor = null;
    this.#reveal();
  }

  /**
   * A wheel, touch, key or pointer on the log: when it scrolls (see {@link scrollsView}), the
   * person scrolled on purpose: stop holding an anchor.
   */
  userScrolled(e?: Event): void {
    if (e && !scrollsView(e)) return;
    this.#userScrollAt = performance.now();
    this.release();
  }

  /**
   * After each update: hold the anchor (older messages loaded, a message jumped to) frame by
   * frame until it stays put. The end needs no holding: the layout keeps the last row there
   * while the view follows the newest.
   */
  settle(): void {
    cancelAnimationFrame(this.#frame);
    const step = () => {
      const scroller = this.#view.scroller();
      const anchor = this.#anchor;
      if (!scroller || !anchor) return;
      anchor.frames++;
      if (this.#hold(scroller, anchor) || anchor.frames > MAX_ANCHOR_FRAMES) {
        this.release();
        // A message jumped to may have been held at the very end: then the view follows it.
        this.judgeEnd();
        return;
      }
      // Never keep the log blank for long: a late correction is better than nothing shown.
      if (anchor.frames > MAX_HIDDEN_FRAMES) this.#reveal();
      this.#frame = requestAnimationFrame(step);
    };
    const scroller = this.#view.scroller();
    if (!this.#anchor || !scroller) return;
    // Correct before the first paint when older rows were just prepended, then frame by frame.
    this.#hold(scroller, this.#anchor);
    this.#frame = requestAnimationFrame(step);
  }

  /** Follows the newest while the view is at the end of the newest rows, and stops when it is not. */
  judgeEnd(): void {
    const scroller = this.#view.scroller();
    if (!scroller) return;
    const fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    const end = fromBottom < PINNED_PX && this.#view.showsNewest();
    if (end === this.follow.end) return;
    this.follow.end = end;
    if (end) this.#view.reachedNewest();
  }

  /**
   * The view scrolled while following the newest, and neither the layout nor the thread did it
   * (a screen reader, find in page, the host page, or the person in a way no input event told):
   * it stops following if it left the end.
   */
  #strayScroll(): void {
    if (!this.#anchor) this.judgeEnd();
  }

  /**
   * Brings the anchored message back to where the user saw it. When the rows above it were just
   * prepended it may not be rendered (the virtualizer shows the same index range as before), so
   * first jump by an estimate (rows × average height) until it is, then correct to the pixel.
   * Returns true once it has been in place for a few frames in a row.
   */
  #hold(scroller: HTMLElement, anchor: Anchor): boolean {
    const root = this.#view.root();
    const el = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`);
    const top = scroller.getBoundingClientRect().top;
    if (el && el.offsetHeight > 0) {
      const offset = anchor.center
        ? Math.max(0, (scroller.clientHeight - el.offsetHeight) / 2)
        : anchor.offset;
      const delta = el.getBoundingClientRect().top - top - offset;
      const from = scroller.scrollTop;
      if (Math.abs(delta) >= 0.5) scroller.scrollTop += delta;
      // A message near either end cannot reach the middle: where the scroll stops is its place.
      if (Math.abs(delta) >= 0.5 && Math.abs(scroller.scrollTop - from) >= 0.5) {
        anchor.stable = 0;
      } else {
        anchor.stable++;
        this.#reveal();
      }
      return anchor.stable >= STABLE_FRAMES;
    }
    anchor.stable = 0;
    const items = this.#view.items();
    const target = items.findIndex((i) => i.key === anchor.key);
    if (target === -1) {
      this.#reveal();
      return true; // deleted meanwhile: nothing to hold
    }
    const rendered = [...root.querySelectorAll<HTMLElement>('[data-key]')];
    const first = rendered.find((r) => r.getBoundingClientRect().bottom > top);
    const firstIndex = first ? items.findIndex((i) => i.key === first.dataset['key']) : -1;
    const log = this.#view.log();
    if (firstIndex === -1 || !log || !items.length) return false;
    // After a jump, wait for the virtualizer to render the new range before judging again:
    // jumping twice on the same stale rows overshoots and never settles.
    if (anchor.jumpFrame !== undefined && anchor.frames <= anchor.jumpFrame) return false;
    anchor.jumpFrame = anchor.frames;
    const average = log.offsetHeight / items.length;
    scroller.scrollTop += (target - firstIndex) * average;
    return false;
  }

  /** Shows the log again once the anchored message is back in place (or given up on). */
  #reveal(): void {
    this.#view.log()?.style.removeProperty('visibility');
  }

  /** A layout happened (the log resized): fix the anchored message's position before it is painted. */
  #correctNow(): void {
    const scroller = this.#view.scroller();
    if (scroller && this.#anchor) this.#hold(scroller, this.#anchor);
  }
}

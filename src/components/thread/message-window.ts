/**
 * Which of a thread's loaded messages are given to the virtualizer. Browsers cap an element's
 * height (the virtualizer clamps at 8.2 million px), so a 100,000-message thread is shown through
 * a window of {@link WINDOW} messages that slides by {@link WINDOW_SLIDE} as the person scrolls
 * to either end of it. The window is named by its first message's key (`null`: it ends at the
 * newest loaded message), so it stays put when pages load.
 */
import type { Message } from '../../model/message.js';
import { messageKey } from '../../store/state.js';

/** The most messages given to the virtualizer at once. */
export const WINDOW = 40_000;
/** How far the window moves when the view nears one of its ends. */
export const WINDOW_SLIDE = 10_000;

/** The window over a thread's loaded messages. */
export class MessageWindow {
  /** Where the window sits in the loaded messages: [start, end). */
  start = 0;
  end = 0;
  /** The first message of the window when it does not end at the newest; `null`: it does. */
  #startKey: string | null = null;
  /** The start key the rows were last built for. */
  #builtFor: string | null = null;
  #sliding = false;

  /** Whether the window was moved since the rows were last built. */
  get moved(): boolean {
    return this.#startKey !== this.#builtFor;
  }

  /** Another conversation: the window ends at the newest. */
  reset(): void {
    this.#startKey = null;
    this.start = 0;
  }

  /** The window ends at the newest loaded message from the next build on. */
  toNewest(): void {
    this.#startKey = null;
  }

  /**
   * Whether the window ends at the newest of `count` loaded messages. A window that ends at the
   * newest ends there still when messages arrived that the rows are not built for yet (they are
   * next): judged by the count alone, a scroll in between (the layout pinning the last row) was
   * taken for the view leaving the newest, and a stream of texts one per frame stopped following.
   */
  atNewest(count: number): boolean {
    return this.#startKey === null || this.end >= count;
  }

  /** Whether loaded message `at` is outside the window. */
  outside(at: number): boolean {
    return at < this.start || at >= this.end;
  }

  /** Moves the window so that loaded message `at` is in its middle (the rows are built next). */
  centerOn(messages: readonly Message[], at: number): void {
    const start = Math.max(0, at - WINDOW / 2);
    this.#startKey = start + WINDOW >= messages.length ? null : messageKey(messages[start]!);
  }

  /**
   * The part of the loaded messages to show (all of them up to WINDOW). A window that began at
   * the oldest loaded message keeps beginning there when older pages arrive, so they show.
   *
   * @param oldFirst - The key of the first message of the rows built last.
   */
  select(messages: readonly Message[], oldFirst: string | undefined): readonly Message[] {
    const len = messages.length;
    let start: number;
    if (this.#startKey === null) {
      start = Math.max(0, len - WINDOW);
      // Older messages were loaded while the whole window was shown: show them, leave the newest.
      if (start > 0 && oldFirst && this.start === 0 && messageKey(messages[0]!) !== oldFirst) start = 0;
    } else {
      const at = messages.findIndex((m) => messageKey(m) === this.#startKey);
      start = at === -1 ? Math.max(0, len - WINDOW) : at;
      if (this.start === 0 && oldFirst && at > 0 && messageKey(messages[0]!) !== oldFirst) start = 0;
    }
    const end = Math.min(len, start + WINDOW);
    if (end === len) start = Math.max(0, len - WINDOW);
    this.#startKey = end === len ? null : messageKey(messages[start]!);
    this.#builtFor = this.#startKey;
    this.start = start;
    this.end = end;
    return start === 0 && end === len ? messages : messages.slice(start, end);
  }

  /**
   * Moves the window by WINDOW_SLIDE messages (negative: older), within what is loaded. Waits two
   * frames so the virtualizer has rendered where the person is (a scrollbar drag jumps), and the
   * message read there is the one kept in place; then `moved` is called to build the rows.
   */
  slide(by: number, messages: () => readonly Message[], moved: () => void): void {
    if (this.#sliding) return;
    this.#sliding = true;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        this.#sliding = false;
        const all = messages();
        const start = Math.max(0, Math.min(all.length - WINDOW, this.start + by));
        this.#startKey = start + WINDOW >= all.length ? null : messageKey(all[start]!);
        moved();
      }),
    );
  }
}

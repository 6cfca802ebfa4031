/**
 * Reading more of a thread as the person scrolls: older pages near the top, newer pages near the
 * bottom of a window read around a message, and sliding the window of a huge thread (see
 * message-window.ts) near either of its ends.
 */
import type { MessagesClient } from '../../store/client.js';
import type { ThreadView } from '../../store/thread-window.js';
import { runCommand } from './commands.js';
import { WINDOW_SLIDE } from './message-window.js';
import type { MessageWindow } from './message-window.js';

/** How close to the top (px) loads older messages (and to the bottom, newer ones). */
const LOAD_PX = 400;

/** What paging reads from the thread. */
export interface PagingView {
  /** The element that fires `sms-error` when a page cannot be read. */
  readonly host: EventTarget;
  readonly window: MessageWindow;
  client(): MessagesClient | undefined;
  /** The conversation shown. */
  id(): string | null;
  view(): ThreadView | undefined;
  scroller(): HTMLElement | undefined;
  /** Whether the view follows the newest message. */
  following(): boolean;
  /** Whether a message jumped to is being brought into the middle (nothing is read meanwhile). */
  centering(): boolean;
  /** Whether the store shows another window than the rows do (the thread updates next). */
  shownBehind(): boolean;
  /** The window slid: build the rows. */
  slid(): void;
}

/** Reads pages and slides the window as the view nears an end. */
export class ThreadPaging {
  readonly #p: PagingView;

  constructor(view: PagingView) {
    this.#p = view;
  }

  /** The view scrolled (not by a correction of the thread's own). */
  scrolled(scroller: HTMLElement): void {
    const p = this.#p;
    const fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    const view = p.view();
    const messages = () => p.view()?.messages ?? [];
    if (!p.window.atNewest(view?.messages.length ?? 0) && fromBottom < LOAD_PX) {
      p.window.slide(WINDOW_SLIDE, messages, p.slid);
      return;
    }
    if (p.window.start > 0 && scroller.scrollTop < LOAD_PX) {
      p.window.slide(-WINDOW_SLIDE, messages, p.slid);
      return;
    }
    this.maybeLoadNewer();
    const id = p.id();
    if (
      id &&
      view &&
      view.status === 'ready' &&
      view.olderCursor !== null &&
      !view.loadingOlder &&
      scroller.scrollTop < LOAD_PX
    ) {
      runCommand(p.host, 'loadOlder', p.client()?.loadOlder(id));
    }
  }

  /** Reads the next newer page when the end of a window that does not reach the newest is near. */
  maybeLoadNewer(): void {
    const p = this.#p;
    const view = p.view();
    const scroller = p.scroller();
    const id = p.id();
    if (!view || !scroller || !id || view.status !== 'ready' || !view.hasNewer || view.loadingNewer) return;
    if (p.centering() || p.shownBehind()) return;
    const fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    if (!p.window.atNewest(view.messages.length) || (fromBottom >= LOAD_PX && !p.following())) return;
    runCommand(p.host, 'loadNewer', p.client()?.loadNewer(id));
  }
}

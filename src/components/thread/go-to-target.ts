/**
 * A message asked for (`openConversation({ conversationId, messageId })`): once loaded, it is
 * brought into the middle of the view, highlighted for a moment and announced politely. When it
 * lies beyond the rows given to the virtualizer (a window of a huge thread), the window moves first.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Message } from '../../model/message.js';
import { messageKey } from '../../store/state.js';
import type { ThreadView } from '../../store/thread-window.js';
import { HIGHLIGHT_MS, handledTargets } from './jump-view.js';
import type { MessageWindow } from './message-window.js';
import type { ThreadScroll } from './thread-scroll.js';

/** What going to a message reads from the thread, and tells it. */
export interface GoToTargetView {
  readonly window: MessageWindow;
  readonly scroll: ThreadScroll;
  /** The window of messages shown. */
  view(): ThreadView | undefined;
  /** The element that scrolls, once rendered. */
  scroller(): HTMLElement | undefined;
  /** The message is in the middle of the view: the thread offers "Jump to the latest" and announces it. */
  shown(message: Message): void;
}

/** Brings the message asked for into view and highlights its row for a moment. */
export class GoToTarget implements ReactiveController {
  /** The row of the message jumped to, highlighted for a moment. */
  highlighted: string | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #v: GoToTargetView;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, view: GoToTargetView) {
    this.#host = host;
    this.#v = view;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** After each update: goes to the message asked for, once it is loaded and not gone to yet. */
  check(): void {
    const view = this.#v.view();
    const target = view?.target;
    if (!view || !target || handledTargets.has(target) || !this.#v.scroller()) return;
    const at = view.messages.findIndex((m) => m.id === target.messageId || m.clientId === target.messageId);
    if (at === -1) return;
    if (this.#v.window.outside(at)) {
      // Beyond the rows given to the virtualizer (a window of a huge thread): move them first.
      this.#v.window.centerOn(view.messages, at);
      this.#host.requestUpdate();
      return;
    }
    handledTargets.add(target);
    const message = view.messages[at]!;
    const key = messageKey(message);
    // Hidden for the frame or two it takes to place it, rather than flash the rows around it.
    this.#v.scroll.center(key);
    this.highlighted = key;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.highlighted = null;
      this.#host.requestUpdate();
    }, HIGHLIGHT_MS);
    this.#v.shown(message);
    this.#host.requestUpdate();
  }
}

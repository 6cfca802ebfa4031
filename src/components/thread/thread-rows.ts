/**
 * The thread's rows and what changed in them between two renders: which window of the loaded
 * messages they show (the newest, or the one read around a message jumped to, see
 * message-window.ts for huge threads), older rows arriving above, newer messages arriving at the
 * bottom, another window starting afresh. The thread decides what the view does about each.
 */
import type { Message } from '../../model/message.js';
import { messageKey } from '../../store/state.js';
import type { ThreadState } from '../../store/state.js';
import type { ThreadView } from '../../store/thread-window.js';
import { buildItems } from './items.js';
import { windowKey } from './jump-view.js';
import { MessageWindow } from './message-window.js';
import type { Item } from './rows.js';

/** What the rows tell the thread. */
export interface RowChanges {
  /** Whether the view follows the newest message (older rows then need no anchor). */
  following(): boolean;
  /**
   * The first message changed while the view does not follow the newest (read before the new rows
   * render); `prepended`: older rows are about to render above it.
   */
  firstChanged(prepended: boolean): void;
  /**
   * Messages arrived after `previousLast`. `shown`: in the rows shown (not at the newest while a
   * jump window is shown).
   */
  arrived(messages: readonly Message[], previousLast: string, shown: boolean): void;
  /** Another window starts afresh; `jumped`: one read around a message. */
  restarted(jumped: boolean): void;
}

/** The rows given to the virtualizer, rebuilt when the messages or the window change. */
export class ThreadRows {
  /** Which loaded messages the rows show. */
  readonly window = new MessageWindow();
  /** The rows given to the virtualizer. */
  items: Item[] = [];
  readonly #changes: RowChanges;
  #itemsFor: readonly Message[] | null = null;
  #itemsConversation: string | null = null;
  #lastMessageKey: string | null = null;
  /** Which window the rows show (`present`, or the message a jump window was read around). */
  #windowOf: string | null = null;
  /** Whether the window shown had newer messages to read: messages added then are pages, not news. */
  #hadNewer = false;
  /** The newest message of the present window while a jump window is shown (to count arrivals). */
  #presentLast: string | null = null;

  constructor(changes: RowChanges) {
    this.#changes = changes;
  }

  /** Whether the store shows another window than the rows do (the thread updates next). */
  shownBehind(view: ThreadView | undefined, thread: ThreadState | undefined): boolean {
    return !!view && windowKey(view, thread?.jump?.messageId) !== this.#windowOf;
  }

  /**
   * Brings the rows up to date before a render.
   *
   * @param id - The conversation shown.
   * @param thread - Its state in the store, and `view` the window of it shown.
   * @param group - Whether the chat has several other people.
   */
  update(
    id: string | null,
    thread: ThreadState | undefined,
    view: ThreadView | undefined,
    group: boolean,
  ): void {
    if (id !== this.#itemsConversation) {
      // Another conversation: its own window, no anchor carried over.
      this.#itemsConversation = id;
      this.#restart();
      this.#windowOf = null;
    }
    this.#followWindow(thread, view);
    const messages = view?.messages ?? null;
    if (messages !== this.#itemsFor || this.window.moved) this.#rebuild(messages ?? [], view, group);
  }

  /** Starts the rows afresh (another conversation or window). */
  #restart(): void {
    this.window.reset();
    this.items = [];
    this.#itemsFor = null;
    // Its newest message is learned from its first rows, not compared with the last ones.
    this.#lastMessageKey = null;
  }

  /**
   * Another window is shown (a jump, or back to the newest): start it afresh. A jump window that
   * reached the newest goes on as the same rows.
   */
  #followWindow(t: ThreadState | undefined, view: ThreadView | undefined): void {
    const now = view ? windowKey(view, t?.jump?.messageId) : null;
    if (view?.jumped && t) {
      // Texts arriving at the newest meanwhile: counted on the pill and announced.
      const last = t.messages[t.messages.length - 1];
      const key = last ? messageKey(last) : null;
      if (this.#presentLast && key && key !== this.#presentLast)
        this.#changes.arrived(t.messages, this.#presentLast, false);
      this.#presentLast = key;
    } else this.#presentLast = null;
    const before = this.#windowOf;
    this.#windowOf = now;
    if (before === null || now === null || before === now) return;
    const first = this.items.find((i) => i.kind === 'message')?.key;
    const continues = !view?.jumped && !!first && view!.messages.some((m) => messageKey(m) === first);
    if (continues) return;
    this.#restart();
    this.#changes.restarted(!!view?.jumped);
  }

  /** Turns the window's messages into rows, and tells what changed. */
  #rebuild(messages: readonly Message[], view: ThreadView | undefined, group: boolean): void {
    const previousLast = this.#lastMessageKey;
    const wasEmpty = this.items.length === 0;
    const oldFirst = this.items.find((i) => i.kind === 'message')?.key;
    const previousFirstIndex = this.items.findIndex((i) => i.kind === 'message');
    const shown = this.window.select(messages, oldFirst);
    const items = buildItems(messages, shown, this.window.start, group);
    // Older messages arrived above: keep the message being read where it is.
    const newFirst = items.find((i) => i.kind === 'message')?.key;
    if (!wasEmpty && oldFirst && newFirst !== oldFirst && !this.#changes.following())
      this.#changes.firstChanged(items.findIndex((i) => i.key === oldFirst) - previousFirstIndex > 0);
    this.items = items;
    this.#itemsFor = messages;
    const last = messages[messages.length - 1];
    this.#lastMessageKey = last ? messageKey(last) : null;
    // Messages added to a window that had newer ones to read are a page, not news.
    const paged = this.#hadNewer;
    this.#hadNewer = view?.hasNewer ?? false;
    if (last && previousLast && messageKey(last) !== previousLast && !paged)
      this.#changes.arrived(messages, previousLast, true);
  }
}

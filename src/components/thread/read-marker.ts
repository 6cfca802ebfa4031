/**
 * Marks the open chat read while the person can see it (the thread on screen, the page visible
 * and focused), and keeps it unread after they marked it so: until they open it again or a newer
 * message arrives.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Conversation } from '../../model/conversation.js';
import type { MessagesClient } from '../../store/client.js';
import { runCommand } from './commands.js';

/** Reading and marking the shown chat's read state. */
export class ReadMarker implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #client: () => MessagesClient | undefined;
  readonly #conversation: () => Conversation | undefined;
  #visible = false;
  #observer: IntersectionObserver | undefined;
  /**
   * The person marked the open chat unread: it stays unread while they stay on it, until they open it
   * again or a newer message arrives (the chat's newest message id when it was marked).
   */
  #keptUnread: { id: string; last: string | undefined } | null = null;
  readonly #onWindowChange = () => this.maybeMarkRead();

  /**
   * @param client - The thread's client.
   * @param conversation - The conversation shown.
   */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    client: () => MessagesClient | undefined,
    conversation: () => Conversation | undefined,
  ) {
    this.#host = host;
    this.#client = client;
    this.#conversation = conversation;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('focus', this.#onWindowChange);
    document.addEventListener('visibilitychange', this.#onWindowChange);
    this.#observer = new IntersectionObserver((entries) => {
      this.#visible = entries.some((e) => e.isIntersecting);
      this.maybeMarkRead();
    });
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    window.removeEventListener('focus', this.#onWindowChange);
    document.removeEventListener('visibilitychange', this.#onWindowChange);
    this.#observer?.disconnect();
  }

  /** Marks the chat read if it has unread messages the person can see now. */
  maybeMarkRead(): void {
    const conversation = this.#conversation();
    const kept = this.#keptUnread;
    if (kept && (conversation?.id !== kept.id || conversation.lastMessage?.id !== kept.last)) {
      this.#keptUnread = null;
    }
    if (!conversation || conversation.unreadCount === 0 || !this.#visible || this.#keptUnread) return;
    if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
    runCommand(this.#host, 'markRead', this.#client()?.markRead(conversation.id));
  }

  /** "Mark conversation unread"; `failed` shows the person it did not happen. */
  markUnread(conversation: Conversation, failed: () => void): void {
    this.#keptUnread = { id: conversation.id, last: conversation.lastMessage?.id };
    runCommand(this.#host, 'markUnread', this.#client()?.markUnread(conversation.id), () => {
      this.#keptUnread = null;
      failed();
    });
  }
}

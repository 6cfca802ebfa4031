import type { ReactiveControllerHost } from 'lit';

/**
 * Which pane `<sms-messages>` shows: the list or the detail (the narrow layout shows one at a
 * time), and whether the detail is the "Send New Message" picker (with the chat its recipients
 * resolve to) or the selected chat. Each change re-renders the element.
 */
export class Panes {
  readonly #host: ReactiveControllerHost;
  /** Which pane the narrow layout shows. */
  view: 'list' | 'detail' = 'list';
  /** Writing a new message (the picker is shown above the thread). */
  composing = false;
  /** The conversation the picker's recipients resolve to. */
  draftConversation: string | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** A chat is shown (picked in the list, in search, by a link or a notification). */
  showChat(): void {
    this.#set({ view: 'detail', composing: false });
  }

  /** The "Send New Message" picker is shown, with no recipient yet. */
  compose(): void {
    this.#set({ view: 'detail', composing: true, draftConversation: null });
  }

  /** The picker's recipients resolve to this chat (or none yet). */
  resolved(conversationId: string | null): void {
    this.#set({ draftConversation: conversationId });
  }

  /** The first message of a new chat was sent: the picker gives way to the thread. */
  sent(): void {
    if (this.composing) this.#set({ composing: false });
  }

  /** The back button of the narrow layout: the list. */
  back(): void {
    this.#set({ view: 'list', composing: false });
  }

  #set(change: Partial<Pick<Panes, 'view' | 'composing' | 'draftConversation'>>): void {
    Object.assign(this, change);
    this.#host.requestUpdate();
  }
}

import type { Message } from '../model/message.js';
import type { Action } from './actions.js';

/** What tabs of one account say to each other. */
type TabMessage =
  | { readonly kind: 'action'; readonly from: string; readonly action: Action }
  /** A follower hands a message it wrote to the leader's outbox. */
  | {
      readonly kind: 'enqueue';
      readonly from: string;
      readonly message: Message;
      readonly since: number;
      readonly order: number | undefined;
    }
  /** A new leader asks followers for what they wrote and have not seen acknowledged. */
  | { readonly kind: 'leader'; readonly from: string };

/** Actions whose effect every tab of the account should see. */
const SHARED = new Set<Action['type']>([
  'conversation/upserted',
  'conversation/removed',
  'conversation/resolved',
  'message/upserted',
  'message/status',
  'message/retried',
  'message/removed',
  'draft/set',
  'connection/changed',
  'sync/progress',
  'scheduled/loaded',
  'scheduled/upserted',
  'scheduled/removed',
]);

interface TabSyncOptions {
  /** Identifies the account and user; tabs with the same key share state. */
  readonly key: string;
  /** Applies an action another tab made. */
  readonly apply: (action: Action) => void;
  /** This tab became the leader: subscribe to the backend and drain the outbox. */
  readonly lead: () => void;
  /** (Leader) a follower wrote a message (`order`: its place in the order shared by all tabs). */
  readonly enqueue: (message: Message, since: number, order: number | undefined) => void;
  /** (Follower) a new leader asks for our unacknowledged messages. */
  readonly resend: () => void;
}

/**
 * Keeps the tabs of one account in step: every shared action is broadcast (BroadcastChannel),
 * and exactly one tab — the leader, elected with the Web Locks API — holds the push
 * subscription and drains the outbox. When the leader's tab closes its lock is released and
 * the next tab takes over at once. Without these APIs every tab leads itself.
 */
export class TabSync {
  readonly #options: TabSyncOptions;
  readonly #id = Math.random().toString(36).slice(2);
  readonly #channel: BroadcastChannel | null;
  #leader = false;
  #release: (() => void) | null = null;
  #closed = false;
  #settle: () => void = () => undefined;
  readonly #settled = new Promise<void>((resolve) => (this.#settle = resolve));

  constructor(options: TabSyncOptions) {
    this.#options = options;
    this.#channel =
      typeof BroadcastChannel === 'function' ? new BroadcastChannel(`sms-elements:${options.key}`) : null;
    this.#channel?.addEventListener('message', (event: MessageEvent<TabMessage>) =>
      this.#receive(event.data),
    );
  }

  /** Whether this tab leads. */
  get leader(): boolean {
    return this.#leader;
  }

  /**
   * Starts the election; `lead` is called when (and if) this tab wins. Resolves once a leader
   * exists — this tab or another — so nothing the backend pushes meanwhile goes unheard.
   */
  start(): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks || !this.#channel) {
      this.#become();
      return this.#settled;
    }
    const name = `sms-elements:${this.#options.key}:leader`;
    void locks
      .request(name, () => {
        if (this.#closed) return undefined;
        this.#become();
        // Hold the lock until this tab closes or the client is destroyed.
        return new Promise<void>((resolve) => (this.#release = resolve));
      })
      .catch(() => this.#settle());
    void locks
      .query()
      .then((state) => {
        if (state.held?.some((lock) => lock.name === name)) this.#settle();
      })
      .catch(() => this.#settle());
    return this.#settled;
  }

  #become(): void {
    this.#leader = true;
    this.#options.lead();
    this.#post({ kind: 'leader', from: this.#id });
    this.#settle();
  }

  /** Shares an action this tab made, if other tabs should see it. */
  share(action: Action): void {
    if (SHARED.has(action.type)) this.#post({ kind: 'action', from: this.#id, action });
  }

  /** (Follower) hands a message to the leader's outbox. */
  forward(message: Message, since: number, order: number | undefined): void {
    this.#post({ kind: 'enqueue', from: this.#id, message, since, order });
  }

  #post(message: TabMessage): void {
    if (this.#closed || !this.#channel) return;
    try {
      this.#channel.postMessage(message);
    } catch {
      // A message that cannot be cloned is not shared; the tab itself is fine.
    }
  }

  #receive(message: TabMessage): void {
    if (this.#closed || !message || message.from === this.#id) return;
    switch (message.kind) {
      case 'action':
        this.#options.apply(message.action);
        break;
      case 'enqueue':
        if (this.#leader) this.#options.enqueue(message.message, message.since, message.order);
        break;
      case 'leader':
        if (!this.#leader) this.#options.resend();
        break;
    }
  }

  /** Leaves the election and the channel. */
  close(): void {
    this.#closed = true;
    this.#settle();
    this.#leader = false;
    this.#release?.();
    this.#channel?.close();
  }
}

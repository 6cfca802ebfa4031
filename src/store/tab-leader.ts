import type { OutboxRecord } from '../cache/cache.js';
import type { Message } from '../model/message.js';
import type { Action } from './actions.js';
import type { EffectContext } from './effects/context.js';
import type { Outbox } from './outbox.js';
import { TabSync } from './tabs.js';

/** A message a follower handed (or is about to hand) to the leader. */
interface Forwarded {
  readonly message: Message;
  readonly since: number;
  order: number | undefined;
  /** Committed to the shared outbox (its order known): until then it is not handed over. */
  committed: boolean;
}

/** What {@link TabLeader} needs from the client. */
export interface TabLeaderOptions {
  readonly context: EffectContext;
  /** Identifies the account and user (`MessagesClientOptions.tabs`); none: this tab leads itself. */
  readonly key: string | undefined;
  readonly outbox: Outbox;
  /** Applies a change another tab made (it already wrote it to the cache). */
  readonly apply: (action: Action) => void;
  /** Subscribes to the backend's events, resuming after `lastEventId` (see `Sync.listen`). */
  readonly listen: (lastEventId: string | null | undefined) => void;
  /** Catches up on what nobody was listening to, once start-up has begun (see `Sync`). */
  readonly catchUp: () => Promise<void>;
}

/**
 * Where this tab stands among the tabs of its account (`./tabs.ts` elects the leader): the
 * leader holds the push subscription and drains the outbox; a follower hands what is written in
 * it to the leader and counts it as unsent until the leader reports it sent (or failed). Without
 * a tabs key, this tab leads itself.
 */
export class TabLeader {
  readonly #options: TabLeaderOptions;
  readonly #tabs: TabSync | undefined;
  /** (Follower tab) messages handed to the leader and not yet acknowledged. */
  readonly #forwarded = new Map<string, Forwarded>();

  constructor(options: TabLeaderOptions) {
    this.#options = options;
    this.#tabs = options.key
      ? new TabSync({
          key: options.key,
          apply: options.apply,
          lead: () => this.#lead(),
          enqueue: (message, since, order) => void options.outbox.enqueue(message, since, order),
          resend: () => {
            // One still being committed is handed over when its commit ends, with its order: sent
            // without it, the leader would give it a later place than sends pressed after it.
            for (const { message, since, order, committed } of this.#forwarded.values())
              if (committed) this.#tabs?.forward(message, since, order);
          },
        })
      : undefined;
  }

  /** Whether this tab shares its account with other tabs (a tabs key was given). */
  get shared(): boolean {
    return this.#tabs !== undefined;
  }

  /** Whether this tab leads: it is the elected leader, or alone. */
  get leads(): boolean {
    return !this.#tabs || this.#tabs.leader;
  }

  /** (Follower) the messages handed to the leader that it has not yet reported sent or failed. */
  get forwarded(): readonly Message[] {
    return [...this.#forwarded.values()].map((f) => f.message);
  }

  /** Starts the election; resolves once a leader exists (see `TabSync.start`). */
  start(): Promise<void> {
    return this.#tabs ? this.#tabs.start() : Promise.resolve();
  }

  /** Shares a change this tab made with the other tabs. */
  share(action: Action): void {
    this.#tabs?.share(action);
  }

  /** Forwarded messages are settled once the leader reports them sent (or failed). */
  settle(action: Action): void {
    if (!this.#forwarded.size) return;
    if (
      action.type === 'message/status' &&
      action.clientId &&
      action.status !== 'queued' &&
      action.status !== 'sending'
    ) {
      this.#forwarded.delete(action.clientId);
    } else if (
      action.type === 'message/upserted' &&
      action.message.clientId &&
      action.message.id !== action.message.clientId
    ) {
      this.#forwarded.delete(action.message.clientId);
    }
  }

  /**
   * Where a written message goes: this tab's outbox, or the leader tab's. A follower first
   * commits it to the durable outbox itself, which gives it its place in the order of sends
   * shared by all tabs, so the leader (this one or the next) sends it in the order written.
   */
  async submit(message: Message, since: number = this.#options.context.now()): Promise<void> {
    const { context, outbox } = this.#options;
    if (!this.#tabs || this.#tabs.leader) {
      void outbox.enqueue(message, since);
      return;
    }
    const clientId = message.clientId!;
    const handed: Forwarded = { message, since, order: undefined, committed: false };
    this.#forwarded.set(clientId, handed);
    // A failed commit is told by the cache itself (sms-error, the storage notice); the message
    // is handed over all the same, without a stored place in the order (the leader gives it one).
    handed.order = await context.cache
      ?.putOutbox({ clientId, conversationId: message.conversationId, message, since })
      .catch(() => undefined);
    handed.committed = true;
    if (context.destroyed() || this.#forwarded.get(clientId) !== handed) return;
    this.handOver(message, since, handed.order);
  }

  /** (Follower) gives a committed message to the leader, and counts it until the leader settles it. */
  handOver(message: Message, since: number, order: number | undefined): void {
    if (this.#tabs?.leader !== false) {
      // Became the leader meanwhile.
      this.#forwarded.delete(message.clientId!);
      void this.#options.outbox.enqueue(message, since, order);
      return;
    }
    this.#forwarded.set(message.clientId!, { message, since, order, committed: true });
    this.#tabs.forward(message, since, order);
  }

  /**
   * (Leader) sends what a tab left in the shared outbox without handing it over (closed right
   * after send was pressed); what this tab already sends, settled or saw fail is left alone.
   */
  async adoptOutbox(): Promise<void> {
    const { context, outbox } = this.#options;
    const snapshot = await context.cache?.open();
    if (context.destroyed() || !this.#tabs?.leader) return;
    for (const record of this.#unsettled(snapshot?.outbox ?? []))
      void outbox.enqueue({ ...record.message, status: 'queued' }, record.since, record.order);
  }

  /**
   * (Leader, once a message's place in the outbox is durable: a new send, a hand-over, a restored
   * record) the messages of its conversation that another tab committed before it and this tab
   * has not been given — the hand-over is still on its way, or the tab closed before sending it:
   * the message goes after them, in the order send was pressed (decision 0028).
   */
  async earlier(
    conversationId: string,
    order: number,
  ): Promise<{ message: Message; since: number; order: number }[]> {
    const { cache } = this.#options.context;
    if (!this.#tabs || !cache) return [];
    const records = await (cache.outbox ? cache.outbox() : cache.open().then((s) => s.outbox));
    return this.#unsettled(records)
      .filter((r) => r.conversationId === conversationId && r.order !== undefined && r.order < order)
      .map((r) => ({
        message: { ...r.message, status: 'queued' as const },
        since: r.since,
        order: r.order!,
      }));
  }

  /** Outbox records nobody has settled: not failed, not shown here as sent or failed. */
  #unsettled(records: readonly OutboxRecord[]): OutboxRecord[] {
    const state = this.#options.context.getState();
    return records.filter((record) => {
      if (record.message.status === 'failed') return false;
      const shown = state.threads[record.conversationId]?.messages.find(
        (m) => m.clientId === record.clientId,
      );
      return !shown || (shown.id === shown.clientId && shown.status !== 'failed');
    });
  }

  /** Leaves the election and the channel. */
  close(): void {
    this.#tabs?.close();
  }

  /** This tab now leads: listen to the backend, resume the outbox, catch up on what was missed. */
  #lead(): void {
    const { context, outbox } = this.#options;
    if (context.destroyed()) return;
    // Nothing is sent before the inherited outbox is read: the messages handed over and the
    // saved ones go out in the order they were written (the order shared by all tabs).
    outbox.hold();
    for (const { message, since, order } of this.#forwarded.values())
      void outbox.enqueue(message, since, order);
    this.#forwarded.clear();
    void (async () => {
      try {
        const snapshot = await context.cache?.open();
        if (context.destroyed()) return;
        this.#options.listen(snapshot?.sync?.lastEventId);
        for (const record of snapshot?.outbox ?? []) {
          if (record.message.status !== 'failed')
            void outbox.enqueue({ ...record.message, status: 'queued' }, record.since, record.order);
        }
      } finally {
        outbox.release();
      }
      // A tab taking over from another catches up on what nobody was listening to.
      await this.#options.catchUp();
    })().catch(() => undefined);
  }
}

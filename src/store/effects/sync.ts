import type { CacheSnapshot } from '../../cache/cache.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import { toTransportError } from '../../transport/errors.js';
import type { TransportEvent } from '../../transport/transport.js';
import { isProvisionalId } from '../ids.js';
import type { Outbox, RetryOptions } from '../outbox.js';
import type { Scheduler } from '../scheduled-commands.js';
import type { TabLeader } from '../tab-leader.js';
import { describe, inBackground, retryRead, settled } from './context.js';
import type { EffectContext } from './context.js';
import type { Threads } from './threads.js';

/** What {@link Sync} needs from the client. */
export interface SyncOptions {
  readonly context: EffectContext;
  readonly leader: TabLeader;
  readonly outbox: Outbox;
  readonly scheduler: Scheduler;
  readonly threads: Threads;
  /** Backoff of reads retried while online (the sends' `retry` option: first and longest delay). */
  readonly retry?: RetryOptions;
}

/**
 * Start-up and staying in step with the backend: the cache shown first, the account, the first
 * page of conversations, the push subscription (in the leading tab), and the catch-up after an
 * outage or a change of leader, with the notifications of texts received meanwhile.
 */
export class Sync {
  readonly #options: SyncOptions;
  readonly #seenEvents = new Set<string>();
  #unsubscribe: (() => void) | null = null;
  #started: Promise<void> | null = null;
  /** Shows what the cache holds, and puts unsent messages back in the outbox. */
  #restoring: Promise<void> | null = null;
  /** The next retry of failed reads (see {@link retryReadsLater}), and the delay it waited. */
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retryDelay = 0;

  constructor(options: SyncOptions) {
    this.#options = options;
  }

  start(): Promise<void> {
    const { context } = this.#options;
    context.assertAlive();
    // After a failed start (no account), asking again tries again.
    if (this.#started && context.getState().accountStatus === 'error') this.#started = null;
    this.#started ??= this.#startOnce();
    return this.#started;
  }

  /**
   * The browser says the network is back: retry sends and catch up at once, even when the
   * transport's push connection never noticed the outage (a stream that stayed open, or none).
   */
  browserOnline(): void {
    const { context, outbox } = this.#options;
    if (context.destroyed() || !this.#started) return;
    outbox.wake();
    inBackground(context, 'catchUp', this.catchUpWhenStarted());
  }

  /**
   * (A follower) the leader says the API is back: this tab refreshes what it shows too, as the
   * leader's refresh reaches it only for what the leader itself has loaded. `wasOffline`: this
   * tab knew it was away.
   */
  leaderOnline(wasOffline: boolean): void {
    if (wasOffline || this.behind()) inBackground(this.#options.context, 'catchUp', this.catchUp());
  }

  /** Catches up once start-up is done; nothing before start-up began. */
  async catchUpWhenStarted(): Promise<void> {
    const { context } = this.#options;
    if (this.#started) await this.#started.then(() => (context.destroyed() ? undefined : this.catchUp()));
  }

  /**
   * Subscribes to the backend's events, resuming after the last event any tab of the account
   * handled (kept with the cache), so a transport that can replay fills the gap of a reload or
   * a change of leader.
   */
  listen(saved: string | null | undefined): void {
    const { context } = this.#options;
    if (context.destroyed() || this.#unsubscribe) return;
    const known = context.getState().sync.lastEventId;
    const lastEventId =
      saved && (!known || (/^\d+$/.test(saved) && /^\d+$/.test(known) && Number(saved) > Number(known)))
        ? saved
        : known;
    this.#unsubscribe = context.transport.subscribe(
      (event) => this.#handleEvent(event),
      lastEventId ? { lastEventId } : undefined,
    );
  }

  /** Ends the push subscription and the retries of failed reads. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  /**
   * A read failed for a retryable reason (a dropped request, a lost answer) while nothing else
   * would ask again: no outage ends, no leader changes. What is behind (a thread whose read
   * failed or was never confirmed, the list if its read failed) is read again after a backoff
   * (the `retry` option's first delay, doubling to its longest), until it is in step; otherwise
   * a status the server reached meanwhile would stay stale on screen for good. While the
   * connection is known to be offline nothing is read: the catch-up when it is back reads it.
   */
  retryReadsLater(): void {
    const { context } = this.#options;
    if (context.destroyed() || this.#retryTimer !== undefined) return;
    const first = this.#options.retry?.baseDelayMs ?? 1000;
    const longest = this.#options.retry?.maxDelayMs ?? 30_000;
    this.#retryDelay = Math.min(longest, this.#retryDelay ? this.#retryDelay * 2 : first);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#retryReads();
    }, this.#retryDelay);
  }

  async #retryReads(): Promise<void> {
    const { context, threads } = this.#options;
    let state = context.getState();
    if (context.destroyed() || state.connection === 'offline') return;
    let listRead = false;
    if (!state.account && state.accountStatus === 'error') {
      await this.#loadAccount(true);
      // Failed again: #loadAccount scheduled the next try, with a longer delay.
      if (context.destroyed() || !context.getState().account) return;
      if (context.getState().account?.numbers.length) {
        await threads.reloadConversations();
        listRead = true;
      }
      // Then, as any round: the threads whose reads failed meanwhile, and the backoff reset.
      state = context.getState();
    }
    const behind = Object.values(state.threads).filter(
      (t) =>
        !isProvisionalId(t.conversationId) &&
        t.status !== 'loading' &&
        t.status !== 'idle' &&
        !t.jump &&
        (t.status === 'error' || !t.synced),
    );
    await Promise.all([
      state.conversationsStatus === 'error' && !listRead ? threads.reloadConversations() : undefined,
      ...behind.map((t) => threads.loadThread(t.conversationId, 'latest')),
    ]);
    // In step: the next failure starts the backoff over (a failure meanwhile scheduled one).
    if (!context.destroyed() && this.#retryTimer === undefined && !this.behind()) this.#retryDelay = 0;
  }

  /**
   * The leader learned the newest message of each chat from a refetch: a text that came in a
   * gap (the push channel down, a reload, a change of leader) and was never notified is, once.
   */
  notifyLearned(conversations: readonly Conversation[]): void {
    const { context, leader } = this.#options;
    const newest = conversations.reduce((max, c) => Math.max(max, c.lastMessage?.createdAt ?? 0), 0);
    const through = context.getState().sync.through;
    if (!leader.leads) {
      // A follower only sets the horizon when nobody has yet (it opened before the cache said).
      if (through === null && newest) context.dispatch({ type: 'sync/progress', through: newest });
      return;
    }
    if (through !== null) {
      for (const c of conversations) {
        const m = c.lastMessage;
        if (m && m.direction === 'inbound' && m.createdAt > through) this.#notifyReceived(m, c);
      }
    }
    if (newest && (through === null || newest > through))
      context.dispatch({ type: 'sync/progress', through: newest });
  }

  /**
   * After the push connection comes back, or when this tab takes the lead: refresh the list and
   * read the newest page of every loaded thread that reaches the present (or was never confirmed
   * by the server, or failed). The newest page, not only what is newer than the loaded end: the
   * status of a message already shown may have moved while nobody listened (a gap the push
   * channel does not replay), and a stale status would stay on screen for good. These reads are
   * retried a few times, like the start-up reads: nothing else would ask again.
   */
  async catchUp(): Promise<void> {
    const { context, leader, scheduler, threads } = this.#options;
    if (context.destroyed()) return;
    if (leader.shared && leader.leads) inBackground(context, 'adoptOutbox', leader.adoptOutbox());
    // Start-up could not read the account (the network was away then): nothing works without
    // it, and while offline no retry read it. Read first; without it there is nothing to list.
    const started = context.getState();
    if (!started.account && started.accountStatus === 'error') {
      await this.#loadAccount(true);
      if (context.destroyed() || !context.getState().account?.numbers.length) return;
    }
    await threads.reloadConversations();
    if (context.destroyed()) return;
    void scheduler.refresh();
    const loaded = Object.values(context.getState().threads).filter(
      (t) => !isProvisionalId(t.conversationId) && t.status !== 'loading' && t.status !== 'idle',
    );
    await Promise.all(
      loaded.map(async (t) => {
        if (t.synced && t.status !== 'error' && t.hasNewer) return;
        if (t.synced && t.status === 'ready' && t.newerCursor && !t.jump) {
          // Continue from what is shown first, so a gap longer than a page is paged from there
          // (what the person is looking at, in the thread or the media viewer, stays in place).
          await threads.loadThread(t.conversationId, 'newer', false, 4);
          if (context.destroyed() || context.getState().threads[t.conversationId]?.hasNewer) return;
        }
        // At the present: the newest page overlaps what is shown and refreshes its statuses.
        await threads.loadThread(t.conversationId, 'latest', false, 4);
      }),
    );
  }

  /** A loaded thread was never confirmed by the server, or its last read failed. */
  behind(): boolean {
    const state = this.#options.context.getState();
    if (!state.account && state.accountStatus === 'error') return true;
    return Object.values(this.#options.context.getState().threads).some(
      (t) => !isProvisionalId(t.conversationId) && (t.status === 'error' || !t.synced),
    );
  }

  async #startOnce(): Promise<void> {
    const { context, leader, threads } = this.#options;
    // Without tabs, the snapshot read to listen from is the one shown (read once, not twice).
    const snapshot = leader.shared ? undefined : context.cache?.open();
    if (leader.shared) await leader.start();
    else this.listen((await snapshot)?.sync?.lastEventId);
    const restored = this.#restoreFromCache(snapshot);
    await this.#loadAccount();
    await restored;
    if (context.destroyed()) return;
    if (context.getState().account?.numbers.length) await threads.reloadConversations();
  }

  #restoreFromCache(read?: Promise<CacheSnapshot>): Promise<void> {
    const { context, leader, outbox, threads } = this.#options;
    const { cache, dispatch, getState } = context;
    if (!cache || this.#restoring) return this.#restoring ?? Promise.resolve();
    this.#restoring = (async () => {
      const snapshot = await (read ?? cache.open());
      if (context.destroyed()) return;
      if (cache.health !== 'ok') dispatch({ type: 'storage/changed', health: cache.health });
      if (snapshot.sync) {
        const { lastEventId, through, notified } = snapshot.sync;
        dispatch({
          type: 'sync/progress',
          ...(lastEventId ? { lastEventId } : {}),
          ...(through !== null ? { through } : {}),
          notified,
        });
      }
      if (snapshot.account && !getState().account) {
        dispatch({ type: 'account/loaded', account: snapshot.account });
      }
      dispatch({
        type: 'cache/restored',
        conversations: snapshot.conversations,
        conversationsCursor: snapshot.conversationsCursor,
        drafts: snapshot.drafts,
      });
      for (const record of snapshot.outbox) {
        const id = record.conversationId;
        // Its chat is read first, to show the message in it; the message is shown even when that
        // read fails (reported and shown, see settled).
        if (!getState().threads[id]) await settled(context, 'openConversation', threads.openConversation(id));
        if (context.destroyed()) return;
        // Another tab may have had it acknowledged meanwhile: never show it as unsent again.
        const shown = getState().threads[id]?.messages.find((m) => m.clientId === record.clientId);
        if (shown && shown.id !== shown.clientId) continue;
        const failed = record.message.status === 'failed';
        // It may have been in flight when the tab closed: "sending" again, never back to "queued".
        const message: Message = failed ? record.message : { ...record.message, status: 'sending' };
        dispatch({ type: 'message/upserted', message });
        if (failed) continue;
        if (leader.leads) void outbox.enqueue(message, record.since, record.order);
        // A follower reloaded right after send was pressed may never have handed it over.
        else leader.handOver(message, record.since, record.order);
      }
    })();
    return this.#restoring;
  }

  /**
   * Reads the account. `quiet`: a retry in the background keeps the failure on screen until it
   * succeeds (going back to `loading` for each attempt swapped the whole app in and out of its
   * error screen, and announced the error again, every round).
   */
  async #loadAccount(quiet = false): Promise<void> {
    const { context } = this.#options;
    if (!quiet && !context.getState().account) context.dispatch({ type: 'account/loading' });
    try {
      const account = await retryRead(() => context.transport.getAccount(), 4, context.destroyed);
      if (context.destroyed()) return;
      context.dispatch({ type: 'account/loaded', account });
    } catch (error) {
      if (context.destroyed()) return;
      // With the account from the cache the app keeps working; catch-up will refresh it.
      if (!context.getState().account) {
        context.dispatch({ type: 'account/failed', error: describe(error) });
        // Nothing works without it: read it again later, as a failed thread read is.
        if (toTransportError(error).retryable) this.retryReadsLater();
      }
      context.report('getAccount', error);
    }
  }

  #handleEvent(event: TransportEvent): void {
    const { context, outbox, scheduler } = this.#options;
    const { dispatch } = context;
    if (context.destroyed()) return;
    if ('eventId' in event && event.eventId !== undefined) {
      if (this.#seenEvents.has(event.eventId)) return;
      remember(this.#seenEvents, event.eventId);
      dispatch({ type: 'sync/progress', lastEventId: event.eventId });
    }
    if (scheduler.handle(event)) return;
    switch (event.type) {
      case 'message.created': {
        dispatch({ type: 'conversation/upserted', conversation: event.conversation });
        dispatch({ type: 'message/upserted', message: event.message });
        this.#notifyReceived(event.message, event.conversation);
        break;
      }
      case 'message.status':
        dispatch({
          type: 'message/status',
          conversationId: event.conversationId,
          messageId: event.messageId,
          clientId: event.clientId,
          status: event.status,
          failure: event.failure,
          at: event.at,
        });
        break;
      case 'message.deleted':
        dispatch({
          type: 'message/removed',
          conversationId: event.conversationId,
          messageId: event.messageId,
        });
        break;
      case 'conversation.updated':
        dispatch({ type: 'conversation/upserted', conversation: event.conversation });
        break;
      case 'conversation.deleted':
        dispatch({ type: 'conversation/removed', conversationId: event.conversationId });
        break;
      case 'connection': {
        const wasOffline = context.getState().connection === 'offline';
        dispatch({ type: 'connection/changed', state: event.state });
        if (event.state === 'online') {
          outbox.wake();
          // Also when this tab never knew it was away (it started during the outage): what it
          // failed to read then is read now.
          if (wasOffline || this.behind()) inBackground(context, 'catchUp', this.catchUp());
        }
        break;
      }
    }
  }

  /** Tells about a received message once, in whichever tab leads (the set is shared). */
  #notifyReceived(message: Message, conversation: Conversation): void {
    const { context } = this.#options;
    if (message.direction !== 'inbound' || context.getState().sync.notified.includes(message.id)) return;
    context.dispatch({ type: 'sync/progress', notified: [message.id] });
    context.emit({ type: 'message-received', message, conversation });
  }
}

/** Keeps a bounded set of recently seen ids. */
function remember(set: Set<string>, id: string, max = 5000): void {
  set.add(id);
  if (set.size > max) {
    const first = set.values().next().value;
    if (first !== undefined) set.delete(first);
  }
}

import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import { isCacheCursor } from '../cache/cache.js';
import type { CacheSnapshot, MessagesCache } from '../cache/cache.js';
import type { Account, OwnNumber } from '../model/account.js';
import type { Attachment } from '../model/attachment.js';
import type { Contact } from '../model/contact.js';
import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import type { SavedReply } from '../model/saved-reply.js';
import { checkOutgoing, checkOutgoingRecipients } from '../rules/outgoing-message.js';
import type { OutgoingCheck } from '../rules/outgoing-message.js';
import { TransportError, toTransportError } from '../transport/errors.js';
import type {
  MessageSearchPage,
  ScheduledMessage,
  SearchMessagesRequest,
  Transport,
  TransportEvent,
} from '../transport/transport.js';
import { persist } from './effects/persist.js';
import { ClientError } from './errors.js';
import { isProvisionalId, provisionalConversationId, randomId, sameParticipants } from './ids.js';
import { Jumps } from './jump.js';
import { STATUS_ACTIONS, statusChanges } from './message-log.js';
import { Outbox } from './outbox.js';
import { Scheduler } from './scheduled-commands.js';
import type { ScheduleInput, ScheduledChanges } from './scheduled-commands.js';
import type { ScheduledState } from './scheduled.js';
import { TabSync } from './tabs.js';
import { validatedTransport } from '../transport/validated-transport.js';
import type { Action } from './actions.js';
import type { Draft, LoadStatus, MessagesState, ThreadState } from './state.js';
import { Selectors } from './selectors.js';
import { Store, select } from './store.js';

export type {
  ClientEvent,
  ConversationListView,
  MessagesClient,
  MessagesClientOptions,
  OpenConversationTarget,
  SendInput,
  SignOutOptions,
  StateChange,
  UploadOptions,
} from './client-types.js';
import type {
  ClientEvent,
  ConversationListView,
  MessagesClient,
  MessagesClientOptions,
  OpenConversationTarget,
  SendInput,
  SignOutOptions,
  StateChange,
  UploadOptions,
} from './client-types.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class Client implements MessagesClient {
  readonly #store = new Store();
  readonly #transport: Transport;
  readonly #now: () => number;
  readonly #generateId: () => string;
  readonly #conversationPageSize: number;
  readonly #messagePageSize: number;
  readonly #events = new Subject<ClientEvent>();
  readonly #changes = new Subject<StateChange>();
  readonly #outbox: Outbox;
  readonly #cache: MessagesCache | undefined;
  readonly #tabs: TabSync | undefined;
  /** (Follower tab) messages handed to the leader and not yet acknowledged. */
  readonly #forwarded = new Map<string, { message: Message; since: number; order: number | undefined }>();
  readonly #throttle: { readonly messages: number; readonly perMs: number };
  readonly #recentSends = new Map<string, number[]>();
  readonly #scheduler: Scheduler;
  #stopHealth: (() => void) | undefined;
  /**
   * The browser says the network is back: retry sends and catch up at once, even when the
   * transport's push connection never noticed the outage (a stream that stayed open, or none).
   */
  readonly #onBrowserOnline = (): void => {
    if (this.#destroyed || !this.#started) return;
    this.#outbox.wake();
    void this.#started.then(() => (this.#destroyed ? undefined : this.#catchUp())).catch(() => undefined);
  };
  readonly #selectors: Selectors;
  readonly #inflight = new Map<string, Promise<void>>();
  readonly #seenEvents = new Set<string>();
  readonly #jumps: Jumps;
  #unsubscribe: (() => void) | null = null;
  #started: Promise<void> | null = null;
  #destroyed = false;

  readonly state$: Observable<MessagesState>;
  readonly account$: Observable<Account | null>;
  readonly accountStatus$: Observable<LoadStatus>;
  readonly conversationList$: Observable<ConversationListView>;
  readonly totalUnread$: Observable<number>;
  readonly selectedConversationId$: Observable<string | null>;
  readonly connection$: Observable<'online' | 'offline'>;
  readonly storage$: Observable<'ok' | 'unavailable' | 'full' | 'blocked'>;
  readonly events$: Observable<ClientEvent>;
  readonly changes$: Observable<StateChange>;

  get cache(): MessagesCache | undefined {
    return this.#cache;
  }

  constructor(options: MessagesClientOptions) {
    this.#transport = validatedTransport(options.transport, (error) => this.#report('payload', error));
    this.#cache = options.cache;
    this.#throttle = options.throttle ?? { messages: 10, perMs: 10_000 };
    this.#now = options.now ?? Date.now;
    this.#generateId = options.generateId ?? randomId;
    this.#conversationPageSize = options.pageSize?.conversations ?? 30;
    this.#messagePageSize = options.pageSize?.messages ?? 50;
    const selectors = (this.#selectors = new Selectors(this.#store.state$));
    this.state$ = this.#store.state$;
    this.account$ = selectors.account$;
    this.accountStatus$ = selectors.accountStatus$;
    this.conversationList$ = selectors.conversationList$;
    this.totalUnread$ = selectors.totalUnread$;
    this.selectedConversationId$ = selectors.selectedConversationId$;
    this.connection$ = selectors.connection$;
    this.storage$ = selectors.storage$;
    this.events$ = this.#events.asObservable();
    this.changes$ = this.#changes.asObservable();
    this.#scheduler = new Scheduler({
      transport: this.#transport,
      dispatch: (action) => this.#dispatch(action),
      getState: () => this.#store.state,
      now: this.#now,
      generateId: this.#generateId,
      report: (operation, error) => this.#report(operation, error),
    });
    this.#outbox = new Outbox({
      transport: this.#transport,
      now: this.#now,
      retry: options.retry,
      dispatch: (action) => this.#dispatch(action),
      onAcknowledged: (message, conversationId) => this.#acknowledged(message, conversationId),
      onFailed: (message) => this.#events.next({ type: 'send-failed', message }),
      getMessage: (conversationId, clientId) =>
        this.#store.state.threads[conversationId]?.messages.find((m) => m.clientId === clientId),
      persist: this.#cache
        ? (message, conversationId, since, order) =>
            this.#cache!.putOutbox({
              clientId: message.clientId!,
              conversationId,
              message,
              since,
              ...(order === undefined ? {} : { order }),
            })
        : undefined,
      forget: this.#cache ? (clientId) => this.#cache!.removeOutbox(clientId) : undefined,
    });
    this.#jumps = new Jumps({
      transport: this.#transport,
      dispatch: (action) => this.#dispatch(action),
      getState: () => this.#store.state,
      pageSize: this.#messagePageSize,
      once: (key, run) => this.#once(key, run),
      openLatest: (id) => this.openConversation(id),
      report: (operation, error) => this.#report(operation, error),
      destroyed: () => this.#destroyed,
    });
    this.#stopHealth = this.#cache?.onHealthChange((health) =>
      this.#dispatch({ type: 'storage/changed', health }),
    );
    globalThis.addEventListener?.('online', this.#onBrowserOnline);
    this.#tabs = options.tabs
      ? new TabSync({
          key: options.tabs,
          apply: (action) => this.#applyRemote(action),
          lead: () => this.#lead(),
          enqueue: (message, since, order) => void this.#outbox.enqueue(message, since, order),
          resend: () => {
            for (const { message, since, order } of this.#forwarded.values())
              this.#tabs?.forward(message, since, order);
          },
        })
      : undefined;
    if (options.autoStart !== false) void this.start();
  }

  getState(): MessagesState {
    return this.#store.state;
  }

  /** Every state change made here goes through this: the store, the cache, the other tabs. */
  #dispatch(action: Action): void {
    const before = this.#store.state;
    this.#store.dispatch(action);
    persist(this.#cache, action, this.#store.state);
    this.#changes.next({ action, state: this.#store.state });
    this.#tabs?.share(action);
    this.#settleForwarded(action);
    if (STATUS_ACTIONS.has(action.type) && (!this.#tabs || this.#tabs.leader))
      this.#logStatus(before, action);
  }

  /** Reports outgoing messages that reached sent, delivered or failed (in the leader tab only). */
  #logStatus(before: MessagesState, action: Action): void {
    const after = this.#store.state;
    for (const { message, status } of statusChanges(before, after, action)) {
      const conversation = after.conversations.find((c) => c.id === message.conversationId);
      if (conversation) this.#events.next({ type: 'message-status', status, message, conversation });
    }
  }

  /** A change another tab of the account made (it already wrote it to the cache). */
  #applyRemote(action: Action): void {
    if (this.#destroyed) return;
    const wasOffline = this.#store.state.connection === 'offline';
    this.#store.dispatch(action);
    this.#changes.next({ action, state: this.#store.state });
    this.#settleForwarded(action);
    // The API is back: a follower refreshes what it shows too (the leader's refresh reaches it
    // only for what the leader itself has loaded).
    if (action.type === 'connection/changed' && action.state === 'online' && (wasOffline || this.#behind()))
      void this.#catchUp().catch(() => undefined);
  }

  /** Forwarded messages are settled once the leader reports them sent (or failed). */
  #settleForwarded(action: Action): void {
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
  async #submit(message: Message, since: number = this.#now()): Promise<void> {
    if (!this.#tabs || this.#tabs.leader) {
      void this.#outbox.enqueue(message, since);
      return;
    }
    const clientId = message.clientId!;
    const handed = { message, since, order: undefined as number | undefined };
    this.#forwarded.set(clientId, handed);
    handed.order = await this.#cache
      ?.putOutbox({ clientId, conversationId: message.conversationId, message, since })
      .catch(() => undefined);
    if (this.#destroyed || this.#forwarded.get(clientId) !== handed) return;
    this.#handOver(message, since, handed.order);
  }

  /** (Follower) gives a committed message to the leader, and counts it until the leader settles it. */
  #handOver(message: Message, since: number, order: number | undefined): void {
    if (this.#tabs?.leader !== false) {
      // Became the leader meanwhile.
      this.#forwarded.delete(message.clientId!);
      void this.#outbox.enqueue(message, since, order);
      return;
    }
    this.#forwarded.set(message.clientId!, { message, since, order });
    this.#tabs.forward(message, since, order);
  }

  /** This tab now leads: listen to the backend, resume the outbox, catch up on what was missed. */
  #lead(): void {
    if (this.#destroyed) return;
    // Nothing is sent before the inherited outbox is read: the messages handed over and the
    // saved ones go out in the order they were written (the order shared by all tabs).
    this.#outbox.hold();
    for (const { message, since, order } of this.#forwarded.values())
      void this.#outbox.enqueue(message, since, order);
    this.#forwarded.clear();
    void (async () => {
      try {
        const snapshot = await this.#cache?.open();
        if (this.#destroyed) return;
        this.#listen(snapshot?.sync?.lastEventId);
        for (const record of snapshot?.outbox ?? []) {
          if (record.message.status !== 'failed')
            void this.#outbox.enqueue({ ...record.message, status: 'queued' }, record.since, record.order);
        }
      } finally {
        this.#outbox.release();
      }
      // A tab taking over from another catches up on what nobody was listening to.
      if (this.#started) await this.#started.then(() => (this.#destroyed ? undefined : this.#catchUp()));
    })().catch(() => undefined);
  }

  /**
   * Subscribes to the backend's events, resuming after the last event any tab of the account
   * handled (kept with the cache), so a transport that can replay fills the gap of a reload or
   * a change of leader.
   */
  #listen(saved: string | null | undefined): void {
    if (this.#destroyed || this.#unsubscribe) return;
    const known = this.#store.state.sync.lastEventId;
    const lastEventId =
      saved && (!known || (/^\d+$/.test(saved) && /^\d+$/.test(known) && Number(saved) > Number(known)))
        ? saved
        : known;
    this.#unsubscribe = this.#transport.subscribe(
      (event) => this.#handleEvent(event),
      lastEventId ? { lastEventId } : undefined,
    );
  }

  /** Tells about a received message once, in whichever tab leads (the set is shared). */
  #notifyReceived(message: Message, conversation: Conversation): void {
    if (message.direction !== 'inbound' || this.#store.state.sync.notified.includes(message.id)) return;
    this.#dispatch({ type: 'sync/progress', notified: [message.id] });
    this.#events.next({ type: 'message-received', message, conversation });
  }

  /**
   * The leader learned the newest message of each chat from a refetch: a text that came in a
   * gap (the push channel down, a reload, a change of leader) and was never notified is, once.
   */
  #notifyLearned(conversations: readonly Conversation[]): void {
    const newest = conversations.reduce((max, c) => Math.max(max, c.lastMessage?.createdAt ?? 0), 0);
    const through = this.#store.state.sync.through;
    if (this.#tabs && !this.#tabs.leader) {
      // A follower only sets the horizon when nobody has yet (it opened before the cache said).
      if (through === null && newest) this.#dispatch({ type: 'sync/progress', through: newest });
      return;
    }
    if (through !== null) {
      for (const c of conversations) {
        const m = c.lastMessage;
        if (m && m.direction === 'inbound' && m.createdAt > through) this.#notifyReceived(m, c);
      }
    }
    if (newest && (through === null || newest > through))
      this.#dispatch({ type: 'sync/progress', through: newest });
  }

  #memoized<T>(key: string, make: () => Observable<T>): Observable<T> {
    return this.#selectors.memoized(key, make);
  }

  conversation$(conversationId: string): Observable<Conversation | undefined> {
    return this.#selectors.conversation$(conversationId);
  }

  thread$(conversationId: string): Observable<ThreadState | undefined> {
    return this.#selectors.thread$(conversationId);
  }

  draft$(conversationId: string): Observable<Draft | undefined> {
    return this.#selectors.draft$(conversationId);
  }

  // ── start-up and sync ──────────────────────────────────────────────

  start(): Promise<void> {
    this.#assertAlive();
    // After a failed start (no account), asking again tries again.
    if (this.#started && this.#store.state.accountStatus === 'error') this.#started = null;
    this.#started ??= this.#startOnce();
    return this.#started;
  }

  async #startOnce(): Promise<void> {
    // Without tabs, the snapshot read to listen from is the one shown (read once, not twice).
    const snapshot = this.#tabs ? undefined : this.#cache?.open();
    if (this.#tabs) await this.#tabs.start();
    else this.#listen((await snapshot)?.sync?.lastEventId);
    const restored = this.#restoreFromCache(snapshot);
    await this.#loadAccount();
    await restored;
    if (this.#destroyed) return;
    if (this.#store.state.account?.numbers.length) await this.reloadConversations();
  }

  /** Shows what the cache holds, and puts unsent messages back in the outbox. */
  #restoring: Promise<void> | null = null;

  #restoreFromCache(read?: Promise<CacheSnapshot>): Promise<void> {
    const cache = this.#cache;
    if (!cache || this.#restoring) return this.#restoring ?? Promise.resolve();
    this.#restoring = (async () => {
      const snapshot = await (read ?? cache.open());
      if (this.#destroyed) return;
      if (cache.health !== 'ok') this.#dispatch({ type: 'storage/changed', health: cache.health });
      if (snapshot.sync) {
        const { lastEventId, through, notified } = snapshot.sync;
        this.#dispatch({
          type: 'sync/progress',
          ...(lastEventId ? { lastEventId } : {}),
          ...(through !== null ? { through } : {}),
          notified,
        });
      }
      if (snapshot.account && !this.#store.state.account) {
        this.#dispatch({ type: 'account/loaded', account: snapshot.account });
      }
      this.#dispatch({
        type: 'cache/restored',
        conversations: snapshot.conversations,
        conversationsCursor: snapshot.conversationsCursor,
        drafts: snapshot.drafts,
      });
      for (const record of snapshot.outbox) {
        const id = record.conversationId;
        if (!this.#store.state.threads[id]) await this.openConversation(id).catch(() => undefined);
        if (this.#destroyed) return;
        // Another tab may have had it acknowledged meanwhile: never show it as unsent again.
        const shown = this.#store.state.threads[id]?.messages.find((m) => m.clientId === record.clientId);
        if (shown && shown.id !== shown.clientId) continue;
        const failed = record.message.status === 'failed';
        // It may have been in flight when the tab closed: "sending" again, never back to "queued".
        const message: Message = failed ? record.message : { ...record.message, status: 'sending' };
        this.#dispatch({ type: 'message/upserted', message });
        if (failed) continue;
        if (!this.#tabs || this.#tabs.leader) void this.#outbox.enqueue(message, record.since, record.order);
        // A follower reloaded right after send was pressed may never have handed it over.
        else this.#handOver(message, record.since, record.order);
      }
    })();
    return this.#restoring;
  }

  /** Reads that start-up depends on are retried a few times when the failure is retryable. */
  async #read<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const e = toTransportError(error);
        if (!e.retryable || attempt >= attempts || this.#destroyed) throw error;
        await new Promise((r) => setTimeout(r, Math.max(e.retryAfterMs ?? 0, 250 * 2 ** (attempt - 1))));
      }
    }
  }

  async #loadAccount(): Promise<void> {
    if (!this.#store.state.account) this.#dispatch({ type: 'account/loading' });
    try {
      const account = await this.#read(() => this.#transport.getAccount());
      if (this.#destroyed) return;
      this.#dispatch({ type: 'account/loaded', account });
    } catch (error) {
      if (this.#destroyed) return;
      // With the account from the cache the app keeps working; catch-up will refresh it.
      if (!this.#store.state.account) this.#dispatch({ type: 'account/failed', error: describe(error) });
      this.#report('getAccount', error);
    }
  }

  #handleEvent(event: TransportEvent): void {
    if (this.#destroyed) return;
    if ('eventId' in event && event.eventId !== undefined) {
      if (this.#seenEvents.has(event.eventId)) return;
      remember(this.#seenEvents, event.eventId);
      this.#dispatch({ type: 'sync/progress', lastEventId: event.eventId });
    }
    if (this.#scheduler.handle(event)) return;
    switch (event.type) {
      case 'message.created': {
        this.#dispatch({ type: 'conversation/upserted', conversation: event.conversation });
        this.#dispatch({ type: 'message/upserted', message: event.message });
        this.#notifyReceived(event.message, event.conversation);
        break;
      }
      case 'message.status':
        this.#dispatch({
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
        this.#dispatch({
          type: 'message/removed',
          conversationId: event.conversationId,
          messageId: event.messageId,
        });
        break;
      case 'conversation.updated':
        this.#dispatch({ type: 'conversation/upserted', conversation: event.conversation });
        break;
      case 'conversation.deleted':
        this.#dispatch({ type: 'conversation/removed', conversationId: event.conversationId });
        break;
      case 'connection': {
        const wasOffline = this.#store.state.connection === 'offline';
        this.#dispatch({ type: 'connection/changed', state: event.state });
        if (event.state === 'online') {
          this.#outbox.wake();
          // Also when this tab never knew it was away (it started during the outage): what it
          // failed to read then is read now.
          if (wasOffline || this.#behind()) void this.#catchUp();
        }
        break;
      }
    }
  }

  /**
   * After the push connection comes back, or when this tab takes the lead: refresh the list and
   * read the newest page of every loaded thread that reaches the present (or was never confirmed
   * by the server, or failed). The newest page, not only what is newer than the loaded end: the
   * status of a message already shown may have moved while nobody listened (a gap the push
   * channel does not replay), and a stale status would stay on screen for good. These reads are
   * retried a few times, like the start-up reads: nothing else would ask again.
   */
  async #catchUp(): Promise<void> {
    if (this.#destroyed) return;
    if (this.#tabs?.leader) void this.#adoptOutbox().catch(() => undefined);
    await this.reloadConversations();
    if (this.#destroyed) return;
    void this.#scheduler.refresh();
    const threads = Object.values(this.#store.state.threads).filter(
      (t) => !isProvisionalId(t.conversationId) && t.status !== 'loading' && t.status !== 'idle',
    );
    await Promise.all(
      threads.map(async (t) => {
        if (t.synced && t.status !== 'error' && t.hasNewer) return;
        if (t.synced && t.status === 'ready' && t.newerCursor && !t.jump) {
          // Continue from what is shown first, so a gap longer than a page is paged from there
          // (what the person is looking at, in the thread or the media viewer, stays in place).
          await this.#loadThread(t.conversationId, 'newer', false, 4);
          if (this.#destroyed || this.#store.state.threads[t.conversationId]?.hasNewer) return;
        }
        // At the present: the newest page overlaps what is shown and refreshes its statuses.
        await this.#loadThread(t.conversationId, 'latest', false, 4);
      }),
    );
  }

  /**
   * (Leader) sends what a tab left in the shared outbox without handing it over (closed right
   * after send was pressed); what this tab already sends, settled or saw fail is left alone.
   */
  async #adoptOutbox(): Promise<void> {
    const snapshot = await this.#cache?.open();
    if (this.#destroyed || !this.#tabs?.leader) return;
    for (const record of snapshot?.outbox ?? []) {
      if (record.message.status === 'failed') continue;
      const shown = this.#store.state.threads[record.conversationId]?.messages.find(
        (m) => m.clientId === record.clientId,
      );
      if (shown && (shown.id !== shown.clientId || shown.status === 'failed')) continue;
      void this.#outbox.enqueue({ ...record.message, status: 'queued' }, record.since, record.order);
    }
  }

  /** A loaded thread was never confirmed by the server, or its last read failed. */
  #behind(): boolean {
    return Object.values(this.#store.state.threads).some(
      (t) => !isProvisionalId(t.conversationId) && (t.status === 'error' || !t.synced),
    );
  }

  // ── conversations ──────────────────────────────────────────────────

  #once(key: string, run: () => Promise<void>): Promise<void> {
    const running = this.#inflight.get(key);
    if (running) return running;
    const p = run().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, p);
    return p;
  }

  reloadConversations(): Promise<void> {
    return this.#once('conversations:first', () => this.#loadConversations(undefined));
  }

  loadMoreConversations(): Promise<void> {
    const st = this.#store.state;
    if (st.conversationsComplete || st.conversationsCursor === null) {
      return st.conversationsStatus === 'idle' ? this.reloadConversations() : Promise.resolve();
    }
    const cursor = st.conversationsCursor;
    return this.#once(`conversations:${cursor}`, () => this.#loadConversations(cursor));
  }

  async #loadConversations(cursor: string | undefined): Promise<void> {
    this.#assertAlive();
    this.#dispatch({ type: 'conversations/loading' });
    if (isCacheCursor(cursor)) {
      // Older chats still in the local cache (offline, or before the server answered).
      const page = this.#cache ? await this.#cache.conversations(cursor) : null;
      if (this.#destroyed) return;
      if (page && page.conversations.length > 0) {
        this.#dispatch({ type: 'conversations/loaded', page, reset: false, fromCache: true });
        return;
      }
      // Evicted or unreadable meanwhile: start over from the server's first page.
      cursor = undefined;
    }
    try {
      const page = await this.#read(() =>
        this.#transport.listConversations({ cursor, limit: this.#conversationPageSize }),
      );
      if (this.#destroyed) return;
      this.#dispatch({ type: 'conversations/loaded', page, reset: cursor === undefined });
      if (cursor === undefined) this.#notifyLearned(page.conversations);
    } catch (error) {
      if (this.#destroyed) return;
      this.#dispatch({ type: 'conversations/failed', error: describe(error) });
      this.#report('listConversations', error);
    }
  }

  selectConversation(conversationId: string | null): void {
    this.#dispatch({ type: 'conversation/selected', conversationId });
  }

  openConversation(target: string | OpenConversationTarget): Promise<void> {
    if (typeof target !== 'string' && target.messageId !== undefined) {
      this.#assertAlive();
      return this.#jumps.open(target.conversationId, target.messageId);
    }
    const conversationId = typeof target === 'string' ? target : target.conversationId;
    const thread = this.#store.state.threads[conversationId];
    if (thread && (thread.status === 'ready' || thread.status === 'loading')) {
      return this.#inflight.get(`thread:${conversationId}:latest`) ?? Promise.resolve();
    }
    if (isProvisionalId(conversationId)) {
      this.#dispatch({
        type: 'thread/loaded',
        conversationId,
        which: 'latest',
        page: { messages: [], olderCursor: null, newerCursor: '', hasNewer: false },
      });
      return Promise.resolve();
    }
    if (!this.#cache) return this.#loadThread(conversationId, 'latest');
    return this.#once(`thread:${conversationId}:cached`, async () => {
      const cached = await this.#cache!.thread(conversationId);
      if (this.#destroyed) return;
      if (cached && !this.#store.state.threads[conversationId]?.messages.length) {
        // Show the cached window at once; the network page below revalidates it.
        this.#store.dispatch({
          type: 'thread/loaded',
          conversationId,
          which: 'latest',
          local: true,
          page: {
            messages: cached.messages,
            olderCursor: cached.olderCursor,
            newerCursor: cached.newerCursor ?? '',
            hasNewer: false,
          },
        });
      }
      await this.#loadThread(conversationId, 'latest');
    });
  }

  showLatest(conversationId: string): void {
    this.#jumps.leave(conversationId);
  }

  loadOlder(conversationId: string): Promise<void> {
    const t = this.#store.state.threads[conversationId];
    if (t?.jump) return this.#jumps.page(conversationId, 'older');
    if (!t || t.status !== 'ready') return Promise.resolve();
    if (t.olderCursor === null) {
      // Shown from the cache or the outbox only, so not known to be the start: ask the server.
      return t.synced || isProvisionalId(conversationId)
        ? Promise.resolve()
        : this.#loadThread(conversationId, 'latest');
    }
    return this.#loadThread(conversationId, 'older');
  }

  loadNewer(conversationId: string): Promise<void> {
    const t = this.#store.state.threads[conversationId];
    if (t?.jump) return this.#jumps.page(conversationId, 'newer');
    if (!t || t.status !== 'ready' || !t.newerCursor) return Promise.resolve();
    return this.#loadThread(conversationId, 'newer');
  }

  /** Reads a page of a thread; `attempts` > 1 retries a retryable failure (see {@link #read}). */
  #loadThread(
    conversationId: string,
    which: 'latest' | 'older' | 'newer',
    restart = false,
    attempts = 1,
  ): Promise<void> {
    return this.#once(`thread:${conversationId}:${which}`, async () => {
      this.#assertAlive();
      const t = this.#store.state.threads[conversationId];
      this.#dispatch({ type: 'thread/loading', conversationId, which });
      if (which === 'older' && isCacheCursor(t?.olderCursor) && this.#cache) {
        // Older messages still in the local cache: read them from there (offline too).
        const cached = await this.#cache.thread(conversationId, { before: t.olderCursor });
        if (this.#destroyed) return;
        if (cached) {
          this.#dispatch({
            type: 'thread/loaded',
            conversationId,
            which,
            page: {
              messages: cached.messages,
              olderCursor: cached.olderCursor,
              newerCursor: t.newerCursor ?? '',
              hasNewer: t.hasNewer,
            },
          });
          return;
        }
        // Evicted meanwhile: start over from the server's newest page.
        this.#dispatch({ type: 'thread/failed', conversationId, which, error: 'cache' });
        await this.#loadThread(conversationId, 'latest', true);
        return;
      }
      try {
        const page = await this.#read(
          () =>
            this.#transport.listMessages({
              conversationId,
              limit: this.#messagePageSize,
              before: which === 'older' ? (t?.olderCursor ?? undefined) : undefined,
              after: which === 'newer' ? (t?.newerCursor ?? undefined) : undefined,
            }),
          attempts,
        );
        if (this.#destroyed) return;
        this.#dispatch({
          type: 'thread/loaded',
          conversationId,
          which,
          page,
          ...(restart ? { restart } : {}),
        });
      } catch (error) {
        if (this.#destroyed) return;
        const e = toTransportError(error);
        if (e.kind === 'not-found') {
          this.#dispatch({ type: 'conversation/removed', conversationId });
        } else if (e.kind === 'invalid' && which !== 'latest') {
          // The server no longer accepts our cursor: start the thread over from the newest page.
          this.#dispatch({ type: 'thread/failed', conversationId, which, error: describe(error) });
          await this.#loadThread(conversationId, 'latest', true);
          return;
        }
        this.#dispatch({ type: 'thread/failed', conversationId, which, error: describe(error) });
        this.#report('listMessages', error);
      }
    });
  }

  async resolveConversation(participants: readonly string[], from?: string): Promise<string> {
    if (!this.#store.state.account) await this.start();
    const own = this.#pickFrom(from);
    const to = this.#checkRecipients(participants, own);
    const known = this.#store.state.conversations.find(
      (c) => c.ownNumber === own.number && sameParticipants(c.participants, to),
    );
    if (known) return known.id;
    const found = await this.#transport.findConversation({ participants: to, from: own.number });
    if (found) {
      this.#dispatch({ type: 'conversation/upserted', conversation: found });
      return found.id;
    }
    const id = provisionalConversationId(own.number, to);
    if (!this.#store.state.conversations.some((c) => c.id === id)) {
      this.#dispatch({
        type: 'conversation/upserted',
        conversation: { id, participants: to, ownNumber: own.number, unreadCount: 0, updatedAt: this.#now() },
      });
    }
    return id;
  }

  // ── sending ────────────────────────────────────────────────────────

  ownNumber(number: string): OwnNumber | undefined {
    return this.#store.state.account?.numbers.find((n) => n.number === number);
  }

  #pickFrom(from: string | undefined): OwnNumber {
    const account = this.#store.state.account;
    if (!account || account.numbers.length === 0) {
      throw new ClientError('no-texting-number', 'This account has no texting number assigned.');
    }
    if (from === undefined) return account.numbers[0]!;
    const own = account.numbers.find((n) => n.number === from);
    if (!own)
      throw new ClientError('unknown-number', `${from} is not one of this account's texting numbers.`);
    return own;
  }

  #checkRecipients(to: readonly string[], own: OwnNumber): readonly string[] {
    const country = this.#store.state.account?.country ?? 'US';
    return this.#accepted(checkOutgoingRecipients({ to, own, country }));
  }

  /** The recipients of an accepted message; a refusal thrown as a `ClientError`. */
  #accepted(checked: OutgoingCheck): readonly string[] {
    if (!checked.ok) throw new ClientError(checked.refusal.code, checked.refusal.message);
    return checked.to;
  }

  async send(input: SendInput): Promise<Message> {
    this.#assertAlive();
    // With the account known (from the cache too), writing never waits for the network.
    if (!this.#store.state.account) await this.start();
    const st = this.#store.state;
    const conversation = input.conversationId
      ? st.conversations.find((c) => c.id === input.conversationId)
      : undefined;
    if (input.conversationId && !conversation) {
      throw new ClientError('unknown-conversation', 'This conversation no longer exists.');
    }
    const own = this.#pickFrom(input.from ?? conversation?.ownNumber);
    const attachments = input.attachments ?? [];
    const text = input.text;
    const to = this.#accepted(
      checkOutgoing({
        to: input.to ?? conversation?.participants ?? [],
        text,
        attachments: attachments.length,
        own,
        country: st.account?.country ?? 'US',
        isOptedOut: (n) => conversation?.optedOut?.includes(n) ?? false,
      }),
    );
    const conversationId = conversation?.id ?? (await this.resolveConversation(to, own.number));
    this.#checkThrottle(conversationId);
    // Written while reading far back: the thread goes back to the newest, where the echo shows.
    this.#jumps.leave(conversationId);
    if (!this.#store.state.threads[conversationId]) await this.openConversation(conversationId);
    const clientId = this.#generateId();
    const now = this.#now();
    const echo: Message = {
      id: clientId,
      clientId,
      conversationId,
      direction: 'outbound',
      from: own.number,
      to,
      text,
      attachments,
      status: 'queued',
      createdAt: now,
    };
    this.#dispatch({ type: 'message/upserted', message: echo });
    const current = this.#store.state.conversations.find((c) => c.id === conversationId);
    if (current) {
      this.#dispatch({
        type: 'conversation/upserted',
        conversation: { ...current, lastMessage: echo, updatedAt: Math.max(now, current.updatedAt) },
      });
    }
    void this.#submit(echo, now);
    return echo;
  }

  #checkThrottle(conversationId: string): void {
    const now = this.#now();
    const recent = (this.#recentSends.get(conversationId) ?? []).filter(
      (t) => now - t < this.#throttle.perMs,
    );
    if (recent.length >= this.#throttle.messages) {
      throw new ClientError(
        'throttled',
        'Too many messages in a short time. Wait a moment before sending more.',
      );
    }
    recent.push(now);
    this.#recentSends.set(conversationId, recent);
  }

  #acknowledged(message: Message, localConversationId: string): void {
    if (localConversationId !== message.conversationId && isProvisionalId(localConversationId)) {
      const provisional = this.#store.state.conversations.find((c) => c.id === localConversationId);
      const placeholder: Conversation = {
        id: message.conversationId,
        participants: provisional?.participants ?? message.to,
        ownNumber: message.from,
        unreadCount: 0,
        updatedAt: message.createdAt,
        lastMessage: message,
      };
      this.#dispatch({
        type: 'conversation/resolved',
        provisionalId: localConversationId,
        conversation: placeholder,
      });
      void this.#transport
        .getConversation({ conversationId: message.conversationId })
        .then((conversation) => {
          if (!this.#destroyed) this.#dispatch({ type: 'conversation/upserted', conversation });
        })
        .catch((error: unknown) => this.#report('getConversation', error));
    }
    this.#dispatch({ type: 'message/upserted', message });
  }

  async retry(clientId: string): Promise<void> {
    this.#assertAlive();
    const message = this.#findByClientId(clientId);
    if (!message) throw new ClientError('unknown-message', 'That message is no longer here.');
    if (message.status !== 'failed') return;
    if (message.id !== clientId) {
      await this.#resend(message);
      return;
    }
    this.#dispatch({
      type: 'message/retried',
      conversationId: message.conversationId,
      clientId,
      at: this.#now(),
    });
    // Its place in the order of sends is now: the last press.
    void this.#submit({ ...message, status: 'queued' });
  }

  /**
   * A message the server stored and the carrier then refused: its client id is spent (the server
   * answers a repeated id with that same failed message), so the text goes again as a new send,
   * where the press puts it, and the refused copy leaves the thread and the server — one message
   * on screen, as the person expects, and none left to be retried twice.
   */
  async #resend(message: Message): Promise<void> {
    await this.send({
      conversationId: message.conversationId,
      text: message.text,
      attachments: message.attachments,
      from: message.from,
    });
    this.#dispatch({
      type: 'message/removed',
      conversationId: message.conversationId,
      messageId: message.id,
    });
    void this.#transport
      .deleteMessage({ conversationId: message.conversationId, messageId: message.id })
      .catch((error: unknown) => this.#report('deleteMessage', error));
  }

  #findByClientId(clientId: string): Message | undefined {
    for (const t of Object.values(this.#store.state.threads)) {
      const m = t.messages.find((x) => x.clientId === clientId);
      if (m) return m;
    }
    return undefined;
  }

  upload(file: Blob & { readonly name?: string }, options: UploadOptions): Promise<Attachment> {
    this.#assertAlive();
    return this.#transport.uploadAttachment({
      file,
      name: options.name ?? file.name ?? 'file',
      from: options.from,
      onProgress: options.onProgress,
      signal: options.signal,
    });
  }

  // ── other commands ─────────────────────────────────────────────────

  async deleteMessage(conversationId: string, messageId: string): Promise<void> {
    this.#assertAlive();
    const message = this.#store.state.threads[conversationId]?.messages.find(
      (m) => m.id === messageId || m.clientId === messageId,
    );
    // A message the server never acknowledged is only on this device.
    if (message && message.clientId !== undefined && message.id === message.clientId) {
      this.#outbox.cancel(message.clientId);
      this.#dispatch({ type: 'message/removed', conversationId, messageId: message.id });
      return;
    }
    await this.#transport.deleteMessage({ conversationId, messageId: message?.id ?? messageId });
    this.#dispatch({ type: 'message/removed', conversationId, messageId: message?.id ?? messageId });
  }

  async deleteConversation(conversationId: string): Promise<void> {
    this.#assertAlive();
    if (!isProvisionalId(conversationId)) await this.#transport.deleteConversation({ conversationId });
    this.#dispatch({ type: 'conversation/removed', conversationId });
  }

  markRead(conversationId: string): Promise<void> {
    return this.#setRead(conversationId, true);
  }

  markUnread(conversationId: string): Promise<void> {
    return this.#setRead(conversationId, false);
  }

  async #setRead(conversationId: string, read: boolean): Promise<void> {
    this.#assertAlive();
    const before = this.#store.state.conversations.find((c) => c.id === conversationId);
    if (!before || isProvisionalId(conversationId)) return;
    if (read && before.unreadCount === 0) return;
    const unreadCount = read ? 0 : Math.max(1, before.unreadCount);
    this.#dispatch({ type: 'conversation/upserted', conversation: { ...before, unreadCount } });
    try {
      const request = { conversationId };
      const after = read
        ? await this.#transport.markRead(request)
        : await this.#transport.markUnread(request);
      if (!this.#destroyed) this.#dispatch({ type: 'conversation/upserted', conversation: after });
    } catch (error) {
      if (this.#destroyed) return;
      const now = this.#store.state.conversations.find((c) => c.id === conversationId);
      if (now)
        this.#dispatch({
          type: 'conversation/upserted',
          conversation: { ...now, unreadCount: before.unreadCount },
        });
      this.#report(read ? 'markRead' : 'markUnread', error);
      throw toTransportError(error);
    }
  }

  searchContacts(query: string, signal?: AbortSignal): Promise<readonly Contact[]> {
    this.#assertAlive();
    return this.#transport.searchContacts({ query, signal, limit: 20 });
  }

  searchMessages(request: SearchMessagesRequest): Promise<MessageSearchPage | null> {
    this.#assertAlive();
    if (!this.#transport.searchMessages) return Promise.resolve(null);
    return this.#transport.searchMessages(request);
  }

  async listSavedReplies(signal?: AbortSignal): Promise<readonly SavedReply[]> {
    this.#assertAlive();
    if (!this.#transport.listSavedReplies) return [];
    const replies = await this.#transport.listSavedReplies({ signal });
    return [...replies].sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
  }

  get canListReplies(): boolean {
    return Boolean(this.#transport.listSavedReplies);
  }

  get canSaveReplies(): boolean {
    return Boolean(
      this.#transport.listSavedReplies && this.#transport.saveSavedReply && this.#transport.deleteSavedReply,
    );
  }

  saveSavedReply(reply: {
    readonly id?: string;
    readonly title: string;
    readonly text: string;
  }): Promise<SavedReply> {
    this.#assertAlive();
    if (!this.canSaveReplies) {
      return Promise.reject(
        new ClientError('not-supported', 'Saved replies cannot be saved with this backend.'),
      );
    }
    return this.#transport.saveSavedReply!({
      ...(reply.id !== undefined ? { id: reply.id } : {}),
      title: reply.title,
      text: reply.text,
    });
  }

  deleteSavedReply(id: string): Promise<void> {
    this.#assertAlive();
    if (!this.canSaveReplies) {
      return Promise.reject(
        new ClientError('not-supported', 'Saved replies cannot be deleted with this backend.'),
      );
    }
    return this.#transport.deleteSavedReply!({ id });
  }

  setDraft(conversationId: string, draft: Draft | null): void {
    const empty = !draft || (!draft.text && draft.attachments.length === 0);
    this.#dispatch({ type: 'draft/set', key: conversationId, draft: empty ? null : draft });
  }

  // ── life cycle ─────────────────────────────────────────────────────

  unsentMessages(): readonly Message[] {
    // A follower's messages count until the leader reports them sent (or failed).
    return [...this.#outbox.pending, ...[...this.#forwarded.values()].map((f) => f.message)];
  }

  async signOut(options: SignOutOptions = {}): Promise<readonly Message[]> {
    if (options.unsent === 'send') {
      const end = this.#now() + (options.waitMs ?? 10_000);
      while (this.#outbox.pending.length && this.#now() < end && !this.#destroyed) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const discarded = [...this.#outbox.pending];
    const cache = this.#cache;
    this.#changes.next({ action: { type: 'reset' }, state: this.#store.state });
    this.destroy();
    await cache?.clear();
    return discarded;
  }

  // ── send later ─────────────────────────────────────────────────────

  get canSchedule(): boolean {
    return this.#scheduler.available;
  }

  scheduled$(conversationId: string): Observable<ScheduledState | undefined> {
    return this.#memoized(`s:${conversationId}`, () =>
      select(this.#store.state$, (st) => st.scheduled[conversationId]),
    );
  }

  loadScheduled(conversationId: string): Promise<void> {
    this.#assertAlive();
    return this.#scheduler.load(conversationId);
  }

  scheduleMessage(input: ScheduleInput): Promise<ScheduledMessage> {
    this.#assertAlive();
    return this.#scheduler.schedule(input);
  }

  updateScheduled(scheduledId: string, changes: ScheduledChanges): Promise<ScheduledMessage> {
    this.#assertAlive();
    return this.#scheduler.update(scheduledId, changes);
  }

  cancelScheduled(scheduledId: string): Promise<void> {
    this.#assertAlive();
    return this.#scheduler.cancel(scheduledId);
  }

  sendScheduledNow(scheduledId: string): Promise<Message> {
    this.#assertAlive();
    return this.#scheduler.sendNow(scheduledId);
  }

  #report(operation: string, error: unknown): void {
    const e = error instanceof Error ? error : toTransportError(error);
    if (e instanceof TransportError && e.kind === 'aborted') return;
    this.#events.next({ type: 'error', operation, error: e });
  }

  #assertAlive(): void {
    if (this.#destroyed) throw new ClientError('destroyed', 'This messages client has been destroyed.');
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#outbox.destroy();
    this.#tabs?.close();
    this.#stopHealth?.();
    globalThis.removeEventListener?.('online', this.#onBrowserOnline);
    void this.#cache?.flush().finally(() => this.#cache?.close());
    this.#events.complete();
    this.#changes.complete();
    this.#store.complete();
    this.#selectors.clear();
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

/**
 * Creates the client that every element of a page (or a part of it) shares.
 *
 * @example
 * ```ts
 * const client = createMessagesClient({ transport: createHttpTransport({ baseUrl: '/api/sms' }) });
 * document.querySelector('sms-provider')!.client = client;
 * ```
 */
export function createMessagesClient(options: MessagesClientOptions): MessagesClient {
  return new Client(options);
}

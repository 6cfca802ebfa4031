import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import type { MessagesCache } from '../cache/cache.js';
import type { Account, OwnNumber } from '../model/account.js';
import type { Attachment } from '../model/attachment.js';
import type { Contact } from '../model/contact.js';
import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import type { SavedReply } from '../model/saved-reply.js';
import { TransportError, toTransportError } from '../transport/errors.js';
import type {
  MessageSearchPage,
  ScheduledMessage,
  SearchMessagesRequest,
  Transport,
} from '../transport/transport.js';
import type { EffectContext } from './effects/context.js';
import { Conversations } from './effects/conversations.js';
import { persist, watchCache } from './effects/persist.js';
import { SavedReplies } from './effects/saved-replies.js';
import { Sender } from './effects/send.js';
import { Sync } from './effects/sync.js';
import { Threads } from './effects/threads.js';
import { ClientError } from './errors.js';
import { randomId } from './ids.js';
import { STATUS_ACTIONS, statusChanges } from './message-log.js';
import { Outbox } from './outbox.js';
import { Scheduler } from './scheduled-commands.js';
import type { ScheduleInput, ScheduledChanges } from './scheduled-commands.js';
import type { ScheduledState } from './scheduled.js';
import { TabLeader } from './tab-leader.js';
import { validatedTransport } from '../transport/validated-transport.js';
import type { Action } from './actions.js';
import type { Draft, LoadStatus, MessagesState, ThreadState } from './state.js';
import { Selectors } from './selectors.js';
import { Store, select } from './store.js';

export type * from './client-types.js';
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

/**
 * The client facade: the store, its selectors, and the effects composed over one
 * {@link EffectContext} — `effects/sync.ts` (start-up, push, catch-up), `effects/threads.ts`
 * (paging), `effects/send.ts` (checks, echo, acknowledgement), `effects/persist.ts` (the cache),
 * `tab-leader.ts` (which tab sends and listens), the outbox and the scheduler.
 */
class Client implements MessagesClient {
  readonly #store = new Store();
  readonly #transport: Transport;
  readonly #now: () => number;
  readonly #events = new Subject<ClientEvent>();
  readonly #changes = new Subject<StateChange>();
  readonly #outbox: Outbox;
  readonly #cache: MessagesCache | undefined;
  readonly #leader: TabLeader;
  readonly #sync: Sync;
  readonly #threads: Threads;
  readonly #sender: Sender;
  readonly #conversations: Conversations;
  readonly #savedReplies: SavedReplies;
  readonly #scheduler: Scheduler;
  #stopHealth: (() => void) | undefined;
  readonly #onBrowserOnline = (): void => this.#sync.browserOnline();
  readonly #selectors: Selectors;
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
    this.#now = options.now ?? Date.now;
    const generateId = options.generateId ?? randomId;
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
    const context: EffectContext = {
      transport: this.#transport,
      cache: this.#cache,
      dispatch: (action) => this.#dispatch(action),
      getState: () => this.#store.state,
      now: this.#now,
      emit: (event) => this.#events.next(event),
      report: (operation, error) => this.#report(operation, error),
      destroyed: () => this.#destroyed,
      assertAlive: () => this.#assertAlive(),
    };
    this.#scheduler = new Scheduler({
      transport: this.#transport,
      dispatch: context.dispatch,
      getState: context.getState,
      now: this.#now,
      generateId,
      report: context.report,
    });
    this.#outbox = new Outbox({
      transport: this.#transport,
      now: this.#now,
      retry: options.retry,
      dispatch: context.dispatch,
      onAcknowledged: (message, conversationId) => this.#sender.acknowledged(message, conversationId),
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
      earlier: (conversationId, order) => this.#leader.earlier(conversationId, order),
    });
    this.#leader = new TabLeader({
      context,
      key: options.tabs,
      outbox: this.#outbox,
      apply: (action) => this.#applyRemote(action),
      listen: (lastEventId) => this.#sync.listen(lastEventId),
      catchUp: () => this.#sync.catchUpWhenStarted(),
    });
    this.#threads = new Threads({
      context,
      conversationPageSize: options.pageSize?.conversations ?? 30,
      messagePageSize: options.pageSize?.messages ?? 50,
      show: (action) => this.#store.dispatch(action),
      learned: (conversations) => this.#sync.notifyLearned(conversations),
      readFailed: () => this.#sync.retryReadsLater(),
    });
    this.#stopHealth =
      this.#cache && watchCache(this.#cache, (action) => this.#dispatch(action), context.report);
    this.#sync = new Sync({
      context,
      leader: this.#leader,
      outbox: this.#outbox,
      scheduler: this.#scheduler,
      threads: this.#threads,
      retry: options.retry,
    });
    this.#conversations = new Conversations({ context, outbox: this.#outbox });
    this.#savedReplies = new SavedReplies(context);
    this.#sender = new Sender({
      context,
      generateId,
      throttle: options.throttle ?? { messages: 10, perMs: 10_000 },
      leader: this.#leader,
      threads: this.#threads,
      start: () => this.start(),
    });
    globalThis.addEventListener?.('online', this.#onBrowserOnline);
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
    this.#leader.share(action);
    this.#leader.settle(action);
    if (STATUS_ACTIONS.has(action.type) && this.#leader.leads) this.#logStatus(before, action);
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
    this.#leader.settle(action);
    // The API is back: a follower refreshes what it shows too (the leader's refresh reaches it
    // only for what the leader itself has loaded).
    if (
      action.type === 'connection/changed' &&
      action.state === 'online' &&
      (wasOffline || this.#sync.behind())
    )
      void this.#sync.catchUp().catch(() => undefined);
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

  // ── start-up and sync (effects/sync.ts) ────────────────────────────

  start(): Promise<void> {
    return this.#sync.start();
  }

  // ── conversations and threads (effects/threads.ts) ─────────────────

  reloadConversations(): Promise<void> {
    return this.#threads.reloadConversations();
  }

  loadMoreConversations(): Promise<void> {
    return this.#threads.loadMoreConversations();
  }

  selectConversation(conversationId: string | null): void {
    this.#dispatch({ type: 'conversation/selected', conversationId });
  }

  openConversation(target: string | OpenConversationTarget): Promise<void> {
    return this.#threads.openConversation(target);
  }

  showLatest(conversationId: string): void {
    this.#threads.showLatest(conversationId);
  }

  loadOlder(conversationId: string): Promise<void> {
    return this.#threads.loadOlder(conversationId);
  }

  loadNewer(conversationId: string): Promise<void> {
    return this.#threads.loadNewer(conversationId);
  }

  // ── sending (effects/send.ts) ──────────────────────────────────────

  resolveConversation(participants: readonly string[], from?: string): Promise<string> {
    return this.#sender.resolveConversation(participants, from);
  }

  ownNumber(number: string): OwnNumber | undefined {
    return this.#store.state.account?.numbers.find((n) => n.number === number);
  }

  send(input: SendInput): Promise<Message> {
    return this.#sender.send(input);
  }

  retry(clientId: string): Promise<void> {
    return this.#sender.retry(clientId);
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

  deleteMessage(conversationId: string, messageId: string): Promise<void> {
    return this.#conversations.deleteMessage(conversationId, messageId);
  }

  deleteConversation(conversationId: string): Promise<void> {
    return this.#conversations.deleteConversation(conversationId);
  }

  markRead(conversationId: string): Promise<void> {
    return this.#conversations.setRead(conversationId, true);
  }

  markUnread(conversationId: string): Promise<void> {
    return this.#conversations.setRead(conversationId, false);
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

  listSavedReplies(signal?: AbortSignal): Promise<readonly SavedReply[]> {
    return this.#savedReplies.list(signal);
  }

  get canListReplies(): boolean {
    return this.#savedReplies.canList;
  }

  get canSaveReplies(): boolean {
    return this.#savedReplies.canSave;
  }

  saveSavedReply(reply: {
    readonly id?: string;
    readonly title: string;
    readonly text: string;
  }): Promise<SavedReply> {
    return this.#savedReplies.save(reply);
  }

  deleteSavedReply(id: string): Promise<void> {
    return this.#savedReplies.delete(id);
  }

  setDraft(conversationId: string, draft: Draft | null): void {
    const empty = !draft || (!draft.text && draft.attachments.length === 0);
    this.#dispatch({ type: 'draft/set', key: conversationId, draft: empty ? null : draft });
  }

  // ── life cycle ─────────────────────────────────────────────────────

  unsentMessages(): readonly Message[] {
    // A follower's messages count until the leader reports them sent (or failed).
    return [...this.#outbox.pending, ...this.#leader.forwarded];
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
    this.#sync.stop();
    this.#outbox.destroy();
    this.#leader.close();
    this.#stopHealth?.();
    globalThis.removeEventListener?.('online', this.#onBrowserOnline);
    void this.#cache?.flush().finally(() => this.#cache?.close());
    this.#events.complete();
    this.#changes.complete();
    this.#store.complete();
    this.#selectors.clear();
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

import { Subject } from 'rxjs';
import type { MessagesCache } from '../cache/cache.js';
import type { OwnNumber } from '../model/account.js';
import type { Attachment } from '../model/attachment.js';
import type { Contact } from '../model/contact.js';
import type { Message } from '../model/message.js';
import type { SavedReply } from '../model/saved-reply.js';
import { TransportError, toTransportError } from '../transport/errors.js';
import type { MessageSearchPage, ScheduledMessage, SearchMessagesRequest } from '../transport/transport.js';
import { validatedTransport } from '../transport/validated-transport.js';
import type { Action } from './actions.js';
import type * as T from './client-types.js';
import { composeEffects } from './effects/compose.js';
import type { Effects } from './effects/compose.js';
import type { EffectContext } from './effects/context.js';
import { persist, watchCache } from './effects/persist.js';
import { ClientError } from './errors.js';
import { STATUS_ACTIONS, statusChanges } from './message-log.js';
import type { ScheduleInput, ScheduledChanges, Scheduler } from './scheduled-commands.js';
import { Selectors } from './selectors.js';
import type { Draft, MessagesState } from './state.js';

export type * from './client-types.js';

/**
 * The client facade: the store and its selectors (`./selectors.ts`, which it extends), and the
 * effects composed over one {@link EffectContext} (`./effects/compose.ts`): `effects/sync.ts`
 * (start-up, push, catch-up), `effects/threads.ts` (paging), `effects/send.ts` (checks, echo,
 * acknowledgement), `effects/conversations.ts`, `effects/saved-replies.ts`, `effects/requests.ts`
 * (upload, search), `tab-leader.ts` (which tab sends and listens), the outbox and the scheduler.
 * What stays here: `#dispatch` (store → cache → changes → other tabs), the changes of other tabs,
 * the client's life, and one-line commands.
 */
class Client extends Selectors implements T.MessagesClient {
  readonly #cache: MessagesCache | undefined;
  readonly #now: () => number;
  readonly #events = new Subject<T.ClientEvent>();
  readonly #changes = new Subject<T.StateChange>();
  readonly #effects: Effects;
  readonly #stopHealth: (() => void) | undefined;
  readonly #onBrowserOnline = (): void => this.#effects.sync.browserOnline();
  #destroyed = false;

  readonly events$ = this.#events.asObservable();
  readonly changes$ = this.#changes.asObservable();

  get cache(): MessagesCache | undefined {
    return this.#cache;
  }

  get canListReplies(): boolean {
    return this.#effects.savedReplies.canList;
  }

  get canSaveReplies(): boolean {
    return this.#effects.savedReplies.canSave;
  }

  get canSchedule(): boolean {
    return this.#effects.scheduler.available;
  }

  constructor(options: T.MessagesClientOptions) {
    super();
    this.#cache = options.cache;
    this.#now = options.now ?? Date.now;
    const context: EffectContext = {
      transport: validatedTransport(options.transport, (error) => this.#report('payload', error)),
      cache: this.#cache,
      dispatch: (action) => this.#dispatch(action),
      getState: () => this.store.state,
      now: this.#now,
      emit: (event) => this.#events.next(event),
      report: (operation, error) => this.#report(operation, error),
      destroyed: () => this.#destroyed,
      assertAlive: () => this.#assertAlive(),
    };
    this.#effects = composeEffects(context, options, {
      show: (action) => this.store.dispatch(action),
      applyRemote: (action) => this.#applyRemote(action),
      start: () => this.start(),
    });
    this.#stopHealth =
      this.#cache && watchCache(this.#cache, (action) => this.#dispatch(action), context.report);
    globalThis.addEventListener?.('online', this.#onBrowserOnline);
    if (options.autoStart !== false) void this.start();
  }

  getState(): MessagesState {
    return this.store.state;
  }

  /** Every state change made here goes through this: the store, the cache, the other tabs. */
  #dispatch(action: Action): void {
    const { leader } = this.#effects;
    const before = this.store.state;
    this.store.dispatch(action);
    persist(this.#cache, action, this.store.state);
    this.#changes.next({ action, state: this.store.state });
    leader.share(action);
    leader.settle(action);
    if (STATUS_ACTIONS.has(action.type) && leader.leads) this.#logStatus(before, action);
  }

  /** Reports outgoing messages that reached sent, delivered or failed (in the leader tab only). */
  #logStatus(before: MessagesState, action: Action): void {
    const after = this.store.state;
    for (const { message, status } of statusChanges(before, after, action)) {
      const conversation = after.conversations.find((c) => c.id === message.conversationId);
      if (conversation) this.#events.next({ type: 'message-status', status, message, conversation });
    }
  }

  /** A change another tab of the account made (it already wrote it to the cache). */
  #applyRemote(action: Action): void {
    if (this.#destroyed) return;
    const wasOffline = this.store.state.connection === 'offline';
    this.store.dispatch(action);
    this.#changes.next({ action, state: this.store.state });
    this.#effects.leader.settle(action);
    if (action.type === 'connection/changed' && action.state === 'online')
      this.#effects.sync.leaderOnline(wasOffline);
  }

  // ── the commands, each one effect's (the interface's TSDoc says what each does) ──

  readonly start = (): Promise<void> => this.#effects.sync.start();
  readonly reloadConversations = (): Promise<void> => this.#effects.threads.reloadConversations();
  readonly loadMoreConversations = (): Promise<void> => this.#effects.threads.loadMoreConversations();
  readonly openConversation = (target: string | T.OpenConversationTarget): Promise<void> =>
    this.#effects.threads.openConversation(target);
  readonly showLatest = (conversationId: string): void => this.#effects.threads.showLatest(conversationId);
  readonly loadOlder = (conversationId: string): Promise<void> =>
    this.#effects.threads.loadOlder(conversationId);
  readonly loadNewer = (conversationId: string): Promise<void> =>
    this.#effects.threads.loadNewer(conversationId);
  readonly resolveConversation = (participants: readonly string[], from?: string): Promise<string> =>
    this.#effects.sender.resolveConversation(participants, from);
  readonly send = (input: T.SendInput): Promise<Message> => this.#effects.sender.send(input);
  readonly retry = (clientId: string): Promise<void> => this.#effects.sender.retry(clientId);
  readonly upload = (
    file: Blob & { readonly name?: string },
    options: T.UploadOptions,
  ): Promise<Attachment> => this.#effects.requests.upload(file, options);
  readonly searchContacts = (query: string, signal?: AbortSignal): Promise<readonly Contact[]> =>
    this.#effects.requests.searchContacts(query, signal);
  readonly searchMessages = (request: SearchMessagesRequest): Promise<MessageSearchPage | null> =>
    this.#effects.requests.searchMessages(request);
  readonly deleteMessage = (conversationId: string, messageId: string): Promise<void> =>
    this.#effects.conversations.deleteMessage(conversationId, messageId);
  readonly deleteConversation = (conversationId: string): Promise<void> =>
    this.#effects.conversations.deleteConversation(conversationId);
  readonly markRead = (conversationId: string): Promise<void> =>
    this.#effects.conversations.setRead(conversationId, true);
  readonly markUnread = (conversationId: string): Promise<void> =>
    this.#effects.conversations.setRead(conversationId, false);
  readonly listSavedReplies = (signal?: AbortSignal): Promise<readonly SavedReply[]> =>
    this.#effects.savedReplies.list(signal);
  readonly saveSavedReply = (reply: Parameters<T.MessagesClient['saveSavedReply']>[0]): Promise<SavedReply> =>
    this.#effects.savedReplies.save(reply);
  readonly deleteSavedReply = (id: string): Promise<void> => this.#effects.savedReplies.delete(id);
  // Scheduling throws `destroyed` at once (not as a rejection) once the client is destroyed.
  readonly loadScheduled = (conversationId: string): Promise<void> => this.#scheduler().load(conversationId);
  readonly scheduleMessage = (input: ScheduleInput): Promise<ScheduledMessage> =>
    this.#scheduler().schedule(input);
  readonly updateScheduled = (scheduledId: string, changes: ScheduledChanges): Promise<ScheduledMessage> =>
    this.#scheduler().update(scheduledId, changes);
  readonly cancelScheduled = (scheduledId: string): Promise<void> => this.#scheduler().cancel(scheduledId);
  readonly sendScheduledNow = (scheduledId: string): Promise<Message> =>
    this.#scheduler().sendNow(scheduledId);

  selectConversation(conversationId: string | null): void {
    this.#dispatch({ type: 'conversation/selected', conversationId });
  }

  ownNumber(number: string): OwnNumber | undefined {
    return this.store.state.account?.numbers.find((n) => n.number === number);
  }

  setDraft(conversationId: string, draft: Draft | null): void {
    const empty = !draft || (!draft.text && draft.attachments.length === 0);
    this.#dispatch({ type: 'draft/set', key: conversationId, draft: empty ? null : draft });
  }

  unsentMessages(): readonly Message[] {
    // A follower's messages count until the leader reports them sent (or failed).
    return [...this.#effects.outbox.pending, ...this.#effects.leader.forwarded];
  }

  async signOut(options: T.SignOutOptions = {}): Promise<readonly Message[]> {
    const { outbox } = this.#effects;
    if (options.unsent === 'send') {
      const end = this.#now() + (options.waitMs ?? 10_000);
      while (outbox.pending.length && this.#now() < end && !this.#destroyed) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const discarded = [...outbox.pending];
    const cache = this.#cache;
    this.#changes.next({ action: { type: 'reset' }, state: this.store.state });
    this.destroy();
    await cache?.clear();
    return discarded;
  }

  #scheduler(): Scheduler {
    this.#assertAlive();
    return this.#effects.scheduler;
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
    this.#effects.sync.stop();
    this.#effects.outbox.destroy();
    this.#effects.leader.close();
    this.#stopHealth?.();
    globalThis.removeEventListener?.('online', this.#onBrowserOnline);
    void this.#cache?.flush().finally(() => this.#cache?.close());
    this.#events.complete();
    this.#changes.complete();
    this.store.complete();
    this.clearSelectors();
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
export function createMessagesClient(options: T.MessagesClientOptions): T.MessagesClient {
  return new Client(options);
}

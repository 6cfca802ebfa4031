import type { Observable } from 'rxjs';
import type { Account } from '../model/account.js';
import type { Conversation } from '../model/conversation.js';
import { isProvisionalId } from '../model/ids.js';
import type { ConversationListView } from './client-types.js';
import type { Draft, LoadStatus, MessagesState, ThreadState } from './state.js';
import { select } from './store.js';

/**
 * The client's selectors over its state stream: each is `map → distinctUntilChanged →
 * shareReplay({ bufferSize: 1, refCount: true })` (see `select`); the per-id ones are memoized, so
 * every element asking for the same conversation shares one subscription.
 */
export class Selectors {
  readonly account$: Observable<Account | null>;
  readonly accountStatus$: Observable<LoadStatus>;
  readonly conversationList$: Observable<ConversationListView>;
  readonly totalUnread$: Observable<number>;
  readonly selectedConversationId$: Observable<string | null>;
  readonly connection$: Observable<'online' | 'offline'>;
  readonly storage$: Observable<'ok' | 'unavailable' | 'full' | 'blocked'>;
  readonly #state$: Observable<MessagesState>;
  readonly #memo = new Map<string, Observable<unknown>>();

  constructor(state$: Observable<MessagesState>) {
    const s = (this.#state$ = state$);
    this.account$ = select(s, (st) => st.account);
    this.accountStatus$ = select(s, (st) => st.accountStatus);
    this.conversationList$ = select(
      s,
      (st) => ({
        items: listed(st.conversations),
        status: st.conversationsStatus,
        complete: st.conversationsComplete,
        error: st.conversationsError,
      }),
      (a, b) =>
        a.items === b.items && a.status === b.status && a.complete === b.complete && a.error === b.error,
    );
    this.totalUnread$ = select(s, (st) => st.conversations.reduce((sum, c) => sum + c.unreadCount, 0));
    this.selectedConversationId$ = select(s, (st) => st.selectedConversationId);
    this.connection$ = select(s, (st) => st.connection);
    this.storage$ = select(s, (st) => st.storage);
  }

  /** The selector made once per `key` by `make` (until {@link clear}). */
  memoized<T>(key: string, make: () => Observable<T>): Observable<T> {
    let o = this.#memo.get(key) as Observable<T> | undefined;
    if (!o) {
      o = make();
      this.#memo.set(key, o);
    }
    return o;
  }

  conversation$(conversationId: string): Observable<Conversation | undefined> {
    return this.memoized(`c:${conversationId}`, () =>
      select(this.#state$, (st) => st.conversations.find((c) => c.id === conversationId)),
    );
  }

  thread$(conversationId: string): Observable<ThreadState | undefined> {
    return this.memoized(`t:${conversationId}`, () =>
      select(this.#state$, (st) => st.threads[conversationId]),
    );
  }

  draft$(conversationId: string): Observable<Draft | undefined> {
    return this.memoized(`d:${conversationId}`, () =>
      select(this.#state$, (st) => st.drafts[conversationId]),
    );
  }

  /** Forgets the memoized selectors (the client is destroyed). */
  clear(): void {
    this.#memo.clear();
  }
}

const listedCache = new WeakMap<readonly Conversation[], readonly Conversation[]>();

/** The conversations to list: a provisional one appears once it has a message. */
export function listed(conversations: readonly Conversation[]): readonly Conversation[] {
  let result = listedCache.get(conversations);
  if (!result) {
    result = conversations.some((c) => isProvisionalId(c.id) && !c.lastMessage)
      ? conversations.filter((c) => !isProvisionalId(c.id) || c.lastMessage)
      : conversations;
    listedCache.set(conversations, result);
  }
  return result;
}

import type { Observable } from 'rxjs';
import type { Conversation } from '../model/conversation.js';
import { isProvisionalId } from '../model/ids.js';
import type { MessagesState } from './state.js';
import { Store, select } from './store.js';

/**
 * The client's store and its selectors, as ngrx's component store is extended: the client
 * (`./client.ts`) adds the commands. Each selector is `map → distinctUntilChanged →
 * shareReplay({ bufferSize: 1, refCount: true })` (see `select`); the per-id ones are memoized,
 * so every element asking for the same conversation shares one subscription. Their types and
 * TSDoc are `MessagesClient`'s (`./client-types.ts`).
 */
export class Selectors {
  readonly #memo = new Map<string, Observable<unknown>>();
  /** The state container; only the client dispatches to it. */
  protected readonly store = new Store();

  readonly state$ = this.store.state$;
  readonly account$ = select(this.state$, (st) => st.account);
  readonly accountStatus$ = select(this.state$, (st) => st.accountStatus);
  readonly conversationList$ = select(
    this.state$,
    (st) => ({
      items: listed(st.conversations),
      status: st.conversationsStatus,
      complete: st.conversationsComplete,
      error: st.conversationsError,
    }),
    (a, b) =>
      a.items === b.items && a.status === b.status && a.complete === b.complete && a.error === b.error,
  );
  readonly totalUnread$ = select(this.state$, (st) =>
    st.conversations.reduce((sum, c) => sum + c.unreadCount, 0),
  );
  readonly selectedConversationId$ = select(this.state$, (st) => st.selectedConversationId);
  readonly connection$ = select(this.state$, (st) => st.connection);
  readonly storage$ = select(this.state$, (st) => st.storage);

  conversation$(conversationId: string) {
    return this.#memoized(`c:${conversationId}`, (st) =>
      st.conversations.find((c) => c.id === conversationId),
    );
  }

  thread$(conversationId: string) {
    return this.#memoized(`t:${conversationId}`, (st) => st.threads[conversationId]);
  }

  draft$(conversationId: string) {
    return this.#memoized(`d:${conversationId}`, (st) => st.drafts[conversationId]);
  }

  scheduled$(conversationId: string) {
    return this.#memoized(`s:${conversationId}`, (st) => st.scheduled[conversationId]);
  }

  /** Forgets the memoized selectors (the client is destroyed). */
  protected clearSelectors(): void {
    this.#memo.clear();
  }

  /** The selector of `project`, made once per `key` (until {@link clearSelectors}). */
  #memoized<T>(key: string, project: (state: MessagesState) => T): Observable<T> {
    let o = this.#memo.get(key) as Observable<T> | undefined;
    if (!o) {
      o = select(this.state$, project);
      this.#memo.set(key, o);
    }
    return o;
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

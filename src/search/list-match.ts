import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Conversation } from '../model/conversation.js';
import type { MessagesClient } from '../store/client.js';
import { parseSearchQuery } from '../transport/search-match.js';
import type { ParsedSearchQuery } from '../transport/search-match.js';
import { conversationDoc, matchesDoc, messageDoc } from './search-doc.js';
import { searchIndexFor } from './search-index.js';
import type { SearchIndex } from './search-index.js';

type Matcher = (conversation: Conversation) => boolean;

function matcher(index: SearchIndex, parsed: ParsedSearchQuery, found: ReadonlySet<string>): Matcher {
  return (c) =>
    found.has(c.id) ||
    // Folding costs: only for a chat the index does not know (it holds the others' newest message).
    (!index.conversation(c.id) &&
      (matchesDoc(conversationDoc(c), parsed) ||
        (!!c.lastMessage && matchesDoc(messageDoc(c.lastMessage), parsed))));
}

/**
 * The test a conversation list's `match` takes for a search query (see
 * `<sms-conversation-list>.match`): a conversation passes when the index finds it (a message of
 * it, its title, names or numbers), or when its own details or newest message match (a chat the
 * index has not seen yet). `undefined` for an empty query: the list is not narrowed. It answers
 * for the index as it is now: {@link ListSearchController} makes a new one when the index changes.
 */
export function conversationMatcher(index: SearchIndex, query: string): Matcher | undefined {
  const parsed = parseSearchQuery(query);
  if (parsed.kind === 'empty') return undefined;
  return matcher(index, parsed, index.conversationsMatching(query));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/**
 * Keeps a conversation list narrowed to a search query while the query stands: {@link match}
 * is computed a frame after the query changes (so the field and its first results paint first),
 * then again whenever the client's search index changes (a matching message arrives, a match is
 * deleted or evicted, a chat is renamed), and the host re-renders only when the set of chats
 * found changed. Listens to the index only while there is a query and the host is connected.
 */
export class ListSearchController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #client: () => MessagesClient | undefined;
  #query = '';
  #frame = 0;
  #index: SearchIndex | undefined;
  #stopIndex: (() => void) | undefined;
  #found: ReadonlySet<string> | undefined;
  #match: Matcher | undefined;

  constructor(host: ReactiveControllerHost, client: () => MessagesClient | undefined) {
    this.#host = host;
    this.#client = client;
    host.addController(this);
  }

  /** The list's test for the current query; `undefined` when the query is empty. */
  get match(): Matcher | undefined {
    return this.#match;
  }

  /** The query changed: the list follows it from the next frame. */
  setQuery(query: string): void {
    this.#query = query;
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#refresh(true));
  }

  hostConnected(): void {
    if (this.#query) this.#refresh(true);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#listen(undefined);
  }

  hostUpdate(): void {
    // Another client (a sign-out and sign-in): its index answers, from this render on.
    const client = this.#client();
    if (this.#query && (client ? searchIndexFor(client) : undefined) !== this.#index) this.#refresh(false);
  }

  /** Recomputes the match; with `fresh`, for a new query (always a new function). */
  #refresh(fresh: boolean): void {
    const client = this.#client();
    const parsed = parseSearchQuery(this.#query);
    const index = client && parsed.kind !== 'empty' ? searchIndexFor(client) : undefined;
    this.#listen(index);
    const found = index?.conversationsMatching(this.#query);
    const changed = fresh || !found || !this.#found || index !== this.#index || !sameSet(found, this.#found);
    this.#index = index;
    this.#found = found;
    if (!changed) return;
    this.#match = index && found ? matcher(index, parsed, found) : undefined;
    this.#host.requestUpdate();
  }

  #listen(index: SearchIndex | undefined): void {
    if (index && index === this.#index && this.#stopIndex) return;
    this.#stopIndex?.();
    this.#stopIndex = index?.subscribe(() => this.#refresh(false));
  }
}

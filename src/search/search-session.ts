import type { Contact } from '../model/contact.js';
import type { Message } from '../model/message.js';
import type { MessagesClient } from '../store/client.js';
import { toTransportError } from '../transport/errors.js';
import type { TransportError } from '../transport/errors.js';
import { parseSearchQuery } from '../transport/search-match.js';
import type { ParsedSearchQuery } from '../transport/search-match.js';
import { messageDoc, messageDocKey } from './search-doc.js';
import type { ConversationDoc, MessageDoc } from './search-doc.js';
import type { PersonHit, SearchIndex } from './search-index.js';

/** A message result, from the local index or the server. */
export interface MessageHit extends MessageDoc {
  /** Where it was found: `server` only when the local index does not have it. */
  readonly source: 'local' | 'server';
}

/**
 * Where the server's part of a search is: `none` (the backend cannot search, or nothing to
 * look for), `waiting` (about to ask), `loading`, `done`, `offline` (not asked: local results
 * only), `error` (asked and failed: local results only).
 */
export type ServerSearchStatus = 'none' | 'waiting' | 'loading' | 'done' | 'offline' | 'error';

/** Everything a search field shows. */
export interface SearchResults {
  readonly query: string;
  readonly parsed: ParsedSearchQuery;
  readonly people: readonly PersonHit[];
  readonly conversations: readonly ConversationDoc[];
  /** Newest first, local and server results merged without duplicates. */
  readonly messages: readonly MessageHit[];
  readonly server: ServerSearchStatus;
  /** Why the server search failed (with `server: 'error'`). */
  readonly error: string | null;
  /** Whether "More results" can show more messages (local or server). */
  readonly hasMore: boolean;
  /**
   * Whether messages saved on this device may be missing from the local results (reading the
   * index's stored copy or the cache failed: {@link SearchIndex.incomplete}).
   */
  readonly incomplete: boolean;
  /** Whether the address book could not be searched for this query (people from it are missing). */
  readonly contactsFailed: boolean;
  readonly loadingMore: boolean;
}

/** Options of {@link SearchSession}. */
export interface SearchSessionOptions {
  readonly client: MessagesClient;
  readonly index: SearchIndex;
  /** Called whenever {@link SearchSession.results} changes. */
  readonly onChange: (results: SearchResults) => void;
  /**
   * Called when something failed: the server's search (`searchMessages`) or contact search
   * (`searchContacts`), or the local index (`searchIndexOpen`, `searchIndexRead`,
   * `searchIndexWrite`, `searchIndexDelete`, `searchIndexBackfill`). The results already show
   * what the person needs to know; `<sms-search>` fires these as `sms-error`.
   */
  readonly onError?: (operation: string, error: Error) => void;
  /** Messages per page, local and server (default 20). */
  readonly pageSize?: number;
  /** Pause after the last keystroke before the server is asked (default 200 ms). */
  readonly serverDelayMs?: number;
}

const EMPTY: SearchResults = {
  query: '',
  parsed: { kind: 'empty' },
  people: [],
  conversations: [],
  messages: [],
  server: 'none',
  error: null,
  hasMore: false,
  loadingMore: false,
  incomplete: false,
  contactsFailed: false,
};

function isOffline(client: MessagesClient): boolean {
  return (
    client.getState().connection === 'offline' ||
    (typeof navigator !== 'undefined' && navigator.onLine === false)
  );
}

/**
 * One search field's search: local results at once from the {@link SearchIndex} on every
 * change of the query, then the server's (`client.searchMessages`, when the transport offers
 * it) after a short pause, merged newest first without duplicates. A new query aborts the
 * request in flight; {@link more} pages both. Offline, only the index answers (a quiet note);
 * a server failure keeps the local results with a visible error.
 */
/** The sessions open over each index, oldest first (the first reports the index's failures). */
const reporters = new WeakMap<SearchIndex, readonly SearchSession[]>();

export class SearchSession {
  readonly #options: SearchSessionOptions;
  readonly #pageSize: number;
  #query = '';
  #localLimit: number;
  #server: MessageHit[] = [];
  #serverPeople: PersonHit[] = [];
  #serverCursor: string | null = null;
  #serverStatus: ServerSearchStatus = 'none';
  #error: string | null = null;
  #contactsError = false;
  #loadingMore = false;
  #abort: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopIndex: () => void;
  #stopFailures: () => void;
  #results: SearchResults = EMPTY;
  #noServerSearch = false;
  #disposed = false;

  constructor(options: SearchSessionOptions) {
    this.#options = options;
    this.#pageSize = options.pageSize ?? 20;
    this.#localLimit = this.#pageSize;
    // The index changed (a message arrived, the stored index finished loading): recompute.
    this.#stopIndex = options.index.subscribe(() => {
      if (this.#query) this.#publish();
    });
    // The index is shared by every search of the client: one failure is reported once, by the
    // oldest session still open (several `<sms-search>` on a page would each report it).
    const sessions = reporters.get(options.index) ?? [];
    reporters.set(options.index, [...sessions, this]);
    const stop = options.index.onFailure(({ operation, error }) => {
      if (reporters.get(options.index)?.[0] === this) this.#options.onError?.(operation, error);
    });
    this.#stopFailures = () => {
      stop();
      reporters.set(options.index, reporters.get(options.index)?.filter((s) => s !== this) ?? []);
    };
  }

  get results(): SearchResults {
    return this.#results;
  }

  /** Searches for `query` (local results synchronously; the server after a pause). */
  setQuery(query: string): void {
    if (this.#disposed || query === this.#query) return;
    this.#query = query;
    this.#localLimit = this.#pageSize;
    this.#cancelServer();
    this.#server = [];
    this.#serverPeople = [];
    this.#serverCursor = null;
    this.#error = null;
    this.#contactsError = false;
    this.#loadingMore = false;
    const parsed = parseSearchQuery(query);
    if (parsed.kind === 'empty') {
      this.#serverStatus = 'none';
    } else if (isOffline(this.#options.client)) {
      this.#serverStatus = 'offline';
    } else {
      this.#serverStatus = this.#noServerSearch ? 'none' : 'waiting';
      this.#timer = setTimeout(() => void this.#ask(query, null), this.#options.serverDelayMs ?? 200);
    }
    this.#publish();
  }

  /** Shows the next page of messages: more from the index, and the server's next page. */
  more(): void {
    if (this.#disposed || !this.#results.hasMore || this.#loadingMore) return;
    this.#localLimit += this.#pageSize;
    if (this.#serverCursor && this.#serverStatus === 'done') {
      this.#loadingMore = true;
      void this.#ask(this.#query, this.#serverCursor);
    }
    this.#publish();
  }

  /** Stops listening and aborts what is in flight. */
  dispose(): void {
    this.#disposed = true;
    this.#cancelServer();
    this.#stopIndex();
    this.#stopFailures();
  }

  #cancelServer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    this.#abort = null;
  }

  async #ask(query: string, cursor: string | null): Promise<void> {
    const client = this.#options.client;
    const abort = new AbortController();
    this.#abort?.abort();
    this.#abort = abort;
    if (!cursor && !this.#noServerSearch) {
      this.#serverStatus = 'loading';
      this.#publish();
    }
    const parsed = parseSearchQuery(query);
    try {
      const [page, contacts] = await Promise.all([
        client.searchMessages({
          query,
          limit: this.#pageSize,
          signal: abort.signal,
          ...(cursor ? { cursor } : {}),
        }),
        cursor || parsed.kind === 'empty'
          ? Promise.resolve<ContactsAnswer>({ contacts: [] })
          : client.searchContacts(query, abort.signal).then(
              (found): ContactsAnswer => ({ contacts: found }),
              // The message results still count: a failed contact search is told on its own, below.
              (error: unknown): ContactsAnswer => ({ contacts: [], error }),
            ),
      ]);
      if (abort.signal.aborted || this.#disposed || query !== this.#query) return;
      if (page === null) {
        // The transport cannot search: later queries ask only for contacts, quietly.
        this.#noServerSearch = true;
        this.#serverStatus = 'none';
      } else {
        this.#server = [...this.#server, ...page.results.map((r) => serverHit(r.message))];
        this.#serverCursor = page.nextCursor;
        this.#serverStatus = 'done';
      }
      if (!cursor) this.#serverPeople = contactsToPeople(contacts.contacts);
      this.#error = null;
      if ('error' in contacts) this.#contactsFailed(toTransportError(contacts.error));
    } catch (error) {
      if (abort.signal.aborted || this.#disposed || query !== this.#query) return;
      const e = toTransportError(error);
      if (e.kind === 'aborted') return;
      if (isOffline(client)) {
        this.#serverStatus = 'offline';
      } else {
        this.#serverStatus = 'error';
        this.#error = e.message;
        this.#options.onError?.('searchMessages', e);
      }
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
    this.#loadingMore = false;
    this.#publish();
  }

  /** The address book could not be searched: the server's messages still show, with a note. */
  #contactsFailed(e: TransportError): void {
    if (e.kind === 'aborted') return;
    this.#contactsError = true;
    this.#options.onError?.('searchContacts', e);
  }

  #publish(): void {
    if (this.#disposed) return;
    const query = this.#query;
    const local = this.#options.index.search(query, { limit: this.#localLimit });
    // Local first: a message the index has is shown from it (with its local state).
    const seen = new Set<string>();
    const messages: MessageHit[] = [];
    for (const doc of local.messages) {
      seen.add(doc.key);
      seen.add(`${doc.conversationId}\u0000${doc.messageId}`);
      messages.push({ ...doc, source: 'local' });
    }
    for (const hit of this.#server) {
      if (seen.has(hit.key) || seen.has(`${hit.conversationId}\u0000${hit.messageId}`)) continue;
      seen.add(hit.key);
      seen.add(`${hit.conversationId}\u0000${hit.messageId}`);
      messages.push(hit);
    }
    messages.sort((a, b) => b.createdAt - a.createdAt || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    const people = [...local.people];
    for (const p of this.#serverPeople)
      if (!people.some((known) => known.number === p.number) && people.length < 5) people.push(p);
    this.#results = {
      query,
      parsed: local.query,
      people,
      conversations: local.conversations,
      messages,
      server: this.#serverStatus,
      error: this.#error,
      hasMore: local.moreMessages || (this.#serverStatus === 'done' && this.#serverCursor !== null),
      loadingMore: this.#loadingMore,
      incomplete: this.#options.index.incomplete,
      contactsFailed: this.#contactsError,
    };
    this.#options.onChange(this.#results);
  }
}

/** The address book's answer to a search: the contacts found, or why there are none. */
type ContactsAnswer =
  { readonly contacts: readonly Contact[] } | { readonly contacts: readonly []; readonly error: unknown };

function serverHit(message: Message): MessageHit {
  const doc = messageDoc(message);
  return { ...doc, key: messageDocKey(message.conversationId, message), source: 'server' };
}

function contactsToPeople(contacts: readonly Contact[]): PersonHit[] {
  const out: PersonHit[] = [];
  for (const c of contacts)
    for (const n of c.numbers)
      if (!out.some((p) => p.number === n.number)) out.push({ number: n.number, name: c.name, updatedAt: 0 });
  return out;
}

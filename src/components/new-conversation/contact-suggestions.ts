import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Contact } from '../../model/contact.js';
import { looksLikePhoneNumber, parseRecipient } from '../../rules/phone.js';
import type { MessagesClient } from '../../store/client.js';

/** One choice in the suggestions: a contact's number, or a typed number. */
export interface Suggestion {
  readonly number: string;
  readonly name: string | null;
  readonly label: string | null;
}

const SEARCH_DELAY_MS = 150;

/**
 * The suggestions under the To field: contacts whose name or number matches what is typed
 * (searched a moment after typing stops, an older search aborted by a newer one), each of their
 * numbers a choice, and the typed text itself first when it reads as a full number. The active
 * choice follows the arrow keys. Every change re-renders the host.
 */
export class ContactSuggestions implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #client: () => MessagesClient | undefined;
  readonly #country: () => string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  #query = '';
  #results: readonly Contact[] = [];
  /** A search is under way. */
  searching = false;
  /** The last search failed (the list says so). */
  failed = false;
  /** The list is open (the field has the focus and something typed). */
  open = false;
  /** The choice Enter takes, `-1` for none. */
  activeIndex = -1;

  constructor(
    host: ReactiveControllerHost,
    client: () => MessagesClient | undefined,
    country: () => string | undefined,
  ) {
    this.#host = host;
    this.#client = client;
    this.#country = country;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  /** What is typed in the To field. */
  get query(): string {
    return this.#query;
  }

  /** The choices for what is typed: the typed number first, then each matching contact's numbers. */
  get items(): Suggestion[] {
    const list: Suggestion[] = [];
    const typed = this.#query.trim();
    if (typed && looksLikePhoneNumber(typed)) {
      const parsed = parseRecipient(typed, this.#country() ?? 'US');
      if (parsed.ok) list.push({ number: parsed.e164, name: null, label: null });
    }
    for (const contact of this.#results) {
      for (const n of contact.numbers) {
        if (!list.some((s) => s.number === n.number))
          list.push({ number: n.number, name: contact.name, label: n.label });
      }
    }
    return list;
  }

  /** The field's text changed: the list opens, and the contacts are searched after a short pause. */
  typed(query: string): void {
    this.#query = query;
    this.open = true;
    this.activeIndex = -1;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#search(), SEARCH_DELAY_MS);
    this.#host.requestUpdate();
  }

  /** A recipient was added: the field and the list start afresh. */
  clear(): void {
    this.#query = '';
    this.#results = [];
    this.open = false;
    this.activeIndex = -1;
    this.#host.requestUpdate();
  }

  /** Opens or closes the list. */
  setOpen(open: boolean): void {
    this.open = open;
    this.#host.requestUpdate();
  }

  /** Moves the active choice down (`1`) or up (`-1`), round the ends; false when there is no choice. */
  move(by: 1 | -1): boolean {
    const count = this.items.length;
    if (!count) return false;
    this.open = true;
    this.activeIndex =
      by === 1 ? (this.activeIndex + 1) % count : this.activeIndex <= 0 ? count - 1 : this.activeIndex - 1;
    this.#host.requestUpdate();
    return true;
  }

  async #search(): Promise<void> {
    const client = this.#client();
    const query = this.#query.trim();
    this.#abort?.abort();
    if (!client || !query) {
      this.#results = [];
      this.searching = false;
      this.#host.requestUpdate();
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    this.searching = true;
    this.#host.requestUpdate();
    try {
      const results = await client.searchContacts(query, abort.signal);
      if (abort.signal.aborted) return;
      this.#results = results;
      this.failed = false;
      this.activeIndex = this.items.length ? 0 : -1;
    } catch {
      // The list says the contacts could not be searched; a typed number can still be added.
      if (abort.signal.aborted) return;
      this.#results = [];
      this.failed = true;
    } finally {
      if (!abort.signal.aborted) this.searching = false;
      this.#host.requestUpdate();
    }
  }
}

import { html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { dispatchDecided } from '../../events/decided.js';
import { SmsErrorEvent } from '../../events/error-event.js';
import { SmsSearchInputEvent } from '../../events/search-input-event.js';
import { SmsSearchSelectEvent } from '../../events/search-select-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { searchIndexFor } from '../../search/search-index.js';
import { SearchSession } from '../../search/search-session.js';
import type { SearchResults } from '../../search/search-session.js';
import type { MessagesClient } from '../../store/client.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { renderResults, searchOptions } from './search-results.js';
import type { SearchOption } from './search-results.js';
import { styles } from './search.styles.js';

/** How long the results must stay unchanged before their count is announced. */
const ANNOUNCE_DELAY_MS = 700;

/** Phone numbers as rows show them, by country and number: formatting one parses it. */
const phones = new Map<string, string>();

type IdleCallback = () => void;
const onIdle = (callback: IdleCallback): (() => void) => {
  const ric = (globalThis as { requestIdleCallback?: (c: IdleCallback, o?: { timeout: number }) => number })
    .requestIdleCallback;
  if (ric) {
    const id = ric(callback, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(callback, 50);
  return () => clearTimeout(id);
};

const ICON_SEARCH = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
  <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" stroke-width="2" />
  <path d="M16 16l4.5 4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;
const ICON_CLEAR = html`<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
  <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
</svg>`;

/**
 * A search field over every cached conversation and message: results from the local index at
 * the first keystroke (offline too), completed by the server when the transport offers
 * `searchMessages`. Results are grouped as people, conversations and messages (newest first,
 * the match marked); arrows move through them, Enter chooses, Escape closes then clears.
 * Choosing fires `sms-search-select`; `<sms-messages>` opens the result, a host placing this
 * element itself decides what to do.
 *
 * @summary Search people, conversations and messages.
 * @tag sms-search
 *
 * @csspart field - The box around the input.
 * @csspart input - The search input.
 * @csspart clear-button - The button that clears the query.
 * @csspart results - The results panel.
 * @csspart group-label - The title of a group (People, Conversations, Messages).
 * @csspart result - One result.
 * @csspart mark - The matched part of a message snippet.
 * @csspart more-button - "More results".
 * @csspart note - The offline note, the server's progress or its error.
 *
 * @cssprop [--sms-search-background=var(--sms-color-surface)] - Background of the field.
 * @cssprop [--sms-search-results-background=var(--sms-color-background)] - Background of the results.
 * @cssprop [--sms-search-results-max-height=70vh] - Tallest the results panel grows before it scrolls.
 * @cssprop [--sms-search-mark=color-mix(in srgb, var(--sms-color-warning) 28%, var(--sms-color-background))] - Background of the matched text.
 *
 * @fires {SmsSearchSelectEvent} sms-search-select - A result was chosen (cancelable).
 * @fires {SmsSearchInputEvent} sms-search-input - The user changed the query (typed or cleared it).
 * @fires {SmsErrorEvent} sms-error - A search failed (`searchMessages`, `searchContacts`) or the local
 *   index did (`searchIndexOpen`, `searchIndexRead`, `searchIndexWrite`, `searchIndexDelete`,
 *   `searchIndexBackfill`); the results say what the person needs to know.
 */
export class SmsSearch extends SmsClientElement {
  static override tagName = 'sms-search';
  static override styles = [tokens, controlReset, styles];

  readonly #locale = new LocaleController(this);
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  #session: SearchSession | undefined;
  #sessionClient: MessagesClient | undefined;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #announced = '';
  #cancelWarmUp: (() => void) | undefined;

  @query('input') private input?: HTMLInputElement;

  @state() private results: SearchResults | undefined;
  /** Index of the highlighted option; -1 for none (the input). */
  @state() private activeIndex = -1;
  /** Whether the results panel is shown. */
  @state() private expanded = false;
  /** The result count for screen readers (a polite live region). */
  @state() private announcement = '';

  /** The query. Setting it searches, as typing does. */
  @property() value = '';

  /** Labels that replace the translated ones for this element only. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#session?.dispose();
    this.#session = undefined;
    this.#sessionClient = undefined;
    clearTimeout(this.#announceTimer);
    this.#cancelWarmUp?.();
    this.#cancelWarmUp = undefined;
  }

  override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    this.#cancelWarmUp = onIdle(() => this.#warmUp());
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client !== this.#sessionClient) {
      this.#session?.dispose();
      this.#sessionClient = client;
      this.#session = client
        ? new SearchSession({
            client,
            index: searchIndexFor(client),
            onChange: (results) => this.#handleResults(results),
            onError: (operation, error) => this.dispatchEvent(new SmsErrorEvent({ operation, error })),
          })
        : undefined;
      this.results = undefined;
      this.#session?.setQuery(this.value);
    } else if (changed.has('value')) {
      this.#session?.setQuery(this.value);
    }
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if ((changed as Map<PropertyKey, unknown>).has('activeIndex') && this.activeIndex >= 0) {
      this.renderRoot
        .querySelector(`#${this.#options()[this.activeIndex]?.id ?? 'none'}`)
        ?.scrollIntoView({ block: 'nearest' });
    }
  }

  /**
   * Makes, while the page is idle, what the first results would otherwise make on the first
   * keystroke: the date formatters of the result times (creating the first one loads the
   * locale's data, some 30 ms) and the phone number formatter's metadata.
   */
  #warmUp(): void {
    this.#cancelWarmUp = undefined;
    if (!this.isConnected) return;
    const now = Date.now();
    for (const ago of [0, 2, 3 * 24, 40 * 24, 400 * 24]) this.#locale.listTime(now - ago * 3_600_000, now);
    this.#phone(this.#account.value?.numbers[0]?.number ?? '+12025550143');
  }

  #handleResults(results: SearchResults): void {
    const sameQuery = this.results?.query === results.query;
    this.results = results;
    if (!sameQuery) this.activeIndex = -1;
    else this.activeIndex = Math.min(this.activeIndex, this.#options().length - 1);
    this.#scheduleAnnouncement();
  }

  #handleInput(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.expanded = this.value.trim() !== '';
    this.dispatchEvent(new SmsSearchInputEvent({ value: this.value }));
  }

  #handleKeydown(event: KeyboardEvent): void {
    const options = this.#options();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        this.expanded = this.value.trim() !== '';
        if (options.length) this.activeIndex = (this.activeIndex + 1) % options.length;
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (options.length)
          this.activeIndex = this.activeIndex <= 0 ? options.length - 1 : this.activeIndex - 1;
        break;
      case 'Enter': {
        if (!this.expanded || !options.length) return;
        event.preventDefault();
        this.#choose(options[Math.max(0, this.activeIndex)]!);
        break;
      }
      case 'Escape':
        if (this.expanded && this.value) {
          event.preventDefault();
          event.stopPropagation();
          this.expanded = false;
          this.activeIndex = -1;
        } else if (this.value) {
          event.preventDefault();
          event.stopPropagation();
          this.#clearByUser();
        }
        break;
    }
  }

  #handleFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget as Node | null;
    if (!to || !this.renderRoot.contains(to)) this.expanded = false;
  }

  #handleFocusIn(): void {
    if (this.value.trim()) this.expanded = true;
  }

  #choose(option: SearchOption): void {
    if (option.detail === 'more') {
      this.#session?.more();
      return;
    }
    if (dispatchDecided(this, new SmsSearchSelectEvent(option.detail))) {
      this.expanded = false;
      this.activeIndex = -1;
    }
  }

  #clearByUser(): void {
    this.clear();
    this.dispatchEvent(new SmsSearchInputEvent({ value: '' }));
  }

  /** Empties the query and closes the results. */
  clear(): void {
    this.value = '';
    this.expanded = false;
    this.activeIndex = -1;
    this.input?.focus();
  }

  /** Moves the keyboard focus to the search input. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  #scheduleAnnouncement(): void {
    clearTimeout(this.#announceTimer);
    const results = this.results;
    if (!results?.query.trim()) {
      this.#announced = '';
      return;
    }
    // The count is told once per query, when the server has answered (or will not).
    if (results.server === 'waiting' || results.server === 'loading') return;
    this.#announceTimer = setTimeout(() => {
      const r = this.results;
      if (!r) return;
      const count = r.people.length + r.conversations.length + r.messages.length;
      const text = count
        ? this.#locale.t('searchResultCount', count, r.hasMore)
        : this.#locale.t('searchNoResults', r.query.trim());
      const key = `${r.query}\u0000${text}`;
      if (key === this.#announced) return;
      this.#announced = key;
      this.announcement = text;
    }, ANNOUNCE_DELAY_MS);
  }

  /** The results in keyboard order. */
  #options(): SearchOption[] {
    return searchOptions(this.results, this.value);
  }

  #phone(e164: string): string {
    const country = this.#account.value?.country;
    const key = `${country ?? ''}|${e164}`;
    let shown = phones.get(key);
    if (shown === undefined) {
      shown = this.#locale.phone(e164, country);
      if (phones.size >= 5000) phones.clear();
      phones.set(key, shown);
    }
    return shown;
  }

  #chatName(conversationId: string, fallback?: string): string {
    const client = this.activeClient;
    const doc:
      | {
          readonly title?: string;
          readonly participants: readonly string[];
          readonly names?: Readonly<Record<string, string>>;
        }
      | undefined =
      (client && searchIndexFor(client).conversation(conversationId)) ??
      client?.getState().conversations.find((c) => c.id === conversationId);
    if (!doc) return fallback ? this.#phone(fallback) : '';
    if (doc.title) return doc.title;
    return doc.participants
      .map((n) => {
        const name = doc.names && Object.hasOwn(doc.names, n) ? doc.names[n] : undefined;
        return typeof name === 'string' && name.trim() ? name.trim() : this.#phone(n);
      })
      .join(', ');
  }

  override render() {
    const r = this.results;
    const open = this.expanded && !!r && this.value.trim() !== '';
    const options = open ? this.#options() : [];
    const active = options[this.activeIndex];
    return html`<div
        class="field"
        part="field"
        @focusout=${this.#handleFocusOut}
        @focusin=${this.#handleFocusIn}
      >
        ${ICON_SEARCH}
        <input
          part="input"
          type="search"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          .enterKeyHint=${'search'}
          aria-label=${this.#locale.t('search')}
          placeholder=${this.#locale.t('searchPlaceholder')}
          aria-autocomplete="list"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="results"
          aria-activedescendant=${open && active ? active.id : nothing}
          .value=${this.value}
          @input=${this.#handleInput}
          @keydown=${this.#handleKeydown}
        />
        ${
          this.value
            ? html`<button
                class="clear"
                part="clear-button"
                type="button"
                tabindex="-1"
                aria-label=${this.#locale.t('searchClear')}
                @click=${() => this.#clearByUser()}
              >
                ${ICON_CLEAR}
              </button>`
            : nothing
        }
      </div>
      <div class="panel" part="results" tabindex=${open ? 0 : -1} ?hidden=${!open}>
        ${
          open && r
            ? renderResults(r, {
                locale: this.#locale,
                options,
                activeId: active?.id,
                phone: (n) => this.#phone(n),
                chatName: (id, fallback) => this.#chatName(id, fallback),
                choose: (o) => this.#choose(o),
              })
            : nothing
        }
      </div>
      <div class="visually-hidden" role="status">${this.announcement}</div>`;
  }
}

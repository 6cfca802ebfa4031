import { css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { SmsRecipientsChangeEvent } from '../../events/recipients-change-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import type { Contact } from '../../model/contact.js';
import type { OwnNumber } from '../../model/account.js';
import { resolvePolicy } from '../../rules/attachment-policy.js';
import { looksLikePhoneNumber, parseRecipient } from '../../rules/phone.js';
import { emergencyNumber, isShortCode } from '../../rules/special-numbers.js';
import { controlReset, tokens } from '../../styles/tokens.js';

/** One choice in the suggestions: a contact's number, or a typed number. */
interface Suggestion {
  readonly number: string;
  readonly name: string | null;
  readonly label: string | null;
}

const SEARCH_DELAY_MS = 150;

/**
 * The recipient picker of a new message: a **To** field that filters contacts as the user types
 * part of a name or number, lists each contact's numbers with their labels, and adds a full
 * number typed in with "Send to" (or Enter). Several recipients make a group; each shows as a
 * removable chip. With several texting numbers, a **From** choice; a toll-free From number allows
 * one recipient only. Resolves the conversation with exactly those participants, so an existing
 * chat opens instead of a duplicate.
 *
 * @summary The "To" and "From" fields of a new message.
 * @tag sms-new-conversation
 *
 * @csspart field - The To field (chips and input).
 * @csspart chip - One recipient chip.
 * @csspart input - The text input.
 * @csspart suggestions - The list of matching contacts.
 * @csspart suggestion - One matching number.
 * @csspart from - The From select.
 * @csspart error - The inline error.
 *
 * @fires {SmsRecipientsChangeEvent} sms-recipients-change - Recipients or From changed, with the resolved conversation id.
 */
export class SmsNewConversation extends SmsClientElement {
  static override tagName = 'sms-new-conversation';
  static override styles = [
    tokens,
    controlReset,
    css`
      :host {
        display: block;
        padding: var(--_sms-space-s) var(--_sms-space-l);
        border-block-end: 1px solid var(--_sms-border);
        background: var(--_sms-bg);
      }
      .row {
        display: flex;
        align-items: flex-start;
        gap: var(--_sms-space-s);
        min-inline-size: 0;
      }
      .row + .row {
        margin-block-start: var(--_sms-space-s);
      }
      .label {
        flex: none;
        min-inline-size: 3rem;
        padding-block: 6px;
        color: var(--_sms-text-muted);
      }
      .field {
        position: relative;
        flex: 1;
        min-inline-size: 0;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_sms-space-xs);
        padding: 3px var(--_sms-space-xs);
        border: 1px solid var(--_sms-border);
        border-radius: var(--_sms-radius-s);
        background: var(--_sms-bg);
      }
      .field:focus-within {
        border-color: var(--_sms-focus);
      }
      .field.invalid {
        border-color: var(--_sms-danger);
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 2px;
        max-inline-size: 100%;
        padding-inline: var(--_sms-space-s) 2px;
        border-radius: 999px;
        background: var(--_sms-surface);
        border: 1px solid var(--_sms-border);
      }
      .chip bdi {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .chip button {
        display: grid;
        place-items: center;
        inline-size: 24px;
        block-size: 24px;
        border-radius: 50%;
      }
      .chip button:hover {
        background: var(--_sms-border);
      }
      input {
        flex: 1;
        min-inline-size: 8rem;
        padding: 4px;
      }
      input::placeholder {
        color: var(--_sms-text-muted);
      }
      .suggestions {
        position: absolute;
        inset-inline: -1px;
        inset-block-start: calc(100% + 2px);
        z-index: 2;
        max-block-size: 18rem;
        overflow-y: auto;
        margin: 0;
        padding: var(--_sms-space-xs) 0;
        list-style: none;
        background: var(--_sms-surface-raised);
        border: 1px solid var(--_sms-border);
        border-radius: var(--_sms-radius-s);
        box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
      }
      .suggestion {
        display: flex;
        gap: var(--_sms-space-s);
        align-items: baseline;
        padding: var(--_sms-space-s) var(--_sms-space-m);
        cursor: pointer;
      }
      .suggestion.active,
      .suggestion:hover {
        background: var(--_sms-selected);
      }
      .suggestion .who {
        flex: 1;
        min-inline-size: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .suggestion .meta,
      .hint {
        color: var(--_sms-text-muted);
        font-size: var(--_sms-font-size-s);
      }
      .hint {
        padding: var(--_sms-space-s) var(--_sms-space-m);
      }
      .error {
        margin-block-start: var(--_sms-space-xs);
        color: var(--_sms-danger);
        font-size: var(--_sms-font-size-s);
      }
      .note {
        margin-block-start: var(--_sms-space-xs);
        color: var(--_sms-text-muted);
        font-size: var(--_sms-font-size-s);
      }
      select {
        flex: 1;
        min-inline-size: 0;
        padding: 5px var(--_sms-space-s);
        border: 1px solid var(--_sms-border);
        border-radius: var(--_sms-radius-s);
        background: var(--_sms-bg);
        appearance: auto;
      }
      .number {
        direction: ltr;
        unicode-bidi: isolate;
      }
    `,
  ];

  readonly #locale = new LocaleController(this);
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #searchAbort: AbortController | undefined;
  #resolveTurn = 0;
  #names = new Map<string, string>();

  @query('input') private input?: HTMLInputElement;

  @state() private query = '';
  @state() private results: readonly Contact[] = [];
  @state() private searching = false;
  @state() private searchFailed = false;
  @state() private open = false;
  @state() private activeIndex = -1;
  @state() private error = '';

  /** The chosen recipients (E.164). Set it to prefill the field. */
  @property({ type: Array }) participants: string[] = [];

  /** The own number to send from (E.164); defaults to the account's first number. */
  @property() from?: string;

  /** The conversation the current choice resolves to (read-only; see `sms-recipients-change`). */
  @property({ attribute: false }) conversationId: string | null = null;

  /** Labels that replace the translated ones for this element only. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    this.#searchAbort?.abort();
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('participants') || changed.has('from') || changed.has('client')) void this.#resolve();
  }

  get #numbers(): readonly OwnNumber[] {
    return this.#account.value?.numbers ?? [];
  }

  get #own(): OwnNumber | undefined {
    const numbers = this.#numbers;
    return numbers.find((n) => n.number === this.from) ?? numbers[0];
  }

  get #groupAllowed(): boolean {
    const own = this.#own;
    return own ? resolvePolicy(own).groupAllowed : true;
  }

  get #country(): string | undefined {
    return this.#account.value?.country;
  }

  #display(number: string): string {
    return this.#names.get(number) ?? this.#locale.phone(number, this.#country);
  }

  get #suggestions(): Suggestion[] {
    const list: Suggestion[] = [];
    const typed = this.query.trim();
    if (typed && looksLikePhoneNumber(typed)) {
      const parsed = parseRecipient(typed, this.#country ?? 'US');
      if (parsed.ok) list.push({ number: parsed.e164, name: null, label: null });
    }
    for (const contact of this.results) {
      for (const n of contact.numbers) {
        if (!list.some((s) => s.number === n.number))
          list.push({ number: n.number, name: contact.name, label: n.label });
      }
    }
    return list;
  }

  async #resolve(): Promise<void> {
    const client = this.activeClient;
    const own = this.#own;
    const turn = ++this.#resolveTurn;
    let conversationId: string | null = null;
    if (client && own && this.participants.length && (this.participants.length === 1 || this.#groupAllowed)) {
      try {
        conversationId = await client.resolveConversation(this.participants, own.number);
      } catch {
        conversationId = null;
      }
    }
    if (turn !== this.#resolveTurn) return;
    this.conversationId = conversationId;
    this.dispatchEvent(
      new SmsRecipientsChangeEvent({
        participants: [...this.participants],
        from: own?.number ?? '',
        conversationId,
      }),
    );
  }

  #handleInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.error = '';
    this.open = true;
    this.activeIndex = -1;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.#search(), SEARCH_DELAY_MS);
  }

  async #search(): Promise<void> {
    const client = this.activeClient;
    const query = this.query.trim();
    this.#searchAbort?.abort();
    if (!client || !query) {
      this.results = [];
      this.searching = false;
      return;
    }
    const abort = new AbortController();
    this.#searchAbort = abort;
    this.searching = true;
    try {
      const results = await client.searchContacts(query, abort.signal);
      if (abort.signal.aborted) return;
      this.results = results;
      this.searchFailed = false;
      this.activeIndex = this.#suggestions.length ? 0 : -1;
    } catch {
      if (abort.signal.aborted) return;
      this.results = [];
      this.searchFailed = true;
    } finally {
      if (!abort.signal.aborted) this.searching = false;
    }
  }

  #handleKeydown(event: KeyboardEvent): void {
    const suggestions = this.#suggestions;
    switch (event.key) {
      case 'ArrowDown':
        if (!suggestions.length) return;
        event.preventDefault();
        this.open = true;
        this.activeIndex = (this.activeIndex + 1) % suggestions.length;
        break;
      case 'ArrowUp':
        if (!suggestions.length) return;
        event.preventDefault();
        this.open = true;
        this.activeIndex = this.activeIndex <= 0 ? suggestions.length - 1 : this.activeIndex - 1;
        break;
      case 'Enter':
      case 'Tab':
      case ',':
      case ';': {
        if (event.key === 'Tab' && !this.query.trim()) return;
        const chosen = this.open ? suggestions[this.activeIndex] : undefined;
        if (chosen) {
          event.preventDefault();
          this.addRecipient(chosen.number, chosen.name);
        } else if (this.query.trim()) {
          event.preventDefault();
          this.addTyped();
        }
        break;
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          event.stopPropagation();
          this.open = false;
        }
        break;
      case 'Backspace':
        if (!this.query && this.participants.length) {
          this.removeRecipient(this.participants[this.participants.length - 1]!);
        }
        break;
    }
  }

  /** Adds what the user typed if it is a valid number; shows an inline error otherwise. */
  addTyped(): boolean {
    const typed = this.query.trim();
    // Emergency numbers and short codes are refused with what they are, before anything is sent.
    const emergency = emergencyNumber(typed);
    if (emergency) {
      this.error = this.#locale.t('emergencyNumber', emergency);
      return false;
    }
    if (isShortCode(typed, this.#country ?? 'US')) {
      this.error = this.#locale.t('shortCode', typed.replace(/\D/g, ''));
      return false;
    }
    const parsed = parseRecipient(typed, this.#country ?? 'US');
    if (!parsed.ok) {
      this.error = this.#locale.t('invalidNumber', typed);
      return false;
    }
    return this.addRecipient(parsed.e164, null);
  }

  /** Adds a recipient (E.164); refuses a second one from a toll-free number. */
  addRecipient(number: string, name: string | null = null): boolean {
    if (name) this.#names.set(number, name);
    if (this.participants.includes(number)) {
      this.error = this.#locale.t('alreadyAdded', this.#display(number));
      return false;
    }
    if (this.participants.length >= 1 && !this.#groupAllowed) {
      this.error = this.#locale.t('tollFreeOneRecipient');
      return false;
    }
    this.participants = [...this.participants, number];
    this.query = '';
    this.results = [];
    this.open = false;
    this.activeIndex = -1;
    this.error = '';
    this.input?.focus();
    return true;
  }

  /** Removes a recipient. */
  removeRecipient(number: string): void {
    this.participants = this.participants.filter((n) => n !== number);
    this.error = '';
    this.input?.focus();
  }

  #handleFrom(event: Event): void {
    this.from = (event.target as HTMLSelectElement).value;
    this.error =
      this.participants.length > 1 && !this.#groupAllowed ? this.#locale.t('tollFreeOneRecipient') : '';
  }

  /** Moves keyboard focus to the To field. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  override render() {
    const own = this.#own;
    const suggestions = this.#suggestions;
    const showList = this.open && this.query.trim().length > 0;
    const invalid = Boolean(this.error);
    const tollFree = own ? !resolvePolicy(own).groupAllowed : false;
    return html`
      <div class="row">
        <label class="label" id="to-label" for="to">${this.#locale.t('to')}</label>
        <div class=${classMap({ field: true, invalid })} part="field">
          ${this.participants.map(
            (n) =>
              html`<span class="chip" part="chip"
                ><bdi>${this.#display(n)}</bdi
                ><button
                  type="button"
                  aria-label=${this.#locale.t('removeRecipient', this.#display(n))}
                  @click=${() => this.removeRecipient(n)}
                >
                  <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                    <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="2" fill="none" />
                  </svg></button
              ></span>`,
          )}
          <input
            id="to"
            part="input"
            role="combobox"
            aria-labelledby="to-label"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-expanded=${showList ? 'true' : 'false'}
            aria-controls="suggestions"
            aria-activedescendant=${showList && this.activeIndex >= 0 ? `suggestion-${this.activeIndex}` : nothing}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby="to-error"
            placeholder=${this.participants.length ? '' : this.#locale.t('toPlaceholder')}
            .value=${this.query}
            @input=${this.#handleInput}
            @keydown=${this.#handleKeydown}
            @blur=${() => setTimeout(() => (this.open = false), 150)}
            @focus=${() => (this.open = true)}
          />
          ${showList ? this.#renderSuggestions(suggestions) : nothing}
        </div>
      </div>
      <div class="error" part="error" id="to-error" role="alert">${this.error}</div>
      ${
        this.#numbers.length > 1
          ? html`<div class="row">
              <label class="label" for="from">${this.#locale.t('from')}</label>
              <select id="from" part="from" @change=${this.#handleFrom}>
                ${this.#numbers.map(
                  (n) =>
                    html`<option value=${n.number} ?selected=${n.number === own?.number}>
                      ${n.label ? `${n.label} · ` : ''}${this.#locale.phone(n.number, this.#country)}
                    </option>`,
                )}
              </select>
            </div>`
          : nothing
      }
      ${tollFree ? html`<div class="note">${this.#locale.t('tollFreeNotice')}</div>` : nothing}
      ${this.participants.length > 1 ? html`<div class="note">${this.#locale.t('groupNotice', this.participants.length)}</div>` : nothing}
    `;
  }

  #renderSuggestions(suggestions: Suggestion[]): TemplateResult {
    return html`<ul
      id="suggestions"
      class="suggestions"
      part="suggestions"
      role="listbox"
      aria-label=${this.#locale.t('suggestions')}
    >
      ${suggestions.map(
        (s, i) =>
          // The input owns the keyboard (aria-activedescendant); options only take clicks.
          // eslint-disable-next-line lit-a11y/click-events-have-key-events
          html`<li
            id="suggestion-${i}"
            role="option"
            part="suggestion"
            aria-selected=${i === this.activeIndex ? 'true' : 'false'}
            class=${classMap({ suggestion: true, active: i === this.activeIndex })}
            @pointerdown=${(e: Event) => e.preventDefault()}
            @click=${() => this.addRecipient(s.number, s.name)}
          >
            ${
              s.name
                ? html`<bdi class="who">${s.name}</bdi>
                    <span class="meta">${s.label ?? ''}</span>
                    <span class="meta number">${this.#locale.phone(s.number, this.#country)}</span>`
                : html`<span class="who"
                    >${this.#locale.t('sendTo', this.#locale.phone(s.number, this.#country))}</span
                  >`
            }
          </li>`,
      )}
      ${
        suggestions.length === 0
          ? html`<li class="hint" role="option" aria-disabled="true" aria-selected="false">
              ${
                this.searching
                  ? this.#locale.t('searching')
                  : this.searchFailed
                    ? this.#locale.t('contactsFailed')
                    : this.#locale.t('noMatches')
              }
            </li>`
          : nothing
      }
    </ul>`;
  }
}

import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { SmsRecipientsChangeEvent } from '../../events/recipients-change-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { asError, dispatchFailure } from '../../internal/failure.js';
import type { OwnNumber } from '../../model/account.js';
import { resolvePolicy } from '../../rules/attachment-policy.js';
import { parseRecipient } from '../../rules/phone.js';
import { emergencyNumber, isShortCode } from '../../rules/special-numbers.js';
import { ClientError } from '../../store/errors.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { ContactSuggestions } from './contact-suggestions.js';
import type { Suggestion } from './contact-suggestions.js';
import { styles } from './new-conversation.styles.js';

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
 * @fires {SmsErrorEvent} sms-error - The chat of the chosen recipients could not be found (a failed read).
 */
export class SmsNewConversation extends SmsClientElement {
  static override tagName = 'sms-new-conversation';
  static override styles = [tokens, controlReset, styles];

  readonly #locale = new LocaleController(this);
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  readonly #suggestions = new ContactSuggestions(
    this,
    () => this.activeClient,
    () => this.#country,
  );
  #resolveTurn = 0;
  #names = new Map<string, string>();

  @query('input') private input?: HTMLInputElement;

  @state() private error = '';

  /** The chosen recipients (E.164). Set it to prefill the field. */
  @property({ type: Array }) participants: string[] = [];

  /** The own number to send from (E.164); defaults to the account's first number. */
  @property() from?: string;

  /** The conversation the current choice resolves to (read-only; see `sms-recipients-change`). */
  @property({ attribute: false }) conversationId: string | null = null;

  /** Labels that replace the translated ones for this element only. */
  @property({ attribute: false }) labels?: Partial<Translation>;

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

  async #resolve(): Promise<void> {
    const client = this.activeClient;
    const own = this.#own;
    const turn = ++this.#resolveTurn;
    let conversationId: string | null = null;
    if (client && own && this.participants.length && (this.participants.length === 1 || this.#groupAllowed)) {
      try {
        conversationId = await client.resolveConversation(this.participants, own.number);
      } catch (error) {
        if (turn === this.#resolveTurn) this.#resolveFailed(error);
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

  /**
   * No chat for these recipients: the person reads why under the field (the rule's refusal, such
   * as the sender's own number, or the failed read), and the host hears of anything but a refusal.
   */
  #resolveFailed(error: unknown): void {
    if (error instanceof ClientError && error.code === 'destroyed') return;
    const message = asError(error).message;
    this.error = error instanceof ClientError ? message : this.#locale.t('openFailed', message);
    if (!(error instanceof ClientError)) dispatchFailure(this, 'resolveConversation', error);
  }

  #handleInput(event: Event): void {
    this.error = '';
    this.#suggestions.typed((event.target as HTMLInputElement).value);
  }

  #handleKeydown(event: KeyboardEvent): void {
    const suggestions = this.#suggestions;
    const query = suggestions.query;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (suggestions.move(event.key === 'ArrowDown' ? 1 : -1)) event.preventDefault();
        break;
      case 'Enter':
      case 'Tab':
      case ',':
      case ';': {
        if (event.key === 'Tab' && !query.trim()) return;
        const chosen = suggestions.open ? suggestions.items[suggestions.activeIndex] : undefined;
        if (chosen) {
          event.preventDefault();
          this.addRecipient(chosen.number, chosen.name);
        } else if (query.trim()) {
          event.preventDefault();
          this.addTyped();
        }
        break;
      }
      case 'Escape':
        if (suggestions.open) {
          event.preventDefault();
          event.stopPropagation();
          suggestions.setOpen(false);
        }
        break;
      case 'Backspace':
        if (!query && this.participants.length) {
          this.removeRecipient(this.participants[this.participants.length - 1]!);
        }
        break;
    }
  }

  /** Adds what the user typed if it is a valid number; shows an inline error otherwise. */
  addTyped(): boolean {
    const typed = this.#suggestions.query.trim();
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
    this.#suggestions.clear();
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
    const { items, open, query, activeIndex } = this.#suggestions;
    const showList = open && query.trim().length > 0;
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
            aria-activedescendant=${showList && activeIndex >= 0 ? `suggestion-${activeIndex}` : nothing}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby="to-error"
            placeholder=${this.participants.length ? '' : this.#locale.t('toPlaceholder')}
            .value=${query}
            @input=${this.#handleInput}
            @keydown=${this.#handleKeydown}
            @blur=${() => setTimeout(() => this.#suggestions.setOpen(false), 150)}
            @focus=${() => this.#suggestions.setOpen(true)}
          />
          ${showList ? this.#renderSuggestions(items) : nothing}
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
            aria-selected=${i === this.#suggestions.activeIndex ? 'true' : 'false'}
            class=${classMap({ suggestion: true, active: i === this.#suggestions.activeIndex })}
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
                this.#suggestions.searching
                  ? this.#locale.t('searching')
                  : this.#suggestions.failed
                    ? this.#locale.t('contactsFailed')
                    : this.#locale.t('noMatches')
              }
            </li>`
          : nothing
      }
    </ul>`;
  }
}

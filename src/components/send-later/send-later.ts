import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { SmsScheduleEvent } from '../../events/schedule-event.js';
import { SmsScheduledEvent } from '../../events/scheduled-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import type { Attachment } from '../../model/attachment.js';
import { isProvisionalId } from '../../store/ids.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import {
  formatScheduledTime,
  fromLocalInput,
  inOneHour,
  localTimeZone,
  mondayMorning,
  toLocalInput,
  tomorrowMorning,
} from './schedule-time.js';
import { styles } from './send-later.styles.js';

const ICON_CLOCK = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="1.8" />
  <path d="M12 7.5V12l3 2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
</svg>`;

type Preset = 'inOneHour' | 'tomorrowMorning' | 'mondayMorning';

/** What {@link SmsSendLater.check} is given: the message and the time chosen. */
export interface ScheduleDraft {
  readonly text: string;
  /** When it would be sent (ms since the epoch). */
  readonly sendAt: number;
  /** Keys of the warnings the person already chose to schedule anyway. */
  readonly accepted: readonly string[];
}

/**
 * Why a message should not be scheduled as it is: `block` refuses it (the dialog says why),
 * otherwise the dialog asks, and "Schedule anyway" runs the check again with `key` accepted.
 */
export interface ScheduleStop {
  readonly key: string;
  readonly message: string;
  readonly block: boolean;
}

/** A check run before scheduling (the composer's: the host's `preSendCheck`, quiet hours at that time…). */
export type ScheduleCheck = (draft: ScheduleDraft) => ScheduleStop | null | Promise<ScheduleStop | null>;
const PRESETS: readonly [Preset, (now: number) => number][] = [
  ['inOneHour', inOneHour],
  ['tomorrowMorning', tomorrowMorning],
  ['mondayMorning', mondayMorning],
];

/**
 * "Send later": a clock button next to "Send message" that opens a dialog with presets (In 1
 * hour, Tomorrow 9 AM, Monday 9 AM, each showing the time it means) and a date and time field
 * in the sender's time zone, with "Cancel if they reply first". Times in the past are refused
 * with a clear error; the backend sends the message at that time (no timer runs here). Before
 * scheduling it runs `check` (the composer gives it the same checks as a send, at the time
 * chosen: quiet hours where they are then, the host's `preSendCheck`…). Hidden when the client's
 * transport cannot schedule (taking no room then); in a chat that does not exist yet the button
 * stays, unavailable, and says to send the first message now. `<sms-composer>` renders it; it
 * works alone too, given `conversation-id` and `text`.
 *
 * @summary Schedules the message being written.
 * @tag sms-send-later
 *
 * @csspart button - The "Send later" button.
 * @csspart dialog - The dialog with the presets and the date and time field.
 * @csspart tip - In a chat not started yet: the note saying to send the first message now.
 *
 * @fires {SmsScheduleEvent} sms-schedule - Before a message is scheduled; cancel it and nothing is.
 * @fires {SmsScheduledEvent} sms-scheduled - The backend accepted the scheduled message (not bubbling).
 */
export class SmsSendLater extends SmsClientElement {
  static override tagName = 'sms-send-later';
  static override styles = [tokens, controlReset, styles];

  readonly #locale = new LocaleController(this);

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.trigger') private trigger?: HTMLButtonElement;
  @query('input[type="datetime-local"]') private dateInput?: HTMLInputElement;

  @state() private open = false;
  @state() private error = '';
  @state() private busy = false;
  @state() private cancelIfReplied = false;
  @state() private announcement = '';
  /** A warning from `check` the person may schedule anyway. */
  @state() private warning:
    (ScheduleStop & { readonly sendAt: number; readonly accepted: readonly string[] }) | null = null;
  /** The note of a new chat ("send the first message now") is shown. */
  @state() private explaining = false;
  /** When the dialog opened: the presets show the times they mean from then. */
  @state() private openedAt = 0;

  /** The conversation the message is scheduled in (an existing one). */
  @property({ attribute: 'conversation-id' }) conversationId?: string;

  /** The message to schedule (the composer's text). */
  @property() text = '';

  /**
   * The files attached, already uploaded (the composer uploads them when they are attached): sent
   * with the message at its time.
   */
  @property({ attribute: false }) attachments: readonly Attachment[] = [];

  /**
   * Some attached files are still uploading or failed to upload: the dialog says to wait for them
   * or remove them before scheduling (as "Send message" waits).
   */
  @property({ type: Boolean, attribute: 'attachments-pending' }) attachmentsPending = false;

  /** Disables the button (the composer is locked). */
  @property({ type: Boolean }) disabled = false;

  /**
   * Run before scheduling, given the text and the time chosen: a stop with `block` refuses, any
   * other stop asks first ("Schedule anyway"). A check that throws refuses with its message.
   */
  @property({ attribute: false }) check?: ScheduleCheck;

  /** Per-instance overrides of visible strings. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  /** Whether "Send later" can be offered: a transport that schedules, and an existing chat. */
  get available(): boolean {
    return this.#capable && this.#started;
  }

  /** The client's transport can schedule. */
  get #capable(): boolean {
    return Boolean(this.activeClient?.canSchedule);
  }

  /** The chat exists at the backend (a new chat exists once its first message is sent). */
  get #started(): boolean {
    const id = this.conversationId;
    return Boolean(id && !isProvisionalId(id));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Without the capability nothing shows, and the element takes no room in the composer's row.
    this.toggleAttribute('unavailable', !this.#capable);
    if (this.#started) this.explaining = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('open' as keyof SmsSendLater) && this.open && this.dialog && !this.dialog.open) {
      this.dialog.showModal();
    }
  }

  #handleCancel(event: Event): void {
    event.preventDefault();
    this.#close();
  }

  #handleSubmit(event: Event): void {
    event.preventDefault();
    const value = this.dateInput?.value ?? '';
    const at = fromLocalInput(value);
    if (at === null) {
      this.error = this.#locale.t('enterDateTime');
      this.dateInput?.focus();
      return;
    }
    void this.#schedule(at);
  }

  /** Opens the dialog. */
  show(): void {
    if (!this.available || this.disabled) return;
    this.error = '';
    this.openedAt = Date.now();
    this.open = true;
  }

  #close(): void {
    this.dialog?.close();
    this.open = false;
    this.error = '';
    this.warning = null;
    this.trigger?.focus();
  }

  async #schedule(sendAt: number, accepted: readonly string[] = []): Promise<void> {
    const client = this.activeClient;
    const conversationId = this.conversationId;
    if (!client || !conversationId || this.busy) return;
    this.warning = null;
    if (this.attachmentsPending) {
      this.error = this.#locale.t('sendLaterWaitForFiles');
      return;
    }
    const attachments = [...this.attachments];
    if (!this.text.trim() && !attachments.length) {
      this.error = this.#locale.t('writeBeforeScheduling');
      return;
    }
    if (sendAt <= Date.now()) {
      this.error = this.#locale.t('scheduledInPast');
      this.dateInput?.focus();
      return;
    }
    if (this.check) {
      this.busy = true;
      let stop: ScheduleStop | null;
      try {
        stop = await this.check({ text: this.text, sendAt, accepted });
      } catch (error) {
        stop = { key: 'check', message: error instanceof Error ? error.message : String(error), block: true };
      } finally {
        this.busy = false;
      }
      if (stop?.block) {
        this.error = stop.message;
        return;
      }
      if (stop) {
        this.warning = { ...stop, sendAt, accepted };
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLButtonElement>('.anyway')?.focus();
        return;
      }
    }
    const detail = {
      conversationId,
      text: this.text,
      attachments,
      sendAt,
      cancelIfReplied: this.cancelIfReplied,
    };
    if (!this.dispatchEvent(new SmsScheduleEvent(detail))) return;
    this.busy = true;
    try {
      const scheduled = await client.scheduleMessage(detail);
      this.announcement = this.#locale.t(
        'scheduledAnnouncement',
        formatScheduledTime(sendAt, this.#locale.lang),
      );
      this.cancelIfReplied = false;
      this.#close();
      this.dispatchEvent(new SmsScheduledEvent({ scheduled }));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      this.error =
        code === 'scheduled-in-past'
          ? this.#locale.t('scheduledInPast')
          : this.#locale.t('scheduleFailed', error instanceof Error ? error.message : String(error));
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (!this.#capable)
      return html`<div class="visually-hidden" aria-live="polite">${this.announcement}</div>`;
    if (!this.#started) return this.#renderNewChat();
    const t = (key: 'sendLater') => this.#locale.t(key);
    return html`<button
        class="trigger"
        part="button"
        type="button"
        aria-label=${t('sendLater')}
        title=${t('sendLater')}
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        ?disabled=${this.disabled}
        @click=${() => this.show()}
      >
        ${ICON_CLOCK}
      </button>
      ${this.open ? this.#renderDialog() : nothing}
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>`;
  }

  /**
   * A chat that does not exist yet: the backend schedules only in an existing one, so the button
   * stays (where people look for it) but is unavailable, and says why when pressed or focused.
   */
  #renderNewChat(): TemplateResult {
    const note = this.#locale.t('sendLaterNewChat');
    return html`<button
        class="trigger"
        part="button"
        type="button"
        aria-label=${this.#locale.t('sendLater')}
        aria-disabled="true"
        aria-describedby="new-chat"
        aria-expanded=${this.explaining ? 'true' : 'false'}
        ?disabled=${this.disabled}
        @click=${() => (this.explaining = !this.explaining)}
        @blur=${() => (this.explaining = false)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape' && this.explaining) {
            e.stopPropagation();
            this.explaining = false;
          }
        }}
      >
        ${ICON_CLOCK}
      </button>
      <p id="new-chat" class="tip" part="tip" ?hidden=${!this.explaining}>${note}</p>
      <div class="visually-hidden" aria-live="polite">${this.explaining ? note : ''}</div>`;
  }

  #renderWarning(): TemplateResult | typeof nothing {
    const warning = this.warning;
    if (!warning) return nothing;
    return html`<div class="warning" role="alert">
      <p>${warning.message}</p>
      <button
        class="anyway"
        type="button"
        ?disabled=${this.busy}
        @click=${() => void this.#schedule(warning.sendAt, [...warning.accepted, warning.key])}
      >
        ${this.#locale.t('scheduleAnyway')}
      </button>
    </div>`;
  }

  #renderDialog(): TemplateResult {
    const now = this.openedAt || Date.now();
    const lang = this.#locale.lang;
    const zone = localTimeZone();
    return html`<dialog part="dialog" aria-labelledby="title" @cancel=${this.#handleCancel}>
      <form @submit=${this.#handleSubmit} novalidate>
        <h2 id="title">${this.#locale.t('sendLater')}</h2>
        <div class="presets" role="group" aria-labelledby="title">
          ${PRESETS.map(([key, at]) => {
            const when = formatScheduledTime(at(now), lang);
            return html`<button
              class="preset"
              type="button"
              ?disabled=${this.busy}
              @click=${() => void this.#schedule(at(Date.now()))}
            >
              <span>${this.#locale.t(key)}</span> <span class="when">${when}</span>
            </button>`;
          })}
        </div>
        <label class="field">
          ${this.#locale.t('dateAndTime')}
          <input
            type="datetime-local"
            min=${toLocalInput(now)}
            aria-describedby="zone${this.error ? ' error' : ''}"
            aria-invalid=${this.error ? 'true' : 'false'}
            @input=${() => {
              this.error = '';
              this.warning = null;
            }}
          />
        </label>
        <p class="hint" id="zone">${zone ? this.#locale.t('timeZoneNote', zone) : nothing}</p>
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.cancelIfReplied}
            @change=${(e: Event) => (this.cancelIfReplied = (e.target as HTMLInputElement).checked)}
          />
          ${this.#locale.t('cancelIfReplied')}
        </label>
        ${this.error ? html`<p class="error" id="error" role="alert">${this.error}</p>` : nothing}
        ${this.#renderWarning()}
        <div class="actions">
          <button type="button" @click=${() => this.#close()}>${this.#locale.t('cancelScheduled')}</button>
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.#locale.t('schedule')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { reported } from '../../internal/reported.js';
import type { Attachment } from '../../model/attachment.js';
import { previewKind } from '../../rules/media-preview.js';
import { isProvisionalId } from '../../store/ids.js';
import { SMS_MAX_CHARACTERS } from '../../rules/sms-encoding.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import type { ScheduledMessage } from '../../transport/transport.js';
import { formatScheduledTime, fromLocalInput, toLocalInput } from '../send-later/schedule-time.js';
import { styles } from './scheduled-list.styles.js';

interface Editing {
  readonly id: string;
  text: string;
  when: string;
  cancelIfReplied: boolean;
}

/**
 * The messages scheduled in a conversation ("send later"), shown at the bottom of the chat,
 * soonest first: when each goes out, its text and attachments (photos as thumbnails, other files
 * by name, kind and size), and Edit (text, date and time, cancel if they reply first; the
 * attachments stay), Send now and Cancel. Kept current by the backend's events, in every tab.
 * Renders nothing when the transport cannot schedule or nothing is scheduled; when the list
 * cannot be read, says so with "Try again". `<sms-thread>`
 * renders it below the messages.
 *
 * @summary The scheduled messages of a conversation.
 * @tag sms-scheduled-list
 *
 * @csspart list - The list of scheduled messages.
 * @csspart item - One scheduled message.
 * @csspart attachments - The files of a scheduled message.
 *
 * @cssprop [--sms-scheduled-border=var(--sms-color-accent)] - Dashed outline of a scheduled message.
 */
export class SmsScheduledList extends SmsClientElement {
  static override tagName = 'sms-scheduled-list';
  static override styles = [tokens, controlReset, styles];

  readonly #locale = new LocaleController(this);
  readonly #scheduled = new ObserveController(this, () => {
    const id = this.conversationId;
    return id ? this.activeClient?.scheduled$(id) : undefined;
  });

  @state() private editing: Editing | null = null;
  @state() private error = '';
  @state() private busy = false;
  @state() private announcement = '';

  /** The conversation whose scheduled messages are shown. */
  @property({ attribute: 'conversation-id' }) conversationId?: string;

  /** Per-instance overrides of visible strings. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    const id = this.conversationId;
    if (changed.has('conversationId')) {
      this.editing = null;
      this.error = '';
    }
    if (client?.canSchedule && id && !isProvisionalId(id) && !this.#scheduled.value) {
      void client.loadScheduled(id).catch(reported);
    }
  }

  #edit(m: ScheduledMessage): void {
    this.error = '';
    this.editing = {
      id: m.id,
      text: m.text,
      when: toLocalInput(m.sendAt),
      cancelIfReplied: m.cancelIfReplied,
    };
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus(),
    );
  }

  #stopEditing(): void {
    const id = this.editing?.id;
    this.editing = null;
    this.error = '';
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-edit="${CSS.escape(id ?? '')}"]`)?.focus(),
    );
  }

  async #save(event: Event, m: ScheduledMessage): Promise<void> {
    event.preventDefault();
    const client = this.activeClient;
    const editing = this.editing;
    if (!client || !editing || this.busy) return;
    const sendAt = fromLocalInput(editing.when);
    if (!editing.text.trim() && !m.attachments.length)
      return this.#fail(this.#locale.t('writeBeforeScheduling'));
    if ([...editing.text].length > SMS_MAX_CHARACTERS)
      return this.#fail(this.#locale.t('tooLong', SMS_MAX_CHARACTERS));
    if (sendAt === null) return this.#fail(this.#locale.t('enterDateTime'));
    const timeChanged = sendAt !== m.sendAt && toLocalInput(m.sendAt) !== editing.when;
    if (timeChanged && sendAt <= Date.now()) return this.#fail(this.#locale.t('scheduledInPast'));
    await this.#run(async () => {
      await client.updateScheduled(m.id, {
        ...(editing.text !== m.text ? { text: editing.text } : {}),
        ...(timeChanged ? { sendAt } : {}),
        ...(editing.cancelIfReplied !== m.cancelIfReplied
          ? { cancelIfReplied: editing.cancelIfReplied }
          : {}),
      });
      this.#stopEditing();
    });
  }

  async #sendNow(m: ScheduledMessage): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    await this.#run(async () => {
      await client.sendScheduledNow(m.id);
      this.announcement = this.#locale.t('scheduledSent');
    });
  }

  async #cancel(m: ScheduledMessage): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    await this.#run(async () => {
      await client.cancelScheduled(m.id);
      this.announcement = this.#locale.t('scheduledCancelled');
    });
  }

  async #run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await action();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      this.#fail(
        code === 'scheduled-in-past'
          ? this.#locale.t('scheduledInPast')
          : this.#locale.t('scheduledActionFailed', error instanceof Error ? error.message : String(error)),
      );
    } finally {
      this.busy = false;
    }
  }

  #fail(message: string): void {
    this.error = message;
  }

  override render() {
    const client = this.activeClient;
    const scheduled = this.#scheduled.value;
    const items = scheduled?.items ?? [];
    const live = html`<div class="visually-hidden" aria-live="polite">${this.announcement}</div>`;
    if (client?.canSchedule && !items.length && scheduled?.status === 'error')
      return this.#renderFailed(live);
    if (!client?.canSchedule || !items.length) return live;
    return html`<section aria-labelledby="heading">
        <h2 id="heading">${this.#locale.t('scheduledMessages')}</h2>
        ${this.error && !this.editing ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <ul part="list">
          ${items.map((m) => html`<li part="item">${this.editing?.id === m.id ? this.#renderEditor(m) : this.#renderItem(m)}</li>`)}
        </ul>
      </section>
      ${live}`;
  }

  /** The list could not be read (the client told the host, `sms-error`): the person is told too, and can read it again. */
  #renderFailed(live: TemplateResult): TemplateResult {
    const id = this.conversationId;
    return html`<div class="failed error" role="alert">
        <p>${this.#locale.t('scheduledLoadFailed')}</p>
        <button
          class="retry"
          type="button"
          @click=${() => id && void this.activeClient?.loadScheduled(id).catch(reported)}
        >
          ${this.#locale.t('tryAgain')}
        </button>
      </div>
      ${live}`;
  }

  #renderItem(m: ScheduledMessage): TemplateResult {
    const when = formatScheduledTime(m.sendAt, this.#locale.lang);
    const whenId = `when-${m.id}`;
    return html`<p class="when" id=${whenId}>${this.#locale.t('scheduledFor', when)}</p>
      ${m.text ? html`<p class="text">${m.text}</p>` : nothing} ${this.#renderAttachments(m.attachments)}
      ${m.cancelIfReplied ? html`<p class="note">${this.#locale.t('cancelIfRepliedNote')}</p>` : nothing}
      <div class="actions">
        <button
          type="button"
          data-edit=${m.id}
          aria-describedby=${whenId}
          ?disabled=${this.busy}
          @click=${() => this.#edit(m)}
        >
          ${this.#locale.t('editScheduled')}
        </button>
        <button
          type="button"
          aria-describedby=${whenId}
          ?disabled=${this.busy}
          @click=${() => void this.#sendNow(m)}
        >
          ${this.#locale.t('sendScheduledNow')}
        </button>
        <button
          type="button"
          aria-describedby=${whenId}
          ?disabled=${this.busy}
          @click=${() => void this.#cancel(m)}
        >
          ${this.#locale.t('cancelScheduled')}
        </button>
      </div>`;
  }

  /** Photos as thumbnails (named by their alt text), other files by name, kind and size. */
  #renderAttachments(attachments: readonly Attachment[]): TemplateResult | typeof nothing {
    if (!attachments.length) return nothing;
    const t = this.#locale;
    return html`<ul class="files" part="attachments" aria-label=${t.t('scheduledAttachments')}>
      ${attachments.map((a) => {
        // The thread's rule: only a raster image whose name agrees with its type is drawn.
        if (previewKind(a) === 'image')
          return html`<li class="thumb">
            <img src=${a.thumbnailUrl || a.url} alt=${a.name} loading="lazy" decoding="async" />
          </li>`;
        const kind = a.type.startsWith('video/')
          ? t.t('video')
          : a.type.startsWith('audio/')
            ? t.t('audio')
            : a.type.startsWith('image/')
              ? t.t('photo')
              : t.t('document');
        return html`<li class="file">
          <bdi>${a.name}</bdi> <span class="meta">${kind} · ${t.bytes(a.size)}</span>
        </li>`;
      })}
    </ul>`;
  }

  #renderEditor(m: ScheduledMessage): TemplateResult {
    const editing = this.editing!;
    return html`<form
      novalidate
      @submit=${(e: Event) => void this.#save(e, m)}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          this.#stopEditing();
        }
      }}
    >
      <label>
        ${this.#locale.t('scheduledMessageText')}
        <textarea
          .value=${editing.text}
          @input=${(e: Event) => ((editing.text = (e.target as HTMLTextAreaElement).value), (this.error = ''))}
        ></textarea>
      </label>
      <label>
        ${this.#locale.t('dateAndTime')}
        <input
          type="datetime-local"
          .value=${editing.when}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${this.error ? 'edit-error' : nothing}
          @input=${(e: Event) => ((editing.when = (e.target as HTMLInputElement).value), (this.error = ''))}
        />
      </label>
      <label class="check">
        <input
          type="checkbox"
          .checked=${editing.cancelIfReplied}
          @change=${(e: Event) => (editing.cancelIfReplied = (e.target as HTMLInputElement).checked)}
        />
        ${this.#locale.t('cancelIfReplied')}
      </label>
      ${this.error ? html`<p class="error" id="edit-error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${() => this.#stopEditing()}>${this.#locale.t('discardChanges')}</button>
        <button type="submit" ?disabled=${this.busy}>${this.#locale.t('saveChanges')}</button>
      </div>
    </form>`;
  }
}

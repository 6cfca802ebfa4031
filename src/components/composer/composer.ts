import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import type { SendDetail } from '../../events/send-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { ICON_REPLIES, ICON_SEND } from '../../internal/icons.js';
import type { OwnNumber } from '../../model/account.js';
import { checkRecipients, resolvePolicy } from '../../rules/attachment-policy.js';
import { toGsmFriendly } from '../../rules/sms-encoding.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { AttachmentQueue } from './attachment-queue.js';
import type { Notice } from './attachment-queue.js';
import { styles } from './composer.styles.js';
import {
  renderAttach,
  renderCounter,
  renderFillHint,
  renderNotices,
  renderOptOut,
  renderScreening,
} from './composer-parts.js';
import { ConversationTarget } from './conversation-target.js';
import { DraftController } from './draft-controller.js';
import { SendFlow } from './send-flow.js';
import { SavedRepliesPanel } from './saved-replies-panel.js';
import type { HostSavedReply } from './saved-replies-panel.js';
import { FileDrop } from './file-drop.js';
import { ReplyInsertion } from './reply-insertion.js';
import { sendLock } from './send-lock.js';
import type { SendLock } from './send-lock.js';
import { replyValues } from './send-checks.js';
import type { PreSendCheck, QuietHoursOptions, ReplyVariables } from './send-checks.js';
import { SmsSendLater } from '../send-later/send-later.js';
import type { ScheduleCheck } from '../send-later/send-later.js';

/**
 * Writes and sends a message: "Type your message" with Enter to send (Shift+Enter for a new
 * line, never while an input method is composing), a live SMS counter (characters, GSM-7 or
 * Unicode, segments, × recipients in a group) with one-click "Replace with plain characters",
 * and files by the paperclip, drag-and-drop or paste, each checked against the sending number's
 * limits before it uploads and shown with its own progress, cancel and retry. "Send message" is
 * enabled once every upload has finished. Toll-free numbers send SMS only; a conversation with
 * someone who replied STOP is locked. Drafts are kept per conversation.
 *
 * @summary Writes and sends SMS and MMS.
 * @tag sms-composer
 *
 * @csspart field - The "Type your message" text area.
 * @csspart attach-button - The paperclip button.
 * @csspart send-button - The "Send message" button.
 * @csspart counter - The SMS counter.
 * @csspart chip - An attached file with its progress.
 * @csspart notice - A message about a refused file or a blocked send.
 * @csspart replies-button - The saved replies button.
 * @csspart replies-panel - The list of saved replies (and the form to write one).
 *
 * @cssprop [--sms-composer-max-lines=6] - Lines the field grows to before it scrolls.
 * @cssprop [--sms-composer-send=var(--sms-color-accent)] - Colour of the send arrow.
 *
 * @fires {SmsSendEvent} sms-send - Before a message is sent; cancel it and nothing is sent.
 * @fires {SmsErrorEvent} sms-error - A saved reply could not be listed, saved or deleted, or the chat of `participants` looked up.
 */
export class SmsComposer extends SmsClientElement {
  static override tagName = 'sms-composer';
  static override styles = [tokens, controlReset, styles];
  static override dependencies = { 'sms-send-later': SmsSendLater };
  static override shadowRootOptions: ShadowRootInit = {
    ...SmsClientElement.shadowRootOptions,
    delegatesFocus: true,
  };

  readonly #locale = new LocaleController(this);
  readonly #selected = new ObserveController(this, () => this.activeClient?.selectedConversationId$);
  readonly #conversation = new ObserveController(this, () => {
    const id = this.#id;
    return id ? this.activeClient?.conversation$(id) : undefined;
  });
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);

  readonly #attachments = new AttachmentQueue(this, {
    locale: this.#locale,
    client: () => this.activeClient,
    own: () => this.#own,
    policy: () => resolvePolicy(this.#own),
    autoDownscale: () => this.autoDownscale,
    notify: (notices) => (this.notices = [...this.notices, ...notices]),
    changed: () => this.#draft.save(),
    focusField: () => this.field?.focus(),
  });
  readonly #draft = new DraftController(this, {
    client: () => this.activeClient,
    text: () => this.text,
    setText: (text) => (this.text = text),
    attachments: this.#attachments,
    cleared: () => {
      this.notices = [];
      this.#sending.warning = null;
    },
  });
  readonly #sending = new SendFlow(this, {
    locale: this.#locale,
    client: () => this.activeClient,
    message: () => this.#message(),
    blocked: () => this.#blocked !== null,
    conversation: () => this.#conversation.value,
    country: () => this.#account.value?.country,
    quietHours: () => this.quietHours,
    preSendCheck: () => this.preSendCheck,
    notify: (notice) => (this.notices = [...this.notices, notice]),
    sent: () => this.#sent(),
  });
  readonly #target = new ConversationTarget(this, {
    locale: this.#locale,
    notify: (notice) => (this.notices = [...this.notices, notice]),
    client: () => this.activeClient,
    participants: () => this.participants,
    from: () => this.from,
    found: () => Boolean(this.#conversation.value),
    moved: (from, to) => this.#draft.moved(from, to),
  });
  readonly #replies = new SavedRepliesPanel(this, {
    locale: this.#locale,
    client: () => this.activeClient,
    hostReplies: () => this.savedReplies ?? [],
    draftText: () => this.text,
    insertReply: (reply, mode) => void this.#insertion.insert(reply, mode),
    focusField: () => this.field?.focus(),
  });
  readonly #insertion = new ReplyInsertion(this, {
    panel: () => this.#replies,
    field: () => this.field,
    text: () => this.text,
    setText: (text) => (this.text = text),
    values: () => replyValues(this.#conversation.value, this.#account.value?.name, this.replyVariables),
    available: () => this.#repliesAvailable,
    changed: () => this.#draft.save(),
  });
  readonly #drop = new FileDrop(this, (files) => void this.addFiles(files));

  /** The conversation to write to. Without it, `participants` (or else the client's selection) decides. */
  @property({ attribute: 'conversation-id' }) conversationId?: string;

  /** Comma-separated E.164 numbers: the conversation with exactly these people (created on first send). */
  @property() participants?: string;

  /** With `participants`: the own number to text from. */
  @property() from?: string;

  /** Resize images that are over the limits without asking (otherwise "Resize and attach" is offered). */
  @property({ type: Boolean, attribute: 'auto-downscale' }) autoDownscale = false;

  /**
   * A host hook run before each message goes out, also before one is scheduled ("Send later",
   * with `sendAt`): it may block it or ask the user to confirm.
   */
  @property({ attribute: false }) preSendCheck?: PreSendCheck;

  /**
   * Saved replies the host gives (read-only here), shown before the transport's: `{ title, text }`
   * with `{variables}` such as `{first_name}`.
   */
  @property({ attribute: false }) savedReplies: readonly HostSavedReply[] = [];

  /**
   * Values for saved-reply variables (`{ company: 'ACME', date: '…' }`), or a callback given the
   * conversation (`null` before it exists) that answers them. They add to, and win over, the built-in
   * `first_name`, `last_name` (the contact's name in a one-to-one chat) and `agent_name` (the user).
   */
  @property({ attribute: false }) replyVariables?: ReplyVariables;

  /**
   * Quiet hours where the recipient is (by area code, or country): `{ start: '08:00', end: '21:00' }`
   * is the default window; `block: true` refuses sends outside it instead of asking; `false` turns
   * the check off.
   */
  @property({ attribute: false }) quietHours: QuietHoursOptions | false = {};

  /** Per-instance overrides of visible strings. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  @state() private text = '';
  @state() private notices: Notice[] = [];

  @query('textarea') private field?: HTMLTextAreaElement;
  @query('input[type="file"]') private picker?: HTMLInputElement;

  /** The conversation written to. */
  get #id(): string | null {
    return (
      this.conversationId ?? (this.participants ? this.#target.resolvedId : (this.#selected.value ?? null))
    );
  }

  override focus(options?: FocusOptions): void {
    if (this.field) this.field.focus(options);
    else super.focus(options);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('participants') || changed.has('from') || changed.has('client'))
      void this.#target.resolve();
    this.#draft.follow(this.#id);
    this.#target.followNewChat();
  }

  /** The sending number: the conversation's, else `from`, else the account's first. */
  get #own(): OwnNumber | undefined {
    const account = this.#account.value;
    const number = this.#conversation.value?.ownNumber ?? this.from;
    return account?.numbers.find((n) => n.number === number) ?? account?.numbers[0];
  }

  get #recipients(): readonly string[] {
    const conversation = this.#conversation.value;
    if (conversation) return conversation.participants;
    return (this.participants ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  get #optedOut(): readonly string[] {
    const conversation = this.#conversation.value;
    return conversation?.optedOut?.filter((n) => conversation.participants.includes(n)) ?? [];
  }

  /** Writes what is in the field to the conversation's draft now, not after the usual pause. */
  saveDraft(): void {
    this.#draft.save();
  }

  /**
   * Shows the draft's text again after code changed it (`client.setDraft`) while this
   * conversation was on screen; the files being attached are left as they are.
   */
  reloadDraftText(): void {
    this.#draft.reloadText();
  }

  /** Adds files as if picked with the paperclip: checked, then uploaded. */
  addFiles(files: Iterable<File>): Promise<void> {
    return this.#attachments.add(files);
  }

  /** Why sending is not possible now, if it is not. */
  get #blocked(): SendLock {
    return sendLock({
      id: this.#id,
      own: this.#own,
      to: this.#recipients,
      text: this.text,
      files: this.#attachments.chips.length,
      uploading: this.#attachments.uploading,
      failed: this.#attachments.failed,
      country: this.#account.value?.country ?? 'US',
      optedOut: this.#optedOut,
    });
  }

  get #repliesAvailable(): boolean {
    return Boolean(this.savedReplies?.length || this.activeClient?.canListReplies);
  }

  /** "Send later" runs the checks of a send, at the time chosen. */
  readonly #checkSchedule: ScheduleCheck = ({ text, sendAt, accepted }) => {
    const message = this.#message();
    if (!message) return null;
    return this.#sending.check({ ...message, text, sendAt }, accepted);
  };

  /** The message as it stands, or `null` while the conversation or the sending number is not known. */
  #message(): SendDetail | null {
    const id = this.#id;
    const own = this.#own;
    if (!own || !id) return null;
    return {
      conversationId: id,
      from: own.number,
      to: [...this.#recipients],
      text: this.text,
      attachments: this.#attachments.attachments,
    };
  }

  /** Sent (or waiting in the outbox): start afresh, keeping the focus in the field. */
  async #sent(): Promise<void> {
    this.text = '';
    this.#attachments.clear();
    this.notices = [];
    this.#draft.save();
    await this.updateComplete;
    this.field?.focus();
  }

  #handleKeydown(event: KeyboardEvent): void {
    if (this.#replies.open && this.#replies.mode === 'slash' && this.#replies.handleKey(event)) return;
    if (event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      // Tab goes from one {variable} left to fill to the next; without any, it moves the focus.
      const field = this.field;
      if (field && this.#insertion.selectNextVariable(field.selectionEnd)) event.preventDefault();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
    // An input method (Japanese, Chinese…) uses Enter to commit its text: never send then.
    if (event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void this.#sending.send();
  }

  /** Scheduled ("Send later"): the text and files are with the backend now, so the field starts afresh. */
  #handleScheduled(): void {
    this.text = '';
    this.#attachments.clear();
    this.#draft.save();
    this.field?.focus();
  }

  #handleInput(event: Event): void {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.#draft.schedule();
    this.#insertion.typed(this.text);
  }

  #replacePlain(): void {
    this.text = toGsmFriendly(this.text).text;
    this.#draft.save();
    this.field?.focus();
  }

  #dismiss(notice: Notice): void {
    this.notices = this.notices.filter((n) => n !== notice);
    this.field?.focus();
  }

  override render() {
    const client = this.activeClient;
    const policy = resolvePolicy(this.#own);
    const optedOut = this.#optedOut;
    const locked = optedOut.length > 0;
    const blocked = this.#blocked;
    const recipients = this.#recipients;
    const groupRefused = checkRecipients(recipients.length, policy);
    const attachDisabled = !policy.attachmentsAllowed || locked || !client;
    return html`<div
      class=${classMap({ composer: true, dragging: this.#drop.dragging })}
      @dragenter=${this.#drop.dragEnter}
      @dragover=${this.#drop.dragOver}
      @dragleave=${this.#drop.dragLeave}
      @drop=${this.#drop.drop}
    >
      ${locked ? renderOptOut(this.#conversation.value!, optedOut, this.#account.value?.country, this.#locale) : nothing}
      ${groupRefused && !locked ? html`<p class="banner" role="status">${this.#locale.t('noGroupFromNumber')}</p>` : nothing}
      ${renderScreening(recipients, this.#account.value?.country ?? 'US', this.#locale)}
      ${renderNotices(this.notices, this.#locale, {
        resize: (notice) => {
          this.notices = this.notices.filter((n) => n !== notice);
          void this.#attachments.resizeAndAdd(notice.resize!.file, notice.resize!.budget);
        },
        dismiss: (notice) => this.#dismiss(notice),
      })}
      ${this.#sending.renderWarning((key) => {
        this.field?.focus();
        if (key === 'variables') this.#insertion.selectNextVariable(0);
      })}
      ${this.#attachments.render()} ${this.#replies.render()}
      <div class="row">
        ${renderAttach(policy, attachDisabled, this.#locale, {
          pick: () => this.picker?.click(),
          picked: this.#drop.picked,
        })}
        ${
          this.#repliesAvailable
            ? html`<button
                class="icon replies-button"
                part="replies-button"
                type="button"
                aria-label=${this.#locale.t('savedReplies')}
                title=${this.#locale.t('savedReplies')}
                aria-haspopup="dialog"
                aria-expanded=${this.#replies.open && this.#replies.mode === 'button' ? 'true' : 'false'}
                ?disabled=${locked || !client}
                @click=${() => this.#insertion.toggle(() => this.renderRoot.querySelector('.replies-search'))}
              >
                ${ICON_REPLIES}
              </button>`
            : nothing
        }
        <textarea
          part="field"
          rows="1"
          aria-label=${this.#locale.t('typeMessage')}
          placeholder=${this.#locale.t('typeMessage')}
          aria-describedby="counter fill-hint"
          aria-autocomplete=${ifDefined(this.#repliesAvailable ? 'list' : undefined)}
          aria-controls=${this.#replies.open && this.#replies.mode === 'slash' ? 'saved-replies-list' : nothing}
          aria-activedescendant=${this.#replies.mode === 'slash' ? (this.#replies.activeId ?? nothing) : nothing}
          .value=${live(this.text)}
          ?disabled=${locked || !client}
          @input=${this.#handleInput}
          @keydown=${this.#handleKeydown}
          @paste=${this.#drop.paste}
          @blur=${() => this.#draft.save()}
        ></textarea>
        <button
          class="icon send"
          part="send-button"
          type="button"
          aria-label=${this.#locale.t('sendMessage')}
          title=${this.#locale.t('sendMessage')}
          ?disabled=${blocked !== null || this.#sending.busy}
          @click=${() => void this.#sending.send()}
        >
          ${ICON_SEND}
        </button>
        ${this.#renderSendLater(locked || !client || blocked === 'locked')}
      </div>
      ${renderFillHint(this.text, this.#locale, (v) => {
        this.field?.focus();
        this.field?.setSelectionRange(v.start, v.end);
      })}
      ${renderCounter(this.text, recipients.length, this.#locale, () => this.#replacePlain())}
      ${policy.attachmentsAllowed ? nothing : html`<p id="sms-only" class="hint">${this.#locale.t('tollFreeNoAttachments')}</p>`}
      <div class="drop" aria-hidden="true">${this.#locale.t('dropFiles')}</div>
    </div>`;
  }

  /** "Send later" (its own element; hidden unless the transport can schedule). */
  #renderSendLater(locked: boolean): TemplateResult {
    return html`<sms-send-later
      .conversationId=${this.#id ?? undefined}
      .client=${this.client}
      .text=${this.text}
      .attachments=${this.#attachments.attachments}
      ?attachments-pending=${this.#attachments.uploading || this.#attachments.failed}
      .check=${this.#checkSchedule}
      .labels=${this.labels}
      ?disabled=${locked || this.#sending.busy}
      @sms-scheduled=${this.#handleScheduled}
    ></sms-send-later>`;
  }
}

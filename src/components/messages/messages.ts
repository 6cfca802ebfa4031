import type { HostSavedReply } from '../composer/saved-replies-panel.js';
import type { QuietHoursOptions, ReplyVariables } from '../composer/send-checks.js';
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ErrorEventsController } from '../../controllers/error-events-controller.js';
import { LinkCaptureController, capturedSchemes } from '../../controllers/link-capture-controller.js';
import { MessageEventsController } from '../../controllers/message-events-controller.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { NotificationController } from '../../controllers/notification-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { UnreadBadgeController } from '../../controllers/unread-badge-controller.js';
import type { SmsConversationSelectEvent } from '../../events/conversation-select-event.js';
import { whenGoneAhead } from '../../events/decided.js';
import type { SmsMediaOpenEvent } from '../../events/media-open-event.js';
import type { SmsRecipientsChangeEvent } from '../../events/recipients-change-event.js';
import type { SmsSearchInputEvent } from '../../events/search-input-event.js';
import type { SmsSearchSelectEvent } from '../../events/search-select-event.js';
import type { SmsSendEvent } from '../../events/send-event.js';
import { SmsErrorEvent } from '../../events/error-event.js';
import { SmsUnreadChangeEvent } from '../../events/unread-change-event.js';
import { TransportError } from '../../transport/errors.js';
import type { Translation } from '../../i18n/translation.js';
import type { OpenConversationTarget } from '../../store/client.js';
import { ClientError } from '../../store/errors.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { participantName } from '../../internal/names.js';
import { reported } from '../../internal/reported.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import { parseRecipient } from '../../rules/phone.js';
import type { SmsLink } from '../../rules/sms-link.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { SmsComposer } from '../composer/composer.js';
import { SmsConversationList } from '../conversation-list/conversation-list.js';
import { SmsMediaViewer } from '../media-viewer/media-viewer.js';
import { SmsNewConversation } from '../new-conversation/new-conversation.js';
import { SmsSearch } from '../search/search.js';
import { ListSearchController } from '../../search/list-match.js';
import { SmsThread } from '../thread/thread.js';
import { styles } from './messages.styles.js';

/** What {@link SmsMessages.openConversation} takes. */
export interface OpenConversationOptions {
  /** Recipients: E.164 or numbers as people type them (read with the account's country). */
  readonly to: string | readonly string[];
  /** Text to put in the composer (after the draft already there, if any). */
  readonly text?: string;
  /** Files to attach (they go through the composer's checks and upload). */
  readonly files?: readonly File[];
  /**
   * The own number to send from. Without it: the number these people last texted with (their
   * most recent chat), else the account's first number.
   */
  readonly from?: string;
}

/** What {@link SmsMessages.openConversation} takes to open a known conversation, maybe around a message. */
export interface OpenConversationAtOptions {
  readonly conversationId: string;
  /**
   * A message of it to show (a search result): the chat opens around it, scrolls it into the
   * middle and highlights it; scrolling down from there reaches the newest messages.
   */
  readonly messageId?: string;
}

/** How long the connection may be down before the offline notice shows. */
const OFFLINE_NOTICE_DELAY_MS = 5000;

const ICON_BACK = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;
const ICON_NEW = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
  <path d="M12 5v14M5 12h14" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
</svg>`;

/**
 * The whole Messages app in one tag: the conversation list, the thread with its composer, the
 * new-message picker and the media viewer. Two panes from about 720 px of its own width; one
 * pane at a time below that, with a back button, down to a 320 px CRM sidebar. An account with
 * no texting number sees the "Oops" explanation instead.
 *
 * @summary The complete texting app.
 * @tag sms-messages
 *
 * @slot list-empty - Shown in the list when the account has no conversations.
 * @slot header-actions - Extra buttons in the list header, next to "Send New Message".
 *
 * @csspart list-header - The header above the list.
 * @csspart new-button - The "Send New Message" button.
 * @csspart back-button - The back button of the narrow layout.
 * @csspart oops - The "no texting number" explanation.
 * @csspart notice - A notice above the panes (offline, storage, notifications).
 *
 * @cssprop [--sms-messages-background=var(--sms-color-background)] - Background.
 * @cssprop [--sms-messages-border=1px solid var(--sms-color-border)] - Outer border.
 * @cssprop [--sms-messages-radius=0] - Outer corner radius.
 * @cssprop [--sms-messages-list-width=34%] - Width of the list pane in the two-pane layout.
 * @cssprop [--sms-messages-new-button=var(--sms-color-accent)] - "Send New Message" background.
 * @cssprop [--sms-messages-on-new-button=var(--sms-color-on-accent)] - "Send New Message" text.
 *
 * @fires {SmsUnreadChangeEvent} sms-unread-change - The total of unread messages changed.
 * @fires {SmsErrorEvent} sms-error - Something failed that the host may want to log (a read, a refused payload).
 * @fires {SmsMessageSentEvent} sms-message-sent - An outgoing message was accepted by the server (once per message, in the leader tab).
 * @fires {SmsMessageDeliveredEvent} sms-message-delivered - An outgoing message was delivered (once per message, in the leader tab).
 * @fires {SmsMessageFailedEvent} sms-message-failed - An outgoing message failed (once per failure, in the leader tab).
 * @fires {SmsMessageReceivedEvent} sms-message-received - A message was received (once per message, in the leader tab).
 */
export class SmsMessages extends SmsClientElement {
  static override tagName = 'sms-messages';
  static override styles = [tokens, controlReset, styles];
  static override dependencies = {
    'sms-conversation-list': SmsConversationList,
    'sms-new-conversation': SmsNewConversation,
    'sms-thread': SmsThread,
    'sms-composer': SmsComposer,
    'sms-media-viewer': SmsMediaViewer,
    'sms-search': SmsSearch,
  };

  readonly #locale = new LocaleController(this);
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  readonly #accountStatus = new ObserveController(this, () => this.activeClient?.accountStatus$);
  readonly #selected = new ObserveController(this, () => this.activeClient?.selectedConversationId$);
  readonly #unread = new ObserveController(this, () => this.activeClient?.totalUnread$);
  readonly #connection = new ObserveController(this, () => this.activeClient?.connection$);
  readonly #storage = new ObserveController(this, () => this.activeClient?.storage$);
  #offlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** The search field's test for the conversation list (with the filter chips); none when empty. */
  readonly #listSearch = new ListSearchController(this, () => this.activeClient);
  readonly #badge = new UnreadBadgeController(this, {
    title: () => this.titleBadge,
    favicon: () => this.faviconBadge,
    prefix: (n) => this.#locale.t('unreadTitle', n),
  });
  readonly #notifications = new NotificationController(this, {
    client: () => this.activeClient,
    enabled: () => this.notifications,
    openConversation: () => (this.view === 'detail' || this.#wide ? this.#selected.value : null),
    describe: (message, conversation) => this.#describe(message, conversation),
    activate: (id) => this.#show(id),
  });
  /** Re-fires client errors as `sms-error`. */
  protected readonly errorEvents = new ErrorEventsController(this, () => this.activeClient);
  /** Re-fires sent, delivered, failed and received messages for the host's log. */
  protected readonly messageEvents = new MessageEventsController(this, () => this.activeClient);
  /** Click-to-text: `sms:` (and `tel:`) links anywhere in the document open the composer. */
  protected readonly linkCapture = new LinkCaptureController(this, {
    schemes: () => capturedSchemes(this.captureLinks),
    open: (link) => this.#openLink(link),
  });
  /** The body of a number-less `sms:?body=…` link, for the conversation the person picks next. */
  #pendingBody: string | null = null;
  #lastUnread: number | undefined;

  @query('sms-composer') private composer?: SmsComposer;
  @query('sms-media-viewer') private viewer?: SmsMediaViewer;
  @query('sms-new-conversation') private picker?: SmsNewConversation;
  @query('.app') private app?: HTMLElement;

  /** Which pane the narrow layout shows. */
  @state() private view: 'list' | 'detail' = 'list';
  /** Writing a new message (the picker is shown above the thread). */
  @state() private composing = false;
  /** The conversation the picker's recipients resolve to. */
  @state() private draftConversation: string | null = null;
  /** Offline for longer than a short reconnect: show the notice. */
  @state() private longOffline = false;
  /** Why a conversation or message picked in search could not be opened (shown as a notice). */
  @state() private openError = '';

  /** Show a browser notification for each received message (after the user allows them). */
  @property({ type: Boolean, reflect: true }) notifications = false;

  /** Keep `document.title` prefixed with the unread count, e.g. "(3) Portal". */
  @property({ type: Boolean, attribute: 'title-badge' }) titleBadge = false;

  /** Draw an orange dot on the page's favicon while there are unread messages. */
  @property({ type: Boolean, attribute: 'favicon-badge' }) faviconBadge = false;

  /**
   * Click-to-text: clicks on `sms:` links anywhere in the document (`sms:+15551234567?body=Hi`,
   * `sms:+1…,+1…` for a group) open the composer for those numbers with the body filled, instead
   * of the computer's texting app. `"sms tel"` takes over `tel:` links too. Off unless set;
   * the bare attribute means `"sms"`. Clicks with a modifier key, or that the page already
   * handled (`preventDefault()`), are left alone.
   */
  @property({ attribute: 'capture-links' }) captureLinks?: string | null;

  /** Saved replies the host gives the composer (see `SmsComposer.savedReplies`). */
  @property({ attribute: false }) savedReplies: readonly HostSavedReply[] = [];

  /** Values (or a callback with the conversation) for saved-reply variables (see `SmsComposer.replyVariables`). */
  @property({ attribute: false }) replyVariables?: ReplyVariables;

  /** The quiet-hours window, `block`, or `false` (see `SmsComposer.quietHours`). */
  @property({ attribute: false }) quietHours: QuietHoursOptions | false = {};

  /** Labels that replace the translated ones for this element only. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#offlineTimer);
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#watchOffline();
    const unread = this.#unread.value;
    if (!this.activeClient && this.#lastUnread !== undefined) {
      // The client was destroyed (signed out, another route): the tab no longer shows its count.
      this.#lastUnread = undefined;
      this.#badge.set(0);
    } else if (unread !== undefined && unread !== this.#lastUnread) {
      this.#lastUnread = unread;
      this.#badge.set(unread);
      this.dispatchEvent(new SmsUnreadChangeEvent({ total: unread }));
    } else if (changed.has('titleBadge') || changed.has('faviconBadge')) {
      this.#badge.set(unread ?? 0);
    }
  }

  /** A reconnect within 5 s shows nothing; a longer outage shows a non-blocking notice. */
  #watchOffline(): void {
    const offline = this.#connection.value === 'offline';
    if (!offline) {
      clearTimeout(this.#offlineTimer);
      this.#offlineTimer = undefined;
      if (this.longOffline) this.longOffline = false;
    } else if (!this.#offlineTimer && !this.longOffline) {
      this.#offlineTimer = setTimeout(() => (this.longOffline = true), OFFLINE_NOTICE_DELAY_MS);
    }
  }

  get #wide(): boolean {
    return (this.app?.getBoundingClientRect().width ?? 0) >= 720;
  }

  #describe(message: Message, conversation: Conversation): { title: string; body: string } {
    const country = this.#account.value?.country;
    const name = participantName(conversation, message.from, (n) => this.#locale.phone(n, country));
    const text = message.text.trim().replace(/\s+/g, ' ');
    const body = text
      ? text.length > 140
        ? `${text.slice(0, 139)}…`
        : text
      : this.#locale.t('notificationAttachment');
    return { title: this.#locale.t('newMessageFrom', name), body };
  }

  #show(conversationId: string): void {
    this.composing = false;
    this.activeClient?.selectConversation(conversationId);
    this.view = 'detail';
  }

  #handleSelect(event: SmsConversationSelectEvent): void {
    // Once the list goes ahead (the host did not cancel it), as it selects in the client.
    whenGoneAhead(event, () => {
      this.composing = false;
      this.view = 'detail';
    });
  }

  #handleSearchSelect(event: SmsSearchSelectEvent): void {
    // Once search goes ahead: a choice the host cancels opens nothing.
    whenGoneAhead(event, () => {
      const d = event.detail;
      const open =
        d.kind === 'person' && !d.conversationId
          ? this.openConversation({ to: d.number })
          : this.#openFound(
              d.kind === 'message'
                ? { conversationId: d.conversationId, messageId: d.messageId }
                : { conversationId: d.conversationId! },
            );
      this.openError = '';
      void Promise.resolve(open).catch((error: unknown) => this.#openFailed(error, d.kind === 'person'));
    });
  }

  /**
   * Search's choice could not be opened: the person is told, and the host hears of it unless the
   * client already reported it (a failed read of the chat; starting one is the element's own).
   */
  #openFailed(error: unknown, starting: boolean): void {
    if (error instanceof ClientError && error.code === 'destroyed') return;
    const e = error instanceof Error ? error : new Error(String(error));
    this.openError = this.#locale.t('openFailed', e.message);
    if (starting || !(error instanceof TransportError))
      this.dispatchEvent(new SmsErrorEvent({ operation: 'openConversation', error: e }));
  }

  /**
   * The query changed: the list narrows to the chats it finds (with the filter chips), a frame
   * later, so the field and its first results paint first, and follows the index while the query
   * stands (a chat that gets a matching message joins the list).
   */
  #handleSearchInput(event: SmsSearchInputEvent): void {
    this.#listSearch.setQuery(event.detail.value);
  }

  /** Opens a conversation found by search; a message result opens it around that message. */
  async #openFound(target: OpenConversationTarget): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    this.composing = false;
    this.view = 'detail';
    client.selectConversation(target.conversationId);
    await client.openConversation(target);
  }

  #handleRecipients(event: SmsRecipientsChangeEvent): void {
    this.draftConversation = event.detail.conversationId;
    const body = this.#pendingBody;
    if (body !== null && event.detail.conversationId && this.activeClient) {
      // The body of a number-less sms: link goes to the first conversation picked, unless it has a draft.
      this.#pendingBody = null;
      const draft = this.activeClient.getState().drafts[event.detail.conversationId];
      if (!draft?.text)
        this.activeClient.setDraft(event.detail.conversationId, {
          text: body,
          attachments: draft?.attachments ?? [],
        });
    }
    if (event.detail.conversationId) this.activeClient?.selectConversation(event.detail.conversationId);
  }

  #handleSend(event: SmsSendEvent): void {
    // After the first message of a new conversation, the picker gives way to the thread; a send
    // the host cancels or the client refuses keeps it (the composer says why).
    void event.sent.then((sent) => {
      if (sent && this.composing) this.composing = false;
    });
  }

  #handleMediaOpen(event: SmsMediaOpenEvent): void {
    if (event.defaultPrevented || !this.viewer?.open) return;
    const opener = event.composedPath()[0];
    this.viewer.open({
      conversationId: event.detail.conversationId,
      ...(event.detail.messageId ? { messageId: event.detail.messageId } : {}),
      attachmentId: event.detail.attachmentId,
      opener: opener instanceof Element ? opener : null,
    });
  }

  #handleParticipant(): void {
    this.composing = false;
    this.view = 'detail';
  }

  #handleBack(): void {
    this.view = 'list';
    this.composing = false;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('sms-conversation-list')?.focus(),
    );
  }

  /**
   * An `sms:` or `tel:` link was clicked: open its conversation (or the picker when it names
   * no number). Returns `false`, leaving the click to the browser, when a number cannot be read.
   */
  #openLink(link: SmsLink): boolean {
    const client = this.activeClient;
    if (!client) return false;
    const country = client.getState().account?.country ?? 'US';
    const to: string[] = [];
    for (const raw of link.recipients) {
      const parsed = parseRecipient(raw, country);
      if (!parsed.ok) return false;
      to.push(parsed.e164);
    }
    if (!to.length) {
      this.#pendingBody = link.body ?? null;
      void this.startNewMessage();
      return true;
    }
    void this.openConversation({ to, ...(link.body !== undefined ? { text: link.body } : {}) }).catch(
      (error: unknown) =>
        this.dispatchEvent(
          new SmsErrorEvent({
            operation: 'captureLinks',
            error: error instanceof Error ? error : new Error(String(error)),
          }),
        ),
    );
    return true;
  }

  /** Opens the "Send New Message" picker. */
  async startNewMessage(): Promise<void> {
    this.composing = true;
    this.draftConversation = null;
    this.view = 'detail';
    await this.updateComplete;
    this.picker?.focus();
  }

  /**
   * Opens the conversation with these numbers (starting it if none exists), with an optional
   * draft text and files. Resolves with the conversation id. With `{ conversationId, messageId }`
   * it opens that conversation around that message instead (see {@link OpenConversationAtOptions});
   * it rejects with `ClientError` `unknown-message` when the message is not in it (the chat is
   * shown at its newest).
   */
  async openConversation(options: OpenConversationOptions | OpenConversationAtOptions): Promise<string> {
    const client = this.activeClient;
    if (!client) throw new Error('sms-messages: no client (set .client or wrap in <sms-provider>).');
    await client.start();
    if ('conversationId' in options) {
      const { conversationId, messageId } = options;
      client.selectConversation(conversationId);
      this.composing = false;
      this.view = 'detail';
      await client.openConversation(messageId === undefined ? conversationId : { conversationId, messageId });
      return conversationId;
    }
    const country = client.getState().account?.country ?? 'US';
    const raw = typeof options.to === 'string' ? options.to.split(/[,;]/) : [...options.to];
    const to = raw.map((input) => {
      const parsed = parseRecipient(input.trim(), country);
      if (!parsed.ok) throw new Error(`sms-messages: ${parsed.message}`);
      return parsed.e164;
    });
    const id = await client.resolveConversation(to, options.from);
    await client.openConversation(id);
    client.selectConversation(id);
    this.composing = false;
    this.view = 'detail';
    if (options.text !== undefined) {
      // What the person typed last is in the draft before the text is added after it.
      this.composer?.saveDraft();
      const current = client.getState().drafts[id];
      // A draft the person was writing is kept: the text goes after it.
      const kept = current?.text && current.text !== options.text && options.text ? `${current.text}\n` : '';
      client.setDraft(id, { text: kept + options.text, attachments: current?.attachments ?? [] });
    }
    await this.updateComplete;
    // The composer was already on this conversation: it shows the new draft text too.
    if (options.text !== undefined) this.composer?.reloadDraftText();
    if (options.files?.length) await this.composer?.addFiles?.(options.files);
    this.composer?.focus();
    return id;
  }

  override render() {
    const client = this.activeClient;
    if (!client)
      return html`<div class="failed" role="status">
        ${this.#locale.t(this.clientEnded ? 'clientEnded' : 'noClient')}
      </div>`;
    const account = this.#account.value;
    if (this.#accountStatus.value === 'error' && !account) {
      return html`<div class="failed" role="alert">
        <p>${this.#locale.t('accountFailed')}</p>
        <button class="retry" type="button" @click=${() => void client.start().catch(reported)}>
          ${this.#locale.t('retry')}
        </button>
      </div>`;
    }
    if (account && account.numbers.length === 0) return this.#renderOops();
    return html`<div
      class="app"
      data-view=${this.view}
      @sms-conversation-select=${this.#handleSelect}
      @sms-recipients-change=${this.#handleRecipients}
      @sms-send=${this.#handleSend}
      @sms-media-open=${this.#handleMediaOpen}
      @sms-message-participant=${this.#handleParticipant}
      @sms-search-select=${this.#handleSearchSelect}
      @sms-search-input=${this.#handleSearchInput}
    >
      <section class="pane list" aria-label=${this.#locale.t('conversations')}>
        <div class="list-header" part="list-header">
          <h2>${this.#locale.t('messages')}</h2>
          <slot name="header-actions"></slot>
          <button class="new" part="new-button" type="button" @click=${() => void this.startNewMessage()}>
            ${ICON_NEW}<span>${this.#locale.t('sendNewMessage')}</span>
          </button>
        </div>
        <sms-search class="search" .labels=${this.labels}></sms-search>
        ${this.#renderNotificationPrompt()} ${this.#renderNotices()}
        <sms-conversation-list .labels=${this.labels} .match=${this.#listSearch.match}
          ><slot name="list-empty" slot="empty"></slot
        ></sms-conversation-list>
      </section>
      <section
        class="pane detail"
        aria-label=${this.composing ? this.#locale.t('newMessage') : this.#locale.t('messages')}
      >
        ${this.#renderDetail()}
      </section>
      <sms-media-viewer .labels=${this.labels}></sms-media-viewer>
    </div>`;
  }

  #renderBack(): TemplateResult {
    return html`<button
      class="back"
      part="back-button"
      type="button"
      aria-label=${this.#locale.t('back')}
      @click=${this.#handleBack}
    >
      ${ICON_BACK}
    </button>`;
  }

  #renderDetail(): TemplateResult {
    if (this.composing) {
      const id = this.draftConversation;
      return html`<div class="detail-header">
          ${this.#renderBack()}
          <h2>${this.#locale.t('newMessage')}</h2>
        </div>
        <sms-new-conversation .labels=${this.labels}></sms-new-conversation>
        ${
          id
            ? html`<sms-thread conversation-id=${id} .labels=${this.labels}></sms-thread>
                <sms-composer
                  conversation-id=${id}
                  .labels=${this.labels}
                  .savedReplies=${this.savedReplies}
                  .replyVariables=${this.replyVariables}
                  .quietHours=${this.quietHours}
                ></sms-composer>`
            : html`<div class="placeholder"></div>`
        }`;
    }
    const selected = this.#selected.value;
    if (!selected) {
      return html`<div class="placeholder">
        <h2>${this.#locale.t('selectConversation')}</h2>
        <p>${this.#locale.t('selectConversationHint')}</p>
      </div>`;
    }
    return html`<div class="back-bar">${this.#renderBack()}</div>
      <sms-thread conversation-id=${selected} .labels=${this.labels}></sms-thread>
      <sms-composer
        conversation-id=${selected}
        .labels=${this.labels}
        .savedReplies=${this.savedReplies}
        .replyVariables=${this.replyVariables}
        .quietHours=${this.quietHours}
      ></sms-composer>`;
  }

  #renderNotificationPrompt(): TemplateResult | typeof nothing {
    if (!this.notifications) return nothing;
    const permission = this.#notifications.permission;
    if (permission === 'default') {
      return html`<div class="notify">
        <button type="button" @click=${() => void this.#notifications.requestPermission()}>
          ${this.#locale.t('enableNotifications')}
        </button>
      </div>`;
    }
    if (permission === 'denied')
      return html`<div class="notify">${this.#locale.t('notificationsBlocked')}</div>`;
    return nothing;
  }

  #renderNotices(): TemplateResult | typeof nothing {
    const storage = this.#storage.value;
    const notices: TemplateResult[] = [];
    if (this.longOffline)
      notices.push(html`<div class="notice" part="notice">${this.#locale.t('offlineNotice')}</div>`);
    if (this.openError) notices.push(html`<div class="notice" part="notice">${this.openError}</div>`);
    if (storage === 'blocked') {
      notices.push(
        html`<div class="notice" part="notice">
          ${this.#locale.t('storageBlocked')}
          <button type="button" @click=${() => location.reload()}>${this.#locale.t('reload')}</button>
        </div>`,
      );
    } else if (storage === 'full' || storage === 'unavailable') {
      notices.push(
        html`<div class="notice" part="notice">
          ${this.#locale.t(storage === 'full' ? 'storageFull' : 'storageUnavailable')}
        </div>`,
      );
    }
    return notices.length ? html`<div role="status">${notices}</div>` : html`<div role="status"></div>`;
  }

  #renderOops(): TemplateResult {
    return html`<div class="oops" part="oops" role="alert">
      <h2>${this.#locale.t('oopsTitle')}</h2>
      <p>${this.#locale.t('oopsBody')}</p>
      <p>${this.#locale.t('oopsAdmin')}</p>
    </div>`;
  }
}

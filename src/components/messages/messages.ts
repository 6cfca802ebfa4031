import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
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
import type { SmsSearchInputEvent } from '../../events/search-input-event.js';
import type { SmsSendEvent } from '../../events/send-event.js';
import { SmsUnreadChangeEvent } from '../../events/unread-change-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { ICON_NEW } from '../../internal/icons.js';
import { loadedFeature } from '../../features/load.js';
import { reported } from '../../internal/reported.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { SmsComposer } from '../composer/composer.js';
import type { HostSavedReply } from '../composer/saved-replies-panel.js';
import type { QuietHoursOptions, ReplyVariables } from '../composer/send-checks.js';
import { SmsConversationList } from '../conversation-list/conversation-list.js';
import type { SmsMediaViewer } from '../media-viewer/media-viewer.js';
import { SmsNewConversation } from '../new-conversation/new-conversation.js';
import type { SmsSearch } from '../search/search.js';
import type { ListSearchController } from '../../search/list-match.js';
import { SmsThread } from '../thread/thread.js';
import { ConversationOpener } from './conversation-opener.js';
import { FeatureLoads, featureLoadStyles } from './feature-loads.js';
import type { OpenConversationAtOptions, OpenConversationOptions } from './conversation-opener.js';
import {
  describeNotification,
  renderBack,
  renderNotices,
  renderNotificationPrompt,
  renderOops,
} from './messages-parts.js';
import { styles } from './messages.styles.js';
import { OfflineNotice } from './offline-notice.js';
import { Panes } from './panes.js';
import { SearchStandIn, searchStandInStyles } from './search-field.js';

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
  static override styles = [tokens, controlReset, styles, featureLoadStyles, searchStandInStyles];
  static override dependencies = {
    'sms-conversation-list': SmsConversationList,
    'sms-new-conversation': SmsNewConversation,
    'sms-thread': SmsThread,
    'sms-composer': SmsComposer,
  };

  readonly #locale = new LocaleController(this);
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  readonly #accountStatus = new ObserveController(this, () => this.activeClient?.accountStatus$);
  readonly #selected = new ObserveController(this, () => this.activeClient?.selectedConversationId$);
  readonly #unread = new ObserveController(this, () => this.activeClient?.totalUnread$);
  readonly #connection = new ObserveController(this, () => this.activeClient?.connection$);
  readonly #storage = new ObserveController(this, () => this.activeClient?.storage$);
  readonly #offline = new OfflineNotice(this, () => this.#connection.value === 'offline');
  readonly #panes = new Panes(this);
  readonly #opener = new ConversationOpener(this, {
    locale: this.#locale,
    client: () => this.activeClient,
    panes: this.#panes,
    composer: () => this.composer,
    startNewMessage: () => this.startNewMessage(),
  });
  /** The media viewer and search load on first use, prefetched once the page is idle (decision 0027). */
  readonly #features = new FeatureLoads(
    this,
    this.#locale,
    (name) => name === 'search' && this.#searchArrived(),
  );
  /** The search field until `<sms-search>` has loaded. */
  readonly #searchStandIn = new SearchStandIn();
  /** The search field's test for the conversation list (with the filter chips), once search has loaded. */
  #listSearch: ListSearchController | undefined;
  /** The query typed before the list's search test arrived (it narrows the list when it does). */
  #pendingQuery = '';
  readonly #badge = new UnreadBadgeController(this, {
    title: () => this.titleBadge,
    favicon: () => this.faviconBadge,
    prefix: (n) => this.#locale.t('unreadTitle', n),
  });
  readonly #notifications = new NotificationController(this, {
    client: () => this.activeClient,
    enabled: () => this.notifications,
    openConversation: () => (this.#panes.view === 'detail' || this.#wide ? this.#selected.value : null),
    describe: (message, conversation) =>
      describeNotification(this.#locale, message, conversation, this.#account.value?.country),
    activate: (id) => this.#show(id),
  });
  /** Re-fires client errors as `sms-error`. */
  protected readonly errorEvents = new ErrorEventsController(this, () => this.activeClient);
  /** Re-fires sent, delivered, failed and received messages for the host's log. */
  protected readonly messageEvents = new MessageEventsController(this, () => this.activeClient);
  /** Click-to-text: `sms:` (and `tel:`) links anywhere in the document open the composer. */
  protected readonly linkCapture = new LinkCaptureController(this, {
    schemes: () => capturedSchemes(this.captureLinks),
    open: (link) => this.#opener.openLink(link),
  });
  #lastUnread: number | undefined;

  @query('sms-composer') private composer?: SmsComposer;
  @query('sms-media-viewer') private viewer?: SmsMediaViewer;
  @query('sms-new-conversation') private picker?: SmsNewConversation;
  @query('.app') private app?: HTMLElement;

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

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
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

  get #wide(): boolean {
    return (this.app?.getBoundingClientRect().width ?? 0) >= 720;
  }

  #show(conversationId: string): void {
    this.activeClient?.selectConversation(conversationId);
    this.#panes.showChat();
  }

  #handleSelect(event: SmsConversationSelectEvent): void {
    // Once the list goes ahead (the host did not cancel it), as it selects in the client.
    whenGoneAhead(event, () => this.#panes.showChat());
  }

  /**
   * The query changed: the list narrows to the chats it finds (with the filter chips), a frame
   * later, so the field and its first results paint first, and follows the index while the query
   * stands (a chat that gets a matching message joins the list).
   */
  #handleSearchInput(event: SmsSearchInputEvent): void {
    if (this.#listSearch) this.#listSearch.setQuery(event.detail.value);
    else this.#pendingQuery = event.detail.value;
  }

  #handleSend(event: SmsSendEvent): void {
    // After the first message of a new conversation, the picker gives way to the thread; a send
    // the host cancels or the client refuses keeps it (the composer says why).
    void event.sent.then((sent) => sent && this.#panes.sent());
  }

  #handleMediaOpen(event: SmsMediaOpenEvent): void {
    if (event.defaultPrevented) return;
    const opener = event.composedPath()[0];
    const control = opener instanceof Element ? opener : null;
    this.#features.use(
      'media',
      () =>
        this.viewer?.open({
          conversationId: event.detail.conversationId,
          ...(event.detail.messageId ? { messageId: event.detail.messageId } : {}),
          attachmentId: event.detail.attachmentId,
          opener: control,
        }),
      control,
    );
  }

  /** `<sms-search>` replaced the stand-in field: it gets what was typed there, and the focus if it was in it. */
  #searchArrived(): void {
    const search = loadedFeature('search');
    if (!search) return;
    this.#listSearch ??= new search.ListSearchController(this, () => this.activeClient);
    const field = this.renderRoot.querySelector<SmsSearch>('sms-search');
    const typed = this.#searchStandIn.value;
    this.#searchStandIn.value = '';
    if (field && typed) {
      field.value = typed;
      this.#listSearch.setQuery(typed);
    } else if (this.#pendingQuery) {
      this.#listSearch.setQuery(this.#pendingQuery);
    }
    this.#pendingQuery = '';
    if (field && this.#searchStandIn.focused) void field.updateComplete.then(() => field.focus());
    this.#searchStandIn.focused = false;
  }

  #handleBack(): void {
    this.#panes.back();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('sms-conversation-list')?.focus(),
    );
  }

  /** Opens the "Send New Message" picker. */
  async startNewMessage(): Promise<void> {
    this.#panes.compose();
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
  openConversation(options: OpenConversationOptions | OpenConversationAtOptions): Promise<string> {
    return this.#opener.open(options);
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
    if (account && account.numbers.length === 0) return renderOops(this.#locale);
    return html`<div
      class="app"
      data-view=${this.#panes.view}
      @sms-conversation-select=${this.#handleSelect}
      @sms-recipients-change=${this.#opener.recipientsChanged}
      @sms-send=${this.#handleSend}
      @sms-media-open=${this.#handleMediaOpen}
      @sms-message-participant=${() => this.#panes.showChat()}
      @sms-search-select=${this.#opener.searchSelected}
      @sms-search-input=${this.#handleSearchInput}
      ?data-loading=${this.#features.anyBusy}
    >
      <section class="pane list" aria-label=${this.#locale.t('conversations')}>
        <div class="list-header" part="list-header">
          <h2>${this.#locale.t('messages')}</h2>
          <slot name="header-actions"></slot>
          <button class="new" part="new-button" type="button" @click=${() => void this.startNewMessage()}>
            ${ICON_NEW}<span>${this.#locale.t('sendNewMessage')}</span>
          </button>
        </div>
        ${
          this.#features.ready('search')
            ? html`<sms-search class="search" .labels=${this.labels}></sms-search>`
            : this.#searchStandIn.render(this.#locale, (control) =>
                this.#features.use('search', () => {}, control),
              )
        }
        ${this.#renderNotificationPrompt()}
        ${renderNotices(this.#locale, {
          offline: this.#offline.shown,
          openError: this.#opener.openError,
          storage: this.#storage.value,
        })}
        <sms-conversation-list .labels=${this.labels} .match=${this.#listSearch?.match}
          ><slot name="list-empty" slot="empty"></slot
        ></sms-conversation-list>
      </section>
      <section
        class="pane detail"
        aria-label=${this.#panes.composing ? this.#locale.t('newMessage') : this.#locale.t('messages')}
      >
        ${this.#renderDetail()}
      </section>
      ${this.#features.ready('media') ? html`<sms-media-viewer .labels=${this.labels}></sms-media-viewer>` : nothing}
      ${this.#features.render()}
    </div>`;
  }

  #renderDetail(): TemplateResult {
    if (this.#panes.composing) {
      const id = this.#panes.draftConversation;
      return html`<div class="detail-header">
          ${renderBack(this.#locale, () => this.#handleBack())}
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
    return html`<div class="back-bar">${renderBack(this.#locale, () => this.#handleBack())}</div>
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
    return renderNotificationPrompt(
      this.#locale,
      this.#notifications.permission,
      () => void this.#notifications.requestPermission(),
    );
  }
}

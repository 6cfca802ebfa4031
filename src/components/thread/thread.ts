import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import '../../internal/virtualizer.js';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import type { ObserveOptions } from '../../controllers/observe-controller.js';
import { SmsMediaOpenEvent } from '../../events/media-open-event.js';
import { SmsMessageParticipantEvent } from '../../events/message-participant-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { participantName } from '../../internal/names.js';
import type { Attachment } from '../../model/attachment.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import type { MessagesClient } from '../../store/client.js';
import { messageKey } from '../../store/state.js';
import { threadView } from '../../store/thread-window.js';
import type { ThreadView } from '../../store/thread-window.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { SmsScheduledList } from '../scheduled-list/scheduled-list.js';
import { MediaFilesDialog, mediaFilesDialogStyles } from './media-files-dialog.js';
import { reactionStyles } from './reactions.js';
import { styles } from './thread.styles.js';
import { renderLog } from './thread-log.js';
import { runCommand } from './commands.js';
import { DeleteDialog } from './delete-dialog.js';
import { GoToTarget } from './go-to-target.js';
import { ThreadPaging } from './paging.js';
import { ParticipantsTarget } from './participants-target.js';
import { ReadMarker } from './read-marker.js';
import { renderHeader } from './thread-header.js';
import { ThreadRows } from './thread-rows.js';
import { ThreadScroll } from './thread-scroll.js';

/**
 * A lasting stream of changes to the open chat (texts arriving every frame or two) renders at
 * most every 200 ms once four renders came in a row within that time; a chat opened, a page read
 * or a text or two still render in the next frame (decision 0026).
 */
const STREAM: ObserveOptions = { streamInterval: 200, streamAfter: 4 };

/**
 * One conversation: messages newest at the bottom, older ones loaded as the user scrolls up
 * without moving what they are reading, delivery status on own messages, tap to retry a failed
 * one, attachments inline, day separators and sender names in groups. The header lists the
 * participants (each with "Message"), and has "Mark conversation unread" and "Delete chat".
 * Opened around a message (`client.openConversation({ conversationId, messageId })`) it brings it
 * into the middle, highlights it, and reads newer pages as the user scrolls down to the newest.
 * Works alone in a CRM sidebar: `<sms-thread participants="+12025550142">`.
 *
 * @summary A conversation's messages.
 * @tag sms-thread
 *
 * @slot header-actions - Extra buttons in the header toolbar.
 *
 * @csspart header - The header with the participants and the toolbar.
 * @csspart log - The scrolling message list (role `log`).
 * @csspart bubble - A message bubble.
 * @csspart timestamp - The time under a bubble.
 * @csspart status - The delivery status of an own message.
 * @csspart attachment - An attachment thumbnail or card.
 * @csspart new-messages - The "N new messages" pill (after a jump: "Jump to the latest").
 * @csspart reactions - The reactions under a message (tapbacks sent as texts, see docs/reactions.md).
 * @csspart reaction - One reaction chip; its tooltip is the text as sent.
 * @csspart media-files - The "Media & files" dialog (from the "More actions" menu).
 *
 * @cssprop [--sms-thread-background=var(--sms-color-background)] - Background.
 * @cssprop [--sms-thread-incoming=var(--sms-color-incoming)] - Others' bubbles.
 * @cssprop [--sms-thread-on-incoming=var(--sms-color-on-incoming)] - Text of others' bubbles.
 * @cssprop [--sms-thread-outgoing=var(--sms-color-outgoing)] - Own bubbles.
 * @cssprop [--sms-thread-on-outgoing=var(--sms-color-on-outgoing)] - Text of own bubbles.
 * @cssprop [--sms-thread-highlight=var(--sms-color-accent)] - Ring around a message jumped to.
 *
 * @fires {SmsMediaOpenEvent} sms-media-open - An attachment was opened; `<sms-messages>` shows the viewer.
 * @fires {SmsMessageParticipantEvent} sms-message-participant - "Message" was chosen next to a participant.
 * @fires {SmsErrorEvent} sms-error - A command of the thread failed (reading pages, marking read or unread, sending again,
 * opening a participant's chat) and the client did not already report it on its own error event.
 */
export class SmsThread extends SmsClientElement {
  static override tagName = 'sms-thread';
  static override styles = [tokens, controlReset, styles, reactionStyles, mediaFilesDialogStyles];
  // "Media & files" (`sms-media-files`) loads when it is opened (decision 0027).
  static override dependencies = { 'sms-scheduled-list': SmsScheduledList };

  readonly #locale = new LocaleController(this);
  readonly #selected = new ObserveController(this, () => this.activeClient?.selectedConversationId$);
  readonly #thread = new ObserveController(
    this,
    () => {
      const id = this.#id;
      return id ? this.activeClient?.thread$(id) : undefined;
    },
    STREAM,
  );
  readonly #conversation = new ObserveController(
    this,
    () => {
      const id = this.#id;
      return id ? this.activeClient?.conversation$(id) : undefined;
    },
    STREAM,
  );
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  /** Following the newest, or holding the message being read in place. */
  readonly #scroll: ThreadScroll = new ThreadScroll(this, {
    root: () => this.renderRoot,
    scroller: () => this.scroller,
    log: () => this.virtualizer,
    items: () => this.#rows.items,
    showsNewest: () => {
      const view = this.#view;
      return this.#window.atNewest(view?.messages.length ?? 0) && !view?.hasNewer;
    },
    reachedNewest: () => {
      this.unseen = 0;
      this.awayFromLatest = false;
    },
  });
  /** The same layout config as the virtualizer's property type (the layout's constructor takes its own). */
  readonly #layoutValue = this.#scroll.layout as unknown as LitVirtualizer['layout'];
  readonly #delete = new DeleteDialog(
    this,
    this.#locale,
    () => this.activeClient,
    () => this.#id,
  );
  /** "Media & files", from the header's menu. */
  readonly #mediaFiles = new MediaFilesDialog(
    this,
    this.#locale,
    () => this.labels,
    () => this.#id,
  );
  /** Marks the chat read while it is seen. */
  readonly #read = new ReadMarker(
    this,
    () => this.activeClient,
    () => this.#conversation.value,
  );
  /** The rows shown, and which loaded messages they show. */
  readonly #rows: ThreadRows = new ThreadRows({
    following: () => this.#scroll.follow.end,
    firstChanged: (prepended) => {
      this.#scroll.keepReading();
      this.#prepended = prepended;
    },
    arrived: (messages, previousLast, shown) => this.#newAtBottom(messages, previousLast, shown),
    restarted: (jumped) => {
      this.#scroll.release();
      this.#scroll.follow.end = !jumped;
      if (!jumped) {
        this.unseen = 0;
        this.awayFromLatest = false;
      }
    },
  });
  readonly #window = this.#rows.window;
  /** Reading more as the view nears an end. */
  readonly #paging = new ThreadPaging({
    host: this,
    window: this.#window,
    client: () => this.activeClient,
    id: () => this.#id,
    view: () => this.#view,
    scroller: () => this.scroller,
    following: () => this.#scroll.follow.end,
    centering: () => this.#scroll.centering,
    shownBehind: () => this.#shownBehind(this.#view),
    slid: () => this.requestUpdate(),
  });
  /** With `participants`: the chat with them. */
  readonly #people = new ParticipantsTarget(this, this.#locale);
  /** A message asked for: brought into the middle and highlighted. */
  readonly #target = new GoToTarget(this, {
    window: this.#window,
    scroll: this.#scroll,
    view: () => this.#view,
    scroller: () => this.scroller,
    shown: (message) => {
      this.awayFromLatest = true;
      const conversation = this.#conversation.value;
      const name =
        message.direction === 'outbound'
          ? this.#locale.t('youSaid')
          : conversation
            ? this.#name(conversation, message.from)
            : message.from;
      this.announcement = this.#locale.t('showingMessage', name, this.#locale.dateTime(message.createdAt));
    },
  });
  readonly #refresh = () => this.requestUpdate();
  #openedId: string | null = null;
  /** The client `#openedId` was opened in: another client opens it again. */
  #openedIn: MessagesClient | undefined;
  #announced = new Set<string>();
  /** Rows were just prepended above the first one (older messages), not yet scrolled past. */
  #prepended = false;

  @query('sms-virtualizer') private virtualizer?: LitVirtualizer;
  @query('.scroller') private scroller?: HTMLElement;

  @state() private unseen = 0;
  @state() private announcement = '';
  @state() private menu: string | null = null;
  /**
   * A message was jumped to and the view has not been at the newest since: "Jump to the latest"
   * is offered whether the rows are a window read around it or the newest window (the two join
   * when the page around it reaches the newest page, depending on which page arrived first).
   */
  @state() private awayFromLatest = false;
  /** What the person asked for and did not happen (marking unread, sending again, opening a chat). */
  @state() private failure = '';

  /** The conversation to show. Without it, `participants` (or else the client's selection) decides. */
  @property({ attribute: 'conversation-id' }) conversationId?: string;

  /** Comma-separated E.164 numbers: the conversation with exactly these people (created on first send). */
  @property() participants?: string;

  /** With `participants`: the own number to text from. */
  @property() from?: string;

  /** Labels that replace the translated ones for this element only. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('participants') || changed.has('from') || changed.has('client'))
      void this.#people.resolve(this.activeClient, this.participants, this.from);
    const group = (this.#conversation.value?.participants.length ?? 0) > 1;
    this.#rows.update(this.#id, this.#thread.value, this.#view, group);
  }

  override updated(): void {
    const id = this.#id;
    const client = this.activeClient;
    if (id && client && (id !== this.#openedId || client !== this.#openedIn)) {
      this.#openedId = id;
      this.#openedIn = client;
      this.#scroll.follow.end = true;
      this.unseen = 0;
      this.awayFromLatest = false;
      this.#announced.clear();
      runCommand(this, 'openConversation', client.openConversation(id));
    }
    // The virtualizer is about to show the same index range, now older rows: hide the log for
    // the frame or two it takes to bring the message being read back, rather than flash a jump.
    if (this.#prepended) this.#scroll.hideWhileHolding();
    this.#prepended = false;
    this.#target.check();
    this.#scroll.settle();
    this.#paging.maybeLoadNewer();
    this.#read.maybeMarkRead();
  }

  /** The window of messages shown: the newest, or the one read around a message jumped to. */
  get #view(): ThreadView | undefined {
    const t = this.#thread.value;
    return t ? threadView(t) : undefined;
  }

  /** The conversation shown. */
  get #id(): string | null {
    return this.conversationId ?? (this.participants ? this.#people.id : (this.#selected.value ?? null));
  }

  #handleScroll(): void {
    const scroller = this.scroller;
    // Our own corrections while holding an anchor are not anybody's scrolling; rows of the
    // window the store no longer shows (until the next update) are not scrolled for.
    if (!scroller || this.#scroll.holding || this.#shownBehind(this.#view)) return;
    // While following the newest, the layout's corrections scroll too: only the person's
    // scrolling is judged here; any other scroll the virtualizer did not make is judged by the
    // scroll controller, which the layout calls.
    if (!this.#scroll.follow.end || this.#scroll.userScrolling) this.#scroll.judgeEnd();
    this.#paging.scrolled(scroller);
  }
  /** Whether the store shows another window than the rows do (the thread updates next). */
  #shownBehind(view: ThreadView | undefined): boolean {
    return this.#rows.shownBehind(view, this.#thread.value);
  }

  /** New messages at the bottom: follow them when pinned, count them otherwise, announce inbound ones once. */
  #newAtBottom(messages: readonly Message[], previousLast: string, shown = true): void {
    const at = messages.findIndex((m) => messageKey(m) === previousLast);
    if (at === -1) return;
    const fresh = messages.slice(at + 1);
    const inbound = fresh.filter((m) => m.direction === 'inbound' && !this.#announced.has(m.id));
    if (inbound.length) {
      for (const m of inbound) this.#announced.add(m.id);
      const m = inbound[inbound.length - 1]!;
      const conversation = this.#conversation.value;
      const name = conversation ? this.#name(conversation, m.from) : m.from;
      const text =
        m.text.trim() || (m.attachments.length ? this.#locale.t('attachments', m.attachments.length) : '');
      this.announcement = this.#locale.t('announceFrom', name, text.slice(0, 200));
    }
    if (!this.#scroll.follow.end) this.unseen += inbound.length;
    if (shown && fresh.some((m) => m.direction === 'outbound')) {
      // The user just sent: the layout brings the newest into view.
      this.#scroll.follow.end = true;
      this.awayFromLatest = false;
    }
  }

  #name(conversation: Conversation, number: string): string {
    const country = this.#account.value?.country;
    return participantName(conversation, number, (n) => this.#locale.phone(n, country));
  }

  #jumpToNewest(): void {
    const id = this.#id;
    if (this.#view?.jumped && id) {
      // Back to the newest window (its rows start afresh, pinned to the end).
      this.activeClient?.showLatest(id);
      return;
    }
    this.#window.toNewest();
    this.#scroll.follow.end = true;
    this.unseen = 0;
    this.awayFromLatest = false;
    this.#scroll.release();
    this.#scroll.settle();
  }

  #openMedia(message: Message, attachment: Attachment): void {
    this.dispatchEvent(
      new SmsMediaOpenEvent({
        conversationId: message.conversationId,
        messageId: message.id,
        attachmentId: attachment.id,
      }),
    );
  }

  #messageParticipant(number: string): void {
    const conversation = this.#conversation.value;
    if (!conversation) return;
    const event = new SmsMessageParticipantEvent({ number, from: conversation.ownNumber });
    if (!this.dispatchEvent(event)) return;
    const client = this.activeClient;
    this.failure = '';
    runCommand(
      this,
      'resolveConversation',
      client
        ?.resolveConversation([number], conversation.ownNumber)
        .then((id) => client.selectConversation(id)),
      () => (this.failure = this.#locale.t('openChatFailed')),
    );
  }

  #retryLoad(): void {
    const id = this.#id;
    if (!id) return;
    this.#openedId = null;
    this.requestUpdate();
  }

  /** Sends a failed message again (by its client id; one without, by its id). */
  retry(message: Message): void {
    if (message.status !== 'failed') return;
    this.failure = '';
    runCommand(this, 'retry', this.activeClient?.retry(message.clientId ?? message.id), () => {
      this.failure = this.#locale.t('retryFailed');
    });
  }

  override render() {
    if (!this.activeClient)
      return html`<div class="empty" role="status">
        ${this.#locale.t(this.clientEnded ? 'clientEnded' : 'noClient')}
      </div>`;
    const conversation = this.#conversation.value;
    const t = this.#view;
    return html`
      ${
        conversation
          ? renderHeader(conversation, {
              locale: this.#locale,
              country: this.#account.value?.country,
              menuOpen: this.menu === 'chat',
              name: (c, n) => this.#name(c, n),
              messageParticipant: (n) => this.#messageParticipant(n),
              markUnread: (c) => {
                this.failure = '';
                this.#read.markUnread(c, () => (this.failure = this.#locale.t('markUnreadFailed')));
              },
              toggleMenu: () => (this.menu = this.menu === 'chat' ? null : 'chat'),
              showMediaFiles: () => {
                this.menu = null;
                this.#mediaFiles.show();
              },
              askDeleteChat: (opener) => {
                this.menu = null;
                this.#delete.ask({ kind: 'chat' }, opener);
              },
            })
          : nothing
      }
      ${this.#renderBody()}
      <sms-scheduled-list
        .conversationId=${this.#id ?? undefined}
        .client=${this.client}
        .labels=${this.labels}
      ></sms-scheduled-list>
      ${
        this.unseen > 0 || t?.jumped || this.awayFromLatest
          ? html`<button class="pill" part="new-messages" type="button" @click=${this.#jumpToNewest}>
              ${this.unseen > 0 ? this.#locale.t('newMessagesPill', this.unseen) : this.#locale.t('jumpToLatest')}
            </button>`
          : nothing
      }
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      ${this.#delete.render()} ${this.#mediaFiles.render()}
      ${t?.error && t.status === 'ready' ? html`<div class="status-row error" role="alert">${t.error}</div>` : nothing}
      ${this.failure ? html`<div class="status-row error" role="alert">${this.failure}</div>` : nothing}
    `;
  }

  #renderBody(): TemplateResult {
    if (!this.#id) return this.#people.render();
    return renderLog(this.#view, {
      locale: this.#locale,
      items: this.#rows.items,
      layout: this.#layoutValue,
      rows: {
        locale: this.#locale,
        conversation: this.#conversation.value,
        highlighted: this.#target.highlighted,
        menu: this.menu,
        name: (c, n) => this.#name(c, n),
        toggleMenu: (id) => (this.menu = id),
        askDelete: (message, opener) => {
          this.menu = null;
          this.#delete.ask({ kind: 'message', message }, opener);
        },
        retry: (m) => this.retry(m),
        openMedia: (m, a) => this.#openMedia(m, a),
        refresh: this.#refresh,
      },
      scrolled: () => this.#handleScroll(),
      userScrolled: (e) => this.#scroll.userScrolled(e),
      retryLoad: () => this.#retryLoad(),
    });
  }
}

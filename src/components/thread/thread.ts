import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import '../../internal/virtualizer.js';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { SmsMediaOpenEvent } from '../../events/media-open-event.js';
import { SmsMessageParticipantEvent } from '../../events/message-participant-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { participantName } from '../../internal/names.js';
import type { Attachment } from '../../model/attachment.js';
import type { Conversation } from '../../model/conversation.js';
import { isProvisionalId } from '../../model/ids.js';
import type { Message } from '../../model/message.js';
import type { MessagesClient } from '../../store/client.js';
import { messageKey } from '../../store/state.js';
import { threadView } from '../../store/thread-window.js';
import type { ThreadView } from '../../store/thread-window.js';
import { HIGHLIGHT_MS, handledTargets, windowKey } from './jump-view.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { SmsMediaFiles } from '../media-files/media-files.js';
import { SmsScheduledList } from '../scheduled-list/scheduled-list.js';
import { mediaFilesDialogStyles, renderMediaFilesDialog } from './media-files-dialog.js';
import { reactionStyles, threadReactions } from './reactions.js';
import { styles } from './thread.styles.js';
import { ICON_MORE, renderItem } from './rows.js';
import type { Item, RowContext } from './rows.js';
import { runCommand } from './commands.js';
import { FollowEnd, ThreadLayout } from './thread-layout.js';
import type { ThreadLayoutConfig } from './thread-layout.js';

/** How close to the top (px) loads older messages; how close to the bottom counts as "at the bottom". */
const LOAD_OLDER_PX = 400;
/**
 * The most messages given to the virtualizer at once. Browsers cap an element's height (the
 * virtualizer clamps at 8.2 million px), so a 100,000-message thread is shown through a window
 * that slides by WINDOW_SLIDE as the user scrolls to either end of it.
 */
const WINDOW = 40_000;
const WINDOW_SLIDE = 10_000;
const PINNED_PX = 48;
/** A scroll within this long after a wheel, touch, key or pointer on the list is the user's. */
const USER_SCROLL_MS = 1000;
/** Frames the anchored message must stay in place before the thread stops holding it. */
const STABLE_FRAMES = 8;
/** Give up holding an anchor after this many frames (about 2 s), whatever happens. */
const MAX_ANCHOR_FRAMES = 120;
/** Frames the log may stay hidden while the anchored message is brought back. */
const MAX_HIDDEN_FRAMES = 6;

/** The message the user is reading, and where it was in the viewport, while older rows load above. */
interface Anchor {
  readonly key: string;
  readonly offset: number;
  stable: number;
  frames: number;
  /** The frame of the last jump by an estimate (one jump per frame, on freshly rendered rows). */
  jumpFrame?: number;
  /** Hold it in the middle of the view (a message jumped to) rather than at `offset`. */
  center?: boolean;
}
/** Raster images only: never SVG or anything that can run script. */

const ICON_FLAG = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <path
    d="M5 21V4h11l-1.5 3.5L16 11H5"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linejoin="round"
  />
</svg>`;
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
  static override dependencies = { 'sms-media-files': SmsMediaFiles, 'sms-scheduled-list': SmsScheduledList };

  readonly #locale = new LocaleController(this);
  readonly #selected = new ObserveController(this, () => this.activeClient?.selectedConversationId$);
  readonly #thread = new ObserveController(this, () => {
    const id = this.#id;
    return id ? this.activeClient?.thread$(id) : undefined;
  });
  readonly #conversation = new ObserveController(this, () => {
    const id = this.#id;
    return id ? this.activeClient?.conversation$(id) : undefined;
  });
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  #items: Item[] = [];
  #itemsFor: readonly Message[] | null = null;
  /** The first message of the window when it does not end at the newest; `null`: it does. */
  #windowStartKey: string | null = null;
  #windowFor: string | null = null;
  #itemsConversation: string | null = null;
  /** Where the window sits in the loaded messages: [start, end). */
  #windowStart = 0;
  #windowEnd = 0;
  #openedId: string | null = null;
  /** The client `#openedId` was opened in: another client opens it again. */
  #openedIn: MessagesClient | undefined;
  /**
   * Whether the view follows the newest message: the layout holds the last row at the end
   * meanwhile (see thread-layout.ts), and tells the thread of scrolls it did not make.
   */
  readonly #follow = new FollowEnd();
  readonly #layout: ThreadLayoutConfig = { type: ThreadLayout, follow: this.#follow };
  /** The same config as the virtualizer's property type (the layout's constructor takes its own config). */
  readonly #layoutValue = this.#layout as unknown as LitVirtualizer['layout'];
  #anchor: Anchor | null = null;
  #frame = 0;
  #announced = new Set<string>();
  #lastMessageKey: string | null = null;
  #visible = false;
  #observer: IntersectionObserver | undefined;
  /** Watches the log's size: after the virtualizer lays out rows, before paint, the anchor is corrected. */
  #resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.#correctNow());
  #resized: Element | undefined;
  /** Rows just prepended above the first one (older messages), not yet scrolled past. */
  #prepended = 0;
  #returnFocus: HTMLElement | null = null;
  readonly #onWindowChange = () => this.#maybeMarkRead();
  /**
   * The person marked the open chat unread: it stays unread while they stay on it, until they open it
   * again or a newer message arrives (the chat's newest message id when it was marked).
   */
  #keptUnread: { id: string; last: string | undefined } | null = null;
  /** Which window the rows show (`present`, or the message a jump window was read around). */
  #windowOf: string | null = null;
  /** Whether the window shown had newer messages to read: messages added then are pages, not news. */
  #hadNewer = false;
  /** The newest message of the present window while a jump window is shown (to count arrivals). */
  #presentLast: string | null = null;
  #highlightTimer: ReturnType<typeof setTimeout> | undefined;

  @query('sms-virtualizer') private virtualizer?: LitVirtualizer;
  @query('.scroller') private scroller?: HTMLElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  @state() private resolvedId: string | null = null;
  @state() private unseen = 0;
  @state() private announcement = '';
  @state() private menu: string | null = null;
  @state() private confirm: { kind: 'message'; message: Message } | { kind: 'chat' } | null = null;
  @state() private understood = false;
  @state() private dialogError = '';
  /** The row of the message jumped to, highlighted for a moment. */
  @state() private highlighted: string | null = null;
  /**
   * A message was jumped to and the view has not been at the newest since: "Jump to the latest"
   * is offered whether the rows are a window read around it or the newest window (the two join
   * when the page around it reaches the newest page, depending on which page arrived first).
   */
  @state() private awayFromLatest = false;
  /** What the person asked for and did not happen (marking unread, sending again, opening a chat). */
  @state() private failure = '';
  /** The "Media & files" dialog is open. */
  @state() private mediaFiles = false;

  /** The conversation to show. Without it, `participants` (or else the client's selection) decides. */
  @property({ attribute: 'conversation-id' }) conversationId?: string;

  /** Comma-separated E.164 numbers: the conversation with exactly these people (created on first send). */
  @property() participants?: string;

  /** With `participants`: the own number to text from. */
  @property() from?: string;

  /** Labels that replace the translated ones for this element only. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#follow.scroller = () => this.scroller;
    this.#follow.strayScroll = () => this.#strayScroll();
    window.addEventListener('focus', this.#onWindowChange);
    document.addEventListener('visibilitychange', this.#onWindowChange);
    this.#observer = new IntersectionObserver((entries) => {
      this.#visible = entries.some((e) => e.isIntersecting);
      this.#maybeMarkRead();
    });
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('focus', this.#onWindowChange);
    document.removeEventListener('visibilitychange', this.#onWindowChange);
    this.#observer?.disconnect();
    this.#resize?.disconnect();
    this.#resized = undefined;
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#highlightTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('participants') || changed.has('from') || changed.has('client'))
      void this.#resolveParticipants();
    const view = this.#view;
    const messages = view?.messages ?? null;
    if (this.#id !== this.#itemsConversation) {
      // Another conversation: its own window, no anchor carried over.
      this.#itemsConversation = this.#id;
      this.#windowStartKey = null;
      this.#windowStart = 0;
      this.#items = [];
      this.#itemsFor = null;
      this.#windowOf = null;
      // Its newest message is learned from its first rows, not compared with the last chat's.
      this.#lastMessageKey = null;
    }
    this.#followWindow(view);
    if (messages !== this.#itemsFor || this.#windowStartKey !== this.#windowFor)
      this.#rebuild(messages ?? []);
  }

  override updated(): void {
    const id = this.#id;
    const client = this.activeClient;
    if (id && client && (id !== this.#openedId || client !== this.#openedIn)) {
      this.#openedId = id;
      this.#openedIn = client;
      this.#follow.end = true;
      this.unseen = 0;
      this.awayFromLatest = false;
      this.#announced.clear();
      runCommand(this, 'openConversation', client.openConversation(id));
    }
    const log = this.virtualizer;
    if (log && log !== this.#resized) {
      this.#resize?.disconnect();
      this.#resize?.observe(log);
      if (this.scroller) this.#resize?.observe(this.scroller);
      this.#resized = log;
    }
    if (this.#prepended && log && this.#anchor) {
      // The virtualizer is about to show the same index range, now older rows: hide the log for
      // the frame or two it takes to bring the message being read back, rather than flash a jump.
      log.style.visibility = 'hidden';
    }
    this.#prepended = 0;
    this.#goToTarget();
    this.#settleScroll();
    this.#maybeLoadNewer();
    this.#maybeMarkRead();
    if (this.confirm && this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  /** The window of messages shown: the newest, or the one read around a message jumped to. */
  get #view(): ThreadView | undefined {
    const t = this.#thread.value;
    return t ? threadView(t) : undefined;
  }

  /**
   * Another window is shown (a jump, or back to the newest): start it afresh, pinned to the end
   * when it is the newest. A jump window that reached the newest goes on as the same rows.
   */
  #followWindow(view: ThreadView | undefined): void {
    const t = this.#thread.value;
    const now = view ? windowKey(view, t?.jump?.messageId) : null;
    if (view?.jumped && t) {
      // Texts arriving at the newest meanwhile: counted on the pill and announced.
      const last = t.messages[t.messages.length - 1];
      const key = last ? messageKey(last) : null;
      if (this.#presentLast && key && key !== this.#presentLast)
        this.#newAtBottom(t.messages, this.#presentLast, false);
      this.#presentLast = key;
    } else this.#presentLast = null;
    const before = this.#windowOf;
    this.#windowOf = now;
    if (before === null || now === null || before === now) return;
    const first = this.#items.find((i) => i.kind === 'message')?.key;
    const continues = !view?.jumped && !!first && view!.messages.some((m) => messageKey(m) === first);
    if (continues) return;
    this.#windowStartKey = null;
    this.#windowStart = 0;
    this.#items = [];
    this.#itemsFor = null;
    this.#lastMessageKey = null;
    this.#anchor = null;
    this.#follow.end = !view?.jumped;
    if (this.#follow.end) {
      this.unseen = 0;
      this.awayFromLatest = false;
    }
  }

  /**
   * A message asked for (`openConversation({ conversationId, messageId })`) and shown: bring it
   * into the middle of the view, highlight it for a moment and say so politely.
   */
  #goToTarget(): void {
    const view = this.#view;
    const target = view?.target;
    if (!view || !target || handledTargets.has(target) || !this.scroller) return;
    const at = view.messages.findIndex((m) => m.id === target.messageId || m.clientId === target.messageId);
    if (at === -1) return;
    if (at < this.#windowStart || at >= this.#windowEnd) {
      // Beyond the rows given to the virtualizer (a window of a huge thread): move them first.
      const start = Math.max(0, at - WINDOW / 2);
      this.#windowStartKey =
        start + WINDOW >= view.messages.length ? null : messageKey(view.messages[start]!);
      this.requestUpdate();
      return;
    }
    handledTargets.add(target);
    const message = view.messages[at]!;
    const key = messageKey(message);
    this.#follow.end = false;
    this.awayFromLatest = true;
    this.#anchor = { key, offset: 0, center: true, stable: 0, frames: 0 };
    // Hidden for the frame or two it takes to place it, rather than flash the rows around it.
    this.virtualizer?.style.setProperty('visibility', 'hidden');
    this.highlighted = key;
    clearTimeout(this.#highlightTimer);
    this.#highlightTimer = setTimeout(() => (this.highlighted = null), HIGHLIGHT_MS);
    const conversation = this.#conversation.value;
    const name =
      message.direction === 'outbound'
        ? this.#locale.t('youSaid')
        : conversation
          ? this.#name(conversation, message.from)
          : message.from;
    this.announcement = this.#locale.t('showingMessage', name, this.#locale.dateTime(message.createdAt));
  }

  /** Reads the next newer page when the end of a window that does not reach the newest is near. */
  #maybeLoadNewer(): void {
    const view = this.#view;
    const scroller = this.scroller;
    const id = this.#id;
    if (!view || !scroller || !id || view.status !== 'ready' || !view.hasNewer || view.loadingNewer) return;
    if (this.#anchor?.center || this.#shownBehind(view)) return;
    const fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    if (this.#windowEnd < view.messages.length || (fromBottom >= LOAD_OLDER_PX && !this.#follow.end)) return;
    runCommand(this, 'loadNewer', this.activeClient?.loadNewer(id));
  }

  /** Whether the store shows another window than the rows do (the thread updates next). */
  #shownBehind(view: ThreadView | undefined): boolean {
    return !!view && windowKey(view, this.#thread.value?.jump?.messageId) !== this.#windowOf;
  }

  /** The conversation shown. */
  get #id(): string | null {
    return this.conversationId ?? (this.participants ? this.resolvedId : (this.#selected.value ?? null));
  }

  async #resolveParticipants(): Promise<void> {
    const client = this.activeClient;
    const list = (this.participants ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!client || !list.length) {
      this.resolvedId = null;
      return;
    }
    try {
      this.resolvedId = await client.resolveConversation(list, this.from || undefined);
    } catch {
      this.resolvedId = null;
    }
  }

  /**
   * The part of the loaded messages to show (all of them up to WINDOW). A window that began at
   * the oldest loaded message keeps beginning there when older pages arrive, so they show.
   */
  #window(messages: readonly Message[], oldFirst: string | undefined): readonly Message[] {
    const len = messages.length;
    let start: number;
    if (this.#windowStartKey === null) {
      start = Math.max(0, len - WINDOW);
      // Older messages were loaded while the whole window was shown: show them, leave the newest.
      if (start > 0 && oldFirst && this.#windowStart === 0 && messageKey(messages[0]!) !== oldFirst)
        start = 0;
    } else {
      const at = messages.findIndex((m) => messageKey(m) === this.#windowStartKey);
      start = at === -1 ? Math.max(0, len - WINDOW) : at;
      if (this.#windowStart === 0 && oldFirst && at > 0 && messageKey(messages[0]!) !== oldFirst) start = 0;
    }
    const end = Math.min(len, start + WINDOW);
    if (end === len) start = Math.max(0, len - WINDOW);
    this.#windowStartKey = end === len ? null : messageKey(messages[start]!);
    this.#windowFor = this.#windowStartKey;
    this.#windowStart = start;
    this.#windowEnd = end;
    return start === 0 && end === len ? messages : messages.slice(start, end);
  }

  /**
   * Moves the window by WINDOW_SLIDE messages (negative: older), within what is loaded. Waits two
   * frames so the virtualizer has rendered where the user is (a scrollbar drag jumps), and the
   * message read there is the one kept in place.
   */
  #slideWindow(by: number): void {
    if (this.#sliding) return;
    this.#sliding = true;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        this.#sliding = false;
        this.#slideNow(by);
      }),
    );
  }

  #sliding = false;

  #slideNow(by: number): void {
    const messages = this.#view?.messages ?? [];
    const start = Math.max(0, Math.min(messages.length - WINDOW, this.#windowStart + by));
    this.#windowStartKey = start + WINDOW >= messages.length ? null : messageKey(messages[start]!);
    this.requestUpdate();
  }

  /** Turns messages into rows: day separators, and sender names where the sender changes in a group. */
  #rebuild(messages: readonly Message[]): void {
    const previousLast = this.#lastMessageKey;
    const wasEmpty = this.#items.length === 0;
    const oldFirst = this.#items.find((i) => i.kind === 'message')?.key;
    const previousFirstIndex = this.#items.findIndex((i) => i.kind === 'message');
    const group = (this.#conversation.value?.participants.length ?? 0) > 1;
    const shown = this.#window(messages, oldFirst);
    const items: Item[] = [];
    let day = '';
    let sender = '';
    // The local day is read only when a message falls outside the current one (40,000 date
    // formats cost tens of milliseconds; two comparisons do not).
    let dayStart = NaN;
    let dayEnd = NaN;
    // Reaction texts whose message is loaded are drawn on it instead of as bubbles.
    const reactions = threadReactions(messages);
    let index = this.#windowStart - 1;
    for (const m of shown) {
      index++;
      if (reactions.consumed.has(index)) continue;
      const at = m.createdAt;
      if (!(at >= dayStart && at < dayEnd)) {
        const date = new Date(at);
        const d = date.toDateString();
        date.setHours(0, 0, 0, 0);
        dayStart = date.getTime();
        date.setDate(date.getDate() + 1);
        dayEnd = date.getTime();
        if (d !== day) {
          day = d;
          sender = '';
          items.push({ kind: 'day', key: `day:${d}`, at });
        }
      }
      const from = m.direction === 'outbound' ? '' : m.from;
      items.push({
        kind: 'message',
        key: messageKey(m),
        message: m,
        showSender: group && m.direction === 'inbound' && from !== sender,
        reactions: reactions.on.get(index),
      });
      sender = from;
    }
    // Older messages arrived above: keep the message being read where it is.
    const newFirst = items.find((i) => i.kind === 'message')?.key;
    if (!wasEmpty && oldFirst && newFirst !== oldFirst && !this.#follow.end) {
      this.#rememberAnchor();
      this.#prepended = Math.max(0, items.findIndex((i) => i.key === oldFirst) - previousFirstIndex);
    }
    this.#items = items;
    this.#itemsFor = messages;
    const last = messages[messages.length - 1];
    this.#lastMessageKey = last ? messageKey(last) : null;
    // Messages added to a window that had newer ones to read are a page, not news.
    const paged = this.#hadNewer;
    this.#hadNewer = this.#view?.hasNewer ?? false;
    if (last && previousLast && messageKey(last) !== previousLast && !paged)
      this.#newAtBottom(messages, previousLast);
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
    if (!this.#follow.end) this.unseen += inbound.length;
    if (shown && fresh.some((m) => m.direction === 'outbound')) {
      // The user just sent: the layout brings the newest into view.
      this.#follow.end = true;
      this.awayFromLatest = false;
    }
  }

  #rememberAnchor(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const top = scroller.getBoundingClientRect().top;
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('[data-key]')) {
      // Anchor on a message: a day separator moves when the rows around it change.
      if (el.dataset['key']!.startsWith('day:')) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom > top) {
        this.#anchor = { key: el.dataset['key']!, offset: r.top - top, stable: 0, frames: 0 };
        return;
      }
    }
  }

  /**
   * Brings the anchored message back to where the user saw it. When the rows above it were just
   * prepended it may not be rendered (the virtualizer shows the same index range as before), so
   * first jump by an estimate (rows × average height) until it is, then correct to the pixel.
   * Returns true once it has been in place for a few frames in a row.
   */
  #holdAnchor(scroller: HTMLElement, anchor: Anchor): boolean {
    const el = this.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`);
    const top = scroller.getBoundingClientRect().top;
    if (el && el.offsetHeight > 0) {
      const offset = anchor.center
        ? Math.max(0, (scroller.clientHeight - el.offsetHeight) / 2)
        : anchor.offset;
      const delta = el.getBoundingClientRect().top - top - offset;
      const from = scroller.scrollTop;
      if (Math.abs(delta) >= 0.5) scroller.scrollTop += delta;
      // A message near either end cannot reach the middle: where the scroll stops is its place.
      if (Math.abs(delta) >= 0.5 && Math.abs(scroller.scrollTop - from) >= 0.5) {
        anchor.stable = 0;
      } else {
        anchor.stable++;
        this.#reveal();
      }
      return anchor.stable >= STABLE_FRAMES;
    }
    anchor.stable = 0;
    const target = this.#items.findIndex((i) => i.key === anchor.key);
    if (target === -1) {
      this.#reveal();
      return true; // deleted meanwhile: nothing to hold
    }
    const rendered = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-key]')];
    const first = rendered.find((r) => r.getBoundingClientRect().bottom > top);
    const firstIndex = first ? this.#items.findIndex((i) => i.key === first.dataset['key']) : -1;
    const log = this.virtualizer;
    if (firstIndex === -1 || !log || !this.#items.length) return false;
    // After a jump, wait for the virtualizer to render the new range before judging again:
    // jumping twice on the same stale rows overshoots and never settles.
    if (anchor.jumpFrame !== undefined && anchor.frames <= anchor.jumpFrame) return false;
    anchor.jumpFrame = anchor.frames;
    const average = log.offsetHeight / this.#items.length;
    scroller.scrollTop += (target - firstIndex) * average;
    return false;
  }

  /** Shows the log again once the anchored message is back in place (or given up on). */
  #reveal(): void {
    this.virtualizer?.style.removeProperty('visibility');
  }

  /** A layout happened (the log resized): fix the anchored message's position before it is painted. */
  #correctNow(): void {
    const scroller = this.scroller;
    if (scroller && this.#anchor) this.#holdAnchor(scroller, this.#anchor);
  }

  /**
   * After each update: hold the anchor (older messages loaded, a message jumped to) frame by
   * frame until it stays put. The end needs no holding: the layout keeps the last row there
   * while the view follows the newest.
   */
  #settleScroll(): void {
    cancelAnimationFrame(this.#frame);
    const step = () => {
      const scroller = this.scroller;
      const anchor = this.#anchor;
      if (!scroller || !anchor) return;
      anchor.frames++;
      if (this.#holdAnchor(scroller, anchor) || anchor.frames > MAX_ANCHOR_FRAMES) {
        this.#anchor = null;
        this.#reveal();
        // A message jumped to may have been held at the very end: then the view follows it.
        this.#judgeEnd(scroller);
        return;
      }
      // Never keep the log blank for long: a late correction is better than nothing shown.
      if (anchor.frames > MAX_HIDDEN_FRAMES) this.#reveal();
      this.#frame = requestAnimationFrame(step);
    };
    const scroller = this.scroller;
    if (!this.#anchor || !scroller) return;
    // Correct before the first paint when older rows were just prepended, then frame by frame.
    this.#holdAnchor(scroller, this.#anchor);
    this.#frame = requestAnimationFrame(step);
  }

  /** When the user last scrolled on purpose (wheel, touch, keys, pointer on the scrollbar). */
  #userScrollAt = -Infinity;

  #handleScroll(): void {
    const scroller = this.scroller;
    // Our own corrections while holding an anchor are not anybody's scrolling; rows of the
    // window the store no longer shows (until the next update) are not scrolled for.
    if (!scroller || this.#anchor || this.#shownBehind(this.#view)) return;
    // While following the newest, the layout's corrections scroll too: only the person's
    // scrolling is judged here; any other scroll the virtualizer did not make is judged in
    // #strayScroll, which the layout calls.
    if (!this.#follow.end || performance.now() - this.#userScrollAt < USER_SCROLL_MS)
      this.#judgeEnd(scroller);
    const fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    const view = this.#view;
    const windowAtNewest = this.#windowEnd >= (view?.messages.length ?? 0);
    if (!windowAtNewest && fromBottom < LOAD_OLDER_PX) {
      this.#slideWindow(WINDOW_SLIDE);
      return;
    }
    if (this.#windowStart > 0 && scroller.scrollTop < LOAD_OLDER_PX) {
      this.#slideWindow(-WINDOW_SLIDE);
      return;
    }
    this.#maybeLoadNewer();
    const t = view;
    const id = this.#id;
    if (
      id &&
      t &&
      t.status === 'ready' &&
      t.olderCursor !== null &&
      !t.loadingOlder &&
      scroller.scrollTop < LOAD_OLDER_PX
    ) {
      runCommand(this, 'loadOlder', this.activeClient?.loadOlder(id));
    }
  }

  /**
   * The view scrolled while following the newest, and neither the layout nor the thread did it
   * (a screen reader, find in page, the host page, or the person in a way no input event told):
   * it stops following if it left the end.
   */
  #strayScroll(): void {
    const scroller = this.scroller;
    if (scroller && !this.#anchor) this.#judgeEnd(scroller);
  }

  /** Follows the newest while the view is at the end of the newest window, and stops when it is not. */
  #judgeEnd(scroller: HTMLElement): void {
    const fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    const view = this.#view;
    const windowAtNewest = this.#windowEnd >= (view?.messages.length ?? 0);
    const end = fromBottom < PINNED_PX && windowAtNewest && !view?.hasNewer;
    if (end === this.#follow.end) return;
    this.#follow.end = end;
    if (end) {
      this.unseen = 0;
      this.awayFromLatest = false;
    }
  }

  /** The user scrolled on purpose: stop holding an anchor. */
  #handleUserScroll(): void {
    this.#userScrollAt = performance.now();
    this.#anchor = null;
    this.#reveal();
  }

  #maybeMarkRead(): void {
    const conversation = this.#conversation.value;
    const kept = this.#keptUnread;
    if (kept && (conversation?.id !== kept.id || conversation.lastMessage?.id !== kept.last)) {
      this.#keptUnread = null;
    }
    if (!conversation || conversation.unreadCount === 0 || !this.#visible || this.#keptUnread) return;
    if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
    runCommand(this, 'markRead', this.activeClient?.markRead(conversation.id));
  }

  #markUnread(conversation: Conversation): void {
    this.#keptUnread = { id: conversation.id, last: conversation.lastMessage?.id };
    this.failure = '';
    runCommand(this, 'markUnread', this.activeClient?.markUnread(conversation.id), () => {
      this.#keptUnread = null;
      this.failure = this.#locale.t('markUnreadFailed');
    });
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
    this.#windowStartKey = null;
    this.#follow.end = true;
    this.unseen = 0;
    this.awayFromLatest = false;
    this.#anchor = null;
    this.#reveal();
    this.#settleScroll();
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

  /** Sends a failed message again, with the same client id. */
  retry(message: Message): void {
    if (message.status !== 'failed' || !message.clientId) return;
    this.failure = '';
    runCommand(this, 'retry', this.activeClient?.retry(message.clientId), () => {
      this.failure = this.#locale.t('retryFailed');
    });
  }

  #ask(confirm: NonNullable<SmsThread['confirm']>, opener: EventTarget | null): void {
    this.menu = null;
    this.understood = false;
    this.dialogError = '';
    this.#returnFocus = opener instanceof HTMLElement ? opener : null;
    this.confirm = confirm;
  }

  /** Opens "Media & files"; focus goes back to the "⋯" button when it closes. */
  #showMediaFiles(): void {
    this.menu = null;
    this.#returnFocus = this.renderRoot.querySelector<HTMLElement>('header [aria-haspopup="menu"]');
    this.mediaFiles = true;
  }

  #closeMediaFiles(): void {
    this.mediaFiles = false;
    // Once the modal dialog is gone: nothing outside it takes focus while it is open.
    const back = this.#returnFocus;
    void this.updateComplete.then(() => back?.focus());
  }

  #closeDialog(): void {
    this.dialog?.close();
    this.confirm = null;
    this.#returnFocus?.focus();
  }

  async #confirmDelete(): Promise<void> {
    const confirm = this.confirm;
    const client = this.activeClient;
    const id = this.#id;
    if (!confirm || !client || !id) return;
    try {
      if (confirm.kind === 'message') await client.deleteMessage(id, confirm.message.id);
      else await client.deleteConversation(id);
      this.dialog?.close();
      this.confirm = null;
    } catch {
      this.dialogError = this.#locale.t(
        confirm.kind === 'message' ? 'deleteMessageFailed' : 'deleteChatFailed',
      );
    }
  }

  override render() {
    if (!this.activeClient)
      return html`<div class="empty" role="status">
        ${this.#locale.t(this.clientEnded ? 'clientEnded' : 'noClient')}
      </div>`;
    const conversation = this.#conversation.value;
    const t = this.#view;
    return html`
      ${conversation ? this.#renderHeader(conversation) : nothing} ${this.#renderBody()}
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
      ${this.confirm ? this.#renderDialog() : nothing}
      ${
        this.mediaFiles && this.#id
          ? renderMediaFilesDialog({
              conversationId: this.#id,
              title: this.#locale.t('mediaAndFiles'),
              closeLabel: this.#locale.t('closeMediaAndFiles'),
              labels: this.labels,
              onClose: () => this.#closeMediaFiles(),
            })
          : nothing
      }
      ${t?.error && t.status === 'ready' ? html`<div class="status-row error" role="alert">${t.error}</div>` : nothing}
      ${this.failure ? html`<div class="status-row error" role="alert">${this.failure}</div>` : nothing}
    `;
  }

  #renderHeader(c: Conversation): TemplateResult {
    const names = c.participants.map((n) => this.#name(c, n));
    const title = c.title?.trim() || names.join(', ');
    return html`<header part="header">
      <div class="who">
        <button class="names" type="button" aria-haspopup="true"><bdi>${title}</bdi></button>
        <div class="popover" role="group" aria-label=${this.#locale.t('participants')}>
          <ul>
            ${c.participants.map(
              (n) =>
                html`<li>
                  <span class="person"
                    ><bdi>${this.#name(c, n)}</bdi><br /><span class="number"
                      >${this.#locale.phone(n, this.#account.value?.country)}</span
                    ></span
                  >
                  <button
                    class="small-button"
                    type="button"
                    aria-label=${this.#locale.t('messageParticipant', this.#name(c, n))}
                    @click=${() => this.#messageParticipant(n)}
                  >
                    ${this.#locale.t('message')}
                  </button>
                </li>`,
            )}
          </ul>
        </div>
      </div>
      <slot name="header-actions"></slot>
      ${
        c.unreadCount === 0 && !isProvisionalId(c.id)
          ? html`<button
              class="icon-button"
              type="button"
              title=${this.#locale.t('markUnread')}
              aria-label=${this.#locale.t('markUnread')}
              @click=${() => this.#markUnread(c)}
            >
              ${ICON_FLAG}
            </button>`
          : nothing
      }
      <button
        class="icon-button"
        type="button"
        aria-label=${this.#locale.t('moreActions')}
        aria-haspopup="menu"
        aria-expanded=${this.menu === 'chat' ? 'true' : 'false'}
        @click=${() => (this.menu = this.menu === 'chat' ? null : 'chat')}
      >
        ${ICON_MORE}
      </button>
      ${
        this.menu === 'chat'
          ? html`<div class="menu header-menu" role="menu">
              <button role="menuitem" type="button" @click=${this.#showMediaFiles}>
                ${this.#locale.t('mediaAndFiles')}
              </button>
              <button
                role="menuitem"
                type="button"
                @click=${(e: Event) => this.#ask({ kind: 'chat' }, e.currentTarget)}
              >
                ${this.#locale.t('deleteChat')}
              </button>
            </div>`
          : nothing
      }
    </header>`;
  }

  #renderBody(): TemplateResult {
    const t = this.#view;
    if (!this.#id) return html`<div class="empty"></div>`;
    if (!t || t.status === 'idle' || (t.status === 'loading' && !t.messages.length)) {
      return html`<div class="empty" role="status">
        <span class="spinner" aria-hidden="true"></span>${this.#locale.t('loadingMessages')}
      </div>`;
    }
    if (t.status === 'error' && !t.messages.length) {
      return html`<div class="empty" role="alert">
        <p class="error">${this.#locale.t('messagesFailed')}</p>
        <button class="small-button" type="button" @click=${() => this.#retryLoad()}>
          ${this.#locale.t('retry')}
        </button>
      </div>`;
    }
    if (!t.messages.length) return html`<div class="empty">${this.#locale.t('noMessages')}</div>`;
    const rows: RowContext = {
      locale: this.#locale,
      conversation: this.#conversation.value,
      highlighted: this.highlighted,
      menu: this.menu,
      name: (c, n) => this.#name(c, n),
      toggleMenu: (id) => (this.menu = id),
      askDelete: (message, opener) => this.#ask({ kind: 'message', message }, opener),
      retry: (m) => this.retry(m),
      openMedia: (m, a) => this.#openMedia(m, a),
    };
    return html`<div
      class="scroller"
      tabindex="0"
      @scroll=${this.#handleScroll}
      @wheel=${this.#handleUserScroll}
      @touchmove=${this.#handleUserScroll}
      @keydown=${this.#handleUserScroll}
      @pointerdown=${this.#handleUserScroll}
    >
      ${
        t.olderCursor === null && t.synced
          ? html`<div class="edge">${this.#locale.t('beginning')}</div>`
          : t.loadingOlder
            ? html`<div class="edge" role="status">
                <span class="spinner" aria-hidden="true"></span>${this.#locale.t('loadingOlder')}
              </div>`
            : html`<div class="edge"></div>`
      }
      <sms-virtualizer
        part="log"
        role="log"
        aria-label=${this.#locale.t('messagesLog')}
        .items=${this.#items}
        .layout=${this.#layoutValue}
        .keyFunction=${(item: unknown) => (item as Item | undefined)?.key ?? ''}
        .renderItem=${(item: unknown) => (item ? renderItem(item as Item, rows) : html``)}
      ></sms-virtualizer>
      ${
        t.hasNewer
          ? html`<div class="edge" role="status">
              ${t.loadingNewer ? html`<span class="spinner" aria-hidden="true"></span>${this.#locale.t('loadingNewer')}` : nothing}
            </div>`
          : nothing
      }
    </div>`;
  }

  #retryLoad(): void {
    const id = this.#id;
    if (!id) return;
    this.#openedId = null;
    this.requestUpdate();
  }

  #renderDialog(): TemplateResult {
    const confirm = this.confirm!;
    const chat = confirm.kind === 'chat';
    return html`<dialog
      aria-labelledby="confirm-title"
      @cancel=${(e: Event) => (e.preventDefault(), this.#closeDialog())}
    >
      <h2 id="confirm-title">${this.#locale.t(chat ? 'deleteChatTitle' : 'deleteMessageTitle')}</h2>
      <p>${this.#locale.t(chat ? 'deleteChatBody' : 'deleteMessageBody')}</p>
      ${
        chat
          ? html`<label class="check"
              ><input
                type="checkbox"
                .checked=${this.understood}
                @change=${(e: Event) => (this.understood = (e.target as HTMLInputElement).checked)}
              />
              ${this.#locale.t('iUnderstand')}</label
            >`
          : nothing
      }
      ${this.dialogError ? html`<p class="error" role="alert">${this.dialogError}</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${this.#closeDialog}>${this.#locale.t(chat ? 'cancel' : 'no')}</button>
        <button
          class="danger"
          type="button"
          ?disabled=${chat && !this.understood}
          @click=${() => void this.#confirmDelete()}
        >
          ${this.#locale.t(chat ? 'delete' : 'yes')}
        </button>
      </div>
    </dialog>`;
  }
}

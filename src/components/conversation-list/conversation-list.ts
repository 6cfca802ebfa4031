import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import '../../internal/virtualizer.js';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { SmsConversationSelectEvent } from '../../events/conversation-select-event.js';
import { dispatchDecided } from '../../events/decided.js';
import { SmsFilterChangeEvent } from '../../events/filter-change-event.js';
import type { ConversationFilter } from '../../rules/conversation-filter.js';
import {
  FILTERED_ROWS_WANTED,
  filterConversations,
  renderChips,
  renderNoMatch,
  toggled,
} from './filter-chips.js';
import type { ChipTerm } from './filter-chips.js';
import { SmsUnreadChangeEvent } from '../../events/unread-change-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { reported } from '../../internal/reported.js';
import { RowTexts, optionId, renderConversationRow } from './conversation-row.js';
import type { Conversation } from '../../model/conversation.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { styles } from './conversation-list.styles.js';

/** How many rows before the end start loading the next page. */
const PREFETCH_ROWS = 10;

/**
 * While chats keep changing (a burst of inbound texts), the list renders at most this often: a
 * stream is not read row by row, and rendering every frame kept the main thread saturated
 * (decision 0019). A change after a quiet moment renders in the next frame.
 */
const STREAM_RENDER_MS = 200;

/**
 * The list of conversations, newest activity first, with unread chats in bold with a count
 * badge. Virtualized (10,000 chats scroll smoothly) and paged: scrolling down loads older chats.
 * One tab stop: arrow keys, Home/End and Page Up/Down move, Enter opens.
 * Filter chips above it (Unread, Failed, Opted out) toggle and combine, with each other and with
 * a host's `match` (a search); each filter that finds nothing says so.
 *
 * @summary The chats list.
 * @tag sms-conversation-list
 *
 * @slot empty - Shown instead of the default text when the account has no conversations.
 *
 * @csspart list - The scrolling list (role `listbox`).
 * @csspart row - One conversation row (role `option`).
 * @csspart avatar - The initials circle of a row.
 * @csspart name - The participants' names of a row.
 * @csspart preview - The last message preview of a row.
 * @csspart time - The time of the last activity of a row.
 * @csspart badge - The unread count of a row.
 * @csspart status - The loading, end-of-list and error rows.
 * @csspart filters - The group of filter chips (Unread, Failed, Opted out).
 * @csspart filter - One filter chip (a toggle button with `aria-pressed`).
 *
 * @cssprop [--sms-conversation-list-background=var(--sms-color-background)] - Background.
 * @cssprop [--sms-conversation-list-row-height=72px] - Height of a row.
 * @cssprop [--sms-conversation-list-selected=var(--sms-color-selected)] - Background of the selected row.
 * @cssprop [--sms-conversation-list-badge=var(--sms-color-badge)] - Unread badge background.
 * @cssprop [--sms-conversation-list-on-badge=var(--sms-color-on-badge)] - Unread badge text.
 *
 * @fires {SmsConversationSelectEvent} sms-conversation-select - The user chose a conversation; cancel to keep the current one.
 * @fires {SmsUnreadChangeEvent} sms-unread-change - The total of unread messages changed.
 * @fires {SmsFilterChangeEvent} sms-filter-change - The user toggled a filter chip; cancel to keep the filters.
 */
export class SmsConversationList extends SmsClientElement {
  static override tagName = 'sms-conversation-list';
  static override styles = [tokens, controlReset, styles];

  readonly #locale = new LocaleController(this);
  readonly #list = new ObserveController(this, () => this.activeClient?.conversationList$, {
    streamInterval: STREAM_RENDER_MS,
  });
  readonly #storeSelection = new ObserveController(this, () => this.activeClient?.selectedConversationId$);
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  readonly #unread = new ObserveController(this, () => this.activeClient?.totalUnread$, {
    streamInterval: STREAM_RENDER_MS,
  });
  readonly #rowTexts = new RowTexts();
  #lastUnread: number | undefined;
  #anchor: { id: string; offset: number } | null = null;
  #rowHeight = 0;
  /** A pointer went down on the list while it was not focused: the focus that follows is the pointer's. */
  #pointerFocus = false;
  #focusFrame = 0;

  @query('sms-virtualizer') private virtualizer?: LitVirtualizer;
  @query('.scroller') private scroller?: HTMLElement;

  /** Index of the row the keyboard is on. */
  @state() private activeIndex = 0;

  /** Whether the list has keyboard focus (the active row is then rendered and referenced). */
  @state() private focused = false;

  /**
   * The id of the selected conversation. Follows the client's selection unless set; choosing a
   * row updates it (unless the `sms-conversation-select` event is cancelled).
   */
  @property({ reflect: true }) selected?: string;

  /** Labels that replace the translated ones for this element only. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  /** The time "now" for relative times; set in tests and stories for stable output. */
  @property({ type: Number }) now?: number;

  /**
   * The filters that apply, all at once (the chips show them pressed): `unread`, `failed` (the
   * latest send failed), `opted-out`. The chips change it (after `sms-filter-change`); a host or
   * a search field may set it too.
   */
  @property({ attribute: false }) filters: readonly ConversationFilter[] = [];

  /**
   * A further test every listed conversation must pass, combined with the filters (e.g. a search
   * query's matches). Set a new function when what it matches changes.
   */
  @property({ attribute: false }) match?: (conversation: Conversation) => boolean;

  /** Hide the filter chips (a narrow sidebar that shows one chat's list). */
  @property({ type: Boolean, attribute: 'hide-filters' }) hideFilters = false;

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#rememberAnchor();
  }

  override updated(): void {
    this.#restoreAnchor();
    this.#fillFiltered();
    const unread = this.#unread.value;
    if (unread !== undefined && unread !== this.#lastUnread) {
      this.#lastUnread = unread;
      this.dispatchEvent(new SmsUnreadChangeEvent({ total: unread }));
    }
  }

  get #items(): readonly Conversation[] {
    return filterConversations(this.#list.value?.items ?? [], this.filters, this.match);
  }

  get #filtering(): boolean {
    return this.filters.length > 0 || !!this.match;
  }

  /** A filtered list shorter than a screen reads older chats on its own until it fills or ends. */
  #fillFiltered(): void {
    const view = this.#list.value;
    if (!this.#filtering || !view || view.complete || view.status !== 'ready') return;
    if (this.#items.length >= FILTERED_ROWS_WANTED) return;
    void this.activeClient?.loadMoreConversations().catch(reported);
  }

  /** Toggles a chip: `sms-filter-change` first, which the host may cancel. */
  #toggleFilter(filter: ConversationFilter): void {
    this.#setFilters(toggled(this.filters, filter));
  }

  #setFilters(filters: readonly ConversationFilter[]): void {
    if (!this.dispatchEvent(new SmsFilterChangeEvent({ filters }))) return;
    this.filters = filters;
    this.activeIndex = 0;
  }

  #term = (key: ChipTerm): string => this.#locale.t(key);

  get #selectedId(): string | null | undefined {
    return this.selected ?? this.#storeSelection.value;
  }

  /** Before the list changes: which row is at the top of the view, and how far scrolled into it. */
  #rememberAnchor(): void {
    const scroller = this.scroller;
    const items = this.#rendered;
    this.#anchor = null;
    if (!scroller || scroller.scrollTop <= 0 || !items.length) return;
    // Rows are all one height: measured once (a read that forces layout, not made every update).
    if (!this.#rowHeight) {
      const row = this.renderRoot.querySelector<HTMLElement>('.row');
      if (row) this.#rowHeight = row.getBoundingClientRect().height;
    }
    if (!this.#rowHeight) return;
    const index = Math.min(items.length - 1, Math.floor(scroller.scrollTop / this.#rowHeight));
    this.#anchor = { id: items[index]!.id, offset: scroller.scrollTop - index * this.#rowHeight };
  }

  /** After it changed: keep that row where it was, so a chat moving to the top shifts nothing. */
  #restoreAnchor(): void {
    const anchor = this.#anchor;
    this.#rendered = this.#items;
    if (!anchor || !this.scroller) return;
    const index = this.#items.findIndex((c) => c.id === anchor.id);
    if (index === -1) return;
    const top = index * this.#rowHeight + anchor.offset;
    if (Math.abs(this.scroller.scrollTop - top) >= 1) this.scroller.scrollTop = top;
  }

  /** The items of the last render (the anchor is looked up in them). */
  #rendered: readonly Conversation[] = [];

  #handleRange(event: RangeChangedEvent): void {
    const view = this.#list.value;
    if (!view || view.complete || view.status === 'loading' || view.status === 'error') return;
    if (event.last >= this.#items.length - PREFETCH_ROWS)
      void this.activeClient?.loadMoreConversations().catch(reported);
  }

  #handleKeydown(event: KeyboardEvent): void {
    const count = this.#items.length;
    if (!count) return;
    const page = Math.max(1, Math.floor((this.scroller?.clientHeight ?? 0) / (this.#rowHeight || 72)) - 1);
    let next = this.activeIndex;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(count - 1, next + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, next - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      case 'PageDown':
        next = Math.min(count - 1, next + page);
        break;
      case 'PageUp':
        next = Math.max(0, next - page);
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const conversation = this.#items[this.activeIndex];
        if (conversation) this.choose(conversation.id);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    this.#moveTo(next);
  }

  #moveTo(index: number): void {
    this.activeIndex = index;
    this.#reveal(index);
    const view = this.#list.value;
    if (view && !view.complete && index >= this.#items.length - PREFETCH_ROWS) {
      void this.activeClient?.loadMoreConversations().catch(reported);
    }
  }

  /**
   * Scrolls the list (and only the list, never the page around it) the least needed to show the
   * row at `index`. Rows are all one height, so rows not rendered yet have a known place.
   */
  #reveal(index: number): void {
    const scroller = this.scroller;
    const log = this.virtualizer;
    if (!scroller || !log) return;
    const row = this.renderRoot.querySelector<HTMLElement>('.row');
    if (row) this.#rowHeight = row.getBoundingClientRect().height || this.#rowHeight;
    const height = this.#rowHeight || 72;
    const offset =
      log.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    const top = offset + index * height;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + height > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + height - scroller.clientHeight;
  }

  #handleClick(index: number, id: string): void {
    this.activeIndex = index;
    this.choose(id);
  }

  #handlePointerDown(): void {
    // Focus that follows is the pointer's: it must not move the list under the pointer.
    this.#pointerFocus = !this.focused;
  }

  #handleFocus(): void {
    const byPointer = this.#pointerFocus;
    this.#pointerFocus = false;
    this.focused = true;
    const selectedIndex = this.#items.findIndex((c) => c.id === this.#selectedId);
    if (selectedIndex !== -1 && this.activeIndex !== selectedIndex) this.activeIndex = selectedIndex;
    if (this.activeIndex >= this.#items.length) this.activeIndex = Math.max(0, this.#items.length - 1);
    // Focus by pointer never scrolls: the list stays under the pointer and the click picks its row.
    if (byPointer) return;
    // The browser scrolls a focused element into view after this handler, and the listbox is as
    // tall as all its rows: put the list back where it was before the next paint, then bring the
    // active row into view.
    const scroller = this.scroller;
    const top = scroller?.scrollTop ?? 0;
    cancelAnimationFrame(this.#focusFrame);
    this.#focusFrame = requestAnimationFrame(() => {
      if (!scroller?.isConnected || !this.focused) return;
      if (Math.abs(scroller.scrollTop - top) >= 1) scroller.scrollTop = top;
      this.#reveal(this.activeIndex);
    });
  }

  #handleBlur(): void {
    this.focused = false;
    this.#pointerFocus = false;
  }

  /** Opens a conversation as if the user chose it: fires `sms-conversation-select`, then selects. */
  choose(conversationId: string): void {
    const event = new SmsConversationSelectEvent({ conversationId });
    if (!dispatchDecided(this, event)) return;
    this.selected = conversationId;
    this.activeClient?.selectConversation(conversationId);
  }

  /** Moves keyboard focus to the list. */
  override focus(options?: FocusOptions): void {
    this.virtualizer?.focus(options);
  }

  override render() {
    const client = this.activeClient;
    if (!client)
      return html`<div class="empty" role="status">
        ${this.#locale.t(this.clientEnded ? 'clientEnded' : 'noClient')}
      </div>`;
    const view = this.#list.value;
    if (!view || (view.items.length === 0 && (view.status === 'loading' || view.status === 'idle'))) {
      return html`<div class="status" part="status" role="status">
        <span class="spinner" aria-hidden="true"></span>${this.#locale.t('loadingConversations')}
      </div>`;
    }
    if (view.items.length === 0 && view.status === 'error') return this.#renderError();
    const chips = this.hideFilters
      ? nothing
      : renderChips(this.filters, this.#term, (f) => this.#toggleFilter(f));
    const items = this.#items;
    if (view.items.length > 0 && items.length === 0) {
      return this.#withChips(
        chips,
        html`${
          view.complete || view.status === 'error'
            ? renderNoMatch(this.filters, !!this.match, this.#term, () => this.#setFilters([]))
            : nothing
        }${view.complete ? nothing : this.#renderFooter()}`,
      );
    }
    if (view.items.length === 0) {
      return html`<div class="empty">
        <slot name="empty"
          ><strong>${this.#locale.t('noConversations')}</strong>
          <span>${this.#locale.t('noConversationsHint')}</span></slot
        >
      </div>`;
    }
    const active = items[Math.min(this.activeIndex, items.length - 1)];
    return this.#withChips(
      chips,
      html`<div class="scroller">
        <sms-virtualizer
          part="list"
          role="listbox"
          tabindex="0"
          aria-label=${this.#locale.t('conversations')}
          aria-activedescendant=${active && this.focused ? optionId(active.id) : nothing}
          .items=${items}
          .keyFunction=${(c: unknown) => (c as Conversation | undefined)?.id ?? ''}
          .renderItem=${(c: unknown, i: number) => (c ? this.#renderRow(c as Conversation, i) : html``)}
          @rangeChanged=${this.#handleRange}
          @keydown=${this.#handleKeydown}
          @pointerdown=${this.#handlePointerDown}
          @focus=${this.#handleFocus}
          @blur=${this.#handleBlur}
        ></sms-virtualizer>
        ${this.#renderFooter()}
      </div>`,
    );
  }

  /** The chips stay the same elements whatever shows below them (focus stays on a chip). */
  #withChips(chips: TemplateResult | typeof nothing, content: TemplateResult): TemplateResult {
    return html`${chips}${content}`;
  }

  #renderRow(c: Conversation, index: number): TemplateResult {
    const text = this.#rowTexts.get(c, this.#locale, this.#account.value?.country, this.labels);
    return renderConversationRow(
      c,
      index,
      text,
      {
        selected: c.id === this.#selectedId,
        active: index === this.activeIndex,
        now: this.now ?? Date.now(),
        choose: this.#choose,
      },
      this.#locale,
    );
  }

  readonly #choose = (index: number, id: string): void => this.#handleClick(index, id);

  #renderFooter(): TemplateResult | typeof nothing {
    const view = this.#list.value;
    if (!view) return nothing;
    if (view.status === 'error') return this.#renderError();
    if (view.status === 'loading') {
      return html`<div class="status" part="status" role="status">
        <span class="spinner" aria-hidden="true"></span>${this.#locale.t('loadingMoreConversations')}
      </div>`;
    }
    if (view.complete) {
      return html`<div class="status" part="status">${this.#locale.t('endOfConversations')}</div>`;
    }
    return nothing;
  }

  #renderError(): TemplateResult {
    const retry = () => {
      const client = this.activeClient;
      if (!client) return;
      void (this.#items.length ? client.loadMoreConversations() : client.reloadConversations()).catch(
        () => undefined,
      );
    };
    return html`<div class="status error" part="status" role="alert">
      <span>${this.#locale.t('conversationsFailed')}</span>
      <button class="retry" type="button" @click=${retry}>${this.#locale.t('retry')}</button>
    </div>`;
  }
}

import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { SmsMediaOpenEvent } from '../../events/media-open-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { participantName } from '../../internal/names.js';
import type { MessagesClient } from '../../store/client.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { galleryItems } from '../media-viewer/gallery-items.js';
import { fileBadge, previewKind } from '../../rules/media-preview.js';
import type { GalleryItem } from '../media-viewer/gallery-items.js';
import { styles } from './media-files.styles.js';

/** Pages of older messages read in one go while collecting files (50 messages each by default). */
const PAGES_PER_RUN = 40;

/**
 * Every photo, video and file of one chat in a grid, newest first: read from the local cache
 * first (so it works offline), then older messages page by page. Choosing a tile fires
 * `sms-media-open`, which `<sms-messages>` answers by opening the media viewer on that file.
 * The arrow keys, Home and End move between tiles; Enter or Space opens one.
 *
 * `<sms-thread>` shows it from its "⋯" menu ("Media & files"); it can also be placed alone.
 *
 * @summary A chat's photos, videos and files.
 * @tag sms-media-files
 *
 * @csspart grid - The list of tiles.
 * @csspart tile - One file's button.
 * @csspart empty - The "no files" message.
 *
 * @cssprop [--sms-media-files-tile-size=7rem] - Smallest width of a tile.
 *
 * @fires {SmsMediaOpenEvent} sms-media-open - A file was chosen; `<sms-messages>` opens the viewer on it.
 */
export class SmsMediaFiles extends SmsClientElement {
  static override tagName = 'sms-media-files';
  static override styles = [tokens, controlReset, styles];

  readonly #locale = new LocaleController(this);
  readonly #thread = new ObserveController(this, () => {
    const id = this.conversationId;
    return id ? this.activeClient?.thread$(id) : undefined;
  });
  readonly #conversation = new ObserveController(this, () => {
    const id = this.conversationId;
    return id ? this.activeClient?.conversation$(id) : undefined;
  });
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  /** The conversation and client the files were last collected for. */
  #collected: { id: string; client: MessagesClient } | null = null;
  #itemsOf: unknown = null;
  #items: GalleryItem[] = [];
  /** Focus the active tile after the next render (the arrow keys moved it). */
  #focusAfterUpdate = false;

  /** Reading older messages for more files. */
  @state() private collecting = false;
  /** Stopped before the start of the chat: after a run of pages, or an error (offline). */
  @state() private stopped: 'pages' | 'error' | null = null;
  /** The tile that takes focus (roving tabindex). */
  @state() private active = 0;

  /** The conversation whose files to show. */
  @property({ attribute: 'conversation-id' }) conversationId?: string;

  /** Labels that replace the translated ones for this element only. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('conversationId')) this.active = 0;
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const id = this.conversationId;
    const client = this.activeClient;
    if (id && client && (this.#collected?.id !== id || this.#collected.client !== client)) {
      this.#collected = { id, client };
      // After this update, not during it.
      void Promise.resolve().then(() => this.#collect(client, id));
    }
    if (this.#focusAfterUpdate) {
      this.#focusAfterUpdate = false;
      this.#tiles()[this.active]?.focus();
    }
  }

  /**
   * Shows what the cache holds at once, then reads older messages (from the cache while it has
   * them, then from the server) until the start of the chat, an error, or a run of pages.
   */
  async #collect(client: MessagesClient, id: string): Promise<void> {
    this.stopped = null;
    this.collecting = true;
    try {
      await client.openConversation(id);
      for (let page = 0; ; page++) {
        if (this.#collected?.id !== id || this.#collected.client !== client) return;
        const before = client.getState().threads[id];
        if (!before || before.status === 'error' || before.error) {
          this.stopped = 'error';
          return;
        }
        if (before.olderCursor === null) return;
        if (page >= PAGES_PER_RUN) {
          this.stopped = 'pages';
          return;
        }
        await client.loadOlder(id);
        const after = client.getState().threads[id];
        if (!after || after.error || after.olderCursor === before.olderCursor) {
          this.stopped = 'error';
          return;
        }
      }
    } catch {
      // The client reported the failed read (sms-error); the panel shows it stopped, with a retry.
      this.stopped = 'error';
    } finally {
      if (this.#collected?.id === id) this.collecting = false;
    }
  }

  #more(): void {
    const client = this.activeClient;
    const id = this.conversationId;
    if (client && id && !this.collecting) void this.#collect(client, id);
  }

  /** The files, newest first. */
  get #files(): GalleryItem[] {
    const thread = this.conversationId ? this.#thread.value : undefined;
    const messages = thread?.messages;
    if (messages !== this.#itemsOf) {
      this.#itemsOf = messages;
      this.#items = galleryItems(thread).reverse();
    }
    return this.#items;
  }

  #tiles(): HTMLButtonElement[] {
    return [...(this.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part="tile"]') ?? [])];
  }

  /** Tiles per row, as laid out now. */
  #columns(): number {
    const tiles = this.#tiles();
    const top = tiles[0]?.offsetTop;
    const n = tiles.findIndex((t) => t.offsetTop !== top);
    return n === -1 ? Math.max(1, tiles.length) : Math.max(1, n);
  }

  #handleKeydown(event: KeyboardEvent): void {
    const count = this.#files.length;
    if (!count) return;
    const rtl = this.#locale.dir === 'rtl';
    const columns = this.#columns();
    const steps: Record<string, number> = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      ArrowDown: columns,
      ArrowUp: -columns,
    };
    const at = Math.min(this.active, count - 1);
    let next: number;
    if (event.key in steps) next = at + steps[event.key]!;
    else if (event.key === 'Home') next = event.ctrlKey ? 0 : this.active - (this.active % columns);
    else if (event.key === 'End')
      next = event.ctrlKey
        ? count - 1
        : Math.min(count - 1, this.active - (this.active % columns) + columns - 1);
    else if (event.key === 'PageDown') next = this.active + columns * 3;
    else if (event.key === 'PageUp') next = this.active - columns * 3;
    else return;
    event.preventDefault();
    next = Math.max(0, Math.min(count - 1, next));
    if (next === at) return;
    this.active = next;
    this.#focusAfterUpdate = true;
  }

  #open(item: GalleryItem, index: number): void {
    this.active = index;
    this.dispatchEvent(
      new SmsMediaOpenEvent({
        conversationId: item.message.conversationId,
        messageId: item.message.id,
        attachmentId: item.attachment.id,
      }),
    );
  }

  override render(): TemplateResult {
    const t = this.#locale;
    const files = this.#files;
    const thread = this.conversationId ? this.#thread.value : undefined;
    const loading =
      !thread || thread.status === 'idle' || (thread.status === 'loading' && !thread.messages.length);
    return html`<section class="view" aria-labelledby="title">
      <header>
        <h2 id="title">${t.t('mediaAndFiles')}</h2>
        ${files.length ? html`<p class="count">${t.t('mediaFilesCount', files.length)}</p>` : nothing}
      </header>
      ${
        files.length
          ? html`<ul class="grid" part="grid" @keydown=${this.#handleKeydown}>
              ${files.map((item, i) => this.#renderTile(item, i, Math.min(this.active, files.length - 1)))}
            </ul>`
          : loading || this.collecting
            ? nothing
            : html`<p class="empty" part="empty">${t.t('noMediaFiles')}</p>`
      }
      <div class="status" role="status">
        ${
          loading
            ? html`<span class="spinner" aria-hidden="true"></span>${t.t('loadingMediaFiles')}`
            : this.collecting
              ? html`<span class="spinner" aria-hidden="true"></span>${t.t('loadingOlderFiles')}`
              : this.stopped === 'error'
                ? t.t('mediaFilesPartial')
                : nothing
        }
      </div>
      ${
        this.stopped && !this.collecting
          ? html`<button class="more" type="button" @click=${this.#more}>${t.t('loadOlderFiles')}</button>`
          : nothing
      }
    </section>`;
  }

  #renderTile(item: GalleryItem, index: number, active: number): TemplateResult {
    const t = this.#locale;
    const { attachment: a, message: m } = item;
    const conversation = this.#conversation.value;
    const from =
      m.direction === 'outbound'
        ? t.t('you')
        : conversation
          ? participantName(conversation, m.from, (n) => t.phone(n, this.#account.value?.country))
          : t.phone(m.from, this.#account.value?.country);
    const label = t.t('openMediaFile', a.name, from, t.dateTime(m.createdAt));
    const kind = previewKind(a);
    const type = typeof a.type === 'string' ? a.type.toLowerCase() : '';
    const video = kind === 'video' || type.startsWith('video/');
    return html`<li>
      <button
        part="tile"
        class="tile"
        type="button"
        tabindex=${index === active ? '0' : '-1'}
        aria-label=${label}
        title=${a.name}
        @click=${() => this.#open(item, index)}
        @focus=${() => (this.active = index)}
      >
        ${
          kind === 'image'
            ? html`<img src=${a.thumbnailUrl || a.url} alt="" loading="lazy" decoding="async" />`
            : html`<span class="badge" aria-hidden="true" data-badge=${video ? '▶' : fileBadge(a)}></span>
                <bdi class="name">${a.name}</bdi>`
        }
      </button>
    </li>`;
  }
}

import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { SmsMediaCloseEvent } from '../../events/media-close-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { styleProps } from '../../internal/style-props.js';
import { participantName } from '../../internal/names.js';
import type { Conversation } from '../../model/conversation.js';
import type { ThreadState } from '../../store/state.js';
import { sniffBytes } from '../../rules/file-type.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { downloadAttachment } from './download.js';
import { fileBadge, galleryItems, isLoadableUrl, normalizeType, previewKind } from './gallery-items.js';
import type { GalleryItem, PreviewKind } from './gallery-items.js';
import { styles } from './media-viewer.styles.js';
import { SwipeTracker } from './swipe.js';

/** What {@link SmsMediaViewer.open} takes. */
export interface MediaViewerOpenOptions {
  readonly conversationId: string;
  /** The file to show first. */
  readonly attachmentId: string;
  /** The message of that file, when attachment ids may repeat across messages. */
  readonly messageId?: string;
  /**
   * The element to give focus back to on close (default: the focused element). When the
   * focused element is inside it (in its shadow tree too), focus goes back to that one.
   */
  readonly opener?: Element | null;
}

/** Thumbnails at each end of the strip whose click loads more files. */
const EDGE_THUMBNAILS = 4;
/** Most pages read in one go while looking for more files. */
const MAX_PAGES = 20;
const MAX_ZOOM = 4;

/** Known sizes of a file, measured when it loaded. */
interface Measured {
  readonly width?: number;
  readonly height?: number;
  readonly duration?: number;
}

/** The verified PDF of the current item. */
interface PdfPreview {
  readonly key: string;
  readonly status: 'checking' | 'ready' | 'card';
  readonly url?: string;
}

const ICON_CLOSE = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;
const ICON_INFO = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
  <path d="M12 11v6M12 7.5v.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;
const ICON_DOWNLOAD = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <path
    d="M12 4v11M7 10l5 5 5-5M5 19h14"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  />
</svg>`;
const ICON_ZOOM_IN = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <circle cx="11" cy="11" r="6" fill="none" stroke="currentColor" stroke-width="2" />
  <path
    d="M16 16l4 4M8.5 11h5M11 8.5v5"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
  />
</svg>`;
const ICON_ZOOM_OUT = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <circle cx="11" cy="11" r="6" fill="none" stroke="currentColor" stroke-width="2" />
  <path d="M16 16l4 4M8.5 11h5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;
/** Points to the inline start; mirrored in RTL by CSS. */
const ICON_PREVIOUS = html`<svg
  class="directional"
  viewBox="0 0 24 24"
  width="28"
  height="28"
  aria-hidden="true"
>
  <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
</svg>`;
const ICON_NEXT = html`<svg class="directional" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
  <path d="M9 5l7 7-7 7" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
</svg>`;
const ICON_CHEVRON = html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
  <path d="M6 15l6-6 6 6" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
</svg>`;
const ICON_PLAY = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path d="M8 5v14l11-7z" fill="currentColor" />
</svg>`;
const ICON_AUDIO = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path d="M9 18V6l10-2v12" fill="none" stroke="currentColor" stroke-width="2" />
  <circle cx="6.5" cy="18" r="2.5" fill="currentColor" />
  <circle cx="16.5" cy="16" r="2.5" fill="currentColor" />
</svg>`;

/** The deepest focused element, through open shadow roots. */
function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Where focus goes back to on close: the focused element when it is `opener` or inside it
 * (an event's first target may be the host of the button that was really clicked), else
 * `opener`; the focused element when there is no opener.
 */
function returnFocusTo(opener: Element | null | undefined): Element | null {
  const active = deepActiveElement();
  if (!opener) return active;
  for (
    let node: Node | null = active;
    node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)
  ) {
    if (node === opener) return active;
  }
  return opener;
}

/** "1:05" from seconds. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The media gallery of a conversation: every attachment of the chat, oldest first, in a modal
 * dialog. Images (JPEG, PNG, GIF, WebP) are fitted and can be zoomed (button, double-click,
 * Ctrl + wheel) and panned; video and audio play with native controls; a PDF is shown in the
 * browser's PDF viewer once its bytes are verified; any other file — and always SVG, HTML or
 * other active content, whatever type it claims — is a card with its name, type, size and a
 * download button.
 *
 * Move between files with the strip of thumbnails, the on-screen arrows, the left/right arrow
 * keys (in reading order) or by swiping. Clicking one of the 4 first (or last) thumbnails, or
 * scrolling the strip to its start (or end), loads older (or newer) files; files received while
 * the viewer is open join the strip. Hide or show the strip with its small arrow, `f`, or
 * ArrowDown / ArrowUp. The `i` button shows the details of the file. Esc closes and returns
 * focus to the element that opened the viewer.
 *
 * @summary The conversation's media gallery.
 * @tag sms-media-viewer
 *
 * @csspart dialog - The modal dialog.
 * @csspart toolbar - The top bar: counter, file name and buttons.
 * @csspart counter - The "3 of 12" counter.
 * @csspart file-name - The name of the file on screen.
 * @csspart zoom-button - Zooms an image in and out.
 * @csspart details-button - The 'i' button.
 * @csspart download-button - Downloads the file on screen.
 * @csspart close-button - Closes the viewer.
 * @csspart stage - The area the file is shown in (swipe here).
 * @csspart image - The image on screen.
 * @csspart video - The video on screen.
 * @csspart audio - The audio player.
 * @csspart pdf - The frame of the PDF viewer.
 * @csspart card - The card shown for files without a preview.
 * @csspart previous-button - The on-screen arrow to the previous file.
 * @csspart next-button - The on-screen arrow to the next file.
 * @csspart details - The details panel.
 * @csspart strip-toggle - The small arrow that hides and shows the strip.
 * @csspart strip - The strip of thumbnails.
 * @csspart thumbnail - One thumbnail button of the strip.
 *
 * @cssprop [--sms-media-viewer-background=rgb(0 0 0 / 0.92)] - Background of the viewer.
 * @cssprop [--sms-media-viewer-color=#f3f4f6] - Text and icon color on that background.
 * @cssprop [--sms-media-viewer-thumbnail-size=56px] - Size of a thumbnail.
 *
 * @fires {SmsMediaCloseEvent} sms-media-close - The user closed the viewer (not fired by `close()`).
 */
export class SmsMediaViewer extends SmsClientElement {
  static override tagName = 'sms-media-viewer';
  static override styles = [tokens, controlReset, styles];

  readonly #locale = new LocaleController(this);
  readonly #thread = new ObserveController(this, () =>
    this.conversationId ? this.activeClient?.thread$(this.conversationId) : undefined,
  );
  readonly #conversation = new ObserveController(this, () =>
    this.conversationId ? this.activeClient?.conversation$(this.conversationId) : undefined,
  );
  readonly #account = new ObserveController(this, () => this.activeClient?.account$);
  readonly #swipe = new SwipeTracker();
  #opener: Element | null = null;
  #itemsOf: readonly unknown[] | undefined;
  #items: GalleryItem[] = [];
  #lastIndex = 0;
  #messageId: string | undefined;
  #loaded = new Set<string>();
  #failed = new Set<string>();
  #measured = new Map<string, Measured>();
  #pan: { pointerId: number; x: number; y: number } | null = null;
  #fitted: { width: number; height: number } | null = null;
  #loadingMore = false;
  #focusStripAfterMove = false;
  #pdfAbort: AbortController | null = null;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.strip') private strip?: HTMLElement;
  @query('.close') private closeButton?: HTMLButtonElement;
  @query('.zoom-box') private zoomBox?: HTMLElement;

  /** The key of the file on screen. */
  @state() private currentKey: string | null = null;
  @state() private zoom = 1;
  @state() private loadingMore: 'older' | 'newer' | null = null;
  @state() private downloadError = '';
  @state() private pdf: PdfPreview | null = null;

  /** Whether the viewer is showing. Set it (or the `open` attribute) to open or close it. */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) opened = false;

  /** The conversation whose files are shown. */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId?: string;

  /** The id of the file on screen; follows the user as they move. */
  @property({ attribute: 'attachment-id', reflect: true }) attachmentId?: string;

  /** Whether the strip of thumbnails is hidden; the user toggles it with its small arrow, `f`, ↓ and ↑. */
  @property({ type: Boolean, reflect: true, attribute: 'strip-hidden' }) stripHidden = false;

  /** Whether the details of the file (the 'i' button) are showing. */
  @property({ type: Boolean, reflect: true, attribute: 'details-open' }) detailsOpen = false;

  /** Labels that replace the translated ones for this element only. */
  @property({ attribute: false }) labels?: Partial<Translation>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#releasePdf();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (this.opened && this.conversationId && client) {
      const thread = this.#threadState;
      if (!thread || thread.status === 'idle')
        void client.openConversation(this.conversationId).catch(() => undefined);
    }
    this.#syncItems();
    this.#findRequested();
    const current = this.#current;
    if (current && current.attachment.id !== this.attachmentId) this.attachmentId = current.attachment.id;
    if (current && previewKind(current.attachment) === 'pdf' && this.pdf?.key !== current.key)
      this.#checkPdf(current);
    if ((!current || previewKind(current.attachment) !== 'pdf') && this.pdf) this.#releasePdf();
  }

  override updated(changed: PropertyValues<this>): void {
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.opened && !dialog.open) {
      dialog.showModal();
      this.closeButton?.focus();
      this.#scrollCurrentIntoView();
    } else if (!this.opened && dialog.open) {
      dialog.close();
    }
    if (changed.has('currentKey' as keyof SmsMediaViewer) && this.opened) {
      this.#scrollCurrentIntoView();
      if (this.#focusStripAfterMove) {
        this.#focusStripAfterMove = false;
        this.strip?.querySelector<HTMLElement>('[aria-current="true"]')?.focus();
      }
    }
  }

  /** Recomputes the gallery when the thread changes, keeping the file on screen. */
  #syncItems(): void {
    const messages = this.#threadState?.messages;
    if (messages !== this.#itemsOf) {
      this.#itemsOf = messages;
      this.#items = galleryItems(this.#threadState);
    }
    const items = this.#items;
    if (!items.length) return;
    let index = this.currentKey ? items.findIndex((i) => i.key === this.currentKey) : -1;
    if (index === -1 && this.attachmentId) {
      const id = this.attachmentId;
      index = items.findIndex(
        (i) => i.attachment.id === id && (!this.#messageId || i.message.id === this.#messageId),
      );
      if (index === -1) index = items.findIndex((i) => i.attachment.id === id);
    }
    if (index === -1 && this.currentKey) index = Math.min(this.#lastIndex, items.length - 1);
    if (index === -1) return;
    this.#lastIndex = index;
    if (items[index]!.key !== this.currentKey) this.currentKey = items[index]!.key;
  }

  /**
   * The file asked for is not in the loaded window: read older pages until it is, or, at the
   * start of the chat, show the newest file.
   */
  #findRequested(): void {
    const thread = this.#threadState;
    if (!this.opened || this.currentKey || !this.attachmentId || thread?.status !== 'ready') return;
    if (thread.olderCursor !== null) {
      if (!this.#loadingMore && !thread.error) void this.#loadMore('older');
    } else if (this.#items.length) {
      this.currentKey = this.#items[this.#items.length - 1]!.key;
    }
  }

  /** The thread of `conversationId` (the controller's value is always the current id's). */
  get #threadState(): ThreadState | undefined {
    return this.conversationId ? this.#thread.value : undefined;
  }

  get #conversationState(): Conversation | undefined {
    return this.conversationId ? this.#conversation.value : undefined;
  }

  get #index(): number {
    return this.currentKey ? this.#items.findIndex((i) => i.key === this.currentKey) : -1;
  }

  get #current(): GalleryItem | undefined {
    return this.#items[this.#index];
  }

  get #rtl(): boolean {
    return this.#locale.dir === 'rtl';
  }

  // ── handlers ──────────────────────────────────────────────────────

  #handleKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    const target = event.composedPath()[0];
    const inMedia = target instanceof HTMLMediaElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#closeByUser();
      return;
    }
    if (event.key === 'Tab') {
      this.#trapFocus(event);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const inStrip = target instanceof Element && target.classList.contains('thumb');
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowRight': {
        if (inMedia) return;
        event.preventDefault();
        const forward = (event.key === 'ArrowRight') !== this.#rtl;
        this.#focusStripAfterMove = inStrip;
        void this.#step(forward ? 1 : -1);
        return;
      }
      case 'ArrowUp':
      case 'ArrowDown':
        if (inMedia) return;
        event.preventDefault();
        this.#setStripHidden(event.key === 'ArrowDown');
        return;
      case 'f':
      case 'F':
        event.preventDefault();
        this.#setStripHidden(!this.stripHidden);
        return;
      case 'Home':
      case 'End':
        if (!inStrip || !this.#items.length) return;
        event.preventDefault();
        this.#focusStripAfterMove = true;
        this.#select(event.key === 'Home' ? 0 : this.#items.length - 1);
        return;
    }
  }

  /** Native close (e.g. the browser's own Esc handling): keep the property in step. */
  #handleDialogClose(): void {
    if (this.opened) this.#closeByUser();
  }

  #handleCancel(event: Event): void {
    event.preventDefault();
    this.#closeByUser();
  }

  #handleStripScroll(): void {
    const strip = this.strip;
    if (!strip || strip.scrollWidth <= strip.clientWidth + 1) return;
    const start = Math.abs(strip.scrollLeft);
    const end = strip.scrollWidth - strip.clientWidth - start;
    if (start <= 2) void this.#loadMore('older');
    else if (end <= 2) void this.#loadMore('newer');
  }

  #handlePointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const target = event.composedPath()[0];
    if (target instanceof Element && target.closest('button, iframe')) return;
    if (target instanceof HTMLMediaElement && event.pointerType === 'mouse') return;
    if (this.zoom > 1 && this.zoomBox) {
      this.#pan = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    } else {
      this.#swipe.start(event);
    }
    try {
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
    } catch {
      // A synthetic or already-released pointer cannot be captured; tracking still works.
    }
  }

  #handlePointerMove(event: PointerEvent): void {
    const pan = this.#pan;
    if (pan && pan.pointerId === event.pointerId && this.zoomBox) {
      this.zoomBox.scrollLeft -= event.clientX - pan.x;
      this.zoomBox.scrollTop -= event.clientY - pan.y;
      this.#pan = { ...pan, x: event.clientX, y: event.clientY };
      return;
    }
    this.#swipe.move(event);
  }

  #handlePointerUp(event: PointerEvent): void {
    if (this.#pan?.pointerId === event.pointerId) {
      this.#pan = null;
      return;
    }
    const direction = this.#swipe.end(event);
    if (!direction) return;
    // Content pushed to the left brings in what follows in a left-to-right reading order.
    const forward = (direction === 'left') !== this.#rtl;
    void this.#step(forward ? 1 : -1);
  }

  #handlePointerCancel(): void {
    this.#swipe.cancel();
    this.#pan = null;
  }

  #handleWheel(event: WheelEvent): void {
    if (!event.ctrlKey || this.#currentKind !== 'image') return;
    event.preventDefault();
    const next = Math.min(MAX_ZOOM, Math.max(1, this.zoom * (event.deltaY < 0 ? 1.25 : 0.8)));
    this.#setZoom(Math.abs(next - 1) < 0.05 ? 1 : next);
  }

  #handleImageLoad(key: string, event: Event): void {
    const img = event.target as HTMLImageElement;
    this.#loaded.add(key);
    this.#measured.set(key, { width: img.naturalWidth, height: img.naturalHeight });
    this.requestUpdate();
  }

  #handleMediaError(key: string): void {
    this.#failed.add(key);
    this.zoom = 1;
    this.requestUpdate();
  }

  #handleMediaMetadata(key: string, event: Event): void {
    const media = event.target as HTMLMediaElement;
    const video = media instanceof HTMLVideoElement ? media : null;
    this.#loaded.add(key);
    this.#measured.set(key, {
      ...(video && video.videoWidth ? { width: video.videoWidth, height: video.videoHeight } : {}),
      ...(Number.isFinite(media.duration) ? { duration: media.duration } : {}),
    });
    this.requestUpdate();
  }

  // ── intents ───────────────────────────────────────────────────────

  get #currentKind(): PreviewKind | null {
    const current = this.#current;
    if (!current) return null;
    if (this.#failed.has(current.key)) return 'card';
    return previewKind(current.attachment);
  }

  /** Shows the file at `index`; near either end of the strip, looks for more files. */
  #select(index: number): void {
    const item = this.#items[index];
    if (!item) return;
    this.#lastIndex = index;
    if (item.key !== this.currentKey) {
      this.currentKey = item.key;
      this.attachmentId = item.attachment.id;
      this.zoom = 1;
      this.downloadError = '';
    }
    if (index < EDGE_THUMBNAILS) void this.#loadMore('older');
    else if (index >= this.#items.length - EDGE_THUMBNAILS) void this.#loadMore('newer');
  }

  /** One file forward (`1`) or back (`-1`) in the chat's order, loading more at either end. */
  async #step(delta: 1 | -1): Promise<void> {
    const index = this.#index;
    if (index === -1) return;
    const target = this.#items[index + delta];
    if (target) {
      this.#select(index + delta);
      return;
    }
    const key = this.currentKey;
    await this.#loadMore(delta === 1 ? 'newer' : 'older');
    const now = this.#items.findIndex((i) => i.key === key);
    if (now !== -1 && this.#items[now + delta]) this.#select(now + delta);
  }

  /**
   * Reads older (or newer) pages of the thread until a new file appears or there is nothing
   * more to read. One search at a time.
   */
  async #loadMore(direction: 'older' | 'newer'): Promise<void> {
    const client = this.activeClient;
    const id = this.conversationId;
    if (!client || !id || this.#loadingMore) return;
    const before = this.#items.length;
    const more = () => {
      const t = this.#threadState;
      return !!t && t.status === 'ready' && (direction === 'older' ? t.olderCursor !== null : t.hasNewer);
    };
    if (!more()) return;
    // Older thumbnails go in before the ones on screen: keep those where they are.
    const strip = this.strip;
    const fromEnd = strip ? strip.scrollWidth - Math.abs(strip.scrollLeft) : 0;
    this.#loadingMore = true;
    this.loadingMore = direction;
    try {
      for (let page = 0; page < MAX_PAGES && more(); page++) {
        const t = this.#threadState!;
        await (direction === 'older' ? client.loadOlder(id) : client.loadNewer(id));
        const after = this.#threadState;
        if (galleryItems(after).length > before) break;
        // No progress (an error, or a page that changed nothing): stop rather than spin.
        if (!after || after.error || after === t) break;
        if (direction === 'older' ? after.olderCursor === t.olderCursor : after.newerCursor === t.newerCursor)
          break;
      }
    } catch {
      // The thread shows the error; the viewer keeps what it has.
    } finally {
      this.#loadingMore = false;
      this.loadingMore = null;
    }
    if (direction !== 'older' || !strip) return;
    await this.updateComplete;
    if (this.#items.length > before && strip.isConnected) {
      strip.scrollLeft = (this.#rtl ? -1 : 1) * Math.max(0, strip.scrollWidth - fromEnd);
    }
  }

  #setStripHidden(hidden: boolean): void {
    if (hidden === this.stripHidden) return;
    const focusInStrip = !!this.strip && this.strip.contains(this.shadowRoot?.activeElement ?? null);
    this.stripHidden = hidden;
    if (hidden && focusInStrip) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('.strip-toggle')?.focus(),
      );
    }
  }

  #setZoom(zoom: number): void {
    if (zoom > 1 && this.zoom === 1) {
      const img = this.renderRoot.querySelector<HTMLImageElement>('.zoom-box img');
      const box = img?.getBoundingClientRect();
      this.#fitted = box && box.width ? { width: box.width, height: box.height } : null;
    }
    const previous = this.zoom;
    this.zoom = zoom;
    // Keep the middle of the view in the middle.
    void this.updateComplete.then(() => {
      const z = this.zoomBox;
      if (!z || previous === zoom) return;
      const ratio = zoom / previous;
      z.scrollLeft = (z.scrollLeft + z.clientWidth / 2) * ratio - z.clientWidth / 2;
      z.scrollTop = (z.scrollTop + z.clientHeight / 2) * ratio - z.clientHeight / 2;
    });
  }

  #toggleZoom(): void {
    this.#setZoom(this.zoom > 1 ? 1 : 2);
  }

  async #download(): Promise<void> {
    const current = this.#current;
    if (!current) return;
    this.downloadError = '';
    try {
      await downloadAttachment(current.attachment);
    } catch {
      this.downloadError = this.#locale.t('viewerDownloadFailed');
    }
  }

  /**
   * A PDF is previewed only when its bytes start with `%PDF-` and the browser has a PDF
   * viewer: the frame then gets an object URL of a Blob typed `application/pdf` made here from
   * those bytes, so the browser hands it to its PDF viewer (a separate origin and process)
   * and never to the HTML parser, whatever the server's type. Otherwise: the card.
   */
  #checkPdf(item: GalleryItem): void {
    this.#releasePdf();
    const viewer = (navigator as Navigator & { pdfViewerEnabled?: boolean }).pdfViewerEnabled === true;
    if (!viewer) {
      this.pdf = { key: item.key, status: 'card' };
      return;
    }
    this.pdf = { key: item.key, status: 'checking' };
    const abort = new AbortController();
    this.#pdfAbort = abort;
    void (async () => {
      try {
        const response = await fetch(item.attachment.url, {
          signal: abort.signal,
          credentials: 'same-origin',
        });
        if (!response.ok) throw new Error(String(response.status));
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (abort.signal.aborted) return;
        if (sniffBytes(bytes.subarray(0, 4100), 'file.pdf')?.kind !== 'pdf') throw new Error('not a PDF');
        const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
        this.pdf = { key: item.key, status: 'ready', url };
      } catch {
        if (!abort.signal.aborted) this.pdf = { key: item.key, status: 'card' };
      }
    })();
  }

  #releasePdf(): void {
    this.#pdfAbort?.abort();
    this.#pdfAbort = null;
    if (this.pdf?.url) URL.revokeObjectURL(this.pdf.url);
    this.pdf = null;
  }

  #closeByUser(): void {
    const wasOpen = this.opened;
    this.close();
    if (wasOpen && this.conversationId) {
      this.dispatchEvent(
        new SmsMediaCloseEvent({
          conversationId: this.conversationId,
          attachmentId: this.attachmentId ?? null,
        }),
      );
    }
  }

  /** Tab and Shift+Tab cycle inside the dialog (the browser would leave for its own UI). */
  #trapFocus(event: KeyboardEvent): void {
    const focusable = this.#focusable();
    if (!focusable.length) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    const active = this.shadowRoot?.activeElement ?? null;
    if (event.shiftKey && (active === first || !active || !focusable.includes(active as HTMLElement))) {
      event.preventDefault();
      last.focus();
    } else if (
      !event.shiftKey &&
      (active === last || !active || !focusable.includes(active as HTMLElement))
    ) {
      event.preventDefault();
      first.focus();
    }
  }

  #focusable(): HTMLElement[] {
    const dialog = this.dialog;
    if (!dialog) return [];
    return [
      ...dialog.querySelectorAll<HTMLElement>('button, video, audio, iframe, a[href], [tabindex]'),
    ].filter(
      (el) =>
        !(el as HTMLButtonElement).disabled &&
        (el.tabIndex >= 0 || el instanceof HTMLMediaElement || el instanceof HTMLIFrameElement) &&
        el.getAttribute('tabindex') !== '-1' &&
        (typeof el.checkVisibility !== 'function' || el.checkVisibility()),
    );
  }

  #scrollCurrentIntoView(): void {
    const thumb = this.strip?.querySelector<HTMLElement>('[aria-current="true"]');
    thumb?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  // ── public API ────────────────────────────────────────────────────

  /**
   * Opens the viewer on one file of a conversation (the conversation's thread is loaded if it
   * is not yet). Focus goes back to `opener` (default: the element focused now) on close.
   */
  open(options: MediaViewerOpenOptions): void {
    this.#opener = returnFocusTo(options.opener);
    this.conversationId = options.conversationId;
    this.attachmentId = options.attachmentId;
    this.#messageId = options.messageId;
    this.currentKey = null;
    this.zoom = 1;
    this.downloadError = '';
    this.opened = true;
  }

  /** Closes the viewer and gives focus back to the element that opened it. */
  close(): void {
    if (!this.opened) return;
    this.opened = false;
    this.#swipe.cancel();
    this.#releasePdf();
    if (this.dialog?.open) this.dialog.close();
    const opener = this.#opener;
    this.#opener = null;
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  }

  /** Shows the next file in the chat's order (loading newer files at the end). */
  next(): Promise<void> {
    return this.#step(1);
  }

  /** Shows the previous file in the chat's order (loading older files at the start). */
  previous(): Promise<void> {
    return this.#step(-1);
  }

  // ── rendering ─────────────────────────────────────────────────────

  override render(): TemplateResult {
    const items = this.#items;
    const index = this.#index;
    const current = this.#current;
    const t = this.#locale;
    const thread = this.#threadState;
    const hasPrevious = index > 0 || (index === 0 && !!thread && thread.olderCursor !== null);
    const hasNext = (index !== -1 && index < items.length - 1) || (index !== -1 && !!thread?.hasNewer);
    const kind = this.#currentKind;
    return html`<dialog
      part="dialog"
      aria-label=${t.t('viewerTitle')}
      dir=${t.dir}
      @keydown=${this.#handleKeydown}
      @cancel=${this.#handleCancel}
      @close=${this.#handleDialogClose}
    >
      <div class="frame">
        <header class="toolbar" part="toolbar">
          <p class="counter" part="counter" aria-live="polite" aria-atomic="true">
            ${current ? t.t('viewerPosition', index + 1, items.length) : nothing}
          </p>
          <p class="file-name" part="file-name" dir="auto">${current?.attachment.name ?? ''}</p>
          <div class="actions">
            ${
              kind === 'image'
                ? html`<button
                    class="icon zoom"
                    part="zoom-button"
                    aria-label=${this.zoom > 1 ? t.t('viewerZoomOut') : t.t('viewerZoomIn')}
                    title=${this.zoom > 1 ? t.t('viewerZoomOut') : t.t('viewerZoomIn')}
                    @click=${this.#toggleZoom}
                  >
                    ${this.zoom > 1 ? ICON_ZOOM_OUT : ICON_ZOOM_IN}
                  </button>`
                : nothing
            }
            <button
              class="icon details-toggle"
              part="details-button"
              aria-label=${t.t('viewerDetails')}
              title=${t.t('viewerDetails')}
              aria-expanded=${this.detailsOpen ? 'true' : 'false'}
              aria-controls="details"
              ?disabled=${!current}
              @click=${() => (this.detailsOpen = !this.detailsOpen)}
            >
              ${ICON_INFO}
            </button>
            <button
              class="icon download"
              part="download-button"
              aria-label=${t.t('download')}
              title=${t.t('download')}
              ?disabled=${!current}
              @click=${() => void this.#download()}
            >
              ${ICON_DOWNLOAD}
            </button>
            <button
              class="icon close"
              part="close-button"
              aria-label=${t.t('close')}
              title=${t.t('close')}
              @click=${this.#closeByUser}
            >
              ${ICON_CLOSE}
            </button>
          </div>
        </header>
        ${this.downloadError ? html`<p class="error" role="alert">${this.downloadError}</p>` : nothing}
        <div class="body">
          <div
            class=${classMap({ stage: true, zoomed: this.zoom > 1 })}
            part="stage"
            aria-busy=${current && kind !== 'card' && !this.#loaded.has(current.key) ? 'true' : 'false'}
            @pointerdown=${this.#handlePointerDown}
            @pointermove=${this.#handlePointerMove}
            @pointerup=${this.#handlePointerUp}
            @pointercancel=${this.#handlePointerCancel}
            @wheel=${this.#handleWheel}
          >
            ${this.#renderStage(current, kind)}
            <button
              class="nav previous"
              part="previous-button"
              aria-label=${t.t('viewerPrevious')}
              title=${t.t('viewerPrevious')}
              aria-disabled=${hasPrevious ? 'false' : 'true'}
              @click=${() => void this.#step(-1)}
            >
              ${ICON_PREVIOUS}
            </button>
            <button
              class="nav next"
              part="next-button"
              aria-label=${t.t('viewerNext')}
              title=${t.t('viewerNext')}
              aria-disabled=${hasNext ? 'false' : 'true'}
              @click=${() => void this.#step(1)}
            >
              ${ICON_NEXT}
            </button>
          </div>
          ${this.#renderDetails(current)}
        </div>
        ${this.#renderGallery(items, index)}
      </div>
    </dialog>`;
  }

  #renderStage(current: GalleryItem | undefined, kind: PreviewKind | null): TemplateResult {
    const t = this.#locale;
    const thread = this.#threadState;
    if (!current) {
      if (thread?.error && !this.loadingMore) {
        return html`<p class="status" role="alert">${t.t('viewerFailed')}</p>`;
      }
      const loading = this.opened && (!thread || thread.status !== 'ready' || this.#items.length > 0);
      return html`<p class="status" role="status">${loading ? t.t('loading') : t.t('viewerEmpty')}</p>`;
    }
    const { attachment, key } = current;
    const loaded = this.#loaded.has(key);
    const spinner = loaded ? nothing : html`<p class="status overlay" role="status">${t.t('loading')}</p>`;
    switch (kind) {
      case 'image': {
        const zoomed = this.zoom > 1 && this.#fitted;
        const size = zoomed
          ? { width: `${this.#fitted!.width * this.zoom}px`, height: `${this.#fitted!.height * this.zoom}px` }
          : {};
        return html`<div class="zoom-box" @dblclick=${this.#toggleZoom}>
            ${keyed(
              key,
              html`<img
                part="image"
                class=${loaded ? 'loaded' : ''}
                src=${attachment.url}
                alt=${attachment.name}
                width=${ifDefined(attachment.width)}
                height=${ifDefined(attachment.height)}
                draggable="false"
                decoding="async"
                style=${styleProps(size)}
                @load=${(e: Event) => this.#handleImageLoad(key, e)}
                @error=${() => this.#handleMediaError(key)}
              />`,
            )}
          </div>
          ${spinner}`;
      }
      case 'video':
        return html`${keyed(
          key,
          html`<video
            part="video"
            src=${attachment.url}
            controls
            preload="metadata"
            playsinline
            aria-label=${attachment.name}
            width=${ifDefined(attachment.width)}
            height=${ifDefined(attachment.height)}
            @loadedmetadata=${(e: Event) => this.#handleMediaMetadata(key, e)}
            @error=${() => this.#handleMediaError(key)}
          ></video>`,
        )}
        ${spinner}`;
      case 'audio':
        return html`<div class="card audio-card">
          <span class="badge" aria-hidden="true">${ICON_AUDIO}</span>
          <p class="card-name" dir="auto">${attachment.name}</p>
          ${keyed(
            key,
            html`<audio
              part="audio"
              src=${attachment.url}
              controls
              preload="metadata"
              aria-label=${attachment.name}
              @loadedmetadata=${(e: Event) => this.#handleMediaMetadata(key, e)}
              @error=${() => this.#handleMediaError(key)}
            ></audio>`,
          )}
        </div>`;
      case 'pdf':
        if (this.pdf?.key === key && this.pdf.status === 'ready' && this.pdf.url) {
          return html`<iframe part="pdf" class="pdf" src=${this.pdf.url} title=${attachment.name}></iframe>`;
        }
        if (this.pdf?.key === key && this.pdf.status === 'card') return this.#renderCard(current);
        return html`<p class="status" role="status">${t.t('loading')}</p>`;
      default:
        return this.#renderCard(current);
    }
  }

  #renderCard(item: GalleryItem): TemplateResult {
    const t = this.#locale;
    const { attachment } = item;
    const type = normalizeType(attachment.type) || t.t('viewerUnknownType');
    return html`<div class="card" part="card">
      <span class="badge" aria-hidden="true">${fileBadge(attachment)}</span>
      <p class="card-name" dir="auto">${attachment.name}</p>
      <p class="card-meta"><span>${type}</span> · <span>${t.bytes(attachment.size)}</span></p>
      <p class="card-note">${t.t('viewerNoPreview')}</p>
      <button class="card-download" @click=${() => void this.#download()}>
        ${ICON_DOWNLOAD}<span>${t.t('download')}</span>
      </button>
    </div>`;
  }

  #renderDetails(item: GalleryItem | undefined): TemplateResult {
    const t = this.#locale;
    if (!item) return html`<aside id="details" class="details" part="details" hidden></aside>`;
    const { attachment, message } = item;
    const measured = this.#measured.get(item.key) ?? {};
    const width = attachment.width ?? measured.width;
    const height = attachment.height ?? measured.height;
    const duration = attachment.duration ?? measured.duration;
    const conversation = this.#conversationState;
    const country = this.#account.value?.country;
    const sender =
      message.direction === 'outbound'
        ? t.t('viewerYou')
        : conversation
          ? participantName(conversation, message.from, (n) => t.phone(n, country))
          : t.phone(message.from, country);
    return html`<aside
      id="details"
      class="details"
      part="details"
      aria-label=${t.t('viewerDetails')}
      ?hidden=${!this.detailsOpen}
    >
      <dl>
        <div>
          <dt>${t.t('viewerName')}</dt>
          <dd dir="auto">${attachment.name}</dd>
        </div>
        <div>
          <dt>${t.t('viewerType')}</dt>
          <dd>${normalizeType(attachment.type) || t.t('viewerUnknownType')}</dd>
        </div>
        <div>
          <dt>${t.t('viewerSize')}</dt>
          <dd>${t.bytes(attachment.size)}</dd>
        </div>
        ${
          width && height
            ? html`<div>
                <dt>${t.t('viewerDimensions')}</dt>
                <dd>${t.t('viewerDimensionsValue', width, height)}</dd>
              </div>`
            : nothing
        }
        ${
          duration
            ? html`<div>
                <dt>${t.t('viewerDuration')}</dt>
                <dd>${clock(duration)}</dd>
              </div>`
            : nothing
        }
        <div>
          <dt>${t.t('viewerSentBy')}</dt>
          <dd dir="auto">${sender}</dd>
        </div>
        <div>
          <dt>${t.t('viewerSentAt')}</dt>
          <dd>
            <time datetime=${new Date(message.createdAt).toISOString()}
              >${t.dateTime(message.createdAt)}</time
            >
          </dd>
        </div>
      </dl>
    </aside>`;
  }

  #renderGallery(items: GalleryItem[], index: number): TemplateResult {
    const t = this.#locale;
    return html`<div class=${classMap({ gallery: true, collapsed: this.stripHidden })}>
      <button
        class="strip-toggle"
        part="strip-toggle"
        aria-label=${t.t('viewerGallery')}
        title=${t.t('viewerGallery')}
        aria-expanded=${this.stripHidden ? 'false' : 'true'}
        aria-controls="strip"
        @click=${() => this.#setStripHidden(!this.stripHidden)}
      >
        ${ICON_CHEVRON}
      </button>
      <div
        id="strip"
        class="strip"
        part="strip"
        role="toolbar"
        aria-label=${t.t('viewerGallery')}
        aria-orientation="horizontal"
        aria-busy=${this.loadingMore ? 'true' : 'false'}
        ?hidden=${this.stripHidden}
        @scroll=${this.#handleStripScroll}
      >
        ${this.loadingMore === 'older' ? this.#renderStripLoading() : nothing}
        ${repeat(
          items,
          (item) => item.key,
          (item, i) => this.#renderThumbnail(item, i, i === index, index === -1 && i === 0),
        )}
        ${this.loadingMore === 'newer' ? this.#renderStripLoading() : nothing}
      </div>
    </div>`;
  }

  #renderStripLoading(): TemplateResult {
    return html`<span class="strip-loading" role="status">${this.#locale.t('viewerLoadingMore')}</span>`;
  }

  #renderThumbnail(item: GalleryItem, i: number, current: boolean, fallbackStop: boolean): TemplateResult {
    const { attachment } = item;
    const kind = this.#failed.has(item.key) ? 'card' : previewKind(attachment);
    const thumb =
      kind === 'image' && attachment.thumbnailUrl && isLoadableUrl(attachment.thumbnailUrl)
        ? attachment.thumbnailUrl
        : attachment.url;
    return html`<button
      class="thumb"
      part="thumbnail"
      tabindex=${current || fallbackStop ? '0' : '-1'}
      aria-current=${current ? 'true' : 'false'}
      aria-label=${attachment.name}
      title=${attachment.name}
      data-index=${i}
      @click=${() => this.#select(i)}
    >
      ${
        kind === 'image'
          ? html`<img
              src=${thumb}
              alt=""
              loading="lazy"
              draggable="false"
              @error=${() => this.#handleMediaError(item.key)}
            />`
          : kind === 'video'
            ? html`<span class="thumb-icon" aria-hidden="true">${ICON_PLAY}</span>`
            : kind === 'audio'
              ? html`<span class="thumb-icon" aria-hidden="true">${ICON_AUDIO}</span>`
              : html`<span class="thumb-badge" aria-hidden="true">${fileBadge(attachment)}</span>`
      }
    </button>`;
  }
}

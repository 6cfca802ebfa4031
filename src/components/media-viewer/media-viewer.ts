import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { ObserveController } from '../../controllers/observe-controller.js';
import { ZoomPanController } from '../../controllers/zoom-pan-controller.js';
import { SmsMediaCloseEvent } from '../../events/media-close-event.js';
import type { Translation } from '../../i18n/translation.js';
import { SmsClientElement } from '../../internal/client-element.js';
import { dispatchFailure } from '../../internal/failure.js';
import { FocusTrap } from '../../internal/focus-trap.js';
import { reported } from '../../internal/reported.js';
import { previewKind } from '../../rules/media-preview.js';
import type { PreviewKind } from '../../rules/media-preview.js';
import type { ThreadState } from '../../store/state.js';
import { controlReset, tokens } from '../../styles/tokens.js';
import { downloadAttachment } from './download.js';
import { GalleryPagingController } from './gallery-paging-controller.js';
import { LoadedFiles, renderDetails, senderOf } from './media-details.js';
import { renderNav, renderStage, stageStatus } from './media-stage.js';
import { renderToolbar } from './media-toolbar.js';
import { renderStrip } from './media-strip.js';
import { styles } from './media-viewer.styles.js';
import { PdfPreviewController } from './pdf-preview.js';
import { StageGestures } from './stage-gestures.js';

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
 * @fires {SmsErrorEvent} sms-error - A file could not be downloaded (the viewer says so too).
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
  readonly #gallery = new GalleryPagingController(this, {
    client: () => this.activeClient,
    conversationId: () => this.conversationId,
    thread: () => this.#threadState,
    strip: () => this.strip,
    rtl: () => this.#rtl,
    moved: (item) => {
      this.attachmentId = item.attachment.id;
      this.#zoom.reset();
      this.downloadError = '';
    },
  });
  readonly #zoom = new ZoomPanController(this, {
    box: () => this.zoomBox,
    content: () => this.renderRoot.querySelector<HTMLElement>('.zoom-box img'),
  });
  readonly #pdf = new PdfPreviewController(this, () => {
    const current = this.#gallery.current;
    return this.opened && current && this.#currentKind === 'pdf'
      ? [current.key, current.attachment.url]
      : [undefined, undefined];
  });
  readonly #focusTrap = new FocusTrap(this, () => this.dialog);
  readonly #gestures = new StageGestures({
    zoom: this.#zoom,
    rtl: () => this.#rtl,
    isImage: () => this.#currentKind === 'image',
    step: (by) => void this.#gallery.step(by),
  });
  readonly #files = new LoadedFiles();
  #shownKey: string | null = null;
  #focusStripAfterMove = false;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.strip') private strip?: HTMLElement;
  @query('.close') private closeButton?: HTMLButtonElement;
  @query('.zoom-box') private zoomBox?: HTMLElement;

  @state() private downloadError = '';

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

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (this.opened && this.conversationId && client) {
      const thread = this.#threadState;
      if (!thread || thread.status === 'idle')
        void client.openConversation(this.conversationId).catch(reported);
    }
    this.#gallery.sync(this.attachmentId, this.opened);
    const current = this.#gallery.current;
    if (current && current.attachment.id !== this.attachmentId) this.attachmentId = current.attachment.id;
  }

  override updated(): void {
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.opened && !dialog.open) {
      dialog.showModal();
      this.closeButton?.focus();
      this.#scrollCurrentIntoView();
    } else if (!this.opened && dialog.open) {
      dialog.close();
    }
    const key = this.#gallery.currentKey;
    if (key !== this.#shownKey) {
      this.#shownKey = key;
      if (!this.opened) return;
      this.#scrollCurrentIntoView();
      if (this.#focusStripAfterMove) {
        this.#focusStripAfterMove = false;
        this.strip?.querySelector<HTMLElement>('[aria-current="true"]')?.focus();
      }
    }
  }

  /** The thread of `conversationId` (the controller's value is always the current id's). */
  get #threadState(): ThreadState | undefined {
    return this.conversationId ? this.#thread.value : undefined;
  }

  get #rtl(): boolean {
    return this.#locale.dir === 'rtl';
  }

  get #currentKind(): PreviewKind | null {
    const current = this.#gallery.current;
    if (!current) return null;
    if (this.#files.failed.has(current.key)) return 'card';
    return previewKind(current.attachment);
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
      this.#focusTrap.handleTab(event);
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
        void this.#gallery.step(forward ? 1 : -1);
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
      case 'End': {
        const count = this.#gallery.items.length;
        if (!inStrip || !count) return;
        event.preventDefault();
        this.#focusStripAfterMove = true;
        this.#gallery.select(event.key === 'Home' ? 0 : count - 1);
        return;
      }
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
    if (start <= 2) void this.#gallery.loadMore('older');
    else if (end <= 2) void this.#gallery.loadMore('newer');
  }

  #handleMediaError(key: string): void {
    this.#files.fail(key);
    this.#zoom.reset();
    this.requestUpdate();
  }

  // ── intents ───────────────────────────────────────────────────────

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

  async #download(): Promise<void> {
    const current = this.#gallery.current;
    if (!current) return;
    this.downloadError = '';
    try {
      await downloadAttachment(current.attachment);
    } catch (error) {
      this.downloadError = this.#locale.t('viewerDownloadFailed');
      dispatchFailure(this, 'download', error);
    }
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
    this.#focusTrap.capture(options.opener);
    this.conversationId = options.conversationId;
    this.attachmentId = options.attachmentId;
    this.#gallery.reset(options.messageId);
    this.#zoom.reset();
    this.downloadError = '';
    this.opened = true;
  }

  /** Closes the viewer and gives focus back to the element that opened it. */
  close(): void {
    if (!this.opened) return;
    this.opened = false;
    this.#gestures.cancel();
    if (this.dialog?.open) this.dialog.close();
    this.#focusTrap.release();
  }

  /** Shows the next file in the chat's order (loading newer files at the end). */
  next(): Promise<void> {
    return this.#gallery.step(1);
  }

  /** Shows the previous file in the chat's order (loading older files at the start). */
  previous(): Promise<void> {
    return this.#gallery.step(-1);
  }

  // ── rendering ─────────────────────────────────────────────────────

  override render(): TemplateResult {
    const gallery = this.#gallery;
    const { items, index, current } = gallery;
    const t = this.#locale;
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
        ${renderToolbar(t, {
          current,
          position: index + 1,
          count: items.length,
          zoom: kind === 'image' ? (this.#zoom.zoomed ? 'out' : 'in') : null,
          detailsOpen: this.detailsOpen,
          toggleZoom: () => this.#zoom.toggle(),
          toggleDetails: () => (this.detailsOpen = !this.detailsOpen),
          download: () => void this.#download(),
          close: () => this.#closeByUser(),
        })}
        ${this.downloadError ? html`<p class="error" role="alert">${this.downloadError}</p>` : nothing}
        <div class="body">
          <div
            class=${classMap({ stage: true, zoomed: this.#zoom.zoomed })}
            part="stage"
            aria-busy=${current && kind !== 'card' && !this.#files.loaded.has(current.key) ? 'true' : 'false'}
            @pointerdown=${this.#gestures.pointerDown}
            @pointermove=${this.#gestures.pointerMove}
            @pointerup=${this.#gestures.pointerUp}
            @pointercancel=${this.#gestures.pointerCancel}
            @wheel=${this.#gestures.wheel}
          >
            ${renderStage(t, current, {
              kind,
              ready: !!current && this.#files.loaded.has(current.key),
              status: stageStatus(this.#threadState, this.opened, this.#gallery),
              imageSize: this.#zoom.contentSize,
              pdf: current && kind === 'pdf' ? this.#pdf.stateOf(current.key) : { status: 'checking' },
              toggleZoom: () => this.#zoom.toggle(),
              loaded: (key, e) => {
                this.#files.measure(key, e.target as HTMLImageElement | HTMLMediaElement);
                this.requestUpdate();
              },
              mediaError: (key) => this.#handleMediaError(key),
              download: () => void this.#download(),
            })}
            ${renderNav(t, 'previous', gallery.hasPrevious, () => void gallery.step(-1))}
            ${renderNav(t, 'next', gallery.hasNext, () => void gallery.step(1))}
          </div>
          ${renderDetails(t, current, {
            open: this.detailsOpen,
            measured: (current && this.#files.measured.get(current.key)) ?? {},
            sender: current
              ? senderOf(
                  t,
                  current,
                  this.conversationId ? this.#conversation.value : undefined,
                  this.#account.value?.country,
                )
              : '',
          })}
        </div>
        ${renderStrip(t, {
          items,
          index,
          hidden: this.stripHidden,
          loadingMore: gallery.loadingMore,
          failed: this.#files.failed,
          toggle: () => this.#setStripHidden(!this.stripHidden),
          scrolled: () => this.#handleStripScroll(),
          select: (i) => gallery.select(i),
          mediaError: (key) => this.#handleMediaError(key),
        })}
      </div>
    </dialog>`;
  }
}

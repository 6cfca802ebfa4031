import type { ReactiveControllerHost } from 'lit';
import type { MessagesClient } from '../../store/client.js';
import type { ThreadState } from '../../store/state.js';
import { galleryItems } from './gallery-items.js';
import type { GalleryItem } from './gallery-items.js';

/** Thumbnails at each end of the strip whose choice loads more files. */
const EDGE_THUMBNAILS = 4;
/** Most pages read in one go while looking for more files. */
const MAX_PAGES = 20;

/** What {@link GalleryPagingController} reads from its element. */
export interface GalleryPagingOptions {
  /** The client that reads more pages. */
  readonly client: () => Pick<MessagesClient, 'loadOlder' | 'loadNewer'> | undefined;
  /** The conversation shown. */
  readonly conversationId: () => string | undefined;
  /** Its loaded thread. */
  readonly thread: () => ThreadState | undefined;
  /** The strip of thumbnails, whose scroll position is kept when older ones come in before. */
  readonly strip: () => HTMLElement | null | undefined;
  /** Whether the strip runs right to left (its `scrollLeft` is then negative). */
  readonly rtl: () => boolean;
  /** The user moved to another file (not called when the gallery follows the thread). */
  readonly moved: (item: GalleryItem) => void;
}

/**
 * The files of one conversation as a gallery that pages through the thread: the list of
 * {@link GalleryItem}s kept in step with the loaded messages, the file on screen (kept when files
 * come in before or after it), moving one file at a time or to any file, and reading older or
 * newer pages of the thread, one search at a time, until a new file appears. It has no work of
 * its own at connect or disconnect: the element calls {@link GalleryPagingController.sync} before
 * each render and the intent methods on user input; changes request an update of the host.
 */
export class GalleryPagingController {
  readonly #host: ReactiveControllerHost;
  readonly #options: GalleryPagingOptions;
  #itemsOf: readonly unknown[] | undefined;
  #items: GalleryItem[] = [];
  #currentKey: string | null = null;
  #lastIndex = 0;
  #messageId: string | undefined;
  #searching = false;
  #loadingMore: 'older' | 'newer' | null = null;

  constructor(host: ReactiveControllerHost, options: GalleryPagingOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Every file of the loaded thread, oldest first. */
  get items(): readonly GalleryItem[] {
    return this.#items;
  }

  /** The key of the file on screen, or `null` before it is found. */
  get currentKey(): string | null {
    return this.#currentKey;
  }

  /** The index of the file on screen in {@link items}, or -1. */
  get index(): number {
    const key = this.#currentKey;
    return key ? this.#items.findIndex((i) => i.key === key) : -1;
  }

  get current(): GalleryItem | undefined {
    return this.#items[this.index];
  }

  /** Which way more files are being read, if any. */
  get loadingMore(): 'older' | 'newer' | null {
    return this.#loadingMore;
  }

  /** Whether there is a file before the one on screen (loaded or still on the server). */
  get hasPrevious(): boolean {
    const index = this.index;
    const thread = this.#options.thread();
    return index > 0 || (index === 0 && !!thread && thread.olderCursor !== null);
  }

  /** Whether there is a file after the one on screen (loaded or still on the server). */
  get hasNext(): boolean {
    const index = this.index;
    return index !== -1 && (index < this.#items.length - 1 || !!this.#options.thread()?.hasNewer);
  }

  /** Starts over: the file to find is `messageId`'s (when attachment ids may repeat), once known. */
  reset(messageId: string | undefined): void {
    this.#messageId = messageId;
    this.#setCurrent(null);
  }

  /**
   * Brings the gallery in step with the thread (call before each render): recomputes the files
   * when the messages changed, keeps the file on screen, or finds `attachmentId` — reading older
   * pages while it is not loaded (when `searching`), or showing the newest file at the start
   * of the chat.
   */
  sync(attachmentId: string | undefined, searching: boolean): void {
    const thread = this.#options.thread();
    const messages = thread?.messages;
    if (messages !== this.#itemsOf) {
      this.#itemsOf = messages;
      this.#items = galleryItems(thread);
    }
    const items = this.#items;
    if (items.length) {
      let index = this.index;
      if (index === -1 && attachmentId) {
        index = items.findIndex(
          (i) => i.attachment.id === attachmentId && (!this.#messageId || i.message.id === this.#messageId),
        );
        if (index === -1) index = items.findIndex((i) => i.attachment.id === attachmentId);
      }
      if (index === -1 && this.#currentKey) index = Math.min(this.#lastIndex, items.length - 1);
      if (index !== -1) {
        this.#lastIndex = index;
        this.#setCurrent(items[index]!.key);
      }
    }
    if (!searching || this.#currentKey || !attachmentId || thread?.status !== 'ready') return;
    if (thread.olderCursor !== null) {
      if (!this.#searching && !thread.error) void this.loadMore('older');
    } else if (items.length) {
      this.#setCurrent(items[items.length - 1]!.key);
    }
  }

  /** Shows the file at `index`; near either end of the strip, looks for more files. */
  select(index: number): void {
    const item = this.#items[index];
    if (!item) return;
    this.#lastIndex = index;
    if (item.key !== this.#currentKey) {
      this.#setCurrent(item.key);
      this.#options.moved(item);
    }
    if (index < EDGE_THUMBNAILS) void this.loadMore('older');
    else if (index >= this.#items.length - EDGE_THUMBNAILS) void this.loadMore('newer');
  }

  /** One file forward (`1`) or back (`-1`) in the chat's order, loading more at either end. */
  async step(delta: 1 | -1): Promise<void> {
    const index = this.index;
    if (index === -1) return;
    if (this.#items[index + delta]) {
      this.select(index + delta);
      return;
    }
    const key = this.#currentKey;
    await this.loadMore(delta === 1 ? 'newer' : 'older');
    const now = this.#items.findIndex((i) => i.key === key);
    if (now !== -1 && this.#items[now + delta]) this.select(now + delta);
  }

  /**
   * Reads older (or newer) pages of the thread until a new file appears or there is nothing
   * more to read. One search at a time.
   */
  async loadMore(direction: 'older' | 'newer'): Promise<void> {
    const client = this.#options.client();
    const id = this.#options.conversationId();
    if (!client || !id || this.#searching) return;
    const before = this.#items.length;
    const more = () => {
      const t = this.#options.thread();
      return !!t && t.status === 'ready' && (direction === 'older' ? t.olderCursor !== null : t.hasNewer);
    };
    if (!more()) return;
    // Older thumbnails go in before the ones on screen: keep those where they are.
    const strip = this.#options.strip();
    const fromEnd = strip ? strip.scrollWidth - Math.abs(strip.scrollLeft) : 0;
    this.#searching = true;
    this.#setLoadingMore(direction);
    try {
      for (let page = 0; page < MAX_PAGES && more(); page++) {
        const t = this.#options.thread()!;
        await (direction === 'older' ? client.loadOlder(id) : client.loadNewer(id));
        const after = this.#options.thread();
        if (galleryItems(after).length > before) break;
        // No progress (an error, or a page that changed nothing): stop rather than spin.
        if (!after || after.error || after === t) break;
        if (direction === 'older' ? after.olderCursor === t.olderCursor : after.newerCursor === t.newerCursor)
          break;
      }
    } catch {
      // The thread shows the error; the viewer keeps what it has.
    } finally {
      this.#searching = false;
      this.#setLoadingMore(null);
    }
    if (direction !== 'older' || !strip) return;
    await this.#host.updateComplete;
    if (this.#items.length > before && strip.isConnected) {
      strip.scrollLeft = (this.#options.rtl() ? -1 : 1) * Math.max(0, strip.scrollWidth - fromEnd);
    }
  }

  #setCurrent(key: string | null): void {
    if (key === this.#currentKey) return;
    this.#currentKey = key;
    this.#host.requestUpdate();
  }

  #setLoadingMore(direction: 'older' | 'newer' | null): void {
    if (direction === this.#loadingMore) return;
    this.#loadingMore = direction;
    this.#host.requestUpdate();
  }
}

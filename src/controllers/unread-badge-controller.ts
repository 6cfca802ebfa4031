import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Options = {
  /** Prefix `document.title` with the count. */
  readonly title: () => boolean;
  /** Draw a dot on the page's favicon. */
  readonly favicon: () => boolean;
  /** The prefix for a count, e.g. "(3)". */
  readonly prefix: (count: number) => string;
};

const DOT_COLOR = '#f26b1d';

/**
 * Shows the total of unread messages on the browser tab, as the reference product's "orange dot
 * on the browser tab": `(3) Portal` in the title and a dot on the favicon. Opt-in; restores
 * the page's own title and icon when the count drops to 0 or the host disconnects.
 */
export class UnreadBadgeController implements ReactiveController {
  readonly #options: Options;
  #count = 0;
  #baseTitle: string | null = null;
  #appliedTitle: string | null = null;
  #icon: HTMLLinkElement | null = null;
  #originalIcon: string | null = null;
  #createdIcon = false;
  #drawTurn = 0;

  constructor(host: ReactiveControllerHost, options: Options) {
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.set(0);
  }

  /** Updates the badges to `count`. */
  set(count: number): void {
    this.#count = count;
    this.#applyTitle();
    void this.#applyFavicon();
  }

  #applyTitle(): void {
    if (typeof document === 'undefined') return;
    // Someone else changed the title since we did: that is the new base.
    if (this.#appliedTitle !== null && document.title !== this.#appliedTitle) this.#baseTitle = null;
    if (this.#baseTitle === null) this.#baseTitle = document.title;
    const show = this.#options.title() && this.#count > 0;
    const next = show ? `${this.#options.prefix(this.#count)} ${this.#baseTitle}` : this.#baseTitle;
    if (document.title !== next) document.title = next;
    // Read back: the browser strips and collapses whitespace ("(3) " for an empty title is "(3)").
    this.#appliedTitle = show ? document.title : null;
    if (!show) this.#baseTitle = null;
  }

  async #applyFavicon(): Promise<void> {
    if (typeof document === 'undefined') return;
    const turn = ++this.#drawTurn;
    const show = this.#options.favicon() && this.#count > 0;
    if (!show) {
      this.#restoreIcon();
      return;
    }
    if (!this.#icon) {
      let link = document.head.querySelector<HTMLLinkElement>('link[rel~="icon"]');
      this.#createdIcon = !link;
      if (!link) {
        link = document.createElement('link');
        link.rel = 'icon';
        document.head.append(link);
      }
      this.#icon = link;
      this.#originalIcon = link.getAttribute('href');
    }
    const url = await drawDot(this.#originalIcon);
    if (turn !== this.#drawTurn || !this.#icon) return;
    this.#icon.href = url;
    this.#icon.dataset['smsUnread'] = String(this.#count);
  }

  #restoreIcon(): void {
    const icon = this.#icon;
    if (!icon) return;
    if (this.#createdIcon) icon.remove();
    else if (this.#originalIcon !== null) icon.setAttribute('href', this.#originalIcon);
    delete icon.dataset['smsUnread'];
    this.#icon = null;
  }
}

/** The icon at `href` (if it can be drawn) with an orange dot in its top corner, as a PNG data URL. */
async function drawDot(href: string | null): Promise<string> {
  const size = 32;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return href ?? '';
  if (href) {
    try {
      const img = new Image();
      img.crossOrigin = 'anonymous';
      img.src = href;
      await img.decode();
      ctx.drawImage(img, 0, 0, size, size);
    } catch {
      // A cross-origin or broken icon: the dot alone still says "unread".
    }
  }
  ctx.beginPath();
  ctx.arc(size - 8, 8, 7, 0, Math.PI * 2);
  ctx.fillStyle = DOT_COLOR;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  try {
    return canvas.toDataURL('image/png');
  } catch {
    return href ?? '';
  }
}

import type { ReactiveControllerHost } from 'lit';
import { parseSmsLink } from '../rules/sms-link.js';
import type { SmsLink } from '../rules/sms-link.js';
import { SyncedController } from './synced-controller.js';

/** The link schemes `captureLinks` can take over. */
export type CapturedScheme = 'sms' | 'tel';

/**
 * Reads a `captureLinks` value: absent or `null` captures nothing; `""` (the bare attribute),
 * `true` or `"sms"` captures `sms:` links; `"sms tel"` (or `"sms,tel"`) `tel:` links too.
 */
export function capturedSchemes(value: unknown): ReadonlySet<CapturedScheme> {
  if (value === undefined || value === null || value === false) return new Set();
  const words = String(value)
    .toLowerCase()
    .split(/[\s,]+/u)
    .filter((w) => w && w !== 'true');
  if (!words.length) return new Set(['sms']);
  return new Set(words.filter((w): w is CapturedScheme => w === 'sms' || w === 'tel'));
}

interface LinkCaptureOptions {
  /** The schemes to take over now. */
  readonly schemes: () => ReadonlySet<CapturedScheme>;
  /**
   * Takes over the link: return `false` to leave the click to the browser (a number that cannot
   * be read, no client yet). Called during the click, so it must decide synchronously.
   */
  readonly open: (link: SmsLink, anchor: Element) => boolean;
}

/**
 * Click-to-text: listens to clicks anywhere in the document and opens the composer for `sms:`
 * (and, if asked, `tel:`) links. A click the page already handled (`preventDefault()`), a
 * click with a modifier key or another button, and a link the app cannot read are left alone.
 */
export class LinkCaptureController extends SyncedController {
  readonly #options: LinkCaptureOptions;
  #listening = false;

  readonly #onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const schemes = this.#options.schemes();
    if (!schemes.size) return;
    const anchor = event
      .composedPath()
      .find(
        (n): n is HTMLAnchorElement | HTMLAreaElement =>
          (n instanceof HTMLAnchorElement || n instanceof HTMLAreaElement) && n.hasAttribute('href'),
      );
    if (!anchor) return;
    const link = parseSmsLink(anchor.getAttribute('href') ?? '');
    if (!link || !schemes.has(link.scheme)) return;
    if (this.#options.open(link, anchor)) event.preventDefault();
  };

  constructor(host: ReactiveControllerHost, options: LinkCaptureOptions) {
    super();
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.#listening) document.removeEventListener('click', this.#onClick);
    this.#listening = false;
  }

  /** Listens only while something is to be captured. */
  protected sync(): void {
    const want = this.#options.schemes().size > 0;
    if (want === this.#listening) return;
    this.#listening = want;
    // The bubble phase at the document: the page's own handlers on the link run first.
    if (want) document.addEventListener('click', this.#onClick);
    else document.removeEventListener('click', this.#onClick);
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sniffBytes } from '../../rules/file-type.js';

/** The PDF to check: its gallery key and URL, or nothing when no PDF is on screen. */
export type PdfSource = readonly [key: string | undefined, url: string | undefined];

/** What the viewer shows for the PDF of a key. */
export type PdfPreviewState =
  | { readonly status: 'checking' }
  | { readonly status: 'ready'; readonly url: string }
  | { readonly status: 'card' };

/**
 * The PDF check of the file on screen: a PDF is previewed only when its bytes start with `%PDF-`
 * and the browser has a PDF viewer. The frame then gets an object URL of a Blob typed
 * `application/pdf` made here from those bytes, so the browser hands it to its PDF viewer (a
 * separate origin and process) and never to the HTML parser, whatever the server's type.
 * Otherwise: the card. A new key or URL from `source` (read before each update) starts a new
 * check and aborts the one under way; each object URL is revoked when another file is shown,
 * when no PDF is, and on disconnect (a reconnected element checks again). See decision 0010 for
 * why this is not a `@lit/task` `Task`.
 */
export class PdfPreviewController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #source: () => PdfSource;
  #checked: PdfSource = [undefined, undefined];
  #state: { readonly key: string; readonly preview: PdfPreviewState } | null = null;
  #abort: AbortController | null = null;

  constructor(host: ReactiveControllerHost, source: () => PdfSource) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#source()[0] !== undefined) this.#host.requestUpdate();
  }

  hostUpdate(): void {
    const source = this.#source();
    if (source[0] === this.#checked[0] && source[1] === this.#checked[1]) return;
    this.#checked = source;
    this.#release();
    const [key, url] = source;
    if (key !== undefined && url !== undefined) void this.#check(key, url);
  }

  hostDisconnected(): void {
    this.#release();
    this.#checked = [undefined, undefined];
  }

  /** What to show for the PDF of `key`. */
  stateOf(key: string): PdfPreviewState {
    return this.#state?.key === key ? this.#state.preview : { status: 'checking' };
  }

  async #check(key: string, url: string): Promise<void> {
    const viewer = (navigator as Navigator & { pdfViewerEnabled?: boolean }).pdfViewerEnabled === true;
    if (!viewer) {
      this.#state = { key, preview: { status: 'card' } };
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    let preview: PdfPreviewState;
    try {
      const response = await fetch(url, { signal: abort.signal, credentials: 'same-origin' });
      if (!response.ok) throw new Error(String(response.status));
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (abort.signal.aborted) return;
      if (sniffBytes(bytes.subarray(0, 4100), 'file.pdf')?.kind !== 'pdf') throw new Error('not a PDF');
      preview = { status: 'ready', url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })) };
    } catch {
      // Not fetched or not a PDF: shown as a card with its download, never as a frame.
      if (abort.signal.aborted) return;
      preview = { status: 'card' };
    }
    this.#abort = null;
    this.#state = { key, preview };
    this.#host.requestUpdate();
  }

  /** Aborts the check under way and revokes the object URL shown. */
  #release(): void {
    this.#abort?.abort();
    this.#abort = null;
    if (this.#state?.preview.status === 'ready') URL.revokeObjectURL(this.#state.preview.url);
    this.#state = null;
  }
}

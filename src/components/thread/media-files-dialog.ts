import { css, html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { LocaleController } from '../../controllers/locale-controller.js';
import type { Translation } from '../../i18n/translation.js';
import { loadFeature, loadedFeature } from '../../features/load.js';

const ICON_CLOSE = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;

/** What the thread gives the "Media & files" dialog. */
export interface MediaFilesDialogOptions {
  readonly conversationId: string;
  readonly title: string;
  readonly closeLabel: string;
  readonly labels: Partial<Translation> | undefined;
  readonly onClose: () => void;
  /** Until "Media & files" has loaded (decision 0027): what to say instead of it. */
  readonly loading?: {
    readonly failed: boolean;
    readonly text: string;
    readonly retry: string;
    readonly onRetry: () => void;
  };
}

/**
 * The thread's "Media & files" dialog (from its "⋯" menu): a modal with `<sms-media-files>`.
 * A file chosen there opens the media viewer above it (`sms-media-open`, answered by
 * `<sms-messages>`); Esc or the close button closes it.
 */
export function renderMediaFilesDialog(options: MediaFilesDialogOptions): TemplateResult {
  return html`<dialog
    class="media-files-dialog"
    part="media-files"
    aria-label=${options.title}
    ${ref((el) => {
      // Modal once it is in the document (the ref runs before the first render is inserted).
      if (el instanceof HTMLDialogElement)
        queueMicrotask(() => {
          if (el.isConnected && !el.open) el.showModal();
        });
    })}
    @cancel=${(e: Event) => {
      e.preventDefault();
      options.onClose();
    }}
  >
    <button
      class="icon-button media-files-close"
      type="button"
      aria-label=${options.closeLabel}
      @click=${options.onClose}
    >
      ${ICON_CLOSE}
    </button>
    ${
      options.loading
        ? html`<p class="media-files-loading" role=${options.loading.failed ? 'alert' : 'status'}>
            ${options.loading.text}
            ${
              options.loading.failed
                ? html`<button type="button" @click=${options.loading.onRetry}>
                    ${options.loading.retry}
                  </button>`
                : nothing
            }
          </p>`
        : html`<sms-media-files
            conversation-id=${options.conversationId}
            .labels=${options.labels}
          ></sms-media-files>`
    }
  </dialog>`;
}

/** Whether "Media & files" is open; focus goes back to the header's "⋯" button when it closes. */
export class MediaFilesDialog {
  readonly #host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };
  readonly #locale: LocaleController;
  readonly #labels: () => Partial<Translation> | undefined;
  readonly #conversationId: () => string | null;
  #open = false;
  #returnFocus: HTMLElement | null = null;
  /** Whether loading "Media & files" failed (its file could not be fetched). */
  #failed = false;

  /**
   * @param labels - The thread's label overrides.
   * @param conversationId - The conversation shown.
   */
  constructor(
    host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    locale: LocaleController,
    labels: () => Partial<Translation> | undefined,
    conversationId: () => string | null,
  ) {
    this.#host = host;
    this.#locale = locale;
    this.#labels = labels;
    this.#conversationId = conversationId;
  }

  /** Opens the dialog (chosen in the header's "⋯" menu). */
  show(): void {
    this.#returnFocus = this.#host.renderRoot.querySelector<HTMLElement>('header [aria-haspopup="menu"]');
    this.#open = true;
    this.#load();
    this.#host.requestUpdate();
  }

  /** Loads "Media & files" with the media viewer when it has not arrived yet (decision 0027). */
  #load(): void {
    if (loadedFeature('media')) return;
    this.#failed = false;
    loadFeature('media').then(
      () => this.#host.requestUpdate(),
      () => {
        this.#failed = true;
        this.#host.requestUpdate();
      },
    );
  }

  render(): TemplateResult | typeof nothing {
    const id = this.#conversationId();
    if (!this.#open || !id) return nothing;
    return renderMediaFilesDialog({
      conversationId: id,
      title: this.#locale.t('mediaAndFiles'),
      closeLabel: this.#locale.t('closeMediaAndFiles'),
      labels: this.#labels(),
      onClose: () => this.#close(),
      ...(loadedFeature('media')
        ? {}
        : {
            loading: {
              failed: this.#failed,
              text: this.#locale.t(this.#failed ? 'featureFailed' : 'featureLoading'),
              retry: this.#locale.t('tryAgain'),
              onRetry: () => {
                this.#load();
                this.#host.requestUpdate();
              },
            },
          }),
    });
  }

  #close(): void {
    this.#open = false;
    this.#host.requestUpdate();
    // Once the modal dialog is gone: nothing outside it takes focus while it is open.
    const back = this.#returnFocus;
    void this.#host.updateComplete.then(() => back?.focus());
  }
}

/** Styles of the dialog (added to the thread's). */
export const mediaFilesDialogStyles = css`
  dialog.media-files-dialog {
    inline-size: min(44rem, calc(100vw - 2rem));
    max-inline-size: none;
    max-block-size: calc(100vh - 4rem);
    overflow: auto;
  }
  .media-files-close {
    float: inline-end;
  }
  .media-files-loading {
    margin: var(--_sms-space-l);
  }
  .media-files-loading button {
    text-decoration: underline;
  }
`;

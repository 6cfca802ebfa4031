/**
 * The thread's "Delete" confirmations: one message ("Yes" / "No"), or the whole chat (only once
 * "I understand" is checked). A modal `<dialog>`; focus goes back to the button that opened it.
 * A failed delete keeps the dialog open with the error in it.
 */
import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import type { Message } from '../../model/message.js';
import type { MessagesClient } from '../../store/client.js';

/** What is to be deleted. */
export type DeleteRequest =
  { readonly kind: 'message'; readonly message: Message } | { readonly kind: 'chat' };

/** What the dialog reads from the thread. */
export interface DeleteDialogHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** The delete confirmation's state and template. */
export class DeleteDialog implements ReactiveController {
  readonly #host: DeleteDialogHost;
  readonly #locale: LocaleController;
  readonly #client: () => MessagesClient | undefined;
  readonly #conversationId: () => string | null;
  #request: DeleteRequest | null = null;
  #understood = false;
  #error = '';
  #returnFocus: HTMLElement | null = null;

  /**
   * @param client - The thread's client.
   * @param conversationId - The conversation shown.
   */
  constructor(
    host: DeleteDialogHost,
    locale: LocaleController,
    client: () => MessagesClient | undefined,
    conversationId: () => string | null,
  ) {
    this.#host = host;
    this.#locale = locale;
    this.#client = client;
    this.#conversationId = conversationId;
    host.addController(this);
  }

  hostUpdated(): void {
    const dialog = this.#dialog;
    if (this.#request && dialog && !dialog.open) dialog.showModal();
  }

  /** Asks to confirm; `opener` gets focus back when the dialog closes. */
  ask(request: DeleteRequest, opener: EventTarget | null): void {
    this.#understood = false;
    this.#error = '';
    this.#returnFocus = opener instanceof HTMLElement ? opener : null;
    this.#request = request;
    this.#host.requestUpdate();
  }

  /** The dialog while a delete is asked for. */
  render(): TemplateResult | typeof nothing {
    const request = this.#request;
    if (!request) return nothing;
    const t = this.#locale.t.bind(this.#locale);
    const chat = request.kind === 'chat';
    return html`<dialog
      aria-labelledby="confirm-title"
      @cancel=${(e: Event) => (e.preventDefault(), this.#close())}
    >
      <h2 id="confirm-title">${t(chat ? 'deleteChatTitle' : 'deleteMessageTitle')}</h2>
      <p>${t(chat ? 'deleteChatBody' : 'deleteMessageBody')}</p>
      ${
        chat
          ? html`<label class="check"
              ><input
                type="checkbox"
                .checked=${this.#understood}
                @change=${(e: Event) => {
                  this.#understood = (e.target as HTMLInputElement).checked;
                  this.#host.requestUpdate();
                }}
              />
              ${t('iUnderstand')}</label
            >`
          : nothing
      }
      ${this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${() => this.#close()}>${t(chat ? 'cancel' : 'no')}</button>
        <button
          class="danger"
          type="button"
          ?disabled=${chat && !this.#understood}
          @click=${() => void this.#confirm()}
        >
          ${t(chat ? 'delete' : 'yes')}
        </button>
      </div>
    </dialog>`;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  #close(): void {
    this.#dialog?.close();
    this.#request = null;
    this.#host.requestUpdate();
    this.#returnFocus?.focus();
  }

  async #confirm(): Promise<void> {
    const request = this.#request;
    const client = this.#client();
    const id = this.#conversationId();
    if (!request || !client || !id) return;
    try {
      if (request.kind === 'message') await client.deleteMessage(id, request.message.id);
      else await client.deleteConversation(id);
      this.#dialog?.close();
      this.#request = null;
    } catch {
      this.#error = this.#locale.t(request.kind === 'message' ? 'deleteMessageFailed' : 'deleteChatFailed');
    }
    this.#host.requestUpdate();
  }
}

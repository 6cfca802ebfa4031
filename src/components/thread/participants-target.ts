/**
 * The chat a thread shows when it is given people rather than a chat (`<sms-thread
 * participants="…">` in a CRM sidebar): found or made through the client, and when that fails,
 * why, with "Retry".
 */
import { html } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { dispatchFailure } from '../../internal/failure.js';
import type { MessagesClient } from '../../store/client.js';
import { ClientError } from '../../store/errors.js';

/** Finds or makes the chat with a list of people, and says when it cannot. */
export class ParticipantsTarget {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #locale: LocaleController;
  /** The chat found or made (`null`: none yet, or it failed). */
  #id: string | null = null;
  /** Why it could not be found or made ('' while it is, or was not tried). */
  #failed = '';
  /** Each resolve's turn: an answer for people no longer asked for is dropped. */
  #turn = 0;
  #last: { client: MessagesClient | undefined; participants: string; from: string } | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, locale: LocaleController) {
    this.#host = host;
    this.#locale = locale;
  }

  /** The chat with the people asked for, once found or made. */
  get id(): string | null {
    return this.#id;
  }

  /**
   * Finds or makes the chat with `participants` (comma-separated numbers), texting from `from`.
   * A refusal (a number that cannot be texted) says why; any other failure (offline, the server
   * failing) says the chat could not be opened, offers "Retry", and is fired as `sms-error`.
   */
  async resolve(client: MessagesClient | undefined, participants = '', from = ''): Promise<void> {
    this.#last = { client, participants, from };
    const list = participants
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const turn = ++this.#turn;
    this.#set(null, '');
    if (!client || !list.length) return;
    try {
      const id = await client.resolveConversation(list, from || undefined);
      if (turn === this.#turn) this.#set(id, '');
    } catch (error) {
      if (turn !== this.#turn || (error instanceof ClientError && error.code === 'destroyed')) return;
      this.#set(null, error instanceof ClientError ? error.message : this.#locale.t('openChatFailed'));
      if (!(error instanceof ClientError)) dispatchFailure(this.#host, 'resolveConversation', error);
    }
  }

  /** The body while there is no chat: empty, or why with "Retry". */
  render(): TemplateResult {
    if (!this.#failed) return html`<div class="empty"></div>`;
    const retry = () => {
      const last = this.#last;
      if (last) void this.resolve(last.client, last.participants, last.from);
    };
    return html`<div class="empty" role="alert">
      <p class="error">${this.#failed}</p>
      <button class="small-button" type="button" @click=${retry}>${this.#locale.t('retry')}</button>
    </div>`;
  }

  #set(id: string | null, failed: string): void {
    if (id === this.#id && failed === this.#failed) return;
    this.#id = id;
    this.#failed = failed;
    this.#host.requestUpdate();
  }
}

import type { ReactiveControllerHost } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { asError, dispatchFailure } from '../../internal/failure.js';
import type { MessagesClient } from '../../store/client.js';
import { ClientError } from '../../store/errors.js';
import { isProvisionalId } from '../../store/ids.js';

/** What the target reads from the composer that owns it. */
export interface ConversationTargetOptions {
  readonly locale: LocaleController;
  readonly client: () => MessagesClient | undefined;
  /** Comma-separated numbers (the composer's `participants`). */
  readonly participants: () => string | undefined;
  /** The own number to text from (the composer's `from`). */
  readonly from: () => string | undefined;
  /** The conversation found is in the store now. */
  readonly found: () => boolean;
  /** The chat found under `from` is `to` now (its real id): what is being written follows it. */
  readonly moved: (from: string, to: string) => void;
  /** Shows why the chat could not be looked up. */
  readonly notify: (notice: { readonly message: string }) => void;
}

/**
 * The conversation of the composer's `participants`: looked up (or created, provisionally) with
 * `client.resolveConversation`, and followed from its provisional id to the real one when its
 * first send creates it.
 */
export class ConversationTarget {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: ConversationTargetOptions;
  #resolvedId: string | null = null;
  /** The new chat of `participants` was seen in the store under its provisional id. */
  #provisionalSeen = false;

  constructor(host: ReactiveControllerHost & EventTarget, options: ConversationTargetOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The conversation of `participants`, once found. */
  get resolvedId(): string | null {
    return this.#resolvedId;
  }

  /**
   * A new chat (`participants` with no conversation yet) is created by its first send: its
   * provisional id leaves the store, and the composer follows it to the real one (what is in the
   * field stays), so what needs an existing chat ("Send later") works in it from then on.
   */
  followNewChat(): void {
    const provisional = this.#options.participants() ? this.#resolvedId : null;
    if (!provisional || !isProvisionalId(provisional)) {
      this.#provisionalSeen = false;
      return;
    }
    if (this.#options.found()) {
      this.#provisionalSeen = true;
      return;
    }
    if (!this.#provisionalSeen) return;
    this.#provisionalSeen = false;
    void this.resolve(provisional);
  }

  /** Finds the conversation of `participants`; `following`: the provisional id it replaces. */
  async resolve(following?: string): Promise<void> {
    const options = this.#options;
    const client = options.client();
    const list = (options.participants() ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!client || !list.length) {
      this.#set(null);
      return;
    }
    try {
      const id = await client.resolveConversation(list, options.from() || undefined);
      if (following !== undefined) {
        if (this.#resolvedId !== following) return; // the participants changed meanwhile
        // The same chat under its real id: the text being written stays in the field.
        options.moved(following, id);
      }
      this.#set(id);
    } catch (error) {
      if (following === undefined) this.#set(null);
      // A refusal of the rule (an invalid or emergency number…) is the send lock's to show; a
      // failed lookup is told to the person and the host.
      if (error instanceof ClientError) return;
      options.notify({ message: options.locale.t('openFailed', asError(error).message) });
      dispatchFailure(this.#host, 'resolveConversation', error);
    }
  }

  #set(id: string | null): void {
    if (id === this.#resolvedId) return;
    this.#resolvedId = id;
    this.#host.requestUpdate();
  }
}

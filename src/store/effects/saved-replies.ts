import type { SavedReply } from '../../model/saved-reply.js';
import { ClientError } from '../errors.js';
import type { EffectContext } from './context.js';

/**
 * Saved replies over the transport's optional capability: listed by title when the transport
 * lists them, saved and deleted when it can do all three (`not-supported` otherwise).
 */
export class SavedReplies {
  readonly #context: EffectContext;

  constructor(context: EffectContext) {
    this.#context = context;
  }

  get canList(): boolean {
    return Boolean(this.#context.transport.listSavedReplies);
  }

  get canSave(): boolean {
    const { transport } = this.#context;
    return Boolean(transport.listSavedReplies && transport.saveSavedReply && transport.deleteSavedReply);
  }

  async list(signal?: AbortSignal): Promise<readonly SavedReply[]> {
    const { transport } = this.#context;
    this.#context.assertAlive();
    if (!transport.listSavedReplies) return [];
    const replies = await transport.listSavedReplies({ signal });
    return [...replies].sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
  }

  save(reply: { readonly id?: string; readonly title: string; readonly text: string }): Promise<SavedReply> {
    this.#context.assertAlive();
    if (!this.canSave) {
      return Promise.reject(
        new ClientError('not-supported', 'Saved replies cannot be saved with this backend.'),
      );
    }
    return this.#context.transport.saveSavedReply!({
      ...(reply.id !== undefined ? { id: reply.id } : {}),
      title: reply.title,
      text: reply.text,
    });
  }

  delete(id: string): Promise<void> {
    this.#context.assertAlive();
    if (!this.canSave) {
      return Promise.reject(
        new ClientError('not-supported', 'Saved replies cannot be deleted with this backend.'),
      );
    }
    return this.#context.transport.deleteSavedReply!({ id });
  }
}

import type { Attachment } from '../../model/attachment.js';
import type { Contact } from '../../model/contact.js';
import type { MessageSearchPage, SearchMessagesRequest } from '../../transport/transport.js';
import type { UploadOptions } from '../client-types.js';
import type { EffectContext } from './context.js';

/**
 * The commands that are one transport call each and change nothing in the store: uploading a
 * file, looking up contacts, searching messages on the server. Each throws `destroyed` at once
 * (not as a rejection) once the client is destroyed, and rejects with the transport's error.
 */
export class Requests {
  readonly #context: EffectContext;

  constructor(context: EffectContext) {
    this.#context = context;
  }

  upload(file: Blob & { readonly name?: string }, options: UploadOptions): Promise<Attachment> {
    this.#context.assertAlive();
    return this.#context.transport.uploadAttachment({
      file,
      name: options.name ?? file.name ?? 'file',
      from: options.from,
      onProgress: options.onProgress,
      signal: options.signal,
    });
  }

  searchContacts(query: string, signal?: AbortSignal): Promise<readonly Contact[]> {
    this.#context.assertAlive();
    return this.#context.transport.searchContacts({ query, signal, limit: 20 });
  }

  searchMessages(request: SearchMessagesRequest): Promise<MessageSearchPage | null> {
    const { transport } = this.#context;
    this.#context.assertAlive();
    if (!transport.searchMessages) return Promise.resolve(null);
    return transport.searchMessages(request);
  }
}

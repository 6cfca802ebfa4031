import { toTransportError } from '../transport/errors.js';
import type { Transport } from '../transport/transport.js';
import type { Action } from './actions.js';
import { inBackground } from './effects/context.js';
import { ClientError } from './errors.js';
import type { MessagesState } from './state.js';
import { holds } from './thread-window.js';

/** What {@link Jumps} needs from the client. */
export interface JumpsOptions {
  readonly transport: Transport;
  readonly dispatch: (action: Action) => void;
  readonly getState: () => MessagesState;
  readonly pageSize: number;
  /** Runs one read per key at a time (the client's in-flight map). */
  readonly once: (key: string, run: () => Promise<void>) => Promise<void>;
  /** Opens the conversation at its newest page (cache first), as `openConversation(id)` does. */
  readonly openLatest: (conversationId: string) => Promise<void>;
  readonly report: (operation: string, error: unknown) => void;
  readonly destroyed: () => boolean;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Jumps to a message: reads the page around it (`listMessages({ around })`) into a window of its
 * own, pages that window both ways, and goes back to the newest messages. The state it keeps is
 * in `ThreadState.jump` and `ThreadState.target` (see `./thread-window.ts`).
 */
export class Jumps {
  readonly #options: JumpsOptions;

  constructor(options: JumpsOptions) {
    this.#options = options;
  }

  /**
   * Shows the conversation around `messageId`: if the message is loaded already, just asks the
   * thread to bring it into view; otherwise reads the page that holds it (not the whole history).
   * The newest page is read too (after), so going back to the present is instant and live
   * messages have their window. Rejects with `unknown-message` (and opens the conversation at its
   * newest) when the message is not in the conversation.
   */
  async open(conversationId: string, messageId: string): Promise<void> {
    const { dispatch, getState } = this.#options;
    const t = getState().threads[conversationId];
    const shown = t?.jump?.status === 'loading' ? t.jump.previous : t?.jump;
    if (t && (holds(t.messages, messageId) || (shown && holds(shown.messages, messageId)))) {
      dispatch({ type: 'jump/target', conversationId, messageId });
      return;
    }
    await this.#options.once(`thread:${conversationId}:around:${messageId}`, () =>
      this.#readAround(conversationId, messageId),
    );
  }

  async #readAround(conversationId: string, messageId: string): Promise<void> {
    const { dispatch, transport } = this.#options;
    dispatch({ type: 'jump/loading', conversationId, messageId });
    try {
      const page = await transport.listMessages({
        conversationId,
        around: messageId,
        limit: this.#options.pageSize,
      });
      if (this.#options.destroyed()) return;
      // A later jump (or going back to the present) meanwhile wins.
      if (this.#options.getState().threads[conversationId]?.jump?.messageId !== messageId) return;
      dispatch({ type: 'jump/loaded', conversationId, which: 'around', page });
    } catch (error) {
      if (this.#options.destroyed()) return;
      dispatch({ type: 'jump/failed', conversationId, which: 'around', error: describe(error) });
      const e = toTransportError(error);
      if (e.kind === 'not-found') {
        // The message is gone (or never was in this chat): show the chat at its newest.
        inBackground(this.#options, 'openConversation', this.#options.openLatest(conversationId));
        throw new ClientError('unknown-message', 'That message is no longer in this conversation.');
      }
      this.#options.report('listMessages', error);
      inBackground(this.#options, 'openConversation', this.#options.openLatest(conversationId));
      throw e;
    }
    // The present window, for live messages and for "Jump to the latest".
    inBackground(this.#options, 'openConversation', this.#options.openLatest(conversationId));
  }

  /** Reads the page before (older) or after (newer) the window around a message. */
  page(conversationId: string, which: 'older' | 'newer'): Promise<void> {
    const jump = this.#options.getState().threads[conversationId]?.jump;
    if (!jump || jump.status !== 'ready') return Promise.resolve();
    const cursor = which === 'older' ? jump.olderCursor : jump.hasNewer ? jump.newerCursor : null;
    if (cursor === null) return Promise.resolve();
    return this.#options.once(`thread:${conversationId}:jump-${which}`, async () => {
      const { dispatch, transport } = this.#options;
      dispatch({ type: 'jump/paging', conversationId, which });
      try {
        const page = await transport.listMessages({
          conversationId,
          limit: this.#options.pageSize,
          ...(which === 'older' ? { before: cursor } : { after: cursor }),
        });
        if (this.#options.destroyed()) return;
        dispatch({ type: 'jump/loaded', conversationId, which, page });
      } catch (error) {
        if (this.#options.destroyed()) return;
        const e = toTransportError(error);
        if (e.kind === 'invalid') {
          // The server no longer takes the cursor: back to the newest messages.
          this.leave(conversationId);
          return;
        }
        dispatch({ type: 'jump/failed', conversationId, which, error: describe(error) });
        this.#options.report('listMessages', error);
      }
    });
  }

  /** Back to the newest messages (the window around a message is dropped). */
  leave(conversationId: string): void {
    if (!this.#options.getState().threads[conversationId]?.jump) return;
    this.#options.dispatch({ type: 'jump/left', conversationId });
    inBackground(this.#options, 'openConversation', this.#options.openLatest(conversationId));
  }
}

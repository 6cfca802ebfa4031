import { isCacheCursor } from '../../cache/cache.js';
import type { Conversation } from '../../model/conversation.js';
import { toTransportError } from '../../transport/errors.js';
import type { Action } from '../actions.js';
import type { OpenConversationTarget } from '../client-types.js';
import { isProvisionalId } from '../ids.js';
import { Jumps } from '../jump.js';
import { describe, retryRead } from './context.js';
import type { EffectContext } from './context.js';

/** What {@link Threads} needs from the client. */
export interface ThreadsOptions {
  readonly context: EffectContext;
  readonly conversationPageSize: number;
  readonly messagePageSize: number;
  /** Applies an action to this tab's store only: what was read back from the cache is not written or shared. */
  readonly show: (action: Action) => void;
  /** The first page of the conversation list came from the server (see `Sync.notifyLearned`). */
  readonly learned: (conversations: readonly Conversation[]) => void;
  /** A read from the server failed for a retryable reason (see `Sync.retryReadsLater`). */
  readonly readFailed?: () => void;
}

/**
 * Paging from the cache or the network: the conversation list and each thread's pages (the
 * cached window first, then the server's), one read per key at a time, and the jumps to a
 * message (`../jump.ts`).
 */
export class Threads {
  readonly #options: ThreadsOptions;
  readonly #inflight = new Map<string, Promise<void>>();
  readonly #jumps: Jumps;

  constructor(options: ThreadsOptions) {
    this.#options = options;
    const { context } = options;
    this.#jumps = new Jumps({
      transport: context.transport,
      dispatch: context.dispatch,
      getState: context.getState,
      pageSize: options.messagePageSize,
      once: (key, run) => this.#once(key, run),
      openLatest: (id) => this.openConversation(id),
      report: context.report,
      destroyed: context.destroyed,
    });
  }

  reloadConversations(): Promise<void> {
    return this.#once('conversations:first', () => this.#loadConversations(undefined));
  }

  loadMoreConversations(): Promise<void> {
    const st = this.#options.context.getState();
    if (st.conversationsComplete || st.conversationsCursor === null) {
      return st.conversationsStatus === 'idle' ? this.reloadConversations() : Promise.resolve();
    }
    const cursor = st.conversationsCursor;
    return this.#once(`conversations:${cursor}`, () => this.#loadConversations(cursor));
  }

  openConversation(target: string | OpenConversationTarget): Promise<void> {
    const { context } = this.#options;
    const { cache } = context;
    if (typeof target !== 'string' && target.messageId !== undefined) {
      context.assertAlive();
      return this.#jumps.open(target.conversationId, target.messageId);
    }
    const conversationId = typeof target === 'string' ? target : target.conversationId;
    const thread = context.getState().threads[conversationId];
    if (thread && (thread.status === 'ready' || thread.status === 'loading')) {
      return this.#inflight.get(`thread:${conversationId}:latest`) ?? Promise.resolve();
    }
    if (isProvisionalId(conversationId)) {
      context.dispatch({
        type: 'thread/loaded',
        conversationId,
        which: 'latest',
        page: { messages: [], olderCursor: null, newerCursor: '', hasNewer: false },
      });
      return Promise.resolve();
    }
    if (!cache) return this.loadThread(conversationId, 'latest');
    return this.#once(`thread:${conversationId}:cached`, async () => {
      const cached = await cache.thread(conversationId);
      if (context.destroyed()) return;
      if (cached && !context.getState().threads[conversationId]?.messages.length) {
        // Show the cached window at once; the network page below revalidates it.
        this.#options.show({
          type: 'thread/loaded',
          conversationId,
          which: 'latest',
          local: true,
          page: {
            messages: cached.messages,
            olderCursor: cached.olderCursor,
            newerCursor: cached.newerCursor ?? '',
            hasNewer: false,
          },
        });
      }
      await this.loadThread(conversationId, 'latest');
    });
  }

  /** Leaves a jump: the thread goes back to its newest messages. */
  showLatest(conversationId: string): void {
    this.#jumps.leave(conversationId);
  }

  loadOlder(conversationId: string): Promise<void> {
    const t = this.#options.context.getState().threads[conversationId];
    if (t?.jump) return this.#jumps.page(conversationId, 'older');
    if (!t || t.status !== 'ready') return Promise.resolve();
    if (t.olderCursor === null) {
      // Shown from the cache or the outbox only, so not known to be the start: ask the server.
      return t.synced || isProvisionalId(conversationId)
        ? Promise.resolve()
        : this.loadThread(conversationId, 'latest');
    }
    return this.loadThread(conversationId, 'older');
  }

  loadNewer(conversationId: string): Promise<void> {
    const t = this.#options.context.getState().threads[conversationId];
    if (t?.jump) return this.#jumps.page(conversationId, 'newer');
    if (!t || t.status !== 'ready' || !t.newerCursor) return Promise.resolve();
    return this.loadThread(conversationId, 'newer');
  }

  /** Reads a page of a thread; `attempts` > 1 retries a retryable failure (see `retryRead`). */
  loadThread(
    conversationId: string,
    which: 'latest' | 'older' | 'newer',
    restart = false,
    attempts = 1,
  ): Promise<void> {
    const { context, messagePageSize } = this.#options;
    const { cache, dispatch } = context;
    return this.#once(`thread:${conversationId}:${which}`, async () => {
      context.assertAlive();
      const t = context.getState().threads[conversationId];
      dispatch({ type: 'thread/loading', conversationId, which });
      if (which === 'older' && isCacheCursor(t?.olderCursor) && cache) {
        // Older messages still in the local cache: read them from there (offline too).
        const cached = await cache.thread(conversationId, { before: t.olderCursor });
        if (context.destroyed()) return;
        if (cached) {
          dispatch({
            type: 'thread/loaded',
            conversationId,
            which,
            page: {
              messages: cached.messages,
              olderCursor: cached.olderCursor,
              newerCursor: t.newerCursor ?? '',
              hasNewer: t.hasNewer,
            },
          });
          return;
        }
        // Evicted meanwhile: start over from the server's newest page.
        dispatch({ type: 'thread/failed', conversationId, which, error: 'cache' });
        await this.loadThread(conversationId, 'latest', true);
        return;
      }
      try {
        const page = await retryRead(
          () =>
            context.transport.listMessages({
              conversationId,
              limit: messagePageSize,
              before: which === 'older' ? (t?.olderCursor ?? undefined) : undefined,
              after: which === 'newer' ? (t?.newerCursor ?? undefined) : undefined,
            }),
          attempts,
          context.destroyed,
        );
        if (context.destroyed()) return;
        dispatch({
          type: 'thread/loaded',
          conversationId,
          which,
          page,
          ...(restart ? { restart } : {}),
        });
      } catch (error) {
        if (context.destroyed()) return;
        const e = toTransportError(error);
        if (e.kind === 'not-found') {
          dispatch({ type: 'conversation/removed', conversationId });
        } else if (e.kind === 'invalid' && which !== 'latest') {
          // The server no longer accepts our cursor: start the thread over from the newest page.
          dispatch({ type: 'thread/failed', conversationId, which, error: describe(error) });
          await this.loadThread(conversationId, 'latest', true);
          return;
        }
        dispatch({ type: 'thread/failed', conversationId, which, error: describe(error) });
        context.report('listMessages', error);
        if (e.retryable) this.#options.readFailed?.();
      }
    });
  }

  #once(key: string, run: () => Promise<void>): Promise<void> {
    const running = this.#inflight.get(key);
    if (running) return running;
    const p = run().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, p);
    return p;
  }

  async #loadConversations(cursor: string | undefined): Promise<void> {
    const { context, conversationPageSize } = this.#options;
    const { cache, dispatch } = context;
    context.assertAlive();
    dispatch({ type: 'conversations/loading' });
    if (isCacheCursor(cursor)) {
      // Older chats still in the local cache (offline, or before the server answered).
      const page = cache ? await cache.conversations(cursor) : null;
      if (context.destroyed()) return;
      if (page && page.conversations.length > 0) {
        dispatch({ type: 'conversations/loaded', page, reset: false, fromCache: true });
        return;
      }
      // Evicted or unreadable meanwhile: start over from the server's first page.
      cursor = undefined;
    }
    try {
      const page = await retryRead(
        () => context.transport.listConversations({ cursor, limit: conversationPageSize }),
        4,
        context.destroyed,
      );
      if (context.destroyed()) return;
      dispatch({ type: 'conversations/loaded', page, reset: cursor === undefined });
      if (cursor === undefined) this.#options.learned(page.conversations);
    } catch (error) {
      if (context.destroyed()) return;
      dispatch({ type: 'conversations/failed', error: describe(error) });
      context.report('listConversations', error);
      if (toTransportError(error).retryable) this.#options.readFailed?.();
    }
  }
}

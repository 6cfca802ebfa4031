import type { Action } from '../actions.js';
import type { MessagesClientOptions } from '../client-types.js';
import { randomId } from '../ids.js';
import { Outbox } from '../outbox.js';
import { Scheduler } from '../scheduled-commands.js';
import { TabLeader } from '../tab-leader.js';
import type { EffectContext } from './context.js';
import { Conversations } from './conversations.js';
import { Requests } from './requests.js';
import { SavedReplies } from './saved-replies.js';
import { Sender } from './send.js';
import { Sync } from './sync.js';
import { Threads } from './threads.js';

/** The client's effects: every job of the client that reads or writes outside its store. */
export interface Effects {
  readonly scheduler: Scheduler;
  readonly outbox: Outbox;
  readonly leader: TabLeader;
  readonly threads: Threads;
  readonly sync: Sync;
  readonly conversations: Conversations;
  readonly savedReplies: SavedReplies;
  readonly sender: Sender;
  readonly requests: Requests;
}

/** What the effects need from the client besides its {@link EffectContext}. */
export interface EffectHooks {
  /** Applies an action to this tab's store only: what was read back from the cache is not written or shared. */
  readonly show: (action: Action) => void;
  /** Applies a change another tab made (it already wrote it to the cache). */
  readonly applyRemote: (action: Action) => void;
  /** The client's `start()`. */
  readonly start: () => Promise<void>;
}

/**
 * Builds the client's effects over one context. They call each other in a circle (a leader
 * listens and catches up, a catch-up pages threads, an acknowledged send tells the sender), so
 * none is built around another: each reaches the others through `effects`, filled in here and
 * read only once the client runs.
 */
export function composeEffects(
  context: EffectContext,
  options: MessagesClientOptions,
  hooks: EffectHooks,
): Effects {
  const { cache, transport, now } = context;
  const generateId = options.generateId ?? randomId;
  const effects = {} as { -readonly [K in keyof Effects]: Effects[K] };
  effects.scheduler = new Scheduler({
    transport,
    dispatch: context.dispatch,
    getState: context.getState,
    now,
    generateId,
    report: context.report,
  });
  effects.outbox = new Outbox({
    transport,
    now,
    retry: options.retry,
    dispatch: context.dispatch,
    onAcknowledged: (message, conversationId) => effects.sender.acknowledged(message, conversationId),
    onFailed: (message) => context.emit({ type: 'send-failed', message }),
    getMessage: (conversationId, clientId) =>
      context.getState().threads[conversationId]?.messages.find((m) => m.clientId === clientId),
    persist: cache
      ? (message, conversationId, since, order) =>
          cache.putOutbox({
            clientId: message.clientId!,
            conversationId,
            message,
            since,
            ...(order === undefined ? {} : { order }),
          })
      : undefined,
    forget: cache ? (clientId) => cache.removeOutbox(clientId) : undefined,
    earlier: (conversationId, order) => effects.leader.earlier(conversationId, order),
  });
  effects.leader = new TabLeader({
    context,
    key: options.tabs,
    outbox: effects.outbox,
    apply: hooks.applyRemote,
    listen: (lastEventId) => effects.sync.listen(lastEventId),
    catchUp: () => effects.sync.catchUpWhenStarted(),
  });
  effects.threads = new Threads({
    context,
    conversationPageSize: options.pageSize?.conversations ?? 30,
    messagePageSize: options.pageSize?.messages ?? 50,
    show: hooks.show,
    learned: (conversations) => effects.sync.notifyLearned(conversations),
    readFailed: () => effects.sync.retryReadsLater(),
  });
  effects.sync = new Sync({
    context,
    leader: effects.leader,
    outbox: effects.outbox,
    scheduler: effects.scheduler,
    threads: effects.threads,
    retry: options.retry,
  });
  effects.conversations = new Conversations({ context, outbox: effects.outbox });
  effects.savedReplies = new SavedReplies(context);
  effects.sender = new Sender({
    context,
    generateId,
    throttle: options.throttle ?? { messages: 10, perMs: 10_000 },
    leader: effects.leader,
    threads: effects.threads,
    start: hooks.start,
  });
  effects.requests = new Requests(context);
  return effects;
}

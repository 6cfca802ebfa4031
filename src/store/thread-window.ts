import type { Message } from '../model/message.js';
import type { MessagePage } from '../transport/transport.js';
import type { Action } from './actions.js';
import { mergePage } from './merge.js';
import { messageKey } from './state.js';
import type { LoadStatus, ThreadState } from './state.js';

/**
 * Thread windows: the messages a thread shows are one contiguous window of the conversation.
 * Normally it ends at the newest message (the *present*) and live messages join it. A jump to a
 * message far back (`openConversation({ conversationId, messageId })`) reads the page around that
 * message into a second window, {@link JumpWindow}, shown instead of the present one and paged
 * both ways; it never takes live messages (they keep going to the present window), and once its
 * newer pages reach the present window the two become one again.
 */

/** A window of messages read around one message; see {@link ThreadState.jump}. */
export interface JumpWindow {
  /** The message jumped to. */
  readonly messageId: string;
  /** Oldest first; empty while the first page is read. */
  readonly messages: readonly Message[];
  readonly olderCursor: string | null;
  readonly newerCursor: string;
  /** Whether newer messages exist beyond this window (until it reaches the newest). */
  readonly hasNewer: boolean;
  /** `loading` until the page around the message arrives. */
  readonly status: 'loading' | 'ready';
  readonly loadingOlder: boolean;
  readonly loadingNewer: boolean;
  readonly error: string | null;
  /**
   * The window of the previous jump, kept on screen while this one is read (`loading`), so going
   * from one message far back to another never shows the newest messages in between.
   */
  readonly previous?: JumpWindow;
}

/** A request to bring a message into view; see {@link ThreadState.target}. */
export interface JumpTarget {
  readonly messageId: string;
  /** Grows with every request, so asking for the same message again scrolls to it again. */
  readonly seq: number;
}

/** What a thread shows: the present window, or the window around a message while there is one. */
export interface ThreadView {
  readonly conversationId: string;
  readonly messages: readonly Message[];
  readonly olderCursor: string | null;
  readonly hasNewer: boolean;
  readonly synced: boolean;
  readonly status: LoadStatus;
  readonly loadingOlder: boolean;
  readonly loadingNewer: boolean;
  readonly error: string | null;
  /** Whether this is a window around a message that does not reach the present yet. */
  readonly jumped: boolean;
  /** The message the window shown was read around (with `jumped`). */
  readonly around?: string;
  readonly target?: JumpTarget;
}

const views = new WeakMap<ThreadState, ThreadView>();

/**
 * The window a thread element shows (the same object for the same state, so its `messages`
 * change only when they do). While the page around a message is read, the present window stays
 * on screen.
 */
export function threadView(thread: ThreadState): ThreadView {
  let view = views.get(thread);
  if (view) return view;
  // While the page around a message is read, the previous jump's window stays (if there is one).
  const jump = thread.jump?.status === 'loading' ? (thread.jump.previous ?? thread.jump) : thread.jump;
  view =
    jump && jump.status === 'ready'
      ? {
          conversationId: thread.conversationId,
          messages: jump.messages,
          olderCursor: jump.olderCursor,
          hasNewer: jump.hasNewer,
          synced: true,
          status: 'ready',
          loadingOlder: jump.loadingOlder,
          loadingNewer: jump.loadingNewer,
          error: jump.error,
          jumped: true,
          around: jump.messageId,
          ...(thread.target ? { target: thread.target } : {}),
        }
      : {
          conversationId: thread.conversationId,
          messages: thread.messages,
          olderCursor: thread.olderCursor,
          hasNewer: thread.hasNewer,
          synced: thread.synced,
          status: jump && !thread.messages.length ? 'loading' : thread.status,
          loadingOlder: thread.loadingOlder,
          loadingNewer: thread.loadingNewer,
          error: thread.error,
          jumped: false,
          ...(thread.target ? { target: thread.target } : {}),
        };
  views.set(thread, view);
  return view;
}

/** Whether the message is in these messages (by server id or client id). */
export function holds(messages: readonly Message[], messageId: string): boolean {
  return messages.some((m) => m.id === messageId || m.clientId === messageId);
}

function without<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

function target(t: ThreadState, messageId: string): JumpTarget {
  return { messageId, seq: (t.target?.seq ?? 0) + 1 };
}

/**
 * Joins a jump window with the present window when it reaches it: its newer pages got to the
 * newest message, or to the messages the present window already holds. Otherwise the thread
 * is returned with the jump window as given.
 */
function settle(t: ThreadState, jump: JumpWindow): ThreadState {
  const present = t.status === 'ready' && t.messages.length > 0;
  const last = jump.messages[jump.messages.length - 1];
  const first = t.messages[0];
  const overlaps = present && !!last && !!first && last.createdAt >= first.createdAt;
  if (jump.status !== 'ready' || (jump.hasNewer && !overlaps)) return { ...t, jump };
  const base = without(t, 'jump');
  if (!present) {
    // Nothing newer is loaded: the window around the message reaches the newest on its own.
    return {
      ...base,
      messages: mergePage(jump.messages, base.held ?? [], 'after'),
      olderCursor: jump.olderCursor,
      newerCursor: jump.newerCursor,
      hasNewer: jump.hasNewer,
      held: [],
      synced: true,
      status: 'ready',
      loadingOlder: false,
      loadingNewer: false,
      error: null,
    };
  }
  // The older of the two windows is the base; the other's messages join it (each once).
  const jumpFirst = jump.messages[0];
  const jumpStartsFirst = !!jumpFirst && !!first && jumpFirst.createdAt <= first.createdAt;
  const messages = jumpStartsFirst
    ? mergePage(jump.messages, t.messages, 'after')
    : mergePage(t.messages, jump.messages, 'after');
  // The newer end: the present window's, unless the jump read further (a present window that
  // has a gap after a reconnection).
  const jumpNewest = !jump.hasNewer && t.hasNewer;
  const merged: ThreadState = {
    ...base,
    messages: jumpNewest ? mergePage(messages, base.held ?? [], 'after') : messages,
    olderCursor: jumpStartsFirst ? jump.olderCursor : t.olderCursor,
    newerCursor: jumpNewest ? jump.newerCursor : t.newerCursor,
    hasNewer: jumpNewest ? false : t.hasNewer,
    synced: true,
    status: 'ready',
    loadingOlder: false,
    loadingNewer: false,
    error: null,
  };
  return jumpNewest ? { ...merged, held: [] } : merged;
}

function loadedJump(jump: JumpWindow, which: 'around' | 'older' | 'newer', page: MessagePage): JumpWindow {
  if (which === 'around') {
    return {
      ...without(jump, 'previous'),
      messages: mergePage([], page.messages, 'after'),
      olderCursor: page.olderCursor,
      newerCursor: page.newerCursor,
      hasNewer: page.hasNewer,
      status: 'ready',
      error: null,
    };
  }
  if (which === 'older') {
    return {
      ...jump,
      messages: mergePage(jump.messages, page.messages, 'before'),
      olderCursor: page.olderCursor,
      loadingOlder: false,
      error: null,
    };
  }
  return {
    ...jump,
    messages: mergePage(jump.messages, page.messages, 'after'),
    newerCursor: page.newerCursor,
    hasNewer: page.hasNewer,
    loadingNewer: false,
    error: null,
  };
}

/** The thread after a `jump/*` action (pure). */
export function reduceJump(t: ThreadState, action: Action): ThreadState {
  switch (action.type) {
    case 'jump/loading': {
      // From one jump to another: the window shown stays until the new one is read.
      const previous = t.jump?.status === 'ready' ? t.jump : t.jump?.previous;
      return {
        ...t,
        target: target(t, action.messageId),
        jump: {
          ...(previous ? { previous } : {}),
          messageId: action.messageId,
          messages: [],
          olderCursor: null,
          newerCursor: '',
          hasNewer: false,
          status: 'loading',
          loadingOlder: false,
          loadingNewer: false,
          error: null,
        },
      };
    }
    case 'jump/paging':
      return jumpPaging(t, action.which);
    case 'jump/loaded': {
      const jump = t.jump;
      if (!jump || (action.which !== 'around' && jump.status !== 'ready')) return t;
      return settle(t, loadedJump(jump, action.which, action.page));
    }
    case 'jump/failed': {
      const jump = t.jump;
      if (!jump) return t;
      if (action.which === 'around') return without(t, 'jump');
      return {
        ...t,
        jump: {
          ...jump,
          loadingOlder: action.which === 'older' ? false : jump.loadingOlder,
          loadingNewer: action.which === 'newer' ? false : jump.loadingNewer,
          error: action.error,
        },
      };
    }
    case 'jump/target': {
      const next = { ...t, target: target(t, action.messageId) };
      // A message of the window still shown while another jump is read: that window stays.
      const previous = t.jump?.status === 'loading' ? t.jump.previous : undefined;
      if (previous && holds(previous.messages, action.messageId)) return { ...next, jump: previous };
      // A message of the present window: show that window (the jump is over).
      return t.jump && !holds(t.jump.messages, action.messageId) ? without(next, 'jump') : next;
    }
    case 'jump/left':
      return t.jump ? without(t, 'jump') : t;
    default:
      return t;
  }
}

/** Marks the jump window's next older or newer page as being read. */
function jumpPaging(t: ThreadState, which: 'older' | 'newer'): ThreadState {
  const jump = t.jump;
  if (!jump) return t;
  return {
    ...t,
    jump: which === 'older' ? { ...jump, loadingOlder: true } : { ...jump, loadingNewer: true },
  };
}

/** Keeps a message that arrived beyond a window not reaching the newest (once, by key). */
export function hold(t: ThreadState, message: Message): ThreadState {
  const held = (t.held ?? []).filter((m) => messageKey(m) !== messageKey(message) && m.id !== message.id);
  return { ...t, held: [...held, message] };
}

/** After a page: once the window reaches the newest, the messages held meanwhile join it. */
export function releaseHeld(t: ThreadState): ThreadState {
  if (t.hasNewer || !t.held?.length) return t;
  return { ...t, messages: mergePage(t.messages, t.held, 'after'), held: [] };
}

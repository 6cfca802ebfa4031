// The conversation list's part of the reducer: its order, merging copies into it, and keeping
// each conversation's `lastMessage` in step with the thread (both ways). Pure, like `reducers.ts`.
import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import { canMoveTo, mergeMessage } from '../rules/message-status.js';
import { findMessageIndex } from './merge.js';
import type { MessagesState } from './state.js';

/** Newest activity first; ties broken by id so the order is total and stable. */
function byActivity(a: Conversation, b: Conversation): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A copy of a conversation the server made before a newer message the client already has (an
 * answer to an earlier request, arriving after a send) keeps that newer message and its time:
 * the list never goes back to an older last message. Everything else is the copy's.
 */
function newestActivity(held: Conversation | undefined, incoming: Conversation): Conversation {
  const ours = held?.lastMessage;
  const theirs = incoming.lastMessage;
  if (!ours || (theirs && theirs.createdAt >= ours.createdAt)) return incoming;
  if (theirs && names(ours, theirs.id, theirs.clientId)) return incoming;
  return { ...incoming, lastMessage: ours, updatedAt: Math.max(incoming.updatedAt, held.updatedAt) };
}

/**
 * Adds or replaces conversations by id and keeps the list ordered. A copy never takes a held
 * conversation back to an older last message (see newestActivity); a list read anew from the
 * server (a reset) is taken as it is.
 */
export function mergeConversations(
  list: readonly Conversation[],
  incoming: readonly Conversation[],
): readonly Conversation[] {
  if (!incoming.length) return list;
  const held = new Map(list.map((c) => [c.id, c]));
  const replace = new Map(incoming.map((c) => [c.id, newestActivity(held.get(c.id), c)]));
  const kept = list.filter((c) => !replace.has(c.id));
  // The common case, one conversation moving to the top, stays O(n) without a full sort.
  if (replace.size === 1) {
    const [only] = replace.values();
    const at = kept.findIndex((c) => byActivity(only!, c) < 0);
    return at === -1 ? [...kept, only!] : [...kept.slice(0, at), only!, ...kept.slice(at)];
  }
  return [...kept, ...replace.values()].sort(byActivity);
}

/**
 * A list read anew (after a gap of the push channel) carries each chat's last message as the
 * server has it: a status it moved forward reaches that message in a loaded thread, also when the
 * thread's own re-read failed or a jump window is on screen (its present window is not re-read).
 */
export function learnLastStatuses(
  state: MessagesState,
  conversations: readonly Conversation[],
): MessagesState {
  let threads = state.threads;
  for (const c of conversations) {
    const last = c.lastMessage;
    const thread = threads[c.id];
    if (!last || last.direction !== 'outbound' || !thread) continue;
    const at = findMessageIndex(thread.messages, last.id, last.clientId);
    const current = thread.messages[at];
    if (!current || !canMoveTo(current.status, current.failure, last.status)) continue;
    const messages = thread.messages.slice();
    messages[at] = mergeMessage(current, last);
    threads = { ...threads, [c.id]: { ...thread, messages } };
  }
  return threads === state.threads ? state : { ...state, threads };
}

/** Whether `last` (a conversation's `lastMessage`) names the same message as `id`/`clientId`. */
function names(last: Message, id: string, clientId?: string): boolean {
  return (
    last.id === id ||
    last.clientId === id ||
    (clientId !== undefined && (last.id === clientId || last.clientId === clientId))
  );
}

/**
 * Keeps a conversation's `lastMessage` in step with the message it names: `next` gives the new
 * copy (or `null` when it is gone). The list's order does not change.
 */
export function followLastMessage(
  state: MessagesState,
  conversationId: string,
  id: string,
  clientId: string | undefined,
  next: (last: Message) => Message | null,
): MessagesState {
  const at = state.conversations.findIndex((c) => c.id === conversationId);
  const conversation = state.conversations[at];
  const last = conversation?.lastMessage;
  if (!conversation || !last || !names(last, id, clientId)) return state;
  const replacement = next(last);
  if (replacement === last) return state;
  const conversations = state.conversations.slice();
  if (replacement) conversations[at] = { ...conversation, lastMessage: replacement };
  else {
    const { lastMessage: _gone, ...rest } = conversation;
    conversations[at] = rest;
  }
  return { ...state, conversations };
}

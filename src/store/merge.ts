import type { Message } from '../model/message.js';
import { messageKey } from './state.js';
import { mergeMessage } from './status.js';

/** Merging messages into a window: by server id or client id, each once, oldest first. */

/** Where a message is (by server id or client id), searching from the newest; -1 if absent. */
export function findMessageIndex(messages: readonly Message[], id: string, clientId?: string): number {
  // Recent messages change most: search from the end.
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.id === id || (clientId !== undefined && m.clientId === clientId) || m.clientId === id) return i;
  }
  return -1;
}

/** Inserts in time order (usually an append), or merges with the copy already there. */
export function upsertMessage(messages: readonly Message[], message: Message): readonly Message[] {
  const at = findMessageIndex(messages, message.id, message.clientId);
  if (at !== -1) {
    const merged = mergeMessage(messages[at]!, message);
    const copy = messages.slice();
    copy[at] = merged;
    return copy;
  }
  let insertAt = messages.length;
  while (insertAt > 0 && messages[insertAt - 1]!.createdAt > message.createdAt) insertAt--;
  return [...messages.slice(0, insertAt), message, ...messages.slice(insertAt)];
}

/** Adds a page of messages, dropping the ones already present (by server id or client id). */
export function mergePage(
  messages: readonly Message[],
  page: readonly Message[],
  where: 'before' | 'after' | 'replace',
): readonly Message[] {
  if (where === 'replace') {
    // Keep local messages the server does not list yet (unacknowledged sends).
    const pending = messages.filter((m) => m.id === m.clientId && m.direction === 'outbound');
    let result: readonly Message[] = dedupe(page);
    for (const m of pending) result = upsertMessage(result, m);
    return result;
  }
  // One index of what is there, so a page costs O(n + page), not O(n × page): loading older
  // pages of a 100,000-message thread stays linear.
  const index = new Map<string, number>();
  messages.forEach((m, i) => {
    index.set(m.id, i);
    if (m.clientId) index.set(m.clientId, i);
  });
  let copy: Message[] | null = null;
  const fresh: Message[] = [];
  for (const m of dedupe(page)) {
    const at = index.get(m.id) ?? (m.clientId !== undefined ? index.get(m.clientId) : undefined);
    if (at === undefined) {
      fresh.push(m);
      continue;
    }
    copy ??= messages.slice();
    copy[at] = mergeMessage(copy[at]!, m);
  }
  const result: readonly Message[] = copy ?? messages;
  if (where === 'before') return fresh.length ? [...fresh, ...result] : result;
  const last = result[result.length - 1];
  const inOrder = fresh.every((m, i) =>
    i === 0 ? !last || m.createdAt >= last.createdAt : m.createdAt >= fresh[i - 1]!.createdAt,
  );
  return inOrder ? (fresh.length ? [...result, ...fresh] : result) : fresh.reduce(upsertMessage, result);
}

function dedupe(page: readonly Message[]): readonly Message[] {
  const seen = new Set<string>();
  return page.filter((m) => {
    const key = messageKey(m);
    if (seen.has(key) || seen.has(m.id)) return false;
    seen.add(key);
    seen.add(m.id);
    return true;
  });
}

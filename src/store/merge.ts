import type { Message } from '../model/message.js';
import { messageKey } from './state.js';
import { mergeMessage } from '../rules/message-status.js';

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
    // What is shown of a listed message merges with the server's copy: a page read just before
    // a status event, or a status only this device knows ("sending"), never takes it back.
    const shown = new Map<string, Message>();
    for (const m of messages) {
      shown.set(m.id, m);
      if (m.clientId !== undefined) shown.set(m.clientId, m);
    }
    // Keep local messages the server does not list yet (unacknowledged sends).
    const pending = messages.filter((m) => m.id === m.clientId && m.direction === 'outbound');
    let result: readonly Message[] = dedupe(page).map((m) => {
      const local = shown.get(m.id) ?? (m.clientId !== undefined ? shown.get(m.clientId) : undefined);
      return local ? mergeMessage(local, m) : m;
    });
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

/**
 * One copy of each message of a page. Two copies of one message (by server or client id: a
 * cache that another tab wrote both an unacknowledged and an acknowledged copy to) merge into
 * the first one's place, so the server's id and the furthest status win, whatever their order.
 */
function dedupe(page: readonly Message[]): readonly Message[] {
  const at = new Map<string, number>();
  const out: Message[] = [];
  for (const m of page) {
    const i = at.get(messageKey(m)) ?? at.get(m.id);
    if (i === undefined) {
      at.set(messageKey(m), out.length);
      at.set(m.id, out.length);
      out.push(m);
      continue;
    }
    const a = out[i]!;
    // The acknowledged copy is the base (its id and the server's fields), the status the furthest.
    out[i] = a.id === a.clientId && m.id !== m.clientId ? mergeMessage(m, a) : mergeMessage(a, m);
    at.set(m.id, i);
    at.set(messageKey(m), i);
  }
  return out.length === page.length ? page : out;
}

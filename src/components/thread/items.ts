/**
 * Turns a thread's messages into the log's rows: day separators, and sender names where the
 * sender changes in a group. Pure: the same messages give the same rows.
 */
import type { Message } from '../../model/message.js';
import { messageKey } from '../../store/state.js';
import { threadReactions } from './reactions.js';
import type { Item } from './rows.js';

/**
 * The rows of `shown`, a slice of `messages` that begins at index `start`.
 *
 * @param messages - All the loaded messages (reaction texts are matched against all of them).
 * @param shown - The messages of the window shown (`messages.slice(start, …)`).
 * @param start - Where `shown` begins in `messages`.
 * @param group - Whether the chat has several other people (sender names are shown).
 */
export function buildItems(
  messages: readonly Message[],
  shown: readonly Message[],
  start: number,
  group: boolean,
): Item[] {
  const items: Item[] = [];
  let day = '';
  let sender = '';
  // The local day is read only when a message falls outside the current one (40,000 date
  // formats cost tens of milliseconds; two comparisons do not).
  let dayStart = NaN;
  let dayEnd = NaN;
  // Reaction texts whose message is loaded are drawn on it instead of as bubbles.
  const reactions = threadReactions(messages);
  let index = start - 1;
  for (const m of shown) {
    index++;
    if (reactions.consumed.has(index)) continue;
    const at = m.createdAt;
    if (!(at >= dayStart && at < dayEnd)) {
      const date = new Date(at);
      const d = date.toDateString();
      date.setHours(0, 0, 0, 0);
      dayStart = date.getTime();
      date.setDate(date.getDate() + 1);
      dayEnd = date.getTime();
      if (d !== day) {
        day = d;
        sender = '';
        items.push({ kind: 'day', key: `day:${d}`, at });
      }
    }
    const from = m.direction === 'outbound' ? '' : m.from;
    items.push({
      kind: 'message',
      key: messageKey(m),
      message: m,
      showSender: group && m.direction === 'inbound' && from !== sender,
      reactions: reactions.on.get(index),
    });
    sender = from;
  }
  return items;
}

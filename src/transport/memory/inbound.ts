// Inbound texts: stored, pushed, STOP/START applied, the scheduled messages waiting for no reply
// cancelled; the demo’s lines and photos.
import type { Attachment } from '../../model/attachment.js';
import type { Message } from '../../model/message.js';
import { optOutKeyword } from '../../rules/opt-out.js';
import type { DemoMediaKind } from './media.js';

import { sameSet } from './state.js';
import type { StoredConversation, MemoryState } from './state.js';
import type { InboundOptions } from './types.js';
import { demoAttachment } from './seed-data.js';
import { unschedule } from './scheduled.js';

const INBOUND_LINES = [
  'Hi! Are you available this afternoon?',
  'Just checking in on the order.',
  'Thanks for the quick reply 🙏',
  '¿A qué hora llegan?',
  'Can you call me back?',
  'Perfect, see you then.',
  'Is there parking near the office?',
  '¡Muchas gracias! 😊',
];
const PHOTOS: readonly DemoMediaKind[] = ['photo', 'portrait', 'panorama', 'screenshot'];

/** An inbound text: see {@link MemoryBackend.receive}. */
export async function receive(state: MemoryState, options: InboundOptions): Promise<Message> {
  const data = options.accountId
    ? state.data.get(options.accountId)
    : [...state.data.values()].find((d) => d.account.numbers.length > 0);
  if (!data) throw new Error(`MemoryBackend: there is no account ${options.accountId ?? 'with a number'}.`);
  let stored: StoredConversation | undefined;
  let from = options.from;
  let to = options.to;
  if (options.conversationId) {
    stored = data.conversations.get(options.conversationId);
    if (!stored) throw new Error(`MemoryBackend: there is no conversation ${options.conversationId}.`);
    const { participants, ownNumber } = stored.conversation;
    from ??= participants[Math.floor(state.rnd() * participants.length)]!;
    if (!participants.includes(from)) throw new Error(`MemoryBackend: ${from} is not in that conversation.`);
    to = ownNumber;
  } else {
    if (!from) {
      const recent = [...data.conversations.values()]
        .filter((c) => c.conversation.participants.length === 1 && (!to || c.conversation.ownNumber === to))
        .sort((a, b) => b.conversation.updatedAt - a.conversation.updatedAt)
        .slice(0, 8);
      const chosen = recent[Math.floor(state.rnd() * recent.length)];
      from = chosen?.conversation.participants[0] ?? '+12025550143';
      to ??= chosen?.conversation.ownNumber;
    }
    to ??=
      [...data.conversations.values()].find((c) => sameSet(c.conversation.participants, [from!]))
        ?.conversation.ownNumber ?? data.account.numbers[0]?.number;
    if (!to) throw new Error('MemoryBackend: this account has no number to receive on.');
    if (!data.account.numbers.some((n) => n.number === to)) {
      throw new Error(`MemoryBackend: ${to} is not one of the account's numbers.`);
    }
    stored = state.find(data, [from], to) ?? state.create(data, [from], to);
  }
  const attachments: Attachment[] = [...(options.attachments ?? [])].map((a) => structuredClone(a));
  const media = [...(options.media ?? [])];
  if (options.withAttachment) media.push(PHOTOS[Math.floor(state.rnd() * PHOTOS.length)]!);
  media.forEach((kind, k) => attachments.push(demoAttachment(kind, state.id(`att${k}`))));
  const text =
    options.text ??
    (attachments.length ? '' : INBOUND_LINES[Math.floor(state.rnd() * INBOUND_LINES.length)]!);
  const message: Message = {
    id: state.id('msg'),
    conversationId: stored.conversation.id,
    direction: 'inbound',
    from,
    to: [to],
    text,
    attachments,
    status: 'delivered',
    createdAt: state.now(),
  };
  state.append(stored, message);
  stored.conversation = {
    ...stored.conversation,
    lastMessage: message,
    updatedAt: state.activity(),
    unreadCount: stored.conversation.unreadCount + 1,
  };
  state.emit(data, {
    type: 'message.created',
    message: state.message(message),
    conversation: state.conversation(stored.conversation),
  });
  for (const m of [...data.scheduled.values()])
    if (m.conversationId === stored.conversation.id && m.cancelIfReplied)
      unschedule(state, data, m.id, 'replied');
  const keyword = optOutKeyword(text);
  if (keyword) {
    const key = `${to}|${from}`;
    if (keyword === 'opt-out') data.optOuts.add(key);
    else data.optOuts.delete(key);
    for (const other of data.conversations.values()) {
      const c = other.conversation;
      if (c.ownNumber !== to || !c.participants.includes(from)) continue;
      const optedOut = c.participants.filter((p) => data.optOuts.has(`${to}|${p}`));
      if (sameSet(optedOut, c.optedOut ?? [])) continue;
      other.conversation = { ...c, optedOut };
      state.emit(data, {
        type: 'conversation.updated',
        conversation: state.conversation(other.conversation),
      });
    }
  }
  return state.message(message);
}

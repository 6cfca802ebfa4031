// The seeded accounts as the memory backend stores them: conversations whose messages are made on
// first read (a huge thread costs nothing until then), demo attachments.
import type { Attachment } from '../../model/attachment.js';
import type { Message } from '../../model/message.js';
import { DEMO_SAVED_REPLIES } from '../saved-replies.js';
import { DEMO_MEDIA } from './media.js';
import type { DemoMediaKind } from './media.js';
import { seededConversation, seededMessage } from './seed.js';
import type { SeedAccount, SeedConversation } from './seed.js';
import type { AccountData, MemoryState } from './state.js';

/** The URL scheme of a demo attachment until it is read (then the media's URL and size). */
export const DEMO_URL = 'demo:';

/** An attachment showing a demo file; its URL and size are filled in when it is read. */
export function demoAttachment(kind: DemoMediaKind, id: string): Attachment {
  const { name, type, width, height, duration } = DEMO_MEDIA[kind];
  return {
    id,
    name,
    type,
    size: 0,
    url: `${DEMO_URL}${kind}`,
    ...(width ? { width, height } : {}),
    ...(duration ? { duration } : {}),
  };
}

/** A seeded message with the memory backend's demo attachments. */
export function seedMessage(conversationId: string, seed: SeedConversation, index: number): Message {
  return seededMessage(seed, conversationId, index, demoAttachment);
}

export function loadAccount(state: MemoryState, seed: SeedAccount): AccountData {
  const data: AccountData = {
    account: structuredClone(seed.account),
    contacts: structuredClone(seed.contacts),
    conversations: new Map(),
    uploads: new Map(),
    byClientId: new Map(),
    optOuts: new Set(),
    scheduled: new Map(),
    scheduledByClientId: new Map(),
    listeners: new Set(),
    savedReplies: new Map(
      seed.account.numbers.length
        ? DEMO_SAVED_REPLIES.map((r) => [r.id, { ...r, updatedAt: state.now() }])
        : [],
    ),
  };
  seed.conversations.forEach((sc, index) => {
    const id = `c${index + 1}`;
    const last = sc.messageCount > 0 ? seedMessage(id, sc, sc.messageCount - 1) : undefined;
    data.conversations.set(id, {
      conversation: {
        ...seededConversation(sc, id),
        updatedAt: last?.createdAt ?? state.now(),
        ...(last ? { lastMessage: last } : {}),
      },
      messages: null,
      seed: sc,
      nextSeq: sc.messageCount,
    });
  });
  return data;
}

import type { Conversation } from '../../src/model/conversation.js';
import type { Message, MessageStatus } from '../../src/model/message.js';

export function conversation(id: string, updatedAt: number, extra: Partial<Conversation> = {}): Conversation {
  return {
    id,
    participants: ['+12025550100'],
    ownNumber: '+12025550199',
    unreadCount: 0,
    updatedAt,
    ...extra,
  };
}

export function message(id: string, createdAt: number, extra: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: 'c1',
    direction: 'inbound',
    from: '+12025550100',
    to: ['+12025550199'],
    text: `text ${id}`,
    attachments: [],
    status: 'delivered' as MessageStatus,
    createdAt,
    ...extra,
  };
}

import type { Message } from '../model/message.js';
import type { Action } from './actions.js';

/** An action about one message, named by its id and maybe its client id. */
export type MessageChange = Extract<
  Action,
  { readonly type: 'message/upserted' | 'message/status' | 'message/retried' }
>;

/** The message a {@link MessageChange} is about: its conversation, its id and its client id. */
export interface MessageTarget {
  readonly conversationId: string;
  readonly id: string;
  readonly clientId: string | undefined;
}

/** Which message an action is about (a retry names it by its client id). */
export function messageTarget(action: MessageChange): MessageTarget {
  switch (action.type) {
    case 'message/upserted':
      return {
        conversationId: action.message.conversationId,
        id: action.message.id,
        clientId: action.message.clientId,
      };
    case 'message/status':
      return { conversationId: action.conversationId, id: action.messageId, clientId: action.clientId };
    case 'message/retried':
      return { conversationId: action.conversationId, id: action.clientId, clientId: action.clientId };
  }
}

/** Whether `m` is the target: the same id, or the same client id. */
export function isMessageTarget(m: Message | undefined, target: MessageTarget): m is Message {
  return !!m && (m.id === target.id || (target.clientId !== undefined && m.clientId === target.clientId));
}

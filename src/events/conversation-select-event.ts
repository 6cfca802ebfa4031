/** Detail of {@link SmsConversationSelectEvent}. */
export interface ConversationSelectDetail {
  readonly conversationId: string;
}

/**
 * The user chose a conversation (click, Enter). Bubbles and crosses shadow roots; cancel it
 * (`preventDefault()`) to stop the element from opening the conversation.
 */
export class SmsConversationSelectEvent extends Event {
  static readonly eventName = 'sms-conversation-select';
  readonly detail: ConversationSelectDetail;

  constructor(detail: ConversationSelectDetail) {
    super(SmsConversationSelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-conversation-select': SmsConversationSelectEvent;
  }
}

import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';

/** Detail of the message log events (`sms-message-sent`, `-delivered`, `-failed`, `-received`). */
export interface MessageLogDetail {
  /** The conversation, as the client knows it at that moment. */
  readonly conversation: Conversation;
  /** The message, with its status at that moment (and `failure` for a failed one). */
  readonly message: Message;
}

const init = { bubbles: true, composed: true } as const;

/**
 * An outgoing message was accepted by the server (status `sent`). For a CRM's activity log:
 * fired once per message, in the leader tab when the client has `tabs`. Bubbles and crosses
 * shadow roots; not cancelable.
 */
export class SmsMessageSentEvent extends Event {
  static readonly eventName = 'sms-message-sent';
  readonly detail: MessageLogDetail;

  constructor(detail: MessageLogDetail) {
    super(SmsMessageSentEvent.eventName, init);
    this.detail = detail;
  }
}

/** An outgoing message was delivered to the recipient's phone (status `delivered`). Like {@link SmsMessageSentEvent}. */
export class SmsMessageDeliveredEvent extends Event {
  static readonly eventName = 'sms-message-delivered';
  readonly detail: MessageLogDetail;

  constructor(detail: MessageLogDetail) {
    super(SmsMessageDeliveredEvent.eventName, init);
    this.detail = detail;
  }
}

/**
 * An outgoing message failed (status `failed`, reason in `message.failure`). A message the
 * person then retries may later be sent. Like {@link SmsMessageSentEvent}.
 */
export class SmsMessageFailedEvent extends Event {
  static readonly eventName = 'sms-message-failed';
  readonly detail: MessageLogDetail;

  constructor(detail: MessageLogDetail) {
    super(SmsMessageFailedEvent.eventName, init);
    this.detail = detail;
  }
}

/** A message was received. Like {@link SmsMessageSentEvent}: once per message across tabs. */
export class SmsMessageReceivedEvent extends Event {
  static readonly eventName = 'sms-message-received';
  readonly detail: MessageLogDetail;

  constructor(detail: MessageLogDetail) {
    super(SmsMessageReceivedEvent.eventName, init);
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-message-sent': SmsMessageSentEvent;
    'sms-message-delivered': SmsMessageDeliveredEvent;
    'sms-message-failed': SmsMessageFailedEvent;
    'sms-message-received': SmsMessageReceivedEvent;
  }
}

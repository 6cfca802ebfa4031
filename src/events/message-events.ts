import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';

/** Detail of the message log events (`sms-message-sent`, `-delivered`, `-failed`, `-received`). */
export interface MessageLogDetail {
  /** The conversation, as the client knows it at that moment. */
  readonly conversation: Conversation;
  /** The message, with its status at that moment (and `failure` for a failed one). */
  readonly message: Message;
}

/**
 * The class of one message log event: `eventName`, the detail, and an `Event` that bubbles and
 * crosses shadow roots, not cancelable. Each event below extends one, so hosts keep a class per
 * event (`instanceof`, `eventName`) and its documentation.
 */
function messageLogEvent<N extends string>(eventName: N) {
  return class MessageLogEvent extends Event {
    static readonly eventName: N = eventName;
    readonly detail: MessageLogDetail;

    constructor(detail: MessageLogDetail) {
      super(eventName, { bubbles: true, composed: true });
      this.detail = detail;
    }
  };
}

/**
 * An outgoing message was accepted by the server (status `sent`). For a CRM's activity log:
 * fired once per message, in the leader tab when the client has `tabs`. Bubbles and crosses
 * shadow roots; not cancelable.
 */
export class SmsMessageSentEvent extends messageLogEvent('sms-message-sent') {}

/** An outgoing message was delivered to the recipient's phone (status `delivered`). Like {@link SmsMessageSentEvent}. */
export class SmsMessageDeliveredEvent extends messageLogEvent('sms-message-delivered') {}

/**
 * An outgoing message failed (status `failed`, reason in `message.failure`). A message the
 * person then retries may later be sent. Like {@link SmsMessageSentEvent}.
 */
export class SmsMessageFailedEvent extends messageLogEvent('sms-message-failed') {}

/** A message was received. Like {@link SmsMessageSentEvent}: once per message across tabs. */
export class SmsMessageReceivedEvent extends messageLogEvent('sms-message-received') {}

declare global {
  interface GlobalEventHandlersEventMap {
    'sms-message-sent': SmsMessageSentEvent;
    'sms-message-delivered': SmsMessageDeliveredEvent;
    'sms-message-failed': SmsMessageFailedEvent;
    'sms-message-received': SmsMessageReceivedEvent;
  }
}

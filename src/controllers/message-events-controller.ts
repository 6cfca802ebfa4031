import {
  SmsMessageDeliveredEvent,
  SmsMessageFailedEvent,
  SmsMessageReceivedEvent,
  SmsMessageSentEvent,
} from '../events/message-events.js';
import type { ClientEvent } from '../store/client.js';
import { ClientEventsController } from './client-events-controller.js';

/**
 * Re-fires what happens to messages on the host, for a CRM's activity log:
 * `sms-message-sent`, `sms-message-delivered`, `sms-message-failed` and `sms-message-received`.
 * The client reports each once, in the leader tab (see docs/decisions/0012-message-log-events.md).
 */
export class MessageEventsController extends ClientEventsController {
  protected toDomEvent(event: ClientEvent): Event | undefined {
    if (event.type === 'message-received') {
      const { message, conversation } = event;
      return new SmsMessageReceivedEvent({ message, conversation });
    }
    if (event.type !== 'message-status') return undefined;
    const { message, conversation } = event;
    const Type =
      event.status === 'sent'
        ? SmsMessageSentEvent
        : event.status === 'delivered'
          ? SmsMessageDeliveredEvent
          : SmsMessageFailedEvent;
    return new Type({ message, conversation });
  }
}

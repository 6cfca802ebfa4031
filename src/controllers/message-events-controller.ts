import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import {
  SmsMessageDeliveredEvent,
  SmsMessageFailedEvent,
  SmsMessageReceivedEvent,
  SmsMessageSentEvent,
} from '../events/message-events.js';
import type { MessagesClient } from '../store/client.js';

/**
 * Re-fires what happens to messages on the host, for a CRM's activity log:
 * `sms-message-sent`, `sms-message-delivered`, `sms-message-failed` and `sms-message-received`.
 * The client reports each once, in the leader tab (see docs/decisions/0012-message-log-events.md).
 */
export class MessageEventsController implements ReactiveController {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #client: () => MessagesClient | undefined;
  #current: MessagesClient | undefined;
  #subscription: Subscription | undefined;

  constructor(host: ReactiveControllerHost & EventTarget, client: () => MessagesClient | undefined) {
    this.#host = host;
    this.#client = client;
    host.addController(this);
  }

  hostConnected(): void {
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    this.#current = undefined;
  }

  #sync(): void {
    const client = this.#client();
    if (client === this.#current) return;
    this.#subscription?.unsubscribe();
    this.#current = client;
    this.#subscription = client?.events$.subscribe((event) => {
      if (event.type === 'message-received') {
        const { message, conversation } = event;
        this.#host.dispatchEvent(new SmsMessageReceivedEvent({ message, conversation }));
      } else if (event.type === 'message-status') {
        const { message, conversation } = event;
        const Type =
          event.status === 'sent'
            ? SmsMessageSentEvent
            : event.status === 'delivered'
              ? SmsMessageDeliveredEvent
              : SmsMessageFailedEvent;
        this.#host.dispatchEvent(new Type({ message, conversation }));
      }
    });
  }
}

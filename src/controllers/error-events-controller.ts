import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import { SmsErrorEvent } from '../events/error-event.js';
import type { MessagesClient } from '../store/client.js';

/**
 * Re-fires the client's errors (failed reads, refused payloads) on the host as `sms-error`
 * events, so a host page can log or report them. The elements already show the user what
 * matters; this is for the host's telemetry.
 */
export class ErrorEventsController implements ReactiveController {
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
      if (event.type === 'error') {
        this.#host.dispatchEvent(new SmsErrorEvent({ operation: event.operation, error: event.error }));
      }
    });
  }
}

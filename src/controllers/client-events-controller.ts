import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import type { ClientEvent, MessagesClient } from '../store/client.js';

/**
 * Re-fires some of the client's events on the host as DOM events. Follows the host's current
 * client (a new client, or none, swaps the subscription) and lets go when the host disconnects.
 * Subclasses say which DOM event, if any, each client event becomes.
 */
export abstract class ClientEventsController implements ReactiveController {
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

  /** The DOM event a client event becomes on the host, or `undefined` for none. */
  protected abstract toDomEvent(event: ClientEvent): Event | undefined;

  #sync(): void {
    const client = this.#client();
    if (client === this.#current) return;
    this.#subscription?.unsubscribe();
    this.#current = client;
    this.#subscription = client?.events$.subscribe((event) => {
      const dom = this.toDomEvent(event);
      if (dom) this.#host.dispatchEvent(dom);
    });
  }
}

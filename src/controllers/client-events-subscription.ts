import type { Subscription } from 'rxjs';
import type { ClientEvent, MessagesClient } from '../store/client.js';

/**
 * A subscription to the events of a host's current client: `sync()` follows a new client (or
 * none), `stop()` lets go. Used by the controllers that turn client events into something else.
 */
export class ClientEventsSubscription {
  readonly #client: () => MessagesClient | undefined;
  readonly #next: (event: ClientEvent) => void;
  #current: MessagesClient | undefined;
  #subscription: Subscription | undefined;

  constructor(client: () => MessagesClient | undefined, next: (event: ClientEvent) => void) {
    this.#client = client;
    this.#next = next;
  }

  /** Subscribes to the current client's events, if it is not the one already followed. */
  sync(): void {
    const client = this.#client();
    if (client === this.#current) return;
    this.#subscription?.unsubscribe();
    this.#current = client;
    this.#subscription = client?.events$.subscribe(this.#next);
  }

  stop(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    this.#current = undefined;
  }
}

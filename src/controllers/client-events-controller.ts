import type { ReactiveControllerHost } from 'lit';
import type { ClientEvent, MessagesClient } from '../store/client.js';
import { ClientEventsSubscription } from './client-events-subscription.js';
import { SyncedController } from './synced-controller.js';

/**
 * Re-fires some of the client's events on the host as DOM events. Follows the host's current
 * client (a new client, or none, swaps the subscription) and lets go when the host disconnects.
 * Subclasses say which DOM event, if any, each client event becomes.
 */
export abstract class ClientEventsController extends SyncedController {
  readonly #events: ClientEventsSubscription;

  constructor(host: ReactiveControllerHost & EventTarget, client: () => MessagesClient | undefined) {
    super();
    this.#events = new ClientEventsSubscription(client, (event) => {
      const dom = this.toDomEvent(event);
      if (dom) host.dispatchEvent(dom);
    });
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#events.stop();
  }

  /** The DOM event a client event becomes on the host, or `undefined` for none. */
  protected abstract toDomEvent(event: ClientEvent): Event | undefined;

  protected sync(): void {
    this.#events.sync();
  }
}

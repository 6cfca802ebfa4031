import { consume } from '@lit/context';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Subscription } from 'rxjs';
import { clientContext } from '../context/client-context.js';
import type { MessagesClient } from '../store/client.js';
import { SmsElement } from './sms-element.js';
import { reported } from './reported.js';

/** Clients known to be destroyed: their `events$` completed. */
const ended = new WeakSet<MessagesClient>();

/**
 * Base of the elements that show data: the client comes from `.client` or the nearest provider.
 *
 * A host may destroy a client while elements still hold it (a single-page app changing route):
 * from then on the elements hold no client. They make no request, raise no error and show
 * their "no client" state until they are given another client, which they then use at once.
 */
export class SmsClientElement extends SmsElement {
  /** The client whose end is watched, and the watch (only while connected). */
  #watched: MessagesClient | undefined;
  #watch: Subscription | undefined;

  @consume({ context: clientContext, subscribe: true })
  @state()
  protected contextClient?: MessagesClient;

  /** The messages client. Set it directly, or let an enclosing `<sms-provider>` provide it. */
  @property({ attribute: false })
  client?: MessagesClient;

  /** The client in use: the property wins over the provider; a destroyed client is none. */
  protected get activeClient(): MessagesClient | undefined {
    const client = this.client ?? this.contextClient;
    if (!client || ended.has(client)) return undefined;
    if (client !== this.#watched) this.#watchEnd(client);
    return ended.has(client) ? undefined : client;
  }

  /** Whether the element holds a client that was destroyed (and none replaced it). */
  protected get clientEnded(): boolean {
    const client = this.client ?? this.contextClient;
    return !!client && ended.has(client);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watch?.unsubscribe();
    this.#watch = undefined;
    this.#watched = undefined;
  }

  /** Starts the client (idempotent) when it arrives or changes. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = changed as Map<PropertyKey, unknown>;
    if (keys.has('client') || keys.has('contextClient')) {
      void this.activeClient?.start().catch(reported);
    }
  }

  /**
   * Notices when `client` is destroyed (its events complete, at once if it already was) and
   * re-renders then, so the element lets go of it. Disconnected elements only look.
   */
  #watchEnd(client: MessagesClient): void {
    this.#watch?.unsubscribe();
    this.#watch = undefined;
    this.#watched = undefined;
    const subscription = client.events$.subscribe({
      complete: () => {
        ended.add(client);
        if (this.#watched === client) this.requestUpdate();
      },
    });
    if (ended.has(client) || !this.isConnected) {
      subscription.unsubscribe();
      return;
    }
    this.#watched = client;
    this.#watch = subscription;
  }
}

import { consume } from '@lit/context';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { clientContext } from '../context/client-context.js';
import type { MessagesClient } from '../store/client.js';
import { SmsElement } from './sms-element.js';

/** Base of the elements that show data: the client comes from `.client` or the nearest provider. */
export class SmsClientElement extends SmsElement {
  @consume({ context: clientContext, subscribe: true })
  @state()
  protected contextClient?: MessagesClient;

  /** The messages client. Set it directly, or let an enclosing `<sms-provider>` provide it. */
  @property({ attribute: false })
  client?: MessagesClient;

  /** The client in use: the property wins over the provider. */
  protected get activeClient(): MessagesClient | undefined {
    return this.client ?? this.contextClient;
  }

  /** Starts the client (idempotent) when it arrives or changes. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = changed as Map<PropertyKey, unknown>;
    if (keys.has('client') || keys.has('contextClient')) {
      void this.activeClient?.start().catch(() => undefined);
    }
  }
}

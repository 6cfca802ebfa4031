import { css, html } from 'lit';
import { provide } from '@lit/context';
import { property } from 'lit/decorators.js';
import { clientContext } from '../../context/client-context.js';
import { SmsElement } from '../../internal/sms-element.js';
import type { MessagesClient } from '../../store/client.js';

/**
 * Provides a messages client to every sms-elements element inside it.
 *
 * @summary Gives the elements inside it their client.
 * @tag sms-provider
 * @slot - The elements (and any other content) that use the client.
 */
export class SmsProvider extends SmsElement {
  static override tagName = 'sms-provider';
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The client the elements inside use; see `createMessagesClient`. */
  @provide({ context: clientContext })
  @property({ attribute: false })
  client?: MessagesClient;

  override render() {
    return html`<slot></slot>`;
  }
}

// sms-elements in Angular. CUSTOM_ELEMENTS_SCHEMA lets the template use sms-* tags;
// `[client]` and `[labels]` set properties, `(sms-send)` listens to the `sms-send` event.
import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import { createMessagesClient } from 'sms-elements';
import type { SmsConversationSelectEvent, SmsMessages, SmsSendEvent } from 'sms-elements';
import { createMemoryBackend } from 'sms-elements/memory';

const backend = createMemoryBackend({ latencyMs: 0 });

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <header>
      <h1>Angular</h1>
      <button type="button" (click)="textCustomer(messages)">Text (202) 555-0143</button>
      <output id="log">{{ log() }}</output>
    </header>
    <sms-provider [client]="client">
      <sms-messages
        #messages
        [labels]="labels"
        style="display: block; height: 560px"
        (sms-conversation-select)="onSelect($event)"
        (sms-send)="onSend($event)"
      ></sms-messages>
    </sms-provider>
  `,
})
export class AppComponent {
  readonly client = createMessagesClient({ transport: backend.connect(backend.accounts[0]!.id) });
  readonly labels = { messages: 'Texts' };
  readonly log = signal('No event yet');

  onSelect(event: SmsConversationSelectEvent) {
    this.log.set(`sms-conversation-select ${event.detail.conversationId}`);
  }

  onSend(event: SmsSendEvent) {
    this.log.set(`sms-send "${event.detail.text}" to ${event.detail.to.join(', ')}`);
  }

  /** `messages` is the template reference `#messages`: the <sms-messages> element itself. */
  textCustomer(messages: SmsMessages) {
    void messages.openConversation({ to: '(202) 555-0143', text: 'Hello from Angular' });
  }
}

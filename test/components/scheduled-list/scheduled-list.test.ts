import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/scheduled-list/scheduled-list.define.js';
import type { SmsScheduledList } from '../../../src/components/scheduled-list/scheduled-list.js';
import { createMessagesClient } from '../../../src/store/client.js';
import type { MessagesClient } from '../../../src/store/client.js';
import { TransportError } from '../../../src/transport/errors.js';
import { createMemoryBackend } from '../../../src/transport/memory/index.js';
import type { Transport } from '../../../src/transport/transport.js';
import { until } from '../../helpers/wait.js';

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<sms-scheduled-list>', () => {
  let client: MessagesClient | undefined;
  let dispose: (() => void) | undefined;
  afterEach(() => {
    client?.destroy();
    dispose?.();
  });

  it('says when the scheduled messages could not be loaded, and "Try again" reads them again', async () => {
    const backend = createMemoryBackend({ latencyMs: 0, seed: 1, conversations: 3 });
    dispose = () => backend.dispose();
    const accountId = backend.accounts[0]!.id;
    const base = backend.connect(accountId);
    // The backend answers everything but the first read of the scheduled messages.
    let failures = 1;
    const transport = new Proxy(base, {
      get(target, key) {
        if (key === 'listScheduled' && failures > 0) {
          return () => {
            failures--;
            return Promise.reject(new TransportError('network', 'The network is down.'));
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Transport;
    // Scheduled before this page's client starts (another device), so only a read shows it.
    const other = backend.connect(accountId);
    const c = (await other.listConversations({})).conversations[0]!;
    await other.scheduleMessage({
      clientId: 'later-1',
      conversationId: c.id,
      text: 'Your table is ready',
      sendAt: Date.now() + 3_600_000,
    });
    client = createMessagesClient({ transport });
    await client.start();
    const el = await fixture<SmsScheduledList>(
      html`<sms-scheduled-list .client=${client} conversation-id=${c.id}></sms-scheduled-list>`,
    );
    const alert = await until(
      () => el.shadowRoot!.querySelector('[role="alert"]'),
      'the failure is shown',
      5000,
    );
    expect(text(alert)).to.contain("The scheduled messages couldn't be loaded.");
    expect(text(el.shadowRoot!.querySelector('[part="list"]'))).to.equal('');
    await expect(el).to.be.accessible();
    const again = [...alert.querySelectorAll('button')].find((b) => text(b) === 'Try again')!;
    again.click();
    await until(
      () => text(el.shadowRoot!.querySelector('[part="list"]')).includes('Your table is ready'),
      'the list is read again and shows the message',
      5000,
    );
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import type { SmsComposer } from '../../src/components/composer/composer.js';
import '../../src/define.js';
import { createMessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import { until } from '../helpers/wait.js';

describe('two accounts on one page', () => {
  it('keeps conversations, messages and drafts of each instance apart', async () => {
    const a = createMemoryBackend({ latencyMs: 0, seed: 11 });
    const b = createMemoryBackend({ latencyMs: 0, seed: 22 });
    const clientA = createMessagesClient({ transport: a.connect(a.accounts[0]!.id) });
    const clientB = createMessagesClient({ transport: b.connect(b.accounts[0]!.id) });
    await Promise.all([clientA.start(), clientB.start()]);
    try {
      const ca = clientA.getState().conversations[0]!;
      const cb = clientB.getState().conversations[0]!;
      const page = await fixture<HTMLDivElement>(
        // Side by side, both in view: a virtualized list below the fold renders no rows until it is scrolled to.
        html`<div style="display: flex">
          <sms-provider id="a" .client=${clientA} style="display: block; width: 50%">
            <sms-conversation-list style="display: flex; height: 250px"></sms-conversation-list>
            <sms-thread conversation-id=${ca.id} style="display: flex; height: 250px"></sms-thread>
            <sms-composer conversation-id=${ca.id}></sms-composer>
          </sms-provider>
          <sms-provider id="b" .client=${clientB} style="display: block; width: 50%">
            <sms-conversation-list style="display: flex; height: 250px"></sms-conversation-list>
            <sms-thread conversation-id=${cb.id} style="display: flex; height: 250px"></sms-thread>
            <sms-composer conversation-id=${cb.id}></sms-composer>
          </sms-provider>
        </div>`,
      );
      const inside = (id: string, tag: string) => page.querySelector(`#${id} ${tag}`)!;
      const rows = (id: string) =>
        [...inside(id, 'sms-conversation-list').shadowRoot!.querySelectorAll('[role="option"]')].map(
          (r) => r.textContent!,
        );
      await until(() => rows('a').length && rows('b').length, 'both lists');
      await clientA.send({ conversationId: ca.id, text: 'only for account A' });
      await until(
        () => inside('a', 'sms-thread').shadowRoot!.textContent!.includes('only for account A'),
        'A shows it',
      );
      expect(inside('b', 'sms-thread').shadowRoot!.textContent).not.to.contain('only for account A');
      expect(rows('b').join()).not.to.contain('only for account A');
      expect(
        clientB.getState().conversations.some((c) => c.lastMessage?.text === 'only for account A'),
      ).to.equal(false);

      const composerA = inside('a', 'sms-composer') as SmsComposer;
      const field = composerA.shadowRoot!.querySelector('textarea')!;
      field.value = 'draft of A';
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      field.dispatchEvent(new FocusEvent('blur'));
      await until(() => clientA.getState().drafts[ca.id]?.text === 'draft of A', 'draft kept in A');
      expect(clientB.getState().drafts[cb.id]).to.equal(undefined);
      expect(inside('b', 'sms-composer').shadowRoot!.querySelector('textarea')!.value).to.equal('');
    } finally {
      clientA.destroy();
      clientB.destroy();
      a.dispose();
      b.dispose();
    }
  });
});

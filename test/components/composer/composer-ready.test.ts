import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SmsComposer } from '../../../src/components/composer/composer.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

// A composer given `participants` looks their chat up first (the backend answers later). Until
// then a press of Send would do nothing: it must not look pressable. And what is typed meanwhile
// belongs to that chat: it used to be replaced by the chat's (empty) draft once the chat was
// known, and Send went back to disabled — why a quiet-hours story that typed at once and then
// pressed Send never got its warning in Storybook.

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;

describe('<sms-composer> before its chat is known', () => {
  afterEach(cleanupRigs);

  it('Send stays disabled while the chat of `participants` is looked up; what was typed stays and is sent', async () => {
    const rig = await createRig({ conversations: 2, latencyMs: 800 });
    const el = await renderWithClient<SmsComposer>(
      rig,
      html`<sms-composer participants="+13125550143" .quietHours=${false}></sms-composer>`,
    );
    const field = $<HTMLTextAreaElement>(el, 'textarea');
    const send = () => $<HTMLButtonElement>(el, '[part="send-button"]');
    field.focus();
    await sendKeys({ type: 'Hi' });
    await el.updateComplete;
    expect(send().disabled, 'not pressable before the chat is known').to.equal(true);
    await until(() => !send().disabled, 'pressable once the chat is known', 5000);
    expect(field.value, 'what was typed stays').to.equal('Hi');
    send().click();
    const server = rig.backend.connect(rig.accountId);
    await until(() => field.value === '', 'sent: the field empties', 5000);
    const found = await server.findConversation({ participants: ['+13125550143'] });
    expect((await server.listMessages({ conversationId: found!.id })).messages.at(-1)?.text).to.equal('Hi');
  });
});

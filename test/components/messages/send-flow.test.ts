import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SmsComposer } from '../../../src/components/composer/composer.js';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

const picker = (el: SmsMessages) => el.shadowRoot!.querySelector<HTMLElement>('sms-new-conversation');
const composer = (el: SmsMessages) => el.shadowRoot!.querySelector<SmsComposer>('sms-composer');

/** The app with the "Send New Message" picker open, a new number chosen and a text typed. */
async function composeNew(rig: Rig, text: string): Promise<SmsMessages> {
  const el = await renderWithClient<SmsMessages>(
    rig,
    html`<sms-messages style="height: 600px; width: 1000px"></sms-messages>`,
  );
  await until(() => el.shadowRoot!.querySelector('sms-conversation-list'), 'app rendered');
  await el.startNewMessage();
  const input = await until(() => picker(el)?.shadowRoot!.querySelector('input'), 'picker input');
  input.focus();
  await sendKeys({ type: '(415) 555-0177' });
  await sendKeys({ press: 'Enter' });
  const field = await until(() => composer(el)?.shadowRoot!.querySelector('textarea'), 'composer shown');
  field.focus();
  await sendKeys({ type: text });
  return el;
}

describe('<sms-messages> sending from the picker', () => {
  afterEach(() => cleanupRigs());

  it('keeps the picker and the text when the client refuses the send', async () => {
    // No message allowed per minute: the client refuses every send (`throttled`).
    const rig = await createRig({ client: { throttle: { messages: 0, perMs: 60_000 } } });
    const el = await composeNew(rig, 'Hello from the picker');
    await sendKeys({ press: 'Enter' });
    const c = composer(el)!;
    await until(
      () => !picker(el) || c.shadowRoot!.textContent!.includes('Too many messages'),
      'the refusal shown (or the picker closed)',
    );
    // Give a wrongly scheduled close every chance to happen.
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(picker(el), 'the picker stays').to.not.equal(null);
    expect(c.shadowRoot!.textContent).to.contain('Not sent: Too many messages');
    expect(composer(el)!.shadowRoot!.querySelector('textarea')!.value).to.equal('Hello from the picker');
  });

  it('gives way to the thread once the first message is sent', async () => {
    const rig = await createRig();
    const el = await composeNew(rig, 'Hello there');
    await sendKeys({ press: 'Enter' });
    await until(() => !picker(el), 'picker closed');
    await until(() => el.shadowRoot!.querySelector('sms-thread'), 'thread shown');
  });

  it('keeps the picker when the host cancels the send', async () => {
    const rig = await createRig();
    const el = await composeNew(rig, 'Not this one');
    let cancelled = 0;
    el.addEventListener('sms-send', (e) => {
      e.preventDefault();
      cancelled++;
    });
    await sendKeys({ press: 'Enter' });
    await until(() => cancelled === 1, 'sms-send seen');
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(picker(el)).to.not.equal(null);
    expect(rig.client.getState().conversations.some((c) => c.lastMessage?.text === 'Not this one')).to.equal(
      false,
    );
  });
});

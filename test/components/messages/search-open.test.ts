import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsConversationList } from '../../../src/components/conversation-list/conversation-list.js';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import type { SmsErrorEvent } from '../../../src/events/error-event.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

// Only in a group chat: search finds the person, and opening them starts a one-to-one chat.
const ROSA = '+12025550177';
const TEO = '+12025550178';

const centre = (e: Element): [number, number] => {
  const r = e.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
};

describe('<sms-messages> opening what the list and search chose', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('a person who cannot be opened (offline) is said to the person and fired as sms-error', async () => {
    const rig = await createRig({ conversations: 2, messagesPerConversation: [1, 2], contacts: 2 });
    await rig.client.send({ to: [ROSA, TEO], text: 'Group hello' });
    const app = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="display: flex; height: 640px; width: 960px"></sms-messages>`,
    );
    const errors: SmsErrorEvent[] = [];
    app.addEventListener('sms-error', (e) => errors.push(e));
    const search = await until(() => app.shadowRoot!.querySelector('sms-search'), 'search');
    await sendMouse({ type: 'click', position: centre(search.shadowRoot!.querySelector('input')!) });
    await sendKeys({ type: '5550177' });
    const person = await until(
      () => search.shadowRoot!.querySelector<HTMLElement>('[role="option"][id^="person-"]'),
      'the person is found',
    );
    rig.backend.setOffline(true);
    await sendMouse({ type: 'click', position: centre(person) });

    const error = await until(
      () => errors.find((e) => e.detail.operation === 'openConversation'),
      'the host hears of it',
    );
    expect(error.detail.error.message).to.not.equal('');
    const notice = await until(
      () =>
        [...app.shadowRoot!.querySelectorAll('[part="notice"]')].find((n) =>
          n.textContent!.includes('could not be opened'),
        ),
      'the person is told',
    );
    expect(notice.closest('[role="alert"], [role="status"]')).to.not.equal(null);
  });

  it("follows the list's decision when its event ends: cancelled in a listener, nothing opens; not cancelled, the chat opens", async () => {
    const rig = await createRig({ conversations: 3, messagesPerConversation: [1, 2] });
    const app = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="display: flex; height: 640px; width: 400px"></sms-messages>`,
    );
    const list = await until(
      () => app.shadowRoot!.querySelector<SmsConversationList>('sms-conversation-list'),
      'list',
    );
    const row = (i: number) => list.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')[i];
    const view = () => app.shadowRoot!.querySelector<HTMLElement>('.app')!.dataset['view'];
    await until(() => row(1), 'rows');

    // The host cancels in its listener: the list selects nothing and the app stays on the list.
    app.addEventListener('sms-conversation-select', (e) => e.preventDefault(), { once: true });
    await sendMouse({ type: 'click', position: centre(row(1)!) });
    await app.updateComplete;
    expect(rig.client.getState().selectedConversationId).to.equal(null);
    expect(view()).to.equal('list');

    // A cancellation after the event has ended is too late for the list, which selects the chat:
    // the app opens it too (a later look at defaultPrevented saw it and left the chat unopened).
    const late = (e: Event) => queueMicrotask(() => e.preventDefault());
    document.addEventListener('sms-conversation-select', late, { capture: true, once: true });
    await sendMouse({ type: 'click', position: centre(row(1)!) });
    await until(() => rig.client.getState().selectedConversationId, 'the list went ahead');
    await until(() => view() === 'detail', 'the app opens the chat the list selected');
  });
});

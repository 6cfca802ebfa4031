import { expect, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import { createIndexedDbCache } from '../../../src/cache/idb-cache.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

const pane = (el: SmsMessages, name: 'list' | 'detail') =>
  el.shadowRoot!.querySelector<HTMLElement>(`.pane.${name}`)!;
const shown = (e: HTMLElement) => getComputedStyle(e).display !== 'none';

async function renderApp(rig: Rig, width = 1000): Promise<SmsMessages> {
  const el = await renderWithClient<SmsMessages>(
    rig,
    html`<sms-messages style="height: 600px; width: ${width}px"></sms-messages>`,
  );
  await until(() => el.shadowRoot!.querySelector('sms-conversation-list'), 'app rendered');
  return el;
}

describe('<sms-messages>', () => {
  afterEach(async () => {
    cleanupRigs();
    await setViewport({ width: 1280, height: 800 });
  });

  it('shows the list and the thread side by side from 720 px of its own width', async () => {
    const rig = await createRig();
    const el = await renderApp(rig, 900);
    expect(shown(pane(el, 'list'))).to.equal(true);
    expect(shown(pane(el, 'detail'))).to.equal(true);
    expect(el.shadowRoot!.textContent).to.contain('Select a conversation');
    await expect(el).to.be.accessible();
  });

  it('shows one pane at a time when narrow, with a back button, and no horizontal scroll at 320 px', async () => {
    const rig = await createRig();
    const el = await renderApp(rig, 320);
    expect(shown(pane(el, 'list'))).to.equal(true);
    expect(shown(pane(el, 'detail'))).to.equal(false);
    const list = el.shadowRoot!.querySelector('sms-conversation-list')!;
    const row = await until(() => list.shadowRoot!.querySelector<HTMLElement>('[role="option"]'), 'rows');
    row.click();
    await until(() => shown(pane(el, 'detail')) && !shown(pane(el, 'list')), 'thread pane shown');
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.back')!.click();
    await until(() => shown(pane(el, 'list')), 'back to the list');
  });

  it('opens the picker with "Send New Message"', async () => {
    const rig = await createRig();
    const el = await renderApp(rig);
    const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Send New Message'),
    )!;
    button.click();
    await until(() => el.shadowRoot!.querySelector('sms-new-conversation'), 'picker shown');
    await expect(el).to.be.accessible();
  });

  it('shows the "Oops" explanation to a user with no texting number', async () => {
    const rig = await createRig({ accountIndex: 1 });
    expect(rig.client.getState().account!.numbers.length).to.equal(0);
    const el = await renderWithClient<SmsMessages>(rig, html`<sms-messages></sms-messages>`);
    await until(() => el.shadowRoot!.querySelector('[part="oops"]'), 'oops shown');
    expect(el.shadowRoot!.textContent).to.contain('Oops').and.contain('admin');
    expect(el.shadowRoot!.querySelector('sms-conversation-list')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('openConversation() opens the existing chat with those numbers and prefills the draft', async () => {
    const rig = await createRig();
    const el = await renderApp(rig);
    const existing = rig.client.getState().conversations.find((c) => c.participants.length === 1)!;
    const id = await el.openConversation({
      to: existing.participants[0]!,
      from: existing.ownNumber,
      text: 'Hello there',
    });
    expect(id).to.equal(existing.id);
    expect(rig.client.getState().selectedConversationId).to.equal(existing.id);
    expect(rig.client.getState().drafts[existing.id]!.text).to.equal('Hello there');
    const fresh = await el.openConversation({ to: '(415) 555-0177' });
    expect(fresh.startsWith('pending:')).to.equal(true);
  });

  it('keeps the tab title and favicon badged while there are unread messages (opt-in)', async () => {
    const rig = await createRig();
    document.title = 'Portal';
    const el = await renderApp(rig);
    el.titleBadge = true;
    el.faviconBadge = true;
    await until(() => /^\(\d+\) Portal$/.test(document.title), 'title prefixed');
    await until(() => document.head.querySelector('link[rel~="icon"][data-sms-unread]'), 'favicon dot drawn');
    el.titleBadge = false;
    el.faviconBadge = false;
    await until(() => document.title === 'Portal', 'title restored');
  });

  it('says nothing about a short reconnect, and shows the offline notice after 5 s', async function () {
    this.timeout(15_000);
    const rig = await createRig();
    const el = await renderApp(rig);
    rig.backend.setOffline(true);
    await new Promise((r) => setTimeout(r, 1000));
    rig.backend.setOffline(false);
    await new Promise((r) => setTimeout(r, 4500));
    expect(el.shadowRoot!.textContent).to.not.contain("You're offline");
    rig.backend.setOffline(true);
    await until(() => el.shadowRoot!.textContent!.includes("You're offline"), 'offline notice', 7000);
    await expect(el).to.be.accessible();
    rig.backend.setOffline(false);
    await until(() => !el.shadowRoot!.textContent!.includes("You're offline"), 'notice gone when back');
  });

  it('warns, without blocking, when messages cannot be stored on the device', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    try {
      const rig = await createRig({
        client: { cache: createIndexedDbCache({ accountId: 'acct-acme', userId: 'warn' }) },
      });
      const el = await renderApp(rig);
      await until(
        () => el.shadowRoot!.textContent!.includes("can't be saved on this device"),
        'storage warning',
      );
      expect(el.shadowRoot!.querySelector('sms-conversation-list')).not.to.equal(null);
    } finally {
      Object.defineProperty(window, 'indexedDB', original);
    }
  });

  it('fires sms-error for failures the host may want to log', async () => {
    const rig = await createRig();
    const el = await renderApp(rig);
    rig.backend.setOffline(true);
    setTimeout(() => void rig.client.loadMoreConversations());
    const event = await oneEvent(el, 'sms-error');
    expect(event.detail.operation).to.equal('listConversations');
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('emits sms-unread-change with the total', async () => {
    const rig = await createRig();
    const app = await renderApp(rig);
    const total = rig.client.getState().conversations.reduce((n, c) => n + c.unreadCount, 0);
    const c = rig.client.getState().conversations.find((x) => x.unreadCount > 0)!;
    setTimeout(() => void rig.client.markRead(c.id));
    const next = await oneEvent(app, 'sms-unread-change');
    expect(next.detail.total).to.equal(total - c.unreadCount);
  });
});

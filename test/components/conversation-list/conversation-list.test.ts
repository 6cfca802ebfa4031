import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SmsConversationList } from '../../../src/components/conversation-list/conversation-list.js';
import type { SmsConversationSelectEvent } from '../../../src/events/conversation-select-event.js';
import type { Conversation } from '../../../src/model/conversation.js';
import { optionId } from '../../../src/components/conversation-list/conversation-row.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { nextFrame, until } from '../../helpers/wait.js';

function rows(el: SmsConversationList): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
}

/** The chats the list last rendered, in order. */
function virtualizerItems(el: SmsConversationList): readonly Conversation[] {
  return (el.shadowRoot!.querySelector('sms-virtualizer') as unknown as { items: Conversation[] }).items;
}

function scroller(el: SmsConversationList): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
}

async function renderList(rig: Rig): Promise<SmsConversationList> {
  const el = await renderWithClient<SmsConversationList>(
    rig,
    html`<sms-conversation-list style="height: 480px; width: 360px; display: flex"></sms-conversation-list>`,
  );
  await until(() => rows(el).length > 0, 'rows rendered');
  return el;
}

describe('<sms-conversation-list>', () => {
  afterEach(cleanupRigs);

  it('shows conversations newest first with names, preview, time and unread badges', async () => {
    const rig = await createRig();
    const el = await renderList(rig);
    const state = rig.client.getState();
    const first = state.conversations[0]!;
    const row = rows(el)[0]!;
    expect(row.querySelector('[part="name"]')!.textContent!.trim().length).to.be.greaterThan(0);
    expect(row.querySelector('time')!.getAttribute('datetime')).to.equal(
      new Date(first.updatedAt).toISOString(),
    );
    const unread = state.conversations.findIndex((c) => c.unreadCount > 0);
    expect(unread, 'the seed has unread chats').to.be.greaterThan(-1);
    const unreadRow = rows(el).find((r) => r.classList.contains('unread'))!;
    const badge = unreadRow.querySelector('[part="badge"]')!;
    expect(Number(badge.textContent)).to.be.greaterThan(0);
    expect(getComputedStyle(unreadRow.querySelector('[part="name"]')!).fontWeight).to.equal('700');
    await expect(el).to.be.accessible();
  });

  it('loads older chats when scrolled to the end, and says when there are no more', async () => {
    const rig = await createRig({ client: { pageSize: { conversations: 20 } } });
    const el = await renderList(rig);
    const first = rig.client.getState().conversations.length;
    expect(first, 'only the first pages are loaded').to.be.below(100);
    scroller(el).scrollTop = scroller(el).scrollHeight;
    await until(() => rig.client.getState().conversations.length > first, 'next page loaded');
    // Keep scrolling until the end of the list.
    await until(
      () => {
        scroller(el).scrollTop = scroller(el).scrollHeight;
        return rig.client.getState().conversationsComplete;
      },
      'all pages loaded',
      20_000,
    );
    await until(() => el.shadowRoot!.textContent!.includes('No more conversations'), 'end of list shown');
  });

  it('shows an error row with retry when a page fails, and retry loads it', async () => {
    const rig = await createRig({ client: { pageSize: { conversations: 20 } } });
    const el = await renderList(rig);
    rig.backend.setOffline(true);
    scroller(el).scrollTop = scroller(el).scrollHeight;
    const retry = await until(
      () => el.shadowRoot!.querySelector<HTMLButtonElement>('.error button'),
      'error row',
    );
    expect(el.shadowRoot!.querySelector('.error')!.textContent).to.contain('could not be loaded');
    await expect(el).to.be.accessible();
    rig.backend.setOffline(false);
    retry.click();
    await until(() => rig.client.getState().conversations.length > 20, 'page loaded after retry');
  });

  it('is one tab stop: arrows, Home and End move, Enter opens and fires a cancelable event', async () => {
    const rig = await createRig({ conversations: 25 });
    const el = await renderList(rig);
    const list = el.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!;
    list.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await nextFrame();
    const ids = rig.client.getState().conversations.map((c) => c.id);
    expect(list.getAttribute('aria-activedescendant')).to.equal(rows(el)[2]!.id);
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const event = (await oneEvent(el, 'sms-conversation-select')) as SmsConversationSelectEvent;
    expect(event.detail.conversationId).to.equal(ids[2]);
    expect(event.cancelable && event.composed && event.bubbles).to.equal(true);
    await until(() => rig.client.getState().selectedConversationId === ids[2], 'selected in the client');
    await el.updateComplete;
    expect(rows(el)[2]!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'End' });
    const lastId = rig.client.getState().conversations.at(-1)!.id;
    await until(
      () => el.shadowRoot!.querySelector('.row.active')?.id === list.getAttribute('aria-activedescendant'),
      'the active row is rendered',
    );
    expect(list.getAttribute('aria-activedescendant')).to.contain(lastId.slice(0, 6));
    await sendKeys({ press: 'Home' });
    await until(
      () => list.getAttribute('aria-activedescendant') === rows(el)[0]!.id,
      'back to the first row',
    );
    expect(el.shadowRoot!.activeElement).to.equal(list);
  });

  it('lets the host veto a selection', async () => {
    const rig = await createRig();
    const el = await renderList(rig);
    el.addEventListener('sms-conversation-select', (e) => e.preventDefault(), { once: true });
    rows(el)[1]!.click();
    await nextFrame();
    expect(rig.client.getState().selectedConversationId).to.equal(null);
  });

  it('moves a chat to the top on an inbound message without shifting what the user sees', async () => {
    const rig = await createRig({ client: { pageSize: { conversations: 60 } } });
    const el = await renderList(rig);
    const s = scroller(el);
    s.scrollTop = 20 * 72 + 10;
    await nextFrame();
    await nextFrame();
    const visibleBefore = rows(el).find(
      (r) => r.getBoundingClientRect().top >= s.getBoundingClientRect().top,
    )!;
    const topBefore = visibleBefore.getBoundingClientRect().top;
    const state = rig.client.getState();
    const target = state.conversations[45]!;
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: target.id,
      from: target.participants[0]!,
      text: 'Moving up',
    });
    await until(() => rig.client.getState().conversations[0]!.id === target.id, 'chat moved to the top');
    // The list renders a change in the next frame, or within 200 ms while changes stream in.
    await until(() => virtualizerItems(el)[0]?.id === target.id, 'the list rendered the move');
    await el.updateComplete;
    await nextFrame();
    await nextFrame();
    const same = el.shadowRoot!.getElementById(visibleBefore.id)!;
    expect(Math.abs(same.getBoundingClientRect().top - topBefore)).to.be.at.most(1);
  });

  it('emits sms-unread-change with the total', async () => {
    const rig = await createRig();
    const el = await renderList(rig);
    const totals: number[] = [];
    el.addEventListener('sms-unread-change', (e) => totals.push(e.detail.total));
    const total = () => rig.client.getState().conversations.reduce((n, c) => n + c.unreadCount, 0);
    // The first total may have been sent before this listener (as the rows rendered).
    await until(() => totals.length === 0 || totals.at(-1) === total(), 'the first total');
    const conv = rig.client.getState().conversations.find((c) => c.unreadCount > 0)!;
    const before = total();
    await rig.client.markRead(conv.id);
    await until(() => totals.at(-1) === before - conv.unreadCount, 'the total after reading a chat');
  });

  it('shows the empty state for an account with no conversations', async () => {
    const rig = await createRig({ conversations: 0 });
    const el = await renderWithClient<SmsConversationList>(
      rig,
      html`<sms-conversation-list></sms-conversation-list>`,
    );
    await until(() => el.shadowRoot!.textContent!.includes('No conversations yet'), 'empty state');
    await expect(el).to.be.accessible();
  });

  // Issue 21 (decision 0019): a burst of inbound texts re-rendered the list every frame (the main
  // thread saturated); while chats keep changing it renders at most every 200 ms, and shows the
  // last state when the stream ends.
  it('renders a stream of inbound texts a few times a second, then shows where it ended', async () => {
    const rig = await createRig({ client: { pageSize: { conversations: 60 } } });
    const el = await renderList(rig);
    const convs = rig.client.getState().conversations.slice(0, 10);
    let renders = 0;
    const host = el as unknown as { updated(): void };
    const updated = host.updated.bind(el);
    host.updated = () => {
      renders++;
      updated();
    };
    const start = performance.now();
    let sent = 0;
    let last = convs[0]!;
    while (performance.now() - start < 1500) {
      last = convs[sent % convs.length]!;
      await rig.backend.receive({
        accountId: rig.accountId,
        conversationId: last.id,
        from: last.participants[0]!,
        text: `stream ${sent++}`,
      });
      await new Promise((r) => setTimeout(r, 5));
    }
    const elapsed = performance.now() - start;
    const text = `stream ${sent - 1}`;
    await until(
      () => rows(el)[0]?.querySelector('[part="preview"]')?.textContent?.includes(text),
      'the last text at the top of the list',
    );
    expect(sent, 'texts kept coming').to.be.greaterThan(50);
    // One render per 200 ms of the stream, the last one, and one for the backend's delayed events.
    expect(renders).to.be.at.most(Math.ceil(elapsed / 200) + 3);
    expect(rows(el)[0]!.id).to.equal(optionId(last.id));
  });
});

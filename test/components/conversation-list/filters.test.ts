import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsConversationList } from '../../../src/components/conversation-list/conversation-list.js';
import type { SmsFilterChangeEvent } from '../../../src/events/filter-change-event.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

const rows = (el: SmsConversationList) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]'),
];
const chip = (el: SmsConversationList, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="filter"]')].find(
    (b) => b.textContent!.trim() === name,
  )!;
const centre = (e: Element): [number, number] => {
  const r = e.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
};
const rowIds = (el: SmsConversationList) => rows(el).map((r) => r.id);
const optionId = (id: string) =>
  `conversation-${id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;

async function renderList(rig: Rig, lang = 'en'): Promise<SmsConversationList> {
  const el = await renderWithClient<SmsConversationList>(
    rig,
    html`<sms-conversation-list
      lang=${lang}
      style="height: 520px; width: 380px; display: flex"
    ></sms-conversation-list>`,
  );
  await until(() => rows(el).length > 0, 'rows rendered');
  return el;
}

/** A chat whose latest send failed, and one whose person replied STOP (both read). */
async function prepare(rig: Rig): Promise<{ failed: string; optedOut: string }> {
  const [a, b] = rig.client
    .getState()
    .conversations.filter((c) => c.participants.length === 1 && !c.optedOut?.length);
  rig.backend.failNextSends(1, 'invalid');
  await rig.client.send({ conversationId: a!.id, text: 'this one fails' });
  await until(
    () => rig.client.getState().conversations.find((c) => c.id === a!.id)?.lastMessage?.status === 'failed',
    'failed',
  );
  await rig.backend.receive({ accountId: rig.accountId, conversationId: b!.id, text: 'STOP' });
  await until(
    () => rig.client.getState().conversations.find((c) => c.id === b!.id)?.optedOut?.length,
    'opted out',
  );
  await rig.client.markRead(b!.id);
  await rig.client.markRead(a!.id);
  return { failed: a!.id, optedOut: b!.id };
}

describe('<sms-conversation-list> filter chips', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('Unread, Failed and Opted out: toggled by pointer and keyboard, combined, each with its empty state', async () => {
    const rig = await createRig({ conversations: 60 });
    const { failed, optedOut } = await prepare(rig);
    const el = await renderList(rig);
    const changes: (readonly string[])[] = [];
    el.addEventListener('sms-filter-change', (e: SmsFilterChangeEvent) => changes.push(e.detail.filters));

    await sendMouse({ type: 'click', position: centre(chip(el, 'Unread')) });
    await until(() => chip(el, 'Unread').getAttribute('aria-pressed') === 'true', 'pressed');
    const unread = rig.client.getState().conversations.filter((c) => c.unreadCount > 0);
    expect(unread.length, 'the seed has unread chats').to.be.above(0);
    await until(
      () => rows(el).length > 0 && rows(el).every((r) => r.classList.contains('unread')),
      'only unread',
    );
    expect(rowIds(el)).to.not.include(optionId(failed));
    expect(changes).to.deep.equal([['unread']]);
    await expect(el).to.be.accessible();

    // Keyboard: the next chip is the next tab stop; Space toggles it. Unread and Failed: none.
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(chip(el, 'Failed'));
    await sendKeys({ press: 'Space' });
    const empty = await until(() => el.shadowRoot!.querySelector('.empty.filtered'), 'no match');
    await until(() => rig.client.getState().conversationsComplete, 'read every chat to be sure');
    expect(empty.textContent).to.contain('No chats match these filters');
    expect(changes.at(-1)).to.deep.equal(['unread', 'failed']);

    // Back to Failed alone (Shift+Tab to Unread, Enter).
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await until(() => rowIds(el).includes(optionId(failed)), 'the failed chat');
    const failedIds = rig.client
      .getState()
      .conversations.filter(
        (c) => c.lastMessage?.direction === 'outbound' && c.lastMessage.status === 'failed',
      )
      .map((c) => optionId(c.id));
    expect(rowIds(el)).to.have.members(failedIds);
    expect(rows(el).every((r) => r.textContent!.includes('Not sent'))).to.equal(true);

    await sendMouse({ type: 'click', position: centre(chip(el, 'Failed')) });
    await sendMouse({ type: 'click', position: centre(chip(el, 'Opted out')) });
    await until(() => rowIds(el).includes(optionId(optedOut)), 'the opted-out chat');
    const opted = new Set(
      rig.client
        .getState()
        .conversations.filter((c) => c.optedOut?.length)
        .map((c) => optionId(c.id)),
    );
    expect(rowIds(el).every((id) => opted.has(id))).to.equal(true);

    // A search (the host's match) combines with the chips.
    el.match = (c) => c.id === failed;
    await until(() => el.shadowRoot!.querySelector('.empty.filtered'), 'search and opted out: none');
    expect(el.shadowRoot!.querySelector('.empty.filtered')!.textContent).to.contain(
      'No chats match these filters',
    );
    await sendMouse({ type: 'click', position: centre(el.shadowRoot!.querySelector('.clear')!) });
    await until(() => rowIds(el).length === 1 && rowIds(el)[0] === optionId(failed), 'only the search');
    expect(el.filters).to.deep.equal([]);
  });

  it('says which filter found nothing, in Spanish too; a cancelled change keeps the filters', async () => {
    const rig = await createRig({ conversations: 20 });
    const el = await renderList(rig, 'es');
    el.addEventListener('sms-filter-change', (e) => e.preventDefault(), { once: true });
    await sendMouse({ type: 'click', position: centre(chip(el, 'Fallidos')) });
    expect(chip(el, 'Fallidos').getAttribute('aria-pressed')).to.equal('false');
    await sendMouse({ type: 'click', position: centre(chip(el, 'Fallidos')) });
    const empty = await until(() => el.shadowRoot!.querySelector('.empty.filtered'), 'empty');
    await until(
      () => empty.textContent!.includes('No hay chats con mensajes no enviados'),
      'Spanish empty text',
    );
    expect(empty.querySelector('.clear')!.textContent!.trim()).to.equal('Quitar filtros');
    await expect(el).to.be.accessible();
  });
});

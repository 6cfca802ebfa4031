import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsConversationList } from '../../../src/components/conversation-list/conversation-list.js';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

const MARIA = '+12025550143';

const centre = (e: Element): [number, number] => {
  const r = e.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
};
const optionId = (id: string) =>
  `conversation-${id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;

describe('<sms-messages> search field with the filter chips', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('typing narrows the conversation list, and the chips combine with the query (keyboard and pointer)', async () => {
    const rig = await createRig({ conversations: 6, messagesPerConversation: [2, 3], contacts: 3 });
    await rig.backend.receive({ from: MARIA, text: 'La llave está debajo de la maceta' });
    const others = rig.client.getState().conversations.filter((c) => c.participants[0] !== MARIA);
    // Another unread chat that does not mention it.
    await rig.backend.receive({ accountId: rig.accountId, conversationId: others[0]!.id, text: 'Hola' });
    await until(
      () => rig.client.getState().conversations.filter((c) => c.unreadCount > 0).length >= 2,
      'two unread chats',
    );
    const maria = rig.client.getState().conversations.find((c) => c.participants[0] === MARIA)!;

    const app = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="display: flex; height: 640px; width: 960px"></sms-messages>`,
    );
    const list = await until(
      () => app.shadowRoot!.querySelector<SmsConversationList>('sms-conversation-list'),
      'list',
    );
    const rows = () =>
      [...list.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].map((r) => r.id);
    const chip = (name: string) =>
      [...list.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="filter"]')].find(
        (b) => b.textContent!.trim() === name,
      )!;
    await until(() => rows().length >= 6, 'every chat listed');
    const all = rows().length;

    const input = app.shadowRoot!.querySelector('sms-search')!.shadowRoot!.querySelector('input')!;
    await sendMouse({ type: 'click', position: centre(input) });
    await sendKeys({ type: 'maceta' });
    await until(
      () => rows().length === 1 && rows()[0] === optionId(maria.id),
      'only the chat that mentions it is listed',
    );

    // Escape closes the results over the list (the query stays); then the chips, with the pointer.
    const panel = app.shadowRoot!.querySelector('sms-search')!.shadowRoot!.querySelector('.panel')!;
    await sendKeys({ press: 'Escape' });
    await until(() => panel.hasAttribute('hidden'), 'results closed');
    expect(input.value).to.equal('maceta');
    expect(rows()).to.deep.equal([optionId(maria.id)]);

    // Unread with the query: Maria's chat is unread, the other unread chat does not match.
    await sendMouse({ type: 'click', position: centre(chip('Unread')) });
    await until(() => chip('Unread').getAttribute('aria-pressed') === 'true', 'Unread pressed');
    expect(rows()).to.deep.equal([optionId(maria.id)]);

    // Failed too: nothing matches all three.
    await sendMouse({ type: 'click', position: centre(chip('Failed')) });
    await until(() => rows().length === 0, 'nothing matches');
    expect(list.shadowRoot!.querySelector('.empty.filtered')!.textContent).to.contain('No chats match');
    await sendMouse({ type: 'click', position: centre(chip('Failed')) });
    await until(() => rows().length === 1, 'Failed released');

    // Escape closes the results, then clears the query: the chips alone apply again.
    await sendMouse({ type: 'click', position: centre(input) });
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await until(() => input.value === '', 'cleared');
    await until(() => rows().length >= 2, 'every unread chat');
    expect(rows()).to.include(optionId(maria.id));
    expect(rows()).to.include(optionId(others[0]!.id));
    expect(rows().length).to.be.below(all + 1);
    await expect(app).to.be.accessible();
  });
});

describe('<sms-messages> narrowed list while the query stands', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('a chat that gets a matching message joins the narrowed list, and one whose only match is deleted leaves it', async () => {
    const rig = await createRig({ conversations: 6, messagesPerConversation: [2, 3], contacts: 3 });
    const first = await rig.backend.receive({ from: MARIA, text: 'La llave está debajo de la maceta' });
    const maria = await until(
      () => rig.client.getState().conversations.find((c) => c.lastMessage?.id === first.id),
      "Maria's chat",
    );
    const other = rig.client.getState().conversations.find((c) => c.id !== maria.id)!;

    const app = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="display: flex; height: 640px; width: 960px"></sms-messages>`,
    );
    const list = await until(
      () => app.shadowRoot!.querySelector<SmsConversationList>('sms-conversation-list'),
      'list',
    );
    const rows = () =>
      [...list.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].map((r) => r.id);
    await until(() => rows().length >= 6, 'every chat listed');

    const input = app.shadowRoot!.querySelector('sms-search')!.shadowRoot!.querySelector('input')!;
    await sendMouse({ type: 'click', position: centre(input) });
    await sendKeys({ type: 'maceta' });
    await until(
      () => rows().length === 1 && rows()[0] === optionId(maria.id),
      'only the chat that mentions it is listed',
    );

    // A text that mentions it arrives in another chat while the query stands: that chat joins
    // the narrowed list, newest first, without touching the query.
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: other.id,
      text: 'Dejé las macetas en la puerta',
    });
    await until(
      () => rows().length === 2 && rows()[0] === optionId(other.id) && rows()[1] === optionId(maria.id),
      'the chat that got a matching message is listed first',
      5000,
    );
    expect(input.value).to.equal('maceta');

    // Someone deletes Maria's only match (another device): her chat no longer matches and leaves.
    await rig.backend.connect(rig.accountId).deleteMessage({ conversationId: maria.id, messageId: first.id });
    await until(
      () => rows().length === 1 && rows()[0] === optionId(other.id),
      'the chat whose match was deleted leaves the list',
      5000,
    );
    await expect(app).to.be.accessible();
  });
});

describe('<sms-messages> choosing a search result', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('a group result (pointer) opens the group; a person of the address book without a chat (keyboard) starts one', async () => {
    const rig = await createRig({ conversations: 30, messagesPerConversation: [1, 2], contacts: 40 });
    const state = () => rig.client.getState();
    const group = state().conversations.find((c) => c.participants.length > 1)!;
    expect(group, 'the seed has a group').to.not.equal(undefined);
    const inChats = new Set(state().conversations.flatMap((c) => c.participants));
    const contacts = await rig.client.searchContacts('');
    const lonely = contacts.find((k) => k.numbers.every((n) => !inChats.has(n.number)))!;
    expect(lonely, 'the address book has someone without a chat').to.not.equal(undefined);

    const app = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="display: flex; height: 640px; width: 960px"></sms-messages>`,
    );
    const search = app.shadowRoot!.querySelector('sms-search')!;
    const input = search.shadowRoot!.querySelector('input')!;
    const option = (text: string, kind: string) =>
      [...search.shadowRoot!.querySelectorAll<HTMLElement>(`[role="option"][id^="${kind}-"]`)].find((o) =>
        o.textContent!.includes(text),
      );
    const composerFor = () => app.shadowRoot!.querySelector('sms-composer')?.getAttribute('conversation-id');

    // A participant of the group by the digits of their number: the group is listed under
    // Conversations; the pointer opens it.
    const member = group.participants[0]!;
    await sendMouse({ type: 'click', position: centre(input) });
    await sendKeys({ type: member.slice(-7) });
    const groupOption = await until(
      () =>
        [...search.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"][id^="conversation-"]')].at(0),
      'a conversation result',
    );
    await expect(search).to.be.accessible();
    await sendMouse({ type: 'click', position: centre(groupOption) });
    // (the first group they are in, newest first: the one the row names)
    const groups = state()
      .conversations.filter((c) => c.participants.length > 1 && c.participants.includes(member))
      .sort((a, b) => b.updatedAt - a.updatedAt);
    await until(
      () => state().selectedConversationId === groups[0]!.id && composerFor() === groups[0]!.id,
      'the group is open, its composer writing to it',
    );
    await until(() => input.getAttribute('aria-expanded') === 'false', 'the results close');

    // Someone of the address book without a chat, by name: the person result (from the server's
    // contacts); ↓ to it and Enter start a conversation with them.
    await sendMouse({ type: 'click', position: centre(input) });
    await sendKeys({ press: 'Escape' });
    await until(() => input.value === '', 'Escape clears the query (the results are closed)');
    await sendKeys({ type: lonely.name });
    await until(() => option(lonely.name, 'person'), `the person ${lonely.name}`, 5000);
    const target = option(lonely.name, 'person')!.id;
    for (let i = 0; i < 40 && input.getAttribute('aria-activedescendant') !== target; i++)
      await sendKeys({ press: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).to.equal(target);
    await sendKeys({ press: 'Enter' });
    await until(() => {
      const c = state().conversations.find((x) => x.id === state().selectedConversationId);
      return c && c.participants.length === 1 && lonely.numbers.some((n) => n.number === c.participants[0]);
    }, 'a conversation with them is selected');
    await until(() => composerFor() === state().selectedConversationId, 'the composer writes to them');
    await expect(app).to.be.accessible();
  });
});

// Click-to-text (`captureLinks`) and the message log events, as a host page sees them.
import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

async function renderApp(rig: Rig, captureLinks?: string): Promise<SmsMessages> {
  const el = await renderWithClient<SmsMessages>(
    rig,
    html`<sms-messages
      style="height: 560px; width: 1000px"
      capture-links=${captureLinks ?? ''}
    ></sms-messages>`,
  );
  if (captureLinks === undefined) el.removeAttribute('capture-links');
  await until(() => el.shadowRoot!.querySelector('sms-conversation-list'), 'app rendered');
  return el;
}

/** The composer's field, as the person sees it. */
function field(el: SmsMessages): HTMLTextAreaElement | null {
  return el.shadowRoot!.querySelector('sms-composer')?.shadowRoot?.querySelector('textarea') ?? null;
}

/** A link in the host page, above the app. */
function hostLink(href: string, text = 'Text customer'): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  a.style.cssText = 'display: inline-block; padding: 8px; font-size: 16px';
  document.body.prepend(a);
  links.push(a);
  return a;
}
const links: Element[] = [];

/** What became of the last click on the page: whether the app (or anything) prevented its default. */
let lastClickPrevented: boolean | null = null;
const recordClick = (e: MouseEvent) => {
  lastClickPrevented = e.defaultPrevented;
  // Never let the browser hand a link to the system's texting app during the tests.
  e.preventDefault();
};

async function click(target: Element, modifiers: string[] = []): Promise<void> {
  const r = target.getBoundingClientRect();
  lastClickPrevented = null;
  for (const key of modifiers) await sendKeys({ down: key });
  await sendMouse({
    type: 'click',
    position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)],
  });
  for (const key of modifiers) await sendKeys({ up: key });
  await until(() => lastClickPrevented !== null, 'the click reached the window');
}

describe('<sms-messages> click-to-text (captureLinks)', () => {
  before(() => window.addEventListener('click', recordClick));
  after(() => window.removeEventListener('click', recordClick));
  afterEach(async () => {
    for (const a of links.splice(0)) a.remove();
    cleanupRigs();
    await resetMouse();
  });

  it('opens the chat with the body filled for an sms: link anywhere in the page', async () => {
    const rig = await createRig();
    const el = await renderApp(rig, 'sms');
    const own = rig.client.getState().account!.numbers[0]!.number;
    const existing = rig.client
      .getState()
      .conversations.find((c) => c.participants.length === 1 && c.ownNumber === own)!;
    const number = existing.participants[0]!;
    await click(hostLink(`sms:${number}?body=Your%20technician%20is%20on%20the%20way`));
    expect(lastClickPrevented, 'the app took the click').to.equal(true);
    await until(() => field(el)?.value === 'Your technician is on the way', 'body in the composer');
    expect(rig.client.getState().selectedConversationId).to.equal(existing.id);
    // A draft being written is kept: the next link's body goes after it.
    await click(hostLink(`sms://${number}&body=Gate%20code%201234`, 'iOS form'));
    await until(
      () => field(el)?.value === 'Your technician is on the way\nGate code 1234',
      `both texts kept (${field(el)?.value})`,
    );
  });

  it('opens the chat on the number the person last texted with, loaded or not', async () => {
    const rig = await createRig();
    const el = await renderApp(rig, 'sms');
    const chatsWith = async (number: string) => {
      const found = await Promise.all(
        rig.client
          .getState()
          .account!.numbers.map((own) =>
            rig.backend.connect(rig.accountId).findConversation({ participants: [number], from: own.number }),
          ),
      );
      return found.filter((c) => c !== null).sort((a, b) => b.updatedAt - a.updatedAt);
    };
    // Texted from two numbers; the most recent chat is on the second line and is loaded.
    const recent = await chatsWith('+14045550150');
    expect(recent.map((c) => c.ownNumber)).to.deep.equal(['+14155550188', '+12025550199']);
    expect(rig.client.getState().conversations.some((c) => c.id === recent[0]!.id)).to.equal(true);
    await click(hostLink('sms:+14045550150?body=On%20our%20way'));
    await until(() => field(el)?.value === 'On our way', 'body in the composer');
    expect(rig.client.getState().selectedConversationId, 'the chat last used').to.equal(recent[0]!.id);
    // Texted from all three numbers, none of the chats loaded yet: the backend is asked.
    const old = await chatsWith('+12135550189');
    expect(old.map((c) => c.ownNumber)).to.deep.equal(['+18005550199', '+14155550188', '+12025550199']);
    expect(rig.client.getState().conversations.some((c) => old.some((o) => o.id === c.id))).to.equal(false);
    await click(hostLink('sms:+12135550189?body=Invoice%20attached', 'Older customer'));
    await until(() => field(el)?.value === 'Invoice attached', 'body in the second composer');
    expect(
      rig.client.getState().selectedConversationId,
      'the chat last used, read from the backend',
    ).to.equal(old[0]!.id);
  });

  it('starts a group conversation for sms:+1…,+1…, and a link inside a shadow root counts too', async () => {
    const rig = await createRig();
    const el = await renderApp(rig, '');
    const host = document.createElement('div');
    links.push(host);
    document.body.prepend(host);
    const root = host.attachShadow({ mode: 'open' });
    const a = document.createElement('a');
    a.href = 'sms:+14155550177,(415)%20555-0178?body=Crew%20update';
    a.textContent = 'Text the crew';
    root.append(a);
    await click(a);
    expect(lastClickPrevented).to.equal(true);
    await until(() => field(el)?.value === 'Crew update', 'body in the composer');
    const selected = rig.client.getState().selectedConversationId!;
    const c = rig.client.getState().conversations.find((x) => x.id === selected)!;
    expect([...c.participants].sort()).to.deep.equal(['+14155550177', '+14155550178']);
  });

  it('leaves tel: links, modifier clicks, handled clicks, unreadable numbers and an app without captureLinks alone', async () => {
    const rig = await createRig();
    const el = await renderApp(rig, 'sms');
    const before = rig.client.getState().selectedConversationId;
    await click(hostLink('tel:+14155550177', 'Call'));
    expect(lastClickPrevented, 'tel: not captured').to.equal(false);
    await click(hostLink('sms:+14155550177?body=x', 'Ctrl'), ['Control']);
    expect(lastClickPrevented, 'ctrl-click not captured').to.equal(false);
    const handled = hostLink('sms:+14155550177?body=x', 'Handled');
    handled.addEventListener('click', (e) => e.preventDefault());
    await click(handled);
    expect(rig.client.getState().selectedConversationId, 'a handled click does nothing').to.equal(before);
    await click(hostLink('sms:12?body=x', 'Bad number'));
    expect(lastClickPrevented, 'an unreadable number goes to the browser').to.equal(false);
    el.captureLinks = null;
    await el.updateComplete;
    await click(hostLink('sms:+14155550177?body=x', 'Off'));
    expect(lastClickPrevented, 'off').to.equal(false);
    expect(rig.client.getState().selectedConversationId).to.equal(before);
  });

  it('takes tel: links too with captureLinks="sms tel"', async () => {
    const rig = await createRig();
    const el = await renderApp(rig, 'sms tel');
    await click(hostLink('tel:+1-415-555-0177', 'Call'));
    expect(lastClickPrevented).to.equal(true);
    await until(() => field(el), 'composer shown');
    const selected = rig.client
      .getState()
      .conversations.find((x) => x.id === rig.client.getState().selectedConversationId)!;
    expect(selected.participants).to.deep.equal(['+14155550177']);
  });
});

describe('<sms-messages> message log events', () => {
  afterEach(cleanupRigs);

  it('fires sent, delivered, failed and received once each, with the conversation and the message', async () => {
    const rig = await createRig({ deliveryMs: [20, 40] });
    const el = await renderApp(rig);
    const log: string[] = [];
    const details: { conversation: { id: string }; message: { text: string; status: string } }[] = [];
    for (const type of [
      'sms-message-sent',
      'sms-message-delivered',
      'sms-message-failed',
      'sms-message-received',
    ] as const) {
      document.addEventListener(type, (e) => {
        log.push(`${type.slice(12)}:${e.detail.message.text}`);
        details.push(e.detail);
      });
    }
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    await el.openConversation({ to: c.participants[0]!, from: c.ownNumber, text: 'On my way' });
    field(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => log.includes('delivered:On my way'), `delivered (${log.join(', ')})`);
    rig.backend.failNextSends(1, 'invalid');
    await rig.client.send({ conversationId: c.id, text: 'Refused' });
    await until(() => log.includes('failed:Refused'), `failed (${log.join(', ')})`);
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'Thanks!',
    });
    await until(() => log.includes('received:Thanks!'), `received (${log.join(', ')})`);
    await new Promise((r) => setTimeout(r, 200));
    expect(log).to.deep.equal([
      'sent:On my way',
      'delivered:On my way',
      'failed:Refused',
      'received:Thanks!',
    ]);
    expect(details.every((d) => d.conversation.id === c.id)).to.equal(true);
    expect(details[1]!.message.status).to.equal('delivered');
  });
});

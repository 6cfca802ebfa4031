import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SmsNewConversation } from '../../../src/components/new-conversation/new-conversation.js';
import type { SmsRecipientsChangeEvent } from '../../../src/events/recipients-change-event.js';
import { isProvisionalId } from '../../../src/store/ids.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const chips = (el: SmsNewConversation) =>
  [...el.shadowRoot!.querySelectorAll('[part="chip"]')].map((c) => c.textContent!.trim());

async function renderPicker(rig: Rig): Promise<SmsNewConversation> {
  const el = await renderWithClient<SmsNewConversation>(
    rig,
    html`<sms-new-conversation></sms-new-conversation>`,
  );
  await until(() => $(el, 'input'), 'input rendered');
  return el;
}

async function type(el: SmsNewConversation, text: string): Promise<void> {
  $<HTMLInputElement>(el, 'input')!.focus();
  await sendKeys({ type: text });
}

describe('<sms-new-conversation>', () => {
  afterEach(cleanupRigs);

  it('filters contacts by part of a name and adds the clicked number as a chip', async () => {
    const rig = await createRig();
    const el = await renderPicker(rig);
    const contacts = await rig.client.searchContacts('');
    const contact = contacts.find((c) => c.numbers.length > 1) ?? contacts[0]!;
    const part = contact.name.split(' ')[0]!.slice(0, 3);
    await type(el, part);
    const option = await until(
      () =>
        [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="suggestion"]')].find((o) =>
          o.textContent!.includes(contact.name),
        ),
      'the contact is suggested',
    );
    const labels = [...el.shadowRoot!.querySelectorAll('[part="suggestion"]')].map((o) => o.textContent!);
    for (const n of contact.numbers) expect(labels.some((l) => l.includes(n.label))).to.equal(true);
    await expect(el).to.be.accessible();
    setTimeout(() => option.click());
    const event = (await oneEvent(el, 'sms-recipients-change')) as SmsRecipientsChangeEvent;
    expect(event.detail.participants).to.deep.equal([contact.numbers[0]!.number]);
    expect(chips(el)[0]).to.contain(contact.name);
  });

  it('adds a typed number with Enter, and refuses an invalid one with an inline error', async () => {
    const rig = await createRig();
    const el = await renderPicker(rig);
    await type(el, '12345678');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.contain('not a valid phone number');
    expect($(el, 'input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.participants).to.deep.equal([]);
    await expect(el).to.be.accessible();
    const input = $<HTMLInputElement>(el, 'input')!;
    input.select();
    await sendKeys({ press: 'Backspace' });
    await type(el, '(415) 555-0134');
    await until(() => el.shadowRoot!.textContent!.includes('Send to'), '"Send to" offered');
    await sendKeys({ press: 'Enter' });
    await until(() => el.participants.length === 1, 'number added');
    expect(el.participants).to.deep.equal(['+14155550134']);
  });

  it('makes a group from several recipients and removes chips by button and Backspace', async () => {
    const rig = await createRig();
    const el = await renderPicker(rig);
    await type(el, '4155550134');
    await sendKeys({ press: 'Enter' });
    await type(el, '4155550135');
    await sendKeys({ press: 'Enter' });
    await until(() => el.participants.length === 2, 'two recipients');
    expect(el.shadowRoot!.textContent).to.contain('Group message to 2 people');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="chip"] button')!.click();
    await el.updateComplete;
    expect(el.participants).to.deep.equal(['+14155550135']);
    $<HTMLInputElement>(el, 'input')!.focus();
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(el.participants).to.deep.equal([]);
  });

  it('resolves to the existing conversation instead of a duplicate, or a provisional one', async () => {
    const rig = await createRig();
    const el = await renderPicker(rig);
    const existing = rig.client
      .getState()
      .conversations.find(
        (c) =>
          c.participants.length === 1 && c.ownNumber === rig.client.getState().account!.numbers[0]!.number,
      )!;
    setTimeout(() => el.addRecipient(existing.participants[0]!));
    const event = (await oneEvent(el, 'sms-recipients-change')) as SmsRecipientsChangeEvent;
    expect(event.detail.conversationId).to.equal(existing.id);
    setTimeout(() => el.addRecipient('+14155550199'));
    const group = (await oneEvent(el, 'sms-recipients-change')) as SmsRecipientsChangeEvent;
    expect(isProvisionalId(group.detail.conversationId!)).to.equal(true);
  });

  it('says why no chat could be found for the recipients, and tells the host of a failed read', async () => {
    const rig = await createRig();
    const el = await renderPicker(rig);
    const errors: CustomEvent[] = [];
    el.addEventListener('sms-error', (e) => errors.push(e as CustomEvent));
    // The sender's own number: the rule refuses it, in its own words (no sms-error: nothing failed).
    setTimeout(() => el.addRecipient(rig.client.getState().account!.numbers[0]!.number));
    const own = (await oneEvent(el, 'sms-recipients-change')) as SmsRecipientsChangeEvent;
    expect(own.detail.conversationId).to.equal(null);
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent!.trim()).to.not.equal('');
    expect(errors).to.have.length(0);
    el.removeRecipient(el.participants[0]!);
    await oneEvent(el, 'sms-recipients-change');
    // A number with no chat yet while the backend cannot be reached: the read failed.
    rig.backend.setOffline(true);
    setTimeout(() => el.addRecipient('+14155550123'));
    const offline = (await oneEvent(el, 'sms-recipients-change')) as SmsRecipientsChangeEvent;
    expect(offline.detail.conversationId).to.equal(null);
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.contain('could not be opened');
    expect(errors.map((e) => (e.detail as { operation: string }).operation)).to.deep.equal([
      'resolveConversation',
    ]);
  });

  it('offers a From choice, and a toll-free From allows one recipient only and says so', async () => {
    const rig = await createRig();
    const el = await renderPicker(rig);
    const numbers = rig.client.getState().account!.numbers;
    const tollFree = numbers.find((n) => n.kind === 'toll-free')!;
    const select = await until(() => $<HTMLSelectElement>(el, 'select'), 'From choice shown');
    select.value = tollFree.number;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Toll-free numbers can only send SMS');
    expect(el.addRecipient('+14155550134')).to.equal(true);
    expect(el.addRecipient('+14155550135')).to.equal(false);
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.contain('only text one person');
    expect(el.participants.length).to.equal(1);
    await expect(el).to.be.accessible();
  });
});

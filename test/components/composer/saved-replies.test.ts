import { expect, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsComposer } from '../../../src/components/composer/composer.js';
import type { SmsNewConversation } from '../../../src/components/new-conversation/new-conversation.js';
import type { SmsSendEvent } from '../../../src/events/send-event.js';
import type { Conversation } from '../../../src/model/conversation.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const field = (el: SmsComposer) => $<HTMLTextAreaElement>(el, 'textarea[part="field"]')!;
const options = (el: SmsComposer) => $$<HTMLElement>(el, '[role="option"]');
const optionTitles = (el: SmsComposer) => options(el).map((o) => text(o.querySelector('.reply-title')));
const selected = (el: SmsComposer) => {
  const f = field(el);
  return f.value.slice(f.selectionStart, f.selectionEnd);
};

async function click(target: Element): Promise<void> {
  const r = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)],
  });
}

/** A one-to-one chat whose person has a first and a last name. */
function namedChat(rig: Rig): Conversation {
  return rig.client
    .getState()
    .conversations.find(
      (c) => c.participants.length === 1 && (c.names?.[c.participants[0]!] ?? '').trim().includes(' '),
    )!;
}

async function renderComposer(rig: Rig, template: ReturnType<typeof html>): Promise<SmsComposer> {
  const el = await renderWithClient<SmsComposer>(rig, template);
  await el.updateComplete;
  return el;
}

/** The local hour in a zone now. */
function hourIn(timeZone: string): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(Date.now()),
  );
}
const pad = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, '0')}:00`;

describe('<sms-composer> saved replies', () => {
  afterEach(cleanupRigs);

  it('"/" opens the list, typing filters it, arrows and Enter insert the reply with its variables filled', async () => {
    const rig = await createRig();
    const chat = namedChat(rig);
    const [first, ...rest] = chat.names![chat.participants[0]!]!.trim().split(/\s+/);
    const hostReplies = [{ title: 'Policy link', text: 'Our policy for {company}: https://example.com/p' }];
    const el = await renderComposer(
      rig,
      html`<sms-composer
        conversation-id=${chat.id}
        style="width: 520px; margin-top: 380px"
        .savedReplies=${hostReplies}
        .replyVariables=${{ company: 'ACME Dental' }}
      ></sms-composer>`,
    );
    field(el).focus();
    await sendKeys({ type: '/' });
    await until(() => optionTitles(el).includes('Welcome'), 'the transport’s replies are listed');
    // The host's first, then the transport's by title.
    expect(optionTitles(el)[0]).to.equal('Policy link');
    expect(optionTitles(el).slice(1, 4)).to.deep.equal(['Appointment reminder', 'Bienvenida', 'Directions']);
    expect(field(el).getAttribute('aria-controls')).to.equal('saved-replies-list');
    expect(field(el).getAttribute('aria-activedescendant')).to.equal('reply-0');
    await expect(el).to.be.accessible();

    await sendKeys({ type: 'wel' });
    await until(() => optionTitles(el).join() === 'Welcome', 'filtered to "Welcome"');
    await sendKeys({ press: 'ArrowDown' }); // wraps around a list of one
    await sendKeys({ press: 'Enter' });
    await until(() => !$(el, '[role="listbox"]'), 'the list closes');
    const agent = rig.client.getState().account!.name;
    expect(field(el).value).to.equal(`Hi ${first}, this is ${agent} from ACME Dental. How can I help?`);
    expect(rest.length, 'the chat’s person has a last name too').to.be.greaterThan(0);
    expect(text($(el, '.fill-hint'))).to.equal('');
  });

  it('fills the host’s variables (a callback with the conversation) and selects each one left, in turn with Tab', async () => {
    const rig = await createRig();
    const chat = namedChat(rig);
    const [first] = chat.names![chat.participants[0]!]!.trim().split(/\s+/);
    const asked: (Conversation | null)[] = [];
    const el = await renderComposer(
      rig,
      html`<sms-composer
        conversation-id=${chat.id}
        style="width: 520px; margin-top: 380px"
        .replyVariables=${(c: Conversation | null) => {
          asked.push(c);
          return { company: 'ACME Dental' };
        }}
      ></sms-composer>`,
    );
    field(el).focus();
    await sendKeys({ type: '/appoint' });
    await until(() => optionTitles(el).join() === 'Appointment reminder', 'filtered');
    await sendKeys({ press: 'Enter' });
    await until(() => field(el).value.startsWith('Hi '), 'inserted');
    expect(field(el).value).to.equal(
      `Hi ${first}, a reminder of your appointment on {date} at {time}. Reply C to confirm.`,
    );
    expect(asked.at(-1)?.id).to.equal(chat.id);
    // The first unfilled variable is selected, and listed under the field.
    expect(selected(el)).to.equal('{date}');
    expect(text($(el, '.fill-hint')))
      .to.contain('{date}')
      .and.contain('{time}')
      .and.contain('Tab');
    await sendKeys({ type: 'Friday' });
    expect(field(el).value).to.contain('on Friday at {time}');
    await sendKeys({ press: 'Tab' });
    expect(selected(el)).to.equal('{time}');
    await sendKeys({ type: '9:30' });
    expect(text($(el, '.fill-hint'))).to.equal('');
    // The SMS counter covers the filled text.
    const filled = field(el).value;
    expect(text($(el, '.counter'))).to.contain(`${[...filled].length} characters`);
    // With nothing left to fill, Tab moves the focus on as usual.
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.not.equal(field(el));
  });

  it('the replies button opens a searchable list; Escape closes it; a click inserts at the caret', async () => {
    const rig = await createRig();
    const chat = namedChat(rig);
    const el = await renderComposer(
      rig,
      html`<sms-composer
        conversation-id=${chat.id}
        style="width: 520px; margin-top: 380px"
        lang="es"
      ></sms-composer>`,
    );
    const button = $<HTMLButtonElement>(el, '[part="replies-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Respuestas guardadas');
    field(el).focus();
    await sendKeys({ type: 'Hola. ' });
    await sendKeys({ type: 'Adiós.' });
    field(el).setSelectionRange(6, 6);
    await click(button);
    const search = await until(() => $<HTMLInputElement>(el, '.replies-search'), 'search field');
    await until(() => el.shadowRoot!.activeElement === search, 'the search field has the focus');
    expect(search.getAttribute('aria-label')).to.equal('Buscar respuestas guardadas');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await until(() => options(el).length > 3, 'listed');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '.replies-panel'), 'closed by Escape');
    expect(el.shadowRoot!.activeElement).to.equal(field(el));

    await click(button);
    await until(() => options(el).length > 3, 'listed again');
    await sendKeys({ type: 'parking' }); // matches the text of "Directions"
    await until(() => optionTitles(el).join() === 'Directions', 'filtered by the text');
    await click(options(el)[0]!);
    await until(() => !$(el, '.replies-panel'), 'closed after the click');
    expect(field(el).value).to.equal(
      'Hola. We are at 1200 Main Street, suite 4. Parking is free behind the building.Adiós.',
    );
  });

  it('asks before sending a reply with a variable left, and sends it anyway when told (host and server see it)', async () => {
    const rig = await createRig();
    const chat = namedChat(rig);
    const el = await renderComposer(rig, html`<sms-composer conversation-id=${chat.id}></sms-composer>`);
    const sent: string[] = [];
    el.addEventListener('sms-send', (e) => sent.push((e as SmsSendEvent).detail.text));
    field(el).focus();
    await sendKeys({ type: '/welc' });
    await until(() => optionTitles(el).join() === 'Welcome', 'filtered');
    await sendKeys({ press: 'Enter' });
    await until(() => field(el).value.includes('{company}'), 'inserted');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $(el, '[role="alertdialog"]'), 'the question');
    expect(text(dialog)).to.contain('This message still has {company} to fill in.');
    expect(sent).to.deep.equal([]);
    // Cancel: nothing sent, the variable selected to fill it.
    const [, cancel] = [...dialog.querySelectorAll('button')];
    await click(cancel!);
    expect(selected(el)).to.equal('{company}');
    expect(sent).to.deep.equal([]);
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    const again = await until(() => $(el, '[role="alertdialog"]'), 'asked again');
    await click(again.querySelector('button')!);
    await until(() => sent.length === 1, 'sent anyway');
    expect(sent[0]).to.contain('{company}');
    const server = rig.backend.connect(rig.accountId);
    const page = await server.listMessages({ conversationId: chat.id });
    expect(page.messages.at(-1)!.text).to.equal(sent[0]);
  });

  it('creates, edits and deletes personal replies when the transport saves them', async () => {
    const rig = await createRig();
    const chat = namedChat(rig);
    const el = await renderComposer(
      rig,
      html`<sms-composer conversation-id=${chat.id} style="width: 520px; margin-top: 380px"></sms-composer>`,
    );
    const server = rig.backend.connect(rig.accountId);
    field(el).focus();
    await sendKeys({ type: 'See you at {time}, {first_name}!' });
    await click($(el, '[part="replies-button"]')!);
    await until(() => options(el).length > 3, 'listed');
    const newButton = [...$$<HTMLButtonElement>(el, '.replies-actions button')].find(
      (b) => text(b) === 'New reply',
    )!;
    await click(newButton);
    const title = await until(() => $<HTMLInputElement>(el, '.reply-form input[name="title"]'), 'the form');
    // The draft is offered as the text.
    expect($<HTMLTextAreaElement>(el, '.reply-form textarea')!.value).to.equal(
      'See you at {time}, {first_name}!',
    );
    await expect(el).to.be.accessible();
    await click($(el, '.reply-form button[type="submit"]')!);
    // A title is required: the browser's own check keeps the form.
    expect((await server.listSavedReplies()).some((r) => r.personal)).to.equal(false);
    await click(title);
    await sendKeys({ type: 'See you' });
    await click($(el, '.reply-form button[type="submit"]')!);
    await until(() => optionTitles(el).some((t) => t.startsWith('See you')), 'listed after saving');
    const mine = (await server.listSavedReplies()).find((r) => r.personal)!;
    expect(mine).to.include({ title: 'See you', text: 'See you at {time}, {first_name}!' });
    expect(text(options(el).find((o) => text(o).startsWith('See you')))).to.contain('Yours');

    // Edit: make it the active option, then "Edit".
    const search = $<HTMLInputElement>(el, '.replies-search')!;
    search.focus();
    await sendKeys({ type: 'see you' });
    await until(() => optionTitles(el).length === 1, 'only mine');
    await click(
      [...$$<HTMLButtonElement>(el, '.replies-actions button')].find((b) => text(b) === 'Edit “See you”')!,
    );
    const textArea = await until(() => $<HTMLTextAreaElement>(el, '.reply-form textarea'), 'the edit form');
    await click(textArea);
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Bring your card.' });
    await click($(el, '.reply-form button[type="submit"]')!);
    await until(() => !$(el, '.reply-form'), 'saved');
    await until(() => text(options(el)[0]).includes('Bring your card.'), 'the change is shown');
    expect((await server.listSavedReplies()).find((r) => r.id === mine.id)!.text).to.equal(
      'See you at {time}, {first_name}! Bring your card.',
    );
    await click(
      [...$$<HTMLButtonElement>(el, '.replies-actions button')].find((b) => text(b) === 'Delete “See you”')!,
    );
    await until(() => !optionTitles(el).some((t) => t.startsWith('See you')), 'gone from the list');
    expect((await server.listSavedReplies()).some((r) => r.id === mine.id)).to.equal(false);
  });
});

describe('<sms-composer> checks before sending', () => {
  afterEach(cleanupRigs);

  it('warns outside the quiet-hours window with the recipient’s local time; Cancel keeps the draft, Send anyway sends', async () => {
    const rig = await createRig();
    const number = '+14155552671'; // San Francisco
    const h = hourIn('America/Los_Angeles');
    const el = await renderComposer(
      rig,
      html`<sms-composer
        participants=${number}
        .quietHours=${{ start: pad(h + 2), end: pad(h + 3) }}
      ></sms-composer>`,
    );
    await until(() => !field(el).disabled, 'ready');
    const sent: string[] = [];
    el.addEventListener('sms-send', (e) => sent.push((e as SmsSendEvent).detail.text));
    field(el).focus();
    await sendKeys({ type: 'Your order is ready' });
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $(el, '[role="alertdialog"]'), 'the warning');
    const fmt = (ms: number) =>
      new Intl.DateTimeFormat('en', {
        hour: 'numeric',
        minute: '2-digit',
        timeZone: 'America/Los_Angeles',
      }).format(ms);
    const shown = text(dialog);
    expect(
      [fmt(Date.now()), fmt(Date.now() - 60_000)].map((t) => `It's ${t} for (415) 555-2671. Send anyway?`),
    ).to.include(shown.replace(/ Send anyway Cancel$/, ''));
    await click(dialog.querySelectorAll('button')[1]!);
    expect(sent).to.deep.equal([]);
    expect(field(el).value).to.equal('Your order is ready');
    await sendKeys({ press: 'Enter' });
    const again = await until(() => $(el, '[role="alertdialog"]'), 'asked again');
    await click(again.querySelector('button')!);
    await until(() => sent.length === 1, 'sent');
    const server = rig.backend.connect(rig.accountId);
    const found = await server.findConversation({ participants: [number] });
    expect((await server.listMessages({ conversationId: found!.id })).messages.at(-1)!.text).to.equal(
      'Your order is ready',
    );
  });

  it('inside the window sends at once; with block it refuses and says when texts can be sent (Spanish)', async () => {
    const rig = await createRig();
    const number = '+14155552671';
    const h = hourIn('America/Los_Angeles');
    const el = await renderComposer(
      rig,
      html`<sms-composer
        participants=${number}
        .quietHours=${{ start: pad(h - 1), end: pad(h + 2) }}
      ></sms-composer>`,
    );
    await until(() => !field(el).disabled, 'ready');
    const sent: string[] = [];
    el.addEventListener('sms-send', (e) => sent.push((e as SmsSendEvent).detail.text));
    field(el).focus();
    await sendKeys({ type: 'Daytime' });
    await sendKeys({ press: 'Enter' });
    await until(() => sent.length === 1, 'sent without asking');

    el.setAttribute('lang', 'es');
    el.quietHours = { start: pad(h + 2), end: pad(h + 3), block: true };
    await el.updateComplete;
    field(el).focus();
    await sendKeys({ type: 'Nighttime' });
    await sendKeys({ press: 'Enter' });
    const notice = await until(() => $(el, '.notice'), 'the refusal');
    expect(text(notice)).to.match(
      /^Son las .+ para \(415\) 555-2671\. Se pueden enviar mensajes entre las .+ y las .+ de su hora\./,
    );
    expect(sent).to.have.length(1);
    expect(field(el).value).to.equal('Nighttime');
  });

  it('refuses an emergency number and a short code in the composer, the picker and the client', async () => {
    const rig = await createRig();
    const el = await renderComposer(rig, html`<sms-composer participants="911"></sms-composer>`);
    expect(text($(el, '[role="alert"]'))).to.equal(
      "911 is an emergency number. Call it: texts can't be sent to emergency services from here.",
    );
    expect($<HTMLButtonElement>(el, '[part="send-button"]')!.disabled).to.equal(true);

    const picker = await renderWithClient<SmsNewConversation>(
      rig,
      html`<sms-new-conversation></sms-new-conversation>`,
    );
    const input = await until(() => $<HTMLInputElement>(picker, 'input'), 'the To field');
    input.focus();
    await sendKeys({ type: '112' });
    await sendKeys({ press: 'Enter' });
    await until(
      () => text($(picker, '[part="error"]')).includes('112 is an emergency number'),
      'emergency refused',
    );
    input.select();
    await sendKeys({ type: '12345' });
    await sendKeys({ press: 'Enter' });
    await until(
      () => text($(picker, '[part="error"]')).startsWith('12345 is a short code.'),
      'short code explained',
    );
    expect(picker.participants).to.deep.equal([]);

    let error: unknown;
    try {
      await rig.client.send({ to: ['+1 911'], text: 'help' });
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string }).code).to.equal('emergency-number');
    try {
      await rig.client.send({ to: ['12345'], text: 'STOP' });
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string }).code).to.equal('short-code');
  });
});

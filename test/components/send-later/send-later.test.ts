import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import type { SmsComposer } from '../../../src/components/composer/composer.js';
import {
  formatScheduledTime,
  mondayMorning,
  tomorrowMorning,
} from '../../../src/components/send-later/schedule-time.js';
import type { SmsScheduleEvent } from '../../../src/events/schedule-event.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import {
  clientWithoutScheduling,
  click,
  pickTime,
  sendLaterParts,
  shadow,
  text,
  typeInto,
} from '../../helpers/send-later.js';
import { until } from '../../helpers/wait.js';

interface Chat {
  readonly root: HTMLElement;
  readonly composer: SmsComposer;
  field(): HTMLTextAreaElement;
  trigger(): HTMLButtonElement | null;
  dialog(): HTMLDialogElement | null;
  /** The rows of the scheduled list at the bottom of the chat, as a person reads them. */
  rows(): string[];
  rowButton(index: number, name: string): HTMLButtonElement;
  /** The texts of the message bubbles in the thread. */
  bubbles(): string[];
}

async function renderChat(rig: Rig, conversationId: string, lang = 'en'): Promise<Chat> {
  const root = await renderWithClient<HTMLElement>(
    rig,
    html`<div lang=${lang} style="display:flex;flex-direction:column;block-size:600px;inline-size:480px">
      <sms-thread conversation-id=${conversationId} style="flex:1"></sms-thread>
      <sms-composer conversation-id=${conversationId}></sms-composer>
    </div>`,
  );
  const thread = root.querySelector('sms-thread')!;
  const composer = root.querySelector<SmsComposer>('sms-composer')!;
  await composer.updateComplete;
  const { trigger, dialog } = sendLaterParts(composer);
  const list = () => shadow(thread, 'sms-scheduled-list');
  return {
    root,
    composer,
    field: () => shadow<HTMLTextAreaElement>(composer, 'textarea')!,
    trigger,
    dialog,
    rows: () => [...(list()?.shadowRoot?.querySelectorAll('li') ?? [])].map((li) => text(li)),
    rowButton: (index, name) =>
      [...list()!.shadowRoot!.querySelectorAll('li')[index]!.querySelectorAll('button')].find(
        (b) => text(b) === name,
      )!,
    bubbles: () =>
      [...(thread.shadowRoot?.querySelectorAll<HTMLElement>('[part~="bubble"]') ?? [])].map((b) => text(b)),
  };
}

async function write(chat: Chat, message: string): Promise<void> {
  await typeInto(chat.field(), message);
}

const dialogButton = (chat: Chat, name: RegExp) =>
  [...chat.dialog()!.querySelectorAll('button')].find((b) => name.test(text(b)))!;

describe('send later', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('schedules with a preset: the dialog shows what each preset means, the chat shows it at the bottom, the backend keeps it', async () => {
    const rig = await createRig({ conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const chat = await renderChat(rig, c.id);
    await write(chat, 'See you at 9');
    const scheduleEvents: SmsScheduleEvent[] = [];
    chat.root.addEventListener('sms-schedule', (e) => scheduleEvents.push(e));
    await click(await until(() => chat.trigger(), 'the Send later button is shown'));
    const dialog = await until(() => chat.dialog()?.open && chat.dialog(), 'the dialog opens');
    expect(text(dialog.querySelector('h2'))).to.equal('Send later');
    const now = Date.now();
    const tomorrow = tomorrowMorning(now);
    const monday = mondayMorning(now);
    const presets = [...dialog.querySelectorAll('.preset')].map((b) => text(b));
    expect(presets[1]).to.equal(`Tomorrow 9 AM ${formatScheduledTime(tomorrow, 'en')}`);
    expect(presets[2]).to.equal(`Monday 9 AM ${formatScheduledTime(monday, 'en')}`);
    expect(text(dialog)).to.contain(
      `Times are in your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone})`,
    );
    await expect(chat.composer).to.be.accessible();
    await click(dialogButton(chat, /^Tomorrow 9 AM/));
    await until(() => !chat.dialog(), 'the dialog closes');
    const [scheduled] = await rig.backend.connect(rig.accountId).listScheduled({ conversationId: c.id });
    expect(scheduled, 'the backend keeps the message').to.include({
      text: 'See you at 9',
      sendAt: tomorrow,
      cancelIfReplied: false,
    });
    expect(scheduleEvents.map((e) => e.detail.sendAt)).to.deep.equal([tomorrow]);
    expect(chat.field().value, 'the field starts afresh').to.equal('');
    await until(() => chat.rows().length === 1, 'the scheduled message is shown at the bottom of the chat');
    expect(chat.rows()[0]).to.equal(
      `Scheduled for ${formatScheduledTime(tomorrow, 'en')} See you at 9 Edit Send now Cancel`,
    );
    expect(
      chat.bubbles().some((b) => b.includes('See you at 9')),
      'not sent yet',
    ).to.equal(false);
  });

  it('refuses a time in the past with a clear error and schedules nothing; a host can veto it', async () => {
    const rig = await createRig({ conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const chat = await renderChat(rig, c.id);
    await write(chat, 'Too late');
    await click(await until(() => chat.trigger(), 'the Send later button'));
    const dialog = await until(() => chat.dialog()?.open && chat.dialog(), 'the dialog opens');
    const input = dialog.querySelector<HTMLInputElement>('input[type="datetime-local"]')!;
    // Yesterday at 9:30, reached with the keyboard (the dialog opens on the first preset, three Tabs
    // lead to the field). Chromium's date segments do not take synthetic key presses reliably
    // headless, so the value is set the way the picker sets it, with the input event it fires.
    expect(chat.dialog()!.querySelector('.preset')!.matches(':focus')).to.equal(true);
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Tab' });
    expect(chat.dialog()!.querySelector(':focus'), 'the field has the focus').to.equal(input);
    const y = new Date(Date.now() - 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    pickTime(input, `${y.getFullYear()}-${pad(y.getMonth() + 1)}-${pad(y.getDate())}T09:30`);
    await click(dialogButton(chat, /^Schedule$/));
    const alert = await until(() => dialog.querySelector('[role="alert"]'), 'an error is shown');
    expect(text(alert)).to.equal('That time has passed. Choose a time in the future.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(chat.composer).to.be.accessible();
    expect(await rig.backend.connect(rig.accountId).listScheduled()).to.have.length(0);
    // Escape closes the dialog and gives the focus back to the button; the draft stays.
    await sendKeys({ press: 'Escape' });
    await until(() => !chat.dialog(), 'Escape closes the dialog');
    expect(chat.field().value).to.equal('Too late');
    // A host that vetoes sms-schedule: nothing is scheduled.
    chat.root.addEventListener('sms-schedule', (e) => e.preventDefault());
    await click(chat.trigger()!);
    await until(() => chat.dialog()?.open, 'the dialog opens again');
    await click(dialogButton(chat, /^In 1 hour/));
    expect(await rig.backend.connect(rig.accountId).listScheduled()).to.have.length(0);
    expect(chat.field().value).to.equal('Too late');
  });

  it('the backend sends it on time: the row leaves and the message arrives in the chat (scheduled from another session)', async () => {
    const rig = await createRig({ conversations: 3, deliveryMs: [20, 40] });
    const c = rig.client.getState().conversations[0]!;
    const chat = await renderChat(rig, c.id);
    // Scheduled elsewhere (another tab or device) for 1.5 s from now.
    const other = rig.backend.connect(rig.accountId);
    await other.scheduleMessage({
      clientId: 'later-1',
      conversationId: c.id,
      text: 'Your table is ready',
      sendAt: Date.now() + 700,
    });
    await until(() => chat.rows().length === 1, 'the row appears from the event', 3000);
    expect(chat.rows()[0]).to.contain('Your table is ready');
    await until(
      () => chat.bubbles().some((b) => b.includes('Your table is ready')),
      'the message arrives in the chat',
      6000,
    );
    await until(() => chat.rows().length === 0, 'the row leaves once it is sent');
  });

  it('Edit changes text and time, Send now sends at once, Cancel drops it; cancel-if-replied drops it when they text', async () => {
    const rig = await createRig({ conversations: 3, deliveryMs: [20, 40] });
    const c = rig.client.getState().conversations[0]!;
    const server = rig.backend.connect(rig.accountId);
    const at = Date.now() + 3 * 3_600_000;
    for (const [clientId, message, cancelIfReplied] of [
      ['a', 'First', false],
      ['b', 'Second', false],
      ['c', 'Third', true],
    ] as const) {
      await rig.client.scheduleMessage({ conversationId: c.id, text: message, sendAt: at, cancelIfReplied });
      void clientId;
    }
    const chat = await renderChat(rig, c.id);
    await until(() => chat.rows().length === 3, 'three rows');
    // Edit the first: new text and time, with the keyboard.
    await click(chat.rowButton(0, 'Edit'));
    const list = shadow(chat.root.querySelector('sms-thread'), 'sms-scheduled-list')!;
    const area = await until(() => list.shadowRoot!.querySelector('textarea'), 'the editor opens');
    expect(list.shadowRoot!.activeElement, 'focus moves to the text').to.equal(area);
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' (edited)' });
    await click([...list.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Save changes')!);
    await until(() => chat.rows().some((r) => r.includes('First (edited)')), 'the row shows the new text');
    expect((await server.listScheduled()).find((m) => m.text.startsWith('First'))!.text).to.equal(
      'First (edited)',
    );
    // Send now: the second goes out at once.
    const second = chat.rows().findIndex((r) => r.includes('Second'));
    await click(chat.rowButton(second, 'Send now'));
    await until(() => chat.bubbles().some((b) => b.includes('Second')), 'sent at once');
    await until(() => !chat.rows().some((r) => r.includes('Second')), 'its row leaves');
    // Cancel the edited one.
    const first = chat.rows().findIndex((r) => r.includes('First'));
    await click(chat.rowButton(first, 'Cancel'));
    await until(() => !chat.rows().some((r) => r.includes('First')), 'cancelled');
    expect((await server.listScheduled()).map((m) => m.text)).to.deep.equal(['Third']);
    expect(chat.rows()[0]).to.contain('Cancelled if they reply first');
    // They text first: the backend cancels the third.
    await rig.backend.receive({ accountId: rig.accountId, conversationId: c.id, text: 'On my way!' });
    await until(() => chat.rows().length === 0, 'cancelled because they replied');
    expect(await server.listScheduled()).to.have.length(0);
    expect(chat.bubbles().some((b) => b.includes('First') || b.includes('Third'))).to.equal(false);
  });

  it('a scheduled photo is shown in the list (a thumbnail named by the file), keeps its photo when its text is emptied, and goes out with it', async () => {
    const rig = await createRig({ conversations: 3, deliveryMs: [20, 40] });
    const account = rig.client.getState().account!;
    const local = account.numbers.find((n) => n.kind !== 'toll-free' && n.capabilities.mms)!;
    const c = rig.client.getState().conversations.find((x) => x.ownNumber === local.number)!;
    const png = await new Promise<Blob>((resolve) => {
      const canvas = document.createElement('canvas');
      canvas.width = 8;
      canvas.height = 6;
      canvas.getContext('2d')!.fillRect(0, 0, 8, 6);
      canvas.toBlob((b) => resolve(b!), 'image/png');
    });
    const photo = await rig.client.upload(new File([png], 'cake.png'), { from: local.number });
    const pdf = await rig.client.upload(
      new File(['%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'], 'menu.pdf'),
      { from: local.number },
    );
    await rig.client.scheduleMessage({
      conversationId: c.id,
      text: 'Happy birthday!',
      attachments: [photo, pdf],
      sendAt: Date.now() + 3_600_000,
    });
    const chat = await renderChat(rig, c.id);
    const list = shadow(chat.root.querySelector('sms-thread'), 'sms-scheduled-list')!;
    await until(() => chat.rows().length >= 1, 'the row is shown');
    const files = () => list.shadowRoot!.querySelector('[part="attachments"]');
    expect(files()?.getAttribute('aria-label')).to.equal('Attachments');
    expect(files()!.querySelector('img')!.alt, 'the photo, named by its file').to.equal('cake.png');
    expect(text(files()), 'the other file by name, kind and size').to.match(/^menu\.pdf Document · \d+ B$/);
    await expect(list).to.be.accessible();
    // Edit: the text can go, the photo stays.
    await click(chat.rowButton(0, 'Edit'));
    const area = await until(() => list.shadowRoot!.querySelector('textarea'), 'the editor opens');
    area.select();
    await sendKeys({ press: 'Backspace' });
    await click([...list.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Save changes')!);
    await until(() => !list.shadowRoot!.querySelector('textarea'), 'saved');
    const [stored] = await rig.backend.connect(rig.accountId).listScheduled({ conversationId: c.id });
    expect(stored!.text).to.equal('');
    expect(stored!.attachments.map((a) => a.name)).to.deep.equal(['cake.png', 'menu.pdf']);
    expect(files()!.querySelector('img')!.alt).to.equal('cake.png');
    // Send now: the bubble shows the photo.
    await click(chat.rowButton(0, 'Send now'));
    const thread = chat.root.querySelector('sms-thread')!;
    await until(
      () => thread.shadowRoot!.querySelector('.row.own [part="attachment"][aria-label*="cake.png"] img'),
      'the photo arrives in the chat',
    );
    await until(() => chat.rows().length === 0, 'its row leaves');
  });

  it('a pasted photo goes with it: the dialog waits for its upload, then schedules it; a file too big gets the notice a send gives, and nothing is lost', async () => {
    const rig = await createRig({ conversations: 3, uploadBytesPerSecond: 40_000 });
    const account = rig.client.getState().account!;
    const local = account.numbers.find((n) => n.kind !== 'toll-free' && n.capabilities.mms)!;
    const c = rig.client.getState().conversations.find((x) => x.ownNumber === local.number)!;
    const chat = await renderChat(rig, c.id);
    const chips = () => [...(chat.composer.shadowRoot?.querySelectorAll('.chip') ?? [])];
    const notices = () =>
      [...(chat.composer.shadowRoot?.querySelectorAll('[part~="notice"]') ?? [])].map((n) => text(n));
    const paste = (file: File) => {
      const clipboardData = new DataTransfer();
      clipboardData.items.add(file);
      chat
        .field()
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    };
    await write(chat, 'Your cake');
    // Too big for this number: the notice a send gives, no chip, the text stays.
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    paste(new File([big], 'huge.jpg', { type: 'image/jpeg' }));
    await until(
      () => notices().some((n) => n.includes('"huge.jpg" is')),
      'the file is refused with a notice',
    );
    expect(notices().join()).to.contain('the limit is 2 MB').and.contain('per file');
    expect(chips()).to.have.length(0);
    expect(chat.field().value).to.equal('Your cake');
    // A real photo, pasted: it uploads slowly; the dialog says to wait for it.
    const canvas = document.createElement('canvas');
    canvas.width = 120;
    canvas.height = 90;
    const ctx = canvas.getContext('2d')!;
    for (let i = 0; i < 120; i += 3) ctx.fillRect(i, (i * 7) % 90, 2, 2);
    const png = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const padded = new Blob([png, new Uint8Array(60_000)], { type: 'image/png' });
    paste(new File([padded], 'cake.png', { type: 'image/png' }));
    await until(() => chips().length === 1, 'the photo is attached');
    await click(chat.trigger()!);
    await until(() => chat.dialog()?.open, 'the dialog opens');
    await click(dialogButton(chat, /^In 1 hour/));
    const alert = await until(() => chat.dialog()!.querySelector('[role="alert"]'), 'it says to wait');
    expect(text(alert)).to.equal(
      'Wait for the attachments to finish uploading, or remove the ones that failed.',
    );
    expect(await rig.backend.connect(rig.accountId).listScheduled()).to.have.length(0);
    await until(
      () => !chat.composer.shadowRoot!.querySelector('.chip progress'),
      'the upload finishes',
      10_000,
    );
    const events: SmsScheduleEvent[] = [];
    chat.root.addEventListener('sms-schedule', (e) => events.push(e));
    await click(dialogButton(chat, /^In 1 hour/));
    await until(() => !chat.dialog(), 'scheduled: the dialog closes');
    const [scheduled] = await rig.backend.connect(rig.accountId).listScheduled({ conversationId: c.id });
    expect(scheduled!.text).to.equal('Your cake');
    expect(scheduled!.attachments.map((a) => a.name)).to.deep.equal(['cake.png']);
    expect(
      events[0]!.detail.attachments.map((a) => a.name),
      'the host sees the files',
    ).to.deep.equal(['cake.png']);
    expect(chat.field().value, 'the field starts afresh').to.equal('');
    expect(chips(), 'and its files too').to.have.length(0);
    const list = shadow(chat.root.querySelector('sms-thread'), 'sms-scheduled-list')!;
    await until(
      () => list.shadowRoot!.querySelector<HTMLImageElement>('[part="attachments"] img')?.alt === 'cake.png',
      'the scheduled list shows the photo',
    );
    await expect(chat.composer).to.be.accessible();
  });

  it('is hidden when the transport cannot schedule; speaks Spanish', async () => {
    const rig = await createRig({ conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const client = await clientWithoutScheduling(rig);
    expect(client.canSchedule).to.equal(false);
    const without = await renderChat({ ...rig, client }, c.id);
    await without.composer.updateComplete;
    expect(without.trigger(), 'no Send later button').to.equal(null);
    client.destroy();

    const es = await renderChat(rig, c.id, 'es');
    const trigger = await until(() => es.trigger(), 'the button');
    expect(trigger.getAttribute('aria-label')).to.equal('Enviar más tarde');
    await write(es, 'Hola');
    await click(trigger);
    const dialog = await until(() => es.dialog()?.open && es.dialog(), 'the dialog');
    expect([...dialog.querySelectorAll('.preset > span:first-child')].map((s) => text(s))).to.deep.equal([
      'Dentro de 1 hora',
      'Mañana a las 9:00',
      'El lunes a las 9:00',
    ]);
    await click(dialogButton(es, /^Dentro de 1 hora/));
    await until(() => es.rows().length === 1, 'the row');
    expect(es.rows()[0]).to.match(/^Programado para .+ Hola Editar Enviar ahora Cancelar$/);
  });
});

import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import type { SmsComposer } from '../../../src/components/composer/composer.js';
import type { PreSendDraft } from '../../../src/components/composer/send-checks.js';
import { toLocalInput } from '../../../src/components/send-later/schedule-time.js';
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

// "Send later" runs the checks of a send: quiet hours where they are at the time chosen, the
// host's preSendCheck, emergency numbers; it is offered in a chat not started yet (explained);
// and when the transport cannot schedule it takes no room in the composer.

const LA = 'America/Los_Angeles';
const NUMBER = '+14155552671'; // San Francisco: a real-format number (555-01XX ones are exempt)

/** The next whole hour, at least a day ahead, that is `hour`:00 in `timeZone`. */
function nextAt(hour: number, timeZone: string): number {
  const start = Math.ceil((Date.now() + 86_400_000) / 3_600_000) * 3_600_000;
  for (let t = start; ; t += 3_600_000) {
    const h = Number(
      new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(t),
    );
    if (h === hour) return t;
  }
}

interface Composer {
  readonly el: SmsComposer;
  sendLater(): HTMLElement & { updateComplete: Promise<unknown> };
  trigger(): HTMLButtonElement | null;
  dialog(): HTMLDialogElement | null;
}

async function render(rig: Rig, template: ReturnType<typeof html>): Promise<Composer> {
  const root = await renderWithClient<HTMLElement>(
    rig,
    html`<div style="inline-size:480px">${template}</div>`,
  );
  const el = root.querySelector<SmsComposer>('sms-composer')!;
  await el.updateComplete;
  const { sendLater, trigger, dialog } = sendLaterParts(el);
  return { el, sendLater: () => sendLater()!, trigger, dialog };
}

async function write(c: Composer, message: string): Promise<void> {
  await typeInto(shadow(c.el, 'textarea')!, message);
}

/** Opens the dialog, types a time into its field (as the picker sets it) and presses Schedule. */
async function scheduleAt(c: Composer, at: number): Promise<HTMLDialogElement> {
  if (!c.dialog()?.open) await click(await until(() => c.trigger(), 'the Send later button'));
  const dialog = await until(() => c.dialog()?.open && c.dialog(), 'the dialog opens');
  const input = dialog.querySelector<HTMLInputElement>('input[type="datetime-local"]')!;
  pickTime(input, toLocalInput(at));
  await c.sendLater().updateComplete; // a warning shown before goes: the buttons move up
  await click([...dialog.querySelectorAll('button')].find((b) => text(b) === 'Schedule')!);
  return dialog;
}

/** A chat with a real-format number, started by their text. */
async function realChat(rig: Rig): Promise<string> {
  await rig.backend.receive({ accountId: rig.accountId, from: NUMBER, text: 'Can you come Tuesday?' });
  return until(
    () => rig.client.getState().conversations.find((c) => c.participants.join() === NUMBER)?.id,
    'the chat arrives',
  );
}

describe('send later: the checks of a send', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('quiet hours are those at the time chosen: 11 PM their time asks first, 9 AM their time does not', async () => {
    const rig = await createRig({ conversations: 2 });
    const id = await realChat(rig);
    const c = await render(rig, html`<sms-composer conversation-id=${id}></sms-composer>`);
    const server = rig.backend.connect(rig.accountId);
    await write(c, 'Your visit is confirmed');
    const late = nextAt(23, LA);
    const dialog = await scheduleAt(c, late);
    const warning = await until(() => dialog.querySelector('.warning'), 'the quiet-hours warning');
    expect(text(warning)).to.equal(
      'It will be 11:00 PM for (415) 555-2671 then. Schedule anyway? Schedule anyway',
    );
    expect(await server.listScheduled(), 'nothing scheduled yet').to.have.length(0);
    await expect(c.el).to.be.accessible();
    // Another time: 9 AM their time is fine, scheduled at once.
    const morning = nextAt(9, LA);
    await scheduleAt(c, morning);
    await until(() => !c.dialog(), 'scheduled: the dialog closes');
    expect((await server.listScheduled()).map((m) => [m.text, m.sendAt])).to.deep.equal([
      ['Your visit is confirmed', morning],
    ]);
    // And 11 PM again, this time "Schedule anyway".
    await write(c, 'Late reminder');
    const again = await scheduleAt(c, late);
    await click(await until(() => again.querySelector('.warning button'), 'asked again'));
    await until(() => !c.dialog(), 'scheduled anyway');
    expect((await server.listScheduled()).map((m) => m.sendAt).sort()).to.deep.equal([morning, late].sort());
  });

  it('the host’s preSendCheck sees the time chosen: it can refuse, or ask first; with block quiet hours refuse', async () => {
    const rig = await createRig({ conversations: 2 });
    const id = await realChat(rig);
    const drafts: PreSendDraft[] = [];
    const c = await render(rig, html`<sms-composer conversation-id=${id}></sms-composer>`);
    c.el.preSendCheck = (draft) => {
      drafts.push(draft);
      return draft.text.includes('refund')
        ? { action: 'block', message: 'Refunds are handled by billing.' }
        : { action: 'warn', message: 'This customer asked for calls only.' };
    };
    const server = rig.backend.connect(rig.accountId);
    const morning = nextAt(10, LA);
    await write(c, 'Your refund is on its way');
    const dialog = await scheduleAt(c, morning);
    const error = await until(() => dialog.querySelector('.error'), 'refused');
    expect(text(error)).to.equal('Refunds are handled by billing.');
    expect(drafts.map((d) => [d.text, d.sendAt, d.to])).to.deep.equal([
      ['Your refund is on its way', morning, [NUMBER]],
    ]);
    await sendKeys({ press: 'Escape' });
    await until(() => !c.dialog(), 'closed');
    const field = shadow<HTMLTextAreaElement>(c.el, 'textarea')!;
    field.select();
    await sendKeys({ type: 'See you Tuesday' });
    const second = await scheduleAt(c, morning);
    const warning = await until(() => second.querySelector('.warning'), 'asked first');
    expect(text(warning)).to.contain('This customer asked for calls only.');
    expect(await server.listScheduled()).to.have.length(0);
    await click(warning.querySelector('button')!);
    await until(() => !c.dialog(), 'scheduled anyway');
    expect((await server.listScheduled()).map((m) => m.text)).to.deep.equal(['See you Tuesday']);

    // Quiet hours with block: 11 PM their time is refused, in Spanish.
    c.el.preSendCheck = undefined;
    c.el.quietHours = { block: true };
    c.el.setAttribute('lang', 'es');
    await c.el.updateComplete;
    await write(c, 'Recordatorio');
    await click(await until(() => c.trigger(), 'the button'));
    const es = await until(() => c.dialog()?.open && c.dialog(), 'the dialog');
    const input = es.querySelector<HTMLInputElement>('input[type="datetime-local"]')!;
    pickTime(input, toLocalInput(nextAt(23, LA)));
    await c.sendLater().updateComplete;
    await click([...es.querySelectorAll('button')].find((b) => text(b) === 'Programar')!);
    const refused = await until(() => es.querySelector('.error'), 'refused');
    expect(text(refused)).to.match(
      /^A esa hora serán las .+ para \(415\) 555-2671\. Se pueden enviar mensajes entre las .+ y las .+ de su hora\.$/,
    );
    expect(await server.listScheduled()).to.have.length(1);
  });

  it('an emergency number: Send later is disabled with Send, and the client refuses a chat with a short code', async () => {
    const rig = await createRig({ conversations: 2 });
    const c = await render(rig, html`<sms-composer participants="911"></sms-composer>`);
    await until(() => shadow(c.el, '[role="alert"]'), 'the emergency banner');
    await c.sendLater().updateComplete;
    expect(c.trigger()?.disabled, 'Send later cannot be used').to.equal(true);

    await rig.backend.receive({ accountId: rig.accountId, from: '22395', text: 'Your code is 4411' });
    const short = await until(
      () => rig.client.getState().conversations.find((x) => x.participants.join() === '22395')?.id,
      'the short-code chat',
    );
    const error = await rig.client
      .scheduleMessage({ conversationId: short, text: 'Hello', sendAt: Date.now() + 3_600_000 })
      .then(
        () => null,
        (e: { code?: string }) => e.code,
      );
    expect(error).to.equal('short-code');
    expect(await rig.backend.connect(rig.accountId).listScheduled()).to.have.length(0);
  });

  it('in a new chat the button stays and says to send the first message now; once sent, it schedules', async () => {
    const rig = await createRig({ conversations: 2 });
    const c = await render(
      rig,
      html`<sms-composer participants="+13125550143,+16175550177" .quietHours=${false}></sms-composer>`,
    );
    const trigger = await until(() => c.trigger(), 'the Send later button is there');
    expect(trigger.getAttribute('aria-disabled')).to.equal('true');
    const note = shadow<HTMLElement>(c.sendLater(), '#new-chat')!;
    expect(note.hidden, 'the note shows when asked').to.equal(true);
    await click(trigger);
    await until(() => !note.hidden, 'pressing it explains');
    expect(text(note)).to.equal(
      'Send the first message now: messages can be scheduled once the conversation has started.',
    );
    expect(c.dialog(), 'no dialog').to.equal(null);
    await expect(c.el).to.be.accessible();
    await write(c, 'Hello both');
    await sendKeys({ press: 'Enter' });
    await until(
      () => c.trigger()?.getAttribute('aria-disabled') !== 'true',
      'the chat exists: available',
      5000,
    );
    await write(c, 'Reminder for tomorrow');
    await scheduleAt(c, Date.now() + 2 * 3_600_000);
    await until(() => !c.dialog(), 'scheduled');
    const [scheduled] = await rig.backend.connect(rig.accountId).listScheduled();
    expect(scheduled?.text).to.equal('Reminder for tomorrow');
  });

  it('without the capability it takes no room: no gap after Send message', async () => {
    const rig = await createRig({ conversations: 2 });
    const id = rig.client.getState().conversations[0]!.id;
    const client = await clientWithoutScheduling(rig);
    const gapAfterSend = async (r: Rig) => {
      const c = await render(r, html`<sms-composer conversation-id=${id}></sms-composer>`);
      await c.sendLater().updateComplete;
      const row = shadow<HTMLElement>(c.el, '.row')!;
      const send = shadow<HTMLElement>(c.el, '[part="send-button"]')!;
      const end = row.getBoundingClientRect().right - parseFloat(getComputedStyle(row).paddingRight);
      return Math.round(end - send.getBoundingClientRect().right);
    };
    try {
      expect(await gapAfterSend({ ...rig, client }), 'Send message ends the row').to.equal(0);
      expect(await gapAfterSend(rig), 'with the capability the clock follows it').to.be.greaterThan(30);
    } finally {
      client.destroy();
    }
  });
});

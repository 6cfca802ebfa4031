import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SmsComposer } from '../../../src/components/composer/composer.js';
import type { SmsSendEvent } from '../../../src/events/send-event.js';
import { MB } from '../../../src/rules/attachment-policy.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const field = (el: SmsComposer) => $<HTMLTextAreaElement>(el, 'textarea')!;
const sendButton = (el: SmsComposer) => $<HTMLButtonElement>(el, '[part="send-button"]')!;
const counter = (el: SmsComposer) => $<HTMLElement>(el, '.counter')!.textContent!.replace(/\s+/g, ' ').trim();
const notices = (el: SmsComposer) =>
  $$<HTMLElement>(el, '.notice').map((n) => n.textContent!.replace(/\s+/g, ' ').trim());
const chips = (el: SmsComposer) => $$<HTMLElement>(el, '.chip');

/** A file whose bytes are a real JPEG header followed by padding: `size` bytes in all. */
function jpeg(name: string, size: number): File {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  return new File([bytes], name, { type: 'image/jpeg' });
}

/** A real, decodable PNG of random pixels (it barely compresses): well over 2 MB at this size. */
async function noisyPng(name: string, side = 1400): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(side, side);
  let seed = 7;
  for (let i = 0; i < image.data.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    image.data[i] = i % 4 === 3 ? 255 : (seed >> 16) & 0xff;
  }
  ctx.putImageData(image, 0, 0);
  const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

function transfer(files: readonly File[]): DataTransfer {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}

async function drop(el: SmsComposer, files: readonly File[]): Promise<void> {
  const target = $<HTMLElement>(el, '.composer')!;
  const dataTransfer = transfer(files);
  target.dispatchEvent(new DragEvent('dragenter', { dataTransfer, bubbles: true, cancelable: true }));
  target.dispatchEvent(new DragEvent('dragover', { dataTransfer, bubbles: true, cancelable: true }));
  await el.updateComplete;
  target.dispatchEvent(new DragEvent('drop', { dataTransfer, bubbles: true, cancelable: true }));
}

function paste(el: SmsComposer, files: readonly File[]): ClipboardEvent {
  const event = new ClipboardEvent('paste', {
    clipboardData: transfer(files),
    bubbles: true,
    cancelable: true,
  });
  field(el).dispatchEvent(event);
  return event;
}

async function renderComposer(rig: Rig, conversationId: string): Promise<SmsComposer> {
  const el = await renderWithClient<SmsComposer>(
    rig,
    html`<sms-composer conversation-id=${conversationId} style="width: 480px"></sms-composer>`,
  );
  await el.updateComplete;
  return el;
}

async function oneToOne(rig: Rig) {
  return rig.client
    .getState()
    .conversations.find((c) => c.participants.length === 1 && c.ownNumber === '+12025550199')!;
}

describe('<sms-composer>', () => {
  afterEach(cleanupRigs);

  it('sends with the green arrow and with Enter; Shift+Enter and IME composition never send', async () => {
    const rig = await createRig();
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    expect(field(el).getAttribute('aria-label')).to.equal('Type your message');
    expect(field(el).placeholder).to.equal('Type your message');
    expect(sendButton(el).getAttribute('aria-label')).to.equal('Send message');
    expect(sendButton(el).disabled, 'disabled while empty').to.equal(true);
    await expect(el).to.be.accessible();

    field(el).focus();
    await sendKeys({ type: 'first line' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    expect(field(el).value).to.equal('first line\nsecond line');
    // An input method committing its text with Enter: the browser flags the key as composing.
    field(el).dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'Enter',
        isComposing: true,
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    field(el).dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'Process',
        keyCode: 229,
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    await el.updateComplete;
    expect(
      rig.client.getState().threads[c.id]?.messages.some((m) => m.text.startsWith('first line')) ?? false,
    ).to.equal(false);
    expect(sendButton(el).disabled).to.equal(false);

    const sending = oneEvent(el, 'sms-send') as Promise<SmsSendEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await sending;
    expect(event.detail.text).to.equal('first line\nsecond line');
    expect(event.detail.conversationId).to.equal(c.id);
    await until(
      () => rig.client.getState().threads[c.id]?.messages.some((m) => m.text === 'first line\nsecond line'),
      'sent',
    );
    await until(() => field(el).value === '', 'field cleared');
    expect(el.shadowRoot!.activeElement, 'focus stays in the field').to.equal(field(el));

    field(el).focus();
    await sendKeys({ type: 'by click' });
    sendButton(el).click();
    await until(
      () => rig.client.getState().threads[c.id]?.messages.some((m) => m.text === 'by click'),
      'sent by click',
    );
  });

  it('sends nothing when the host cancels sms-send, and keeps the text', async () => {
    const rig = await createRig();
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    el.addEventListener('sms-send', (e) => e.preventDefault());
    field(el).focus();
    await sendKeys({ type: 'not this one' });
    const before = rig.client.getState().threads[c.id]?.messages.length ?? 0;
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rig.client.getState().threads[c.id]?.messages.length ?? 0).to.equal(before);
    expect(field(el).value).to.equal('not this one');
  });

  it('counts characters, encoding and segments for GSM-7, extension characters, Unicode and emoji, × recipients in a group', async () => {
    const rig = await createRig();
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    const type = async (text: string) => {
      field(el).value = text;
      field(el).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await el.updateComplete;
    };
    await type('a'.repeat(160));
    expect(counter(el)).to.contain('160 characters · GSM-7 · 1 SMS');
    await type('a'.repeat(161));
    expect(counter(el)).to.contain('161 characters · GSM-7 · 2 SMS segments');
    await type('{'.repeat(80)); // extension characters count twice
    expect(counter(el)).to.contain('80 characters · GSM-7 · 1 SMS');
    await type('{'.repeat(81));
    expect(counter(el)).to.contain('81 characters · GSM-7 · 2 SMS segments');
    await type('😀'.repeat(35));
    expect(counter(el)).to.contain('35 characters · Unicode · 1 SMS');
    expect(counter(el)).to.contain('because of “😀”');
    expect(counter(el), 'nothing plain to swap an emoji for').not.to.contain('Replace with plain characters');
    await type('It’s “done” — ok…');
    expect(counter(el)).to.contain('Unicode');
    const replace = $$<HTMLButtonElement>(el, 'button').find((b) =>
      b.textContent!.includes('Replace with plain characters'),
    )!;
    replace.click();
    await el.updateComplete;
    expect(field(el).value).to.equal('It\'s "done" - ok...');
    expect(counter(el)).to.contain('GSM-7');
    await type('x'.repeat(1601));
    expect(counter(el)).to.contain("can't be longer than 1600 characters");
    expect(sendButton(el).disabled, 'blocked past the cap').to.equal(true);
    await expect(el).to.be.accessible();

    const group = rig.client
      .getState()
      .conversations.find((x) => x.participants.length === 3 && x.ownNumber !== '+18005550199');
    const g = await renderComposer(rig, group!.id);
    field(g).value = 'a'.repeat(161);
    field(g).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await g.updateComplete;
    expect(counter(g)).to.contain('2 × 3 recipients = 6 SMS');
  });

  it('keeps a draft per conversation and restores it on return', async () => {
    const rig = await createRig();
    const [a, b] = rig.client.getState().conversations.filter((c) => c.ownNumber === '+12025550199');
    const el = await renderComposer(rig, a!.id);
    field(el).focus();
    await sendKeys({ type: 'half written' });
    el.conversationId = b!.id;
    await el.updateComplete;
    expect(field(el).value).to.equal('');
    el.conversationId = a!.id;
    await el.updateComplete;
    expect(field(el).value).to.equal('half written');
    expect(rig.client.getState().drafts[a!.id]?.text).to.equal('half written');
  });

  it('uploads files from the paperclip, drop and paste with progress; Send waits for the last upload; one MMS', async () => {
    const rig = await createRig({ uploadBytesPerSecond: 400_000 });
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    // Paperclip: the hidden file input with the allowed types.
    const input = $<HTMLInputElement>(el, 'input[type="file"]')!;
    expect(input.accept).to.contain('image/jpeg');
    expect($<HTMLButtonElement>(el, '[part="attach-button"]')!.getAttribute('aria-label')).to.equal(
      'Attach file',
    );
    input.files = transfer([jpeg('site.jpg', 300_000)]).files;
    input.dispatchEvent(new Event('change'));
    await drop(el, [jpeg('meter.jpg', 250_000)]);
    const pasted = paste(el, [jpeg('pasted.jpg', 200_000)]);
    expect(pasted.defaultPrevented, 'a pasted file is taken, not inserted as text').to.equal(true);
    await until(() => chips(el).length === 3, 'three chips');
    const bars = $$<HTMLProgressElement>(el, 'progress');
    expect(bars.length).to.equal(3);
    expect(bars[0]!.getAttribute('aria-label')).to.equal('Uploading site.jpg');
    expect(sendButton(el).disabled, 'disabled while uploading').to.equal(true);
    await until(
      () => $$<HTMLProgressElement>(el, 'progress').some((p) => p.value > 0 && p.value < 100),
      'progress moves',
    );
    await expect(el).to.be.accessible();
    await until(() => $$(el, 'progress').length === 0, 'all uploaded', 5000);
    expect(sendButton(el).disabled, 'enabled once every upload finished').to.equal(false);
    sendButton(el).click();
    const sent = await until(
      () => rig.client.getState().threads[c.id]?.messages.find((m) => m.attachments.length === 3),
      'one MMS with the three files',
    );
    expect(sent.attachments.map((a) => a.name)).to.deep.equal(['site.jpg', 'meter.jpg', 'pasted.jpg']);
    await until(() => chips(el).length === 0, 'chips cleared');
  });

  it('refuses each limit before upload with a message naming the file and the limit', async () => {
    const rig = await createRig();
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    await el.addFiles([jpeg('big.jpg', 2 * MB + 1)]);
    expect(notices(el).join())
      .to.contain('"big.jpg" is')
      .and.contain('the limit is 2 MB')
      .and.contain('per file');
    expect(chips(el).length).to.equal(0);

    const html = new File(['<html><script>alert(1)</script></html>'], 'photo.jpg', { type: 'image/jpeg' });
    await el.addFiles([html]);
    expect(notices(el).join()).to.contain('"photo.jpg" is not really a JPG file');
    expect(chips(el).length).to.equal(0);

    await el.addFiles([jpeg('a.jpg', 1.5 * MB), jpeg('b.jpg', 1.5 * MB), jpeg('c.jpg', 1 * MB)]);
    expect(chips(el).map((c) => c.querySelector('.name')!.textContent)).to.deep.equal(['a.jpg', 'b.jpg']);
    expect(notices(el).join())
      .to.contain('"c.jpg" can\'t be added')
      .and.contain('the limit is 3.5 MB')
      .and.contain('per message');
    await until(() => $$(el, 'progress').length === 0, 'uploads done');
    await expect(el).to.be.accessible();

    for (const chip of chips(el))
      chip.querySelector<HTMLButtonElement>('button[aria-label^="Remove"]')!.click();
    await el.updateComplete;
    const eleven = Array.from({ length: 11 }, (_, i) => jpeg(`f${i + 1}.jpg`, 1000));
    await drop(el, eleven);
    await until(() => chips(el).length === 10, 'ten accepted');
    expect(notices(el).join()).to.contain('"f11.jpg" can\'t be added; the limit is 10 files per message');
  });

  it('cancels an upload, and retries a failed one', async () => {
    const rig = await createRig({ uploadBytesPerSecond: 100_000 });
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    await el.addFiles([jpeg('slow.jpg', 400_000)]);
    const cancel = await until(
      () => $<HTMLButtonElement>(el, 'button[aria-label="Cancel upload of slow.jpg"]'),
      'cancel shown',
    );
    cancel.click();
    await el.updateComplete;
    expect(chips(el).length).to.equal(0);
    expect(sendButton(el).disabled).to.equal(true);

    await el.addFiles([jpeg('flaky.jpg', 300_000)]);
    await until(() => $$<HTMLProgressElement>(el, 'progress').some((p) => p.value > 0), 'uploading');
    rig.backend.setOffline(true);
    const retry = await until(
      () => $<HTMLButtonElement>(el, 'button[aria-label="Retry upload of flaky.jpg"]'),
      'failed, retry offered',
    );
    expect(chips(el)[0]!.textContent).to.match(/interrupted|failed/i);
    expect(sendButton(el).disabled, 'no send with a failed file').to.equal(true);
    await expect(el).to.be.accessible();
    rig.backend.setOffline(false);
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await until(
      () => chips(el).length === 1 && !$(el, 'progress') && !$(el, '.chip.failed'),
      'uploaded on retry',
      6000,
    );
    expect(sendButton(el).disabled).to.equal(false);
  });

  it('offers to resize an image that is too large, and the result fits the budget', async () => {
    const rig = await createRig({ uploadBytesPerSecond: 20_000_000 });
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    const big = await noisyPng('panorama.png');
    expect(big.size).to.be.above(2 * MB);
    await el.addFiles([big]);
    const resize = await until(
      () =>
        $$<HTMLButtonElement>(el, '.notice button').find((b) => b.textContent!.includes('Resize and attach')),
      'resize offered',
    );
    resize.click();
    await until(() => chips(el).length === 1, 'resized file attached', 8000);
    await until(() => !$(el, 'progress'), 'uploaded');
    const chip = chips(el)[0]!;
    expect(chip.querySelector('.name')!.textContent).to.equal('panorama.jpg');
    await until(() => rig.client.getState().drafts[c.id]?.attachments.length === 1, 'in the draft');
    const attachment = rig.client.getState().drafts[c.id]!.attachments[0]!;
    expect(attachment.size).to.be.at.most(2 * MB);
    expect(attachment.type).to.equal('image/jpeg');
    expect(attachment.width! / attachment.height!, 'aspect ratio kept').to.be.closeTo(1, 0.01);
    expect(notices(el).join()).to.contain('was resized to');

    const auto = await renderWithClient<SmsComposer>(
      rig,
      html`<sms-composer conversation-id=${c.id} auto-downscale></sms-composer>`,
    );
    const second = await noisyPng('second.png', 1500);
    expect(second.size).to.be.above(2 * MB);
    await auto.addFiles([second]);
    await until(
      () => chips(auto).some((x) => x.textContent!.includes('second.jpg')),
      'resized without asking',
      8000,
    );
  });

  it('toll-free numbers: paperclip disabled with the reason, dropped and pasted files refused, no groups', async () => {
    const rig = await createRig();
    const id = await rig.client.resolveConversation(['+12025550143'], '+18005550199');
    const el = await renderComposer(rig, id);
    const clip = $<HTMLButtonElement>(el, '[part="attach-button"]')!;
    expect(clip.disabled).to.equal(true);
    const reason = 'Toll-free numbers can only send SMS messages: no attachments and no group chats.';
    expect(el.shadowRoot!.getElementById(clip.getAttribute('aria-describedby')!)!.textContent).to.equal(
      reason,
    );
    await drop(el, [jpeg('nope.jpg', 1000)]);
    await until(() => notices(el).length === 1, 'refused');
    expect(notices(el)[0]).to.contain(reason);
    paste(el, [jpeg('nope2.jpg', 1000)]);
    await until(() => notices(el).length === 2, 'paste refused');
    expect(chips(el).length).to.equal(0);
    await expect(el).to.be.accessible();

    const group = await rig.client
      .resolveConversation(['+12025550143', '+12025550144'], '+18005550199')
      .catch(() => null);
    expect(group, 'the client refuses a group from a toll-free number').to.equal(null);
  });

  it('locks the composer while a recipient has opted out (STOP), and unlocks on START', async () => {
    const rig = await createRig();
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'STOP',
    });
    const banner = await until(() => $<HTMLElement>(el, '.banner.locked'), 'locked banner');
    expect(banner.textContent).to.contain('replied STOP');
    expect(field(el).disabled).to.equal(true);
    expect(sendButton(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'START',
    });
    await until(() => !$(el, '.banner.locked'), 'unlocked');
    expect(field(el).disabled).to.equal(false);

    const group = rig.client
      .getState()
      .conversations.find((x) => x.participants.length > 1 && x.ownNumber === '+12025550199')!;
    const g = await renderComposer(rig, group.id);
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: group.id,
      from: group.participants[1]!,
      text: 'unsubscribe',
    });
    const groupBanner = await until(() => $<HTMLElement>(g, '.banner.locked'), 'group locked');
    const name = group.names?.[group.participants[1]!];
    if (name) expect(groupBanner.textContent, 'names who opted out').to.contain(name);
    expect(groupBanner.textContent).to.contain('this group');
  });

  it('runs the host preSendCheck: block keeps the draft, warn asks before sending', async () => {
    const rig = await createRig();
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    const count = () => rig.client.getState().threads[c.id]?.messages.length ?? 0;
    el.preSendCheck = async (draft) =>
      draft.text.includes('forbidden')
        ? { action: 'block', message: 'This number is on the do-not-contact list.' }
        : draft.text.includes('late')
          ? { action: 'warn', message: 'It is after 9 pm for this customer.' }
          : undefined;
    field(el).focus();
    await sendKeys({ type: 'forbidden words' });
    const before = count();
    await sendKeys({ press: 'Enter' });
    await until(() => notices(el).length === 1, 'blocked');
    expect(notices(el)[0]).to.contain('do-not-contact');
    expect(count()).to.equal(before);
    expect(field(el).value).to.equal('forbidden words');

    field(el).value = 'running late';
    field(el).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    sendButton(el).click();
    const warning = await until(() => $<HTMLElement>(el, '.warning'), 'warning shown');
    expect(warning.textContent).to.contain('after 9 pm');
    await expect(el).to.be.accessible();
    [...warning.querySelectorAll('button')].find((b) => b.textContent!.includes('Send anyway'))!.click();
    await until(
      () => rig.client.getState().threads[c.id]?.messages.some((m) => m.text === 'running late'),
      'sent anyway',
    );
  });

  it('shows a refused send and keeps the text (offline sends wait in the outbox instead)', async () => {
    const rig = await createRig({ client: { throttle: { messages: 1, perMs: 60_000 } } });
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    field(el).focus();
    await sendKeys({ type: 'one' });
    await sendKeys({ press: 'Enter' });
    await until(() => field(el).value === '', 'first sent');
    await sendKeys({ type: 'two' });
    await sendKeys({ press: 'Enter' });
    await until(() => notices(el).length === 1, 'throttled');
    expect(notices(el)[0]).to.match(/^Not sent:/);
    expect(field(el).value).to.equal('two');
  });

  it('refuses a pixel bomb (a tiny file claiming gigapixels) from its header, before any decoding', async () => {
    const rig = await createRig();
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(png.buffer).setUint32(16, 100_000);
    new DataView(png.buffer).setUint32(20, 100_000);
    await el.addFiles([new File([png], 'bomb.png', { type: 'image/png' })]);
    expect(notices(el).join()).to.contain('"bomb.png" is 100000 × 100000 pixels');
    expect(chips(el).length).to.equal(0);
  });

  it('renders hostile file names as text', async () => {
    const rig = await createRig({ uploadBytesPerSecond: 50_000_000 });
    const c = await oneToOne(rig);
    const el = await renderComposer(rig, c.id);
    await el.addFiles([jpeg('"><img src=x onerror=alert(1)>.jpg', 2000)]);
    await until(() => chips(el).length === 1, 'chip');
    expect($(el, '.chip img:not(.thumb)')).to.equal(null);
    expect(chips(el)[0]!.querySelector('.name')!.textContent).to.equal('"><img src=x onerror=alert(1)>.jpg');
  });
});

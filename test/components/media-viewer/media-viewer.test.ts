import { expect, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../../src/components/media-viewer/media-viewer.define.js';
import type { SmsMediaViewer } from '../../../src/components/media-viewer/media-viewer.js';
import type { SmsMediaCloseEvent } from '../../../src/events/media-close-event.js';
import type { Attachment } from '../../../src/model/attachment.js';
import type { Message } from '../../../src/model/message.js';
import { formatBytes } from '../../../src/rules/attachment-policy.js';
import { demoMediaUrl, demoVideoReady, makePng } from '../../../src/transport/memory/index.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { nextFrame, until } from '../../helpers/wait.js';

/** The account's own number that receives, and a sender no seeded chat uses. */
const OWN = '+12025550199';
const PERSON = '+12025550143';
/** What a hostile file would set if any of its script ran. */
const PWNED = '__smsViewerPwned';

declare global {
  interface Window {
    [PWNED]?: unknown;
  }
}

// ── files and chats ─────────────────────────────────────────────────

const objectUrls: string[] = [];

function blobUrl(parts: BlobPart[], type: string): string {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  objectUrls.push(url);
  return url;
}

let fileCounter = 0;

/** A real PNG (64 × 48) with the given name. */
function png(name: string, hue = 200): Attachment {
  const bytes = makePng(64, 48, hue);
  return {
    id: `file-${++fileCounter}`,
    name,
    type: 'image/png',
    size: bytes.byteLength,
    url: blobUrl([bytes], 'image/png'),
    width: 64,
    height: 48,
  };
}

/** A file with the given (claimed) name and type whose bytes are `body` served as `servedAs`. */
function file(name: string, type: string, body: string, servedAs: string): Attachment {
  return {
    id: `file-${++fileCounter}`,
    name,
    type,
    size: new TextEncoder().encode(body).byteLength,
    url: blobUrl([body], servedAs),
  };
}

/** Thumbnails small enough for 17 of them to fit the strip without scrolling. */
const SMALL_THUMBS = '--sms-media-viewer-thumbnail-size: 32px';

const pad = (n: number) => String(n).padStart(2, '0');
const photoName = (n: number) => `photo-${pad(n)}.png`;

interface Chat {
  readonly rig: Rig;
  readonly conversationId: string;
  /** The received messages, oldest first. */
  readonly messages: Message[];
}

/** Delivers one inbound message with `attachments` to the chat (or starts it). */
async function receive(rig: Rig, conversationId: string | null, attachments: Attachment[]): Promise<Message> {
  return rig.backend.receive({
    ...(conversationId ? { conversationId } : { from: PERSON, to: OWN }),
    text: '',
    attachments,
  });
}

/** A chat with PERSON of `count` messages with one photo each (`photo-01.png` is the oldest). */
async function chatWithPhotos(count: number, pageSize = 50): Promise<Chat> {
  const rig = await createRig({ client: { pageSize: { messages: pageSize } } });
  const messages: Message[] = [];
  for (let i = 1; i <= count; i++) {
    messages.push(await receive(rig, messages[0]?.conversationId ?? null, [png(photoName(i), i * 17)]));
  }
  return { rig, conversationId: messages[0]!.conversationId, messages };
}

/** Receives photos `from`…`to` (by number) into the chat. */
async function receivePhotos(chat: Chat, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i++) {
    chat.messages.push(await receive(chat.rig, chat.conversationId, [png(photoName(i), i * 17)]));
  }
}

// ── the element ─────────────────────────────────────────────────────

interface Rendered {
  readonly el: SmsMediaViewer;
  readonly opener: HTMLButtonElement;
}

/** The viewer next to an "Open" button that opens it on `attachmentId` of the chat. */
async function renderViewer(chat: Chat, attachmentId: string, lang = 'en', style = ''): Promise<Rendered> {
  const root = await renderWithClient<HTMLElement>(
    chat.rig,
    html`<div lang=${lang}>
      <button
        id="opener"
        @click=${(e: Event) =>
          ((e.currentTarget as HTMLElement).nextElementSibling as SmsMediaViewer).open({
            conversationId: chat.conversationId,
            attachmentId,
          })}
      >
        Open
      </button>
      <sms-media-viewer style=${style}></sms-media-viewer>
    </div>`,
  );
  const el = root.querySelector('sms-media-viewer')!;
  await el.updateComplete;
  return { el, opener: root.querySelector<HTMLButtonElement>('#opener')! };
}

/** Renders the viewer and opens it with a real click on the "Open" button. */
async function openViewer(chat: Chat, attachmentId: string, lang = 'en', style = ''): Promise<Rendered> {
  const rendered = await renderViewer(chat, attachmentId, lang, style);
  await clickOn(rendered.opener);
  await until(() => counter(rendered.el), 'the viewer shows a file');
  return rendered;
}

function part<T extends Element = HTMLElement>(el: SmsMediaViewer, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

function dialog(el: SmsMediaViewer): HTMLDialogElement {
  return el.shadowRoot!.querySelector('dialog')!;
}

/** The "3 of 12" counter as shown. */
function counter(el: SmsMediaViewer): string {
  return part(el, 'counter')?.textContent?.trim() ?? '';
}

/** The name of the file on screen, as shown in the toolbar. */
function shownName(el: SmsMediaViewer): string {
  return part(el, 'file-name')?.textContent?.trim() ?? '';
}

function thumbs(el: SmsMediaViewer): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="thumbnail"]')];
}

/** The names of the thumbnails of the strip, in order. */
function stripNames(el: SmsMediaViewer): string[] {
  return thumbs(el).map((t) => t.getAttribute('aria-label') ?? '');
}

function currentThumb(el: SmsMediaViewer): HTMLButtonElement | undefined {
  return thumbs(el).find((t) => t.getAttribute('aria-current') === 'true');
}

function visible(node: Element | null): boolean {
  return !!node && node.checkVisibility() && node.getBoundingClientRect().width > 0;
}

/** The deepest focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A real mouse click in the middle of `target`. */
async function clickOn(target: Element): Promise<void> {
  const r = target.getBoundingClientRect();
  expect(r.width, 'the target is on screen').to.be.greaterThan(0);
  await sendMouse({
    type: 'click',
    position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)],
  });
}

/** Waits until `target` has stayed at the same place for five frames in a row. */
async function untilStill(target: Element): Promise<void> {
  let last = '';
  let still = 0;
  await until(() => {
    const r = target.getBoundingClientRect();
    const now = `${r.top},${r.left},${r.height}`;
    still = now === last ? still + 1 : 0;
    last = now;
    return still >= 5;
  }, 'the target stops moving');
}

/** Waits until the file on screen is `name` at position `position`. */
async function until_shown(el: SmsMediaViewer, name: string, position: string): Promise<void> {
  await until(() => shownName(el) === name && counter(el) === position, `${name} shown as ${position}`).catch(
    (error: Error) => {
      throw new Error(`${error.message}; shown: ${shownName(el)} as "${counter(el)}"`);
    },
  );
  expect(currentThumb(el)?.getAttribute('aria-label')).to.equal(name);
}

/** A swipe on the stage with a touch (or pen) pointer: `dx` CSS pixels, in a few moves. */
function swipe(el: SmsMediaViewer, dx: number, pointerType: 'touch' | 'pen' = 'touch'): void {
  const stage = part(el, 'stage')!;
  const r = stage.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const target = el.shadowRoot!.elementFromPoint(x, y) ?? stage;
  const base = {
    pointerId: 31,
    pointerType,
    isPrimary: true,
    bubbles: true,
    composed: true,
    cancelable: true,
  };
  target.dispatchEvent(
    new PointerEvent('pointerdown', { ...base, clientX: x, clientY: y, button: 0, buttons: 1 }),
  );
  for (let step = 1; step <= 4; step++) {
    const at = { clientX: x + (dx * step) / 4, clientY: y + step };
    target.dispatchEvent(new PointerEvent('pointermove', { ...base, ...at, button: -1, buttons: 1 }));
  }
  target.dispatchEvent(
    new PointerEvent('pointerup', { ...base, clientX: x + dx, clientY: y + 4, button: 0, buttons: 0 }),
  );
}

function thread(chat: Chat) {
  return chat.rig.client.getState().threads[chat.conversationId];
}

describe('<sms-media-viewer>', () => {
  let location: string;

  beforeEach(() => {
    location = window.location.href;
  });

  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
    for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url);
    expect(window[PWNED], 'no script of a file ran').to.equal(undefined);
    expect(window.location.href, 'the page never navigated').to.equal(location);
  });

  describe('opening', () => {
    it('is closed and invisible until opened', async () => {
      const chat = await chatWithPhotos(2);
      const { el } = await renderViewer(chat, chat.messages[0]!.attachments[0]!.id);
      expect(dialog(el).open).to.equal(false);
      expect(visible(part(el, 'dialog'))).to.equal(false);
    });

    it('opens on the chosen file with every file of the chat in order, a counter, and is accessible', async () => {
      const chat = await chatWithPhotos(5);
      const { el } = await openViewer(chat, chat.messages[2]!.attachments[0]!.id);
      expect(dialog(el).open).to.equal(true);
      expect(dialog(el).matches(':modal')).to.equal(true);
      expect(dialog(el).getAttribute('aria-label')).to.equal('Media player');
      await until_shown(el, 'photo-03.png', '3 of 5');
      expect(stripNames(el)).to.deep.equal([1, 2, 3, 4, 5].map(photoName));
      // The counter is announced.
      expect(part(el, 'counter')!.getAttribute('aria-live')).to.equal('polite');
      const image = await until(() => {
        const img = part<HTMLImageElement>(el, 'image');
        return img?.complete && img.naturalWidth > 0 && visible(img) ? img : null;
      }, 'the image is shown');
      expect(image.alt).to.equal('photo-03.png');
      // Fitted inside the stage.
      const stage = part(el, 'stage')!.getBoundingClientRect();
      const box = image.getBoundingClientRect();
      expect(box.width).to.be.at.most(stage.width);
      expect(box.height).to.be.at.most(stage.height);
      // Focus starts inside the dialog.
      expect(el.shadowRoot!.contains(deepActive())).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('opens from a thread: an attachment click (sms-media-open) wired as <sms-messages> does', async () => {
      const chat = await chatWithPhotos(3);
      const root = await renderWithClient<HTMLElement>(
        chat.rig,
        html`<div style="display: flex; height: 500px">
          <sms-thread conversation-id=${chat.conversationId} style="flex: 1"></sms-thread>
          <sms-media-viewer></sms-media-viewer>
        </div>`,
      );
      const el = root.querySelector('sms-media-viewer')!;
      // What <sms-messages> does with the event.
      root.addEventListener('sms-media-open', (event) => {
        const opener = event.composedPath()[0];
        el.open({ ...event.detail, opener: opener instanceof Element ? opener : null });
      });
      const threadEl = root.querySelector('sms-thread')!;
      // By its name: the virtualizer does not keep its rows in DOM order.
      const attachment = await until(
        () =>
          [...threadEl.shadowRoot!.querySelectorAll<HTMLElement>('[part~="attachment"]')].find((a) =>
            a.getAttribute('aria-label')?.includes('photo-03.png'),
          ),
        'the thread shows the newest photo',
      );
      attachment.scrollIntoView({ block: 'center' });
      // A person clicks what is on screen once it stops moving: the thread may still be measuring rows.
      await untilStill(attachment);
      await clickOn(attachment);
      await until_shown(el, 'photo-03.png', '3 of 3');
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog(el).open, 'closed');
      expect(deepActive()).to.equal(attachment);
    });

    it('shows a loading state, then the file, for a chat not loaded yet', async () => {
      const chat = await chatWithPhotos(2);
      expect(thread(chat), 'the thread is not loaded before').to.equal(undefined);
      const { el } = await openViewer(chat, chat.messages[1]!.attachments[0]!.id);
      await until_shown(el, 'photo-02.png', '2 of 2');
    });
  });

  describe('opening, continued', () => {
    it('reads older pages until it finds a file older than the loaded window', async () => {
      const chat = await chatWithPhotos(12, 5);
      const { el } = await openViewer(chat, chat.messages[1]!.attachments[0]!.id);
      await until_shown(el, 'photo-02.png', '2 of 12');
      expect(stripNames(el)[0]).to.equal('photo-01.png');
    });

    it('says so when the files cannot be read', async () => {
      const chat = await chatWithPhotos(2);
      chat.rig.backend.setOffline(true);
      const { el } = await renderViewer(chat, chat.messages[1]!.attachments[0]!.id);
      await clickOn(el.previousElementSibling!);
      const alert = await until(() => el.shadowRoot!.querySelector('[role="alert"]'), 'an error');
      expect(alert.textContent).to.contain("The files couldn't be loaded.");
      await expect(el).to.be.accessible();
    });
  });

  describe('showing each kind of file', () => {
    it('shows GIFs as images, video with native controls, PDFs safely and other documents as cards', async () => {
      await demoVideoReady();
      const rig = await createRig();
      const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      const files: Attachment[] = [
        { id: 'gif', name: 'thanks.gif', type: 'image/gif', size: 900, url: demoMediaUrl('gif') },
        { id: 'video', name: 'walkthrough.webm', type: 'video/webm', size: 5000, url: demoMediaUrl('video') },
        {
          id: 'pdf',
          name: 'work-order-4471.pdf',
          type: 'application/pdf',
          size: 700,
          url: demoMediaUrl('pdf'),
        },
        file('quote.docx', docx, 'PK not really a document', 'application/octet-stream'),
      ];
      const message = await receive(rig, null, files);
      const chat: Chat = { rig, conversationId: message.conversationId, messages: [message] };
      const { el } = await openViewer(chat, 'gif');
      await until_shown(el, 'thanks.gif', '1 of 4');
      await until(() => {
        const img = part<HTMLImageElement>(el, 'image');
        return img?.complete && img.naturalWidth === 160 && visible(img);
      }, 'the GIF is shown');

      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'walkthrough.webm', '2 of 4');
      if (files[1]!.url) {
        const video = await until(() => part<HTMLVideoElement>(el, 'video'), 'a video player');
        expect(video.controls).to.equal(true);
        expect(visible(video)).to.equal(true);
      }

      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'work-order-4471.pdf', '3 of 4');
      if (navigator.pdfViewerEnabled) {
        const frame = await until(() => part<HTMLIFrameElement>(el, 'pdf'), "the browser's PDF viewer");
        expect(frame.src.startsWith('blob:')).to.equal(true);
        expect(frame.title).to.equal('work-order-4471.pdf');
      } else {
        const card = await until(() => part(el, 'card'), 'a card: this browser shows no PDF');
        expect(card.textContent).to.contain('work-order-4471.pdf');
        expect(card.textContent).to.contain('application/pdf');
      }

      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'quote.docx', '4 of 4');
      const card = await until(() => part(el, 'card'), 'a card');
      expect(card.textContent).to.contain('quote.docx');
      expect(card.textContent).to.contain(docx);
      expect(card.textContent).to.contain(formatBytes(files[3]!.size));
      expect(card.textContent).to.contain('No preview for this file.');
      expect(visible(card.querySelector('button'))).to.equal(true);
      expect(currentThumb(el)!.textContent!.trim()).to.equal('DOCX');
      await expect(el).to.be.accessible();
    });

    it('zooms images in and out', async () => {
      const chat = await chatWithPhotos(1);
      const { el } = await openViewer(chat, chat.messages[0]!.attachments[0]!.id);
      const image = await until(() => {
        const img = part<HTMLImageElement>(el, 'image');
        return img?.complete && img.naturalWidth > 0 ? img : null;
      }, 'the image is shown');
      const fitted = image.getBoundingClientRect().width;
      const zoom = part(el, 'zoom-button')!;
      expect(zoom.getAttribute('aria-label')).to.equal('Zoom in');
      await clickOn(zoom);
      await until(() => image.getBoundingClientRect().width > fitted * 1.5, 'zoomed in');
      expect(zoom.getAttribute('aria-label')).to.equal('Zoom out');
      await clickOn(zoom);
      await until(() => image.getBoundingClientRect().width === fitted, 'back to fitted');
      expect(zoom.getAttribute('aria-label')).to.equal('Zoom in');
    });
  });

  describe('moving between files', () => {
    it('by clicking a thumbnail in the strip', async () => {
      const chat = await chatWithPhotos(5);
      const { el } = await openViewer(chat, chat.messages[4]!.attachments[0]!.id);
      await until_shown(el, 'photo-05.png', '5 of 5');
      await clickOn(thumbs(el)[1]!);
      await until_shown(el, 'photo-02.png', '2 of 5');
      await until(() => part<HTMLImageElement>(el, 'image')?.alt === 'photo-02.png', 'the image changed');
      await clickOn(thumbs(el)[3]!);
      await until_shown(el, 'photo-04.png', '4 of 5');
    });

    it('by the on-screen left and right arrows', async () => {
      const chat = await chatWithPhotos(3);
      const { el } = await openViewer(chat, chat.messages[1]!.attachments[0]!.id);
      const previous = part(el, 'previous-button')!;
      const next = part(el, 'next-button')!;
      expect(previous.getAttribute('aria-label')).to.equal('Previous');
      expect(next.getAttribute('aria-label')).to.equal('Next');
      await clickOn(next);
      await until_shown(el, 'photo-03.png', '3 of 3');
      expect(next.getAttribute('aria-disabled')).to.equal('true');
      await clickOn(next);
      await nextFrame();
      expect(counter(el), 'nothing after the last file').to.equal('3 of 3');
      await clickOn(previous);
      await until_shown(el, 'photo-02.png', '2 of 3');
      await clickOn(previous);
      await until_shown(el, 'photo-01.png', '1 of 3');
      expect(previous.getAttribute('aria-disabled')).to.equal('true');
    });

    it('by the left and right arrow keys, also from the strip, and reversed right-to-left', async () => {
      const chat = await chatWithPhotos(4);
      const { el } = await openViewer(chat, chat.messages[0]!.attachments[0]!.id);
      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'photo-02.png', '2 of 4');
      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'photo-03.png', '3 of 4');
      await sendKeys({ press: 'ArrowLeft' });
      await until_shown(el, 'photo-02.png', '2 of 4');
      // From a thumbnail: the focus follows the file.
      currentThumb(el)!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'photo-03.png', '3 of 4');
      await until(() => deepActive() === currentThumb(el), 'focus on the current thumbnail');
      // Right-to-left: ArrowLeft goes forward.
      el.closest('div')!.setAttribute('dir', 'rtl');
      await until(() => dialog(el).getAttribute('dir') === 'rtl', 'right-to-left');
      await sendKeys({ press: 'ArrowLeft' });
      await until_shown(el, 'photo-04.png', '4 of 4');
    });

    it('by swiping with touch and pen (pointer events) and by dragging with the mouse', async () => {
      const chat = await chatWithPhotos(4);
      const { el } = await openViewer(chat, chat.messages[1]!.attachments[0]!.id);
      await until_shown(el, 'photo-02.png', '2 of 4');
      swipe(el, -160);
      await until_shown(el, 'photo-03.png', '3 of 4');
      swipe(el, 160, 'pen');
      await until_shown(el, 'photo-02.png', '2 of 4');
      // A tap or a short or vertical move is not a swipe.
      swipe(el, 12);
      await el.updateComplete;
      expect(counter(el)).to.equal('2 of 4');
      // The mouse: press, drag to the left, release.
      const r = part(el, 'stage')!.getBoundingClientRect();
      const x = Math.round(r.left + r.width / 2);
      const y = Math.round(r.top + r.height / 2);
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x - 80, y] });
      await sendMouse({ type: 'move', position: [x - 200, y + 2] });
      await sendMouse({ type: 'up' });
      await until_shown(el, 'photo-03.png', '3 of 4');
    });
  });

  describe('loading older and newer files', () => {
    it('loads older files when one of the 4 leftmost thumbnails is clicked', async () => {
      const chat = await chatWithPhotos(12, 5);
      const { el } = await openViewer(chat, chat.messages[11]!.attachments[0]!.id, 'en', SMALL_THUMBS);
      await until_shown(el, 'photo-12.png', '5 of 5');
      expect(stripNames(el)).to.deep.equal([8, 9, 10, 11, 12].map(photoName));
      // The 5th from the left is not at the edge: nothing is asked for.
      await clickOn(thumbs(el)[4]!);
      expect(thread(chat)!.loadingOlder).to.equal(false);
      // The 4th from the left is.
      await clickOn(thumbs(el)[3]!);
      await until(() => thumbs(el).length === 10, 'older files loaded');
      expect(stripNames(el)).to.deep.equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(photoName));
      await until_shown(el, 'photo-11.png', '9 of 10');
      await clickOn(thumbs(el)[0]!);
      await until(() => thumbs(el).length === 12, 'the oldest files loaded');
      await until_shown(el, 'photo-03.png', '3 of 12');
      expect(stripNames(el)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(photoName));
      expect(thread(chat)!.olderCursor).to.equal(null);
    });

    it('loads older files with the left arrow key at the first loaded file', async () => {
      const chat = await chatWithPhotos(7, 5);
      const { el } = await openViewer(chat, chat.messages[2]!.attachments[0]!.id);
      await until_shown(el, 'photo-03.png', '1 of 5');
      expect(part(el, 'previous-button')!.getAttribute('aria-disabled')).to.equal('false');
      await sendKeys({ press: 'ArrowLeft' });
      await until_shown(el, 'photo-02.png', '2 of 7');
    });

    it('loads newer files when one of the 4 rightmost thumbnails is clicked', async () => {
      const chat = await chatWithPhotos(5, 5);
      const { el } = await openViewer(chat, chat.messages[4]!.attachments[0]!.id, 'en', SMALL_THUMBS);
      await until_shown(el, 'photo-05.png', '5 of 5');
      // Files arrive while the connection is down; on reconnection one page of them is read.
      chat.rig.backend.setOffline(true);
      await until(() => chat.rig.client.getState().connection === 'offline', 'offline');
      await receivePhotos(chat, 6, 17);
      chat.rig.backend.setOffline(false);
      await until(() => thumbs(el).length === 10 && thread(chat)!.hasNewer, 'one newer page read');
      await until_shown(el, 'photo-05.png', '5 of 10');
      // 5 of 10 is not among the 4 rightmost: nothing is asked for.
      await clickOn(thumbs(el)[4]!);
      expect(thread(chat)!.loadingNewer).to.equal(false);
      await clickOn(thumbs(el)[6]!);
      await until(() => thumbs(el).length === 15, 'newer files loaded');
      await until_shown(el, 'photo-07.png', '7 of 15');
      expect(stripNames(el).slice(-5)).to.deep.equal([11, 12, 13, 14, 15].map(photoName));
      // The last thumbnail loads the rest.
      await clickOn(thumbs(el).at(-1)!);
      await until(() => thumbs(el).length === 17, 'the newest files loaded');
      expect(thread(chat)!.hasNewer).to.equal(false);
      await until_shown(el, 'photo-15.png', '15 of 17');
    });

    it('loads older files when the strip is scrolled to the far left', async () => {
      const chat = await chatWithPhotos(45, 20);
      const { el } = await openViewer(chat, chat.messages[44]!.attachments[0]!.id);
      await until_shown(el, 'photo-45.png', '20 of 20');
      const strip = part(el, 'strip')!;
      expect(strip.scrollWidth, 'the strip scrolls').to.be.greaterThan(strip.clientWidth);
      await until(() => strip.scrollLeft > 0, 'the current thumbnail is scrolled into view');
      strip.scrollLeft = 0;
      await until(() => thumbs(el).length === 40, 'older files loaded');
      expect(stripNames(el)[0]).to.equal('photo-06.png');
      // The thumbnails on screen stay where they were, so the user can scroll further.
      expect(strip.scrollLeft).to.be.greaterThan(0);
      await until_shown(el, 'photo-45.png', '40 of 40');
      strip.scrollLeft = 0;
      await until(() => thumbs(el).length === 45, 'the oldest files loaded');
      expect(stripNames(el)[0]).to.equal('photo-01.png');
    });

    it('loads newer files when the strip is scrolled to the far right', async () => {
      const chat = await chatWithPhotos(20, 20);
      const { el } = await openViewer(chat, chat.messages[0]!.attachments[0]!.id);
      await until_shown(el, 'photo-01.png', '1 of 20');
      chat.rig.backend.setOffline(true);
      await until(() => chat.rig.client.getState().connection === 'offline', 'offline');
      await receivePhotos(chat, 21, 50);
      chat.rig.backend.setOffline(false);
      await until(() => thumbs(el).length === 40 && thread(chat)!.hasNewer, 'one newer page read');
      const strip = part(el, 'strip')!;
      expect(strip.scrollWidth, 'the strip scrolls').to.be.greaterThan(strip.clientWidth);
      strip.scrollLeft = strip.scrollWidth;
      await until(() => thumbs(el).length === 50, 'newer files loaded');
      expect(stripNames(el).at(-1)).to.equal('photo-50.png');
      await until_shown(el, 'photo-01.png', '1 of 50');
    });

    it('adds a file received while the viewer is open, keeping the file on screen', async () => {
      const chat = await chatWithPhotos(3);
      const { el } = await openViewer(chat, chat.messages[2]!.attachments[0]!.id);
      await until_shown(el, 'photo-03.png', '3 of 3');
      await chat.rig.backend.receive({
        conversationId: chat.conversationId,
        text: 'two more',
        attachments: [png('site-visit.png'), file('notes.txt', 'text/plain', 'hello', 'text/plain')],
      });
      await until(() => thumbs(el).length === 5, 'the new files join the strip');
      await until_shown(el, 'photo-03.png', '3 of 5');
      expect(stripNames(el).slice(-2)).to.deep.equal(['site-visit.png', 'notes.txt']);
      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'site-visit.png', '4 of 5');
      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'notes.txt', '5 of 5');
    });
  });

  describe('the strip', () => {
    it("hides and shows with 'f', the down/up arrow keys and its small arrow", async () => {
      const chat = await chatWithPhotos(3);
      const { el } = await openViewer(chat, chat.messages[0]!.attachments[0]!.id);
      const strip = part(el, 'strip')!;
      const toggle = part(el, 'strip-toggle')!;
      expect(visible(strip)).to.equal(true);
      expect(toggle.getAttribute('aria-label')).to.equal('Media gallery');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      // The small arrow is at the top right of the strip.
      const t = toggle.getBoundingClientRect();
      const s = strip.getBoundingClientRect();
      expect(t.top).to.be.below(s.top);
      expect(t.bottom).to.be.at.most(thumbs(el)[0]!.getBoundingClientRect().top);
      expect(t.right).to.be.greaterThan(s.left + s.width / 2);

      await sendKeys({ press: 'f' });
      await until(() => !visible(strip), "'f' hides");
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(el.hasAttribute('strip-hidden')).to.equal(true);
      await sendKeys({ press: 'f' });
      await until(() => visible(strip), "'f' shows");

      await sendKeys({ press: 'ArrowDown' });
      await until(() => !visible(strip), 'down hides');
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(visible(strip), 'down again keeps it hidden').to.equal(false);
      await sendKeys({ press: 'ArrowUp' });
      await until(() => visible(strip), 'up shows');

      await clickOn(toggle);
      await until(() => !visible(strip), 'the arrow hides');
      expect(visible(toggle), 'the arrow stays to show it again').to.equal(true);
      await clickOn(toggle);
      await until(() => visible(strip), 'the arrow shows');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      // The file on screen did not change.
      expect(counter(el)).to.equal('1 of 3');
    });

    it('gives focus to its arrow when hidden while a thumbnail has focus', async () => {
      const chat = await chatWithPhotos(3);
      const { el } = await openViewer(chat, chat.messages[0]!.attachments[0]!.id);
      currentThumb(el)!.focus();
      await sendKeys({ press: 'f' });
      await until(() => deepActive() === part(el, 'strip-toggle'), 'focus on the arrow');
    });
  });

  describe('details and download', () => {
    it("shows the file's name, type, size, dimensions, sender and time with the 'i' button", async () => {
      const chat = await chatWithPhotos(2);
      const { el } = await openViewer(chat, chat.messages[1]!.attachments[0]!.id);
      const button = part(el, 'details-button')!;
      const details = part(el, 'details')!;
      expect(button.getAttribute('aria-label')).to.equal('Details');
      expect(visible(details)).to.equal(false);
      await clickOn(button);
      await until(() => visible(details), 'details shown');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      const rows = Object.fromEntries(
        [...details.querySelectorAll('dt')].map((dt) => [
          dt.textContent!.trim(),
          dt.nextElementSibling!.textContent!.trim(),
        ]),
      );
      const attachment = chat.messages[1]!.attachments[0]!;
      expect(rows['Name']).to.equal('photo-02.png');
      expect(rows['Type']).to.equal('image/png');
      expect(rows['Size']).to.equal(formatBytes(attachment.size));
      expect(rows['Size']).to.match(/^\d+(\.\d)? KB$/);
      expect(rows['Dimensions']).to.equal('64 × 48');
      expect(rows['Sent by']).to.equal('(202) 555-0143');
      expect(rows['Sent']).to.match(/\d/);
      expect(details.querySelector('time')!.getAttribute('datetime')).to.equal(
        new Date(chat.messages[1]!.createdAt).toISOString(),
      );
      await expect(el).to.be.accessible();
      // They follow the file on screen.
      await sendKeys({ press: 'ArrowLeft' });
      await until(
        () => details.querySelector('dd')!.textContent!.trim() === 'photo-01.png',
        'details follow',
      );
      await clickOn(button);
      await until(() => !visible(details), 'details hidden');
    });

    it('shows the duration of audio, with native controls', async () => {
      const rig = await createRig();
      const message = await receive(rig, null, [
        {
          id: 'voice',
          name: 'voice-note.wav',
          type: 'audio/wav',
          size: 1000,
          url: demoMediaUrl('audio'),
        },
      ]);
      const chat: Chat = { rig, conversationId: message.conversationId, messages: [message] };
      const { el } = await openViewer(chat, 'voice');
      const audio = await until(() => part<HTMLAudioElement>(el, 'audio'), 'an audio player');
      expect(audio.controls).to.equal(true);
      await clickOn(part(el, 'details-button')!);
      await until(
        () =>
          part(el, 'details')!.textContent!.includes('Duration') &&
          part(el, 'details')!.textContent!.includes('0:02'),
        'the measured duration',
      );
    });

    it('downloads the file under its sanitized name without navigating the page', async () => {
      const rig = await createRig();
      const hostileName = '"><img src=x onerror=window.__smsViewerPwned=1>.png';
      const attachment = png(hostileName);
      const message = await receive(rig, null, [attachment]);
      const chat: Chat = { rig, conversationId: message.conversationId, messages: [message] };
      const { el } = await openViewer(chat, attachment.id);
      const downloads: { name: string; href: string; target: string; blob: Promise<Blob> }[] = [];
      // Watch the link the viewer clicks; cancel the save itself so nothing is written to disk.
      const watch = (event: Event) => {
        const link = event.composedPath()[0];
        if (!(link instanceof HTMLAnchorElement)) return;
        downloads.push({
          name: link.download,
          href: link.href,
          target: link.target,
          blob: fetch(link.href).then((r) => r.blob()),
        });
        event.preventDefault();
      };
      document.addEventListener('click', watch, true);
      try {
        expect(part(el, 'download-button')!.getAttribute('aria-label')).to.equal('Download');
        await clickOn(part(el, 'download-button')!);
        await until(() => downloads.length, 'a download');
      } finally {
        document.removeEventListener('click', watch, true);
      }
      const [download] = downloads;
      expect(download!.name).to.equal('___img src=x onerror=window.__smsViewerPwned=1_.png');
      expect(download!.href.startsWith('blob:')).to.equal(true);
      expect(download!.href).not.to.equal(attachment.url);
      expect(download!.target).to.equal('');
      const blob = await download!.blob;
      expect(blob.type, 'never rendered by the browser').to.equal('application/octet-stream');
      expect(blob.size).to.equal(attachment.size);
      expect(dialog(el).open, 'the viewer stays open').to.equal(true);
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    });
  });

  describe('hostile files', () => {
    it('shows hostile names and types as text and cards, and runs none of their script', async () => {
      const rig = await createRig();
      const hostileName = '"><img src=x onerror=window.__smsViewerPwned=1>.png';
      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__smsViewerPwned=1">' +
        '<script>window.__smsViewerPwned=1</script><rect width="10" height="10"/></svg>';
      const page =
        '<!doctype html><script>window.__smsViewerPwned=1</script><img src=x onerror="window.__smsViewerPwned=1">';
      const files = [
        png(hostileName),
        file('drawing.svg', 'image/svg+xml', svg, 'image/svg+xml'),
        file('holiday.jpg', 'image/jpeg', page, 'text/html'),
        file('report.pdf', 'application/pdf', page, 'text/html'),
      ];
      const message = await receive(rig, null, files);
      const chat: Chat = { rig, conversationId: message.conversationId, messages: [message] };
      const { el } = await openViewer(chat, files[0]!.id);
      const noInjectedMarkup = () => {
        expect(
          el.shadowRoot!.querySelector('img[src="x"], script, iframe:not([part~="pdf"]), object, embed'),
        ).to.equal(null);
        expect(document.querySelector('img[src="x"]')).to.equal(null);
        expect(document.querySelector('iframe, object, embed')).to.equal(null);
      };

      // 1. A name made of markup: shown as text, everywhere it appears.
      await until_shown(el, hostileName, '1 of 4');
      expect(stripNames(el)).to.deep.equal([hostileName, 'drawing.svg', 'holiday.jpg', 'report.pdf']);
      await until(() => part<HTMLImageElement>(el, 'image')?.complete, 'the image loaded');
      expect(part<HTMLImageElement>(el, 'image')!.alt).to.equal(hostileName);
      noInjectedMarkup();

      // 2. An SVG with script: a card, never rendered.
      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'drawing.svg', '2 of 4');
      const svgCard = await until(() => part(el, 'card'), 'a card');
      expect(visible(svgCard)).to.equal(true);
      expect(svgCard.textContent).to.contain('drawing.svg');
      expect(svgCard.textContent).to.contain('image/svg+xml');
      expect(svgCard.textContent).to.contain(`${files[1]!.size} B`);
      expect(svgCard.textContent).to.contain('Download');
      expect(part(el, 'image')).to.equal(null);
      expect(el.shadowRoot!.querySelector(`[src="${files[1]!.url}"]`), 'not loaded anywhere').to.equal(null);
      noInjectedMarkup();

      // 3. HTML labelled image/jpeg: it does not decode as an image, so a card.
      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'holiday.jpg', '3 of 4');
      const htmlCard = await until(() => part(el, 'card'), 'a card for the broken image');
      expect(htmlCard.textContent).to.contain('holiday.jpg');
      expect(htmlCard.textContent).to.contain('image/jpeg');
      noInjectedMarkup();

      // 4. HTML labelled application/pdf: its bytes are not a PDF, so a card.
      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'report.pdf', '4 of 4');
      const pdfCard = await until(() => part(el, 'card'), 'a card for the fake PDF');
      expect(pdfCard.textContent).to.contain('report.pdf');
      noInjectedMarkup();
      await expect(el).to.be.accessible();

      // The details show the hostile name as text too.
      await clickOn(thumbs(el)[0]!);
      await until_shown(el, hostileName, '1 of 4');
      await clickOn(part(el, 'details-button')!);
      await until(
        () => part(el, 'details')!.querySelector('dd')!.textContent!.trim() === hostileName,
        'name in details',
      );
      noInjectedMarkup();
    });

    it('never gives a script: or data: address to the page', async () => {
      const rig = await createRig();
      const message = await receive(rig, null, [
        {
          id: 'js',
          name: 'click-me.png',
          type: 'image/png',
          size: 10,
          url: 'javascript:window.__smsViewerPwned=1',
        },
      ]);
      const chat: Chat = { rig, conversationId: message.conversationId, messages: [message] };
      const { el } = await openViewer(chat, 'js');
      await until_shown(el, 'click-me.png', '1 of 1');
      const card = await until(() => part(el, 'card'), 'a card');
      expect(card.textContent).to.contain('click-me.png');
      expect(el.shadowRoot!.querySelector('[src^="javascript:"], [href^="javascript:"]')).to.equal(null);
      await clickOn(part(el, 'download-button')!);
      await until(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the download is refused');
    });
  });

  describe('focus', () => {
    it('keeps Tab and Shift+Tab inside the viewer', async () => {
      const chat = await chatWithPhotos(3);
      const { el } = await openViewer(chat, chat.messages[1]!.attachments[0]!.id);
      const reached = new Set<Element>();
      for (let i = 0; i < 12; i++) {
        await sendKeys({ press: 'Tab' });
        const active = deepActive();
        expect(el.shadowRoot!.contains(active), `Tab ${i + 1} stays inside`).to.equal(true);
        reached.add(active!);
      }
      for (let i = 0; i < 12; i++) {
        await sendKeys({ down: 'Shift' });
        await sendKeys({ press: 'Tab' });
        await sendKeys({ up: 'Shift' });
        const active = deepActive();
        expect(el.shadowRoot!.contains(active), `Shift+Tab ${i + 1} stays inside`).to.equal(true);
        reached.add(active!);
      }
      for (const name of [
        'close-button',
        'download-button',
        'details-button',
        'previous-button',
        'next-button',
        'strip-toggle',
      ]) {
        expect(reached.has(part(el, name)!), `${name} is reachable`).to.equal(true);
      }
      expect(reached.has(currentThumb(el)!), 'the current thumbnail is reachable').to.equal(true);
    });

    it('closes with Esc and gives focus back to the opener, telling the host', async () => {
      const chat = await chatWithPhotos(3);
      const { el, opener } = await openViewer(chat, chat.messages[0]!.attachments[0]!.id);
      await sendKeys({ press: 'ArrowRight' });
      await until_shown(el, 'photo-02.png', '2 of 3');
      setTimeout(() => void sendKeys({ press: 'Escape' }));
      const event = (await oneEvent(el, 'sms-media-close')) as SmsMediaCloseEvent;
      expect(event.detail).to.deep.equal({
        conversationId: chat.conversationId,
        attachmentId: chat.messages[1]!.attachments[0]!.id,
      });
      expect(event.bubbles).to.equal(false);
      expect(dialog(el).open).to.equal(false);
      expect(visible(part(el, 'stage'))).to.equal(false);
      expect(deepActive()).to.equal(opener);
    });

    it('closes with the close button and gives focus back to the opener', async () => {
      const chat = await chatWithPhotos(2);
      const { el, opener } = await openViewer(chat, chat.messages[0]!.attachments[0]!.id);
      expect(part(el, 'close-button')!.getAttribute('aria-label')).to.equal('Close');
      await clickOn(part(el, 'close-button')!);
      await until(() => !dialog(el).open, 'closed');
      expect(deepActive()).to.equal(opener);
      // And opens again.
      await clickOn(opener);
      await until(() => dialog(el).open && counter(el) === '1 of 2', 'open again');
    });
  });

  describe('languages and themes', () => {
    it('speaks Spanish', async () => {
      const chat = await chatWithPhotos(3);
      const { el } = await openViewer(chat, chat.messages[0]!.attachments[0]!.id, 'es');
      await until(() => counter(el) === '1 de 3', 'counter in Spanish');
      expect(dialog(el).getAttribute('aria-label')).to.equal('Reproductor multimedia');
      expect(part(el, 'next-button')!.getAttribute('aria-label')).to.equal('Siguiente');
      expect(part(el, 'details-button')!.getAttribute('aria-label')).to.equal('Detalles');
      expect(part(el, 'download-button')!.getAttribute('aria-label')).to.equal('Descargar');
      expect(part(el, 'strip-toggle')!.getAttribute('aria-label')).to.equal('Galería multimedia');
      await clickOn(part(el, 'details-button')!);
      await until(() => part(el, 'details')!.textContent!.includes('Enviado por'), 'details in Spanish');
      await expect(el).to.be.accessible();
    });
  });
});

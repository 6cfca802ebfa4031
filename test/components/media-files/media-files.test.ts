import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cacheDatabaseName, createIndexedDbCache } from '../../../src/cache/idb-cache.js';
import type { SmsMediaFiles } from '../../../src/components/media-files/media-files.js';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import { createMessagesClient } from '../../../src/store/client.js';
import type { MessagesClient } from '../../../src/store/client.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

/** Every element matching `selector`, through open shadow roots. */
function deepAll<T extends Element>(root: ParentNode, selector: string): T[] {
  const found = [...root.querySelectorAll<T>(selector)];
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot) found.push(...deepAll<T>(el.shadowRoot, selector));
  return found;
}

/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

const tiles = (root: ParentNode) => deepAll<HTMLButtonElement>(root, '[part="tile"]');

/** A one-to-one chat that received a photo, a PDF, a video and a screenshot, in that order. */
async function chatWithFiles(rig: Rig) {
  const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
  const from = c.participants[0]!;
  for (const media of [['photo'], ['pdf'], ['video'], ['screenshot']] as const)
    await rig.backend.receive({ accountId: rig.accountId, conversationId: c.id, from, media: [...media] });
  return c;
}

describe('<sms-media-files>', () => {
  afterEach(cleanupRigs);

  it('opens from the chat menu, lists every file newest first, moves with the arrow keys and opens the viewer there', async () => {
    const rig = await createRig({ conversations: 3, messagesPerConversation: [2, 2] });
    const c = await chatWithFiles(rig);
    rig.client.selectConversation(c.id);
    const app = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="height: 600px; width: 1000px"></sms-messages>`,
    );
    const thread = await until(() => app.shadowRoot!.querySelector('sms-thread'), 'thread shown');
    const more = await until(
      () => thread.shadowRoot!.querySelector<HTMLButtonElement>('header [aria-haspopup="menu"]'),
      'chat menu',
    );
    more.click();
    const item = await until(
      () =>
        [...thread.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')].find((b) =>
          b.textContent!.includes('Media & files'),
        ),
      'menu item',
    );
    item.click();
    const dialog = await until(
      () => thread.shadowRoot!.querySelector<HTMLDialogElement>('dialog.media-files-dialog'),
      'dialog',
    );
    expect(dialog.open).to.equal(true);
    await until(() => tiles(dialog).length === 4, 'four files');
    const names = tiles(dialog).map((t) => t.title);
    expect(names).to.deep.equal([
      'Screenshot 2024-05-02.png',
      'walkthrough.webm',
      'work-order-4471.pdf',
      'IMG_2041.jpg',
    ]);
    expect(deepAll(dialog, 'h2')[0]!.textContent).to.contain('Media & files');
    await expect(dialog.querySelector('sms-media-files')!).to.be.accessible();
    // Keyboard: Tab reaches the first tile; arrows move; Enter opens the viewer on that file.
    tiles(dialog)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => deepActive() === tiles(dialog)[1], 'second tile focused');
    await sendKeys({ press: 'End' });
    await until(() => deepActive() === tiles(dialog)[3], 'last tile of the row focused');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => deepActive() === tiles(dialog)[2], 'third tile focused');
    await sendKeys({ press: 'Enter' });
    const viewer = app.shadowRoot!.querySelector('sms-media-viewer')!;
    await until(
      () => viewer.shadowRoot!.querySelector('[part="file-name"]')?.textContent === 'work-order-4471.pdf',
      'viewer on the PDF',
    );
    await sendKeys({ press: 'Escape' });
    await until(() => deepActive() === tiles(dialog)[2], 'focus back on the tile');
    await sendKeys({ press: 'Escape' });
    await until(() => !thread.shadowRoot!.querySelector('dialog.media-files-dialog'), 'dialog closed');
    await until(() => deepActive() === more, 'focus back on the menu button');
  });

  it('shows the files from the cache while offline, and says when a chat has none (Spanish too)', async () => {
    const rig = await createRig({ conversations: 3, messagesPerConversation: [2, 2] });
    const c = await chatWithFiles(rig);
    const userId = `media-files-${Date.now()}`;
    const first = createMessagesClient({
      transport: rig.backend.connect(rig.accountId),
      cache: createIndexedDbCache({ accountId: rig.accountId, userId }),
    });
    await first.start();
    // A chat without files, to show the empty state.
    let empty = '';
    for (const x of rig.client.getState().conversations) {
      const page = await rig.backend.connect(rig.accountId).listMessages({ conversationId: x.id, limit: 50 });
      if (x.id !== c.id && page.messages.every((m) => !m.attachments.length) && page.olderCursor === null) {
        empty = x.id;
        break;
      }
    }
    expect(empty, 'a chat without files').to.not.equal('');
    for (const id of [c.id, empty]) {
      await first.openConversation(id);
      await until(() => first.getState().threads[id]?.status === 'ready', 'thread read');
    }
    first.destroy();
    await new Promise((r) => setTimeout(r, 300));
    rig.backend.setOffline(true);
    let second: MessagesClient | undefined;
    try {
      second = createMessagesClient({
        transport: rig.backend.connect(rig.accountId),
        cache: createIndexedDbCache({ accountId: rig.accountId, userId }),
      });
      const el = await renderWithClient<SmsMediaFiles>(
        { ...rig, client: second },
        html`<sms-media-files conversation-id=${c.id}></sms-media-files>`,
      );
      await until(() => tiles(el.shadowRoot!).length === 4, 'four files from the cache', 8000);
      const empty = rig.client
        .getState()
        .conversations.find((x) => x.id !== c.id && x.participants.length === 1)!;
      el.setAttribute('lang', 'es');
      el.conversationId = empty.id;
      await until(
        () => el.shadowRoot!.querySelector('[part="empty"]')?.textContent?.includes('Todavía no hay fotos'),
        'empty state in Spanish',
        8000,
      );
      await expect(el).to.be.accessible();
    } finally {
      second?.destroy();
      rig.backend.setOffline(false);
      await new Promise((r) => setTimeout(r, 100));
      indexedDB.deleteDatabase(cacheDatabaseName(rig.accountId, userId));
    }
  });
});

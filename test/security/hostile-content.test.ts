import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import type { SmsComposer } from '../../src/components/composer/composer.js';
import type { SmsMediaViewer } from '../../src/components/media-viewer/media-viewer.js';
import type { SmsMessages } from '../../src/components/messages/messages.js';
import '../../src/define.js';
import { linkify } from '../../src/internal/linkify.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { hostileTransport } from '../helpers/hostile-transport.js';
import { until } from '../helpers/wait.js';
import { XSS_PAYLOADS, allowedUrl, findInjected, installSentinel } from './xss-corpus.js';

const sentinel = installSentinel();
const made: { backend: MemoryBackend; client: MessagesClient }[] = [];

async function hostileRig(payloads: readonly string[] = XSS_PAYLOADS) {
  const backend = createMemoryBackend({ latencyMs: 0, seed: 3 });
  const client = createMessagesClient({
    transport: hostileTransport(backend.connect(backend.accounts[0]!.id), payloads),
  });
  await client.start();
  made.push({ backend, client });
  return { backend, client };
}

const settle = () => new Promise((r) => setTimeout(r, 150));

function expectClean(): void {
  expect(findInjected(), 'nothing injected into any shadow root').to.deep.equal([]);
  expect(sentinel.hits(), 'no payload ran').to.equal(0);
}

describe('hostile content', () => {
  afterEach(() => {
    for (const { backend, client } of made.splice(0)) {
      client.destroy();
      backend.dispose();
    }
  });

  it('has a corpus of at least 60 payloads, and a detector that does find injected markup', async () => {
    expect(XSS_PAYLOADS.length).to.be.at.least(60);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<a href="javascript:void 0">x</a><img alt="" onerror="void 0"><style></style>';
    expect(findInjected(host)).to.have.length(3);
    host.remove();
  });

  it('renders every payload as text in the list, the thread, the picker and the composer', async () => {
    const { backend, client } = await hostileRig();
    const app = await fixture<SmsMessages>(
      html`<sms-provider .client=${client}
        ><sms-messages style="height: 700px; width: 1100px"></sms-messages
      ></sms-provider>`,
    ).then((p) => p.firstElementChild as SmsMessages);
    await until(() => app.shadowRoot!.querySelector('sms-conversation-list'), 'app');
    const list = app.shadowRoot!.querySelector('sms-conversation-list')!;
    await until(() => list.shadowRoot!.querySelectorAll('[role="option"]').length > 3, 'rows');
    // Every payload arrives as a message body too (pushed events go through the hostile server).
    const c = client.getState().conversations.find((x) => x.participants.length > 1)!;
    for (const text of XSS_PAYLOADS.slice(0, 20)) {
      await backend.receive({ conversationId: c.id, text, withAttachment: true });
    }
    // Open each of the first chats: names, bodies, file names and MIME types render in the thread.
    for (const conversation of client.getState().conversations.slice(0, 6)) {
      client.selectConversation(conversation.id);
      await until(
        () =>
          app.shadowRoot!.querySelector('sms-thread')?.shadowRoot?.querySelector('[part="bubble"], .empty'),
        'thread',
      );
      await settle();
      expectClean();
    }
    // Text shows literally: the first payload's markup is visible as characters.
    const thread = app.shadowRoot!.querySelector('sms-thread')!;
    expect(thread.shadowRoot!.querySelector('img[onerror]')).to.equal(null);

    // The picker: contact names and labels from the server, and hostile typed input.
    await app.startNewMessage();
    const picker = await until(() => app.shadowRoot!.querySelector('sms-new-conversation'), 'picker');
    const input = await until(() => picker.shadowRoot!.querySelector('input'), 'To field');
    for (const query of ['a', 'e', `<img src=x onerror=__xss()>`]) {
      input.value = query;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await settle();
      expectClean();
    }

    // A draft restored from storage is shown as text in the field.
    client.setDraft(c.id, { text: XSS_PAYLOADS[1]!, attachments: [] });
    await app.openConversation({ to: c.participants, from: c.ownNumber });
    const composer = await until(
      () => app.shadowRoot!.querySelector<SmsComposer>(`sms-composer`),
      'composer',
    );
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('textarea')!.value).to.equal(XSS_PAYLOADS[1]);
    await settle();
    expectClean();
  });

  it('shows hostile attachment names and types in the media player without running anything', async () => {
    const { backend, client } = await hostileRig();
    const c = client.getState().conversations.find((x) => x.participants.length === 1)!;
    await backend.receive({ conversationId: c.id, media: ['photo', 'pdf'], text: '' });
    await client.openConversation(c.id);
    const withFile = await until(
      () => client.getState().threads[c.id]?.messages.find((m) => m.attachments.length > 0),
      'a message with files',
    );
    const viewer = await fixture<SmsMediaViewer>(
      html`<sms-provider .client=${client}><sms-media-viewer></sms-media-viewer></sms-provider>`,
    ).then((p) => p.firstElementChild as SmsMediaViewer);
    viewer.open({ conversationId: c.id, messageId: withFile.id, attachmentId: withFile.attachments[0]!.id });
    await until(() => viewer.shadowRoot!.querySelector('dialog[open]'), 'viewer open');
    await settle();
    expectClean();
    viewer.detailsOpen = true;
    await viewer.updateComplete;
    await settle();
    expectClean();
  });

  it('turns only http(s), tel and mailto into links, whatever the text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...XSS_PAYLOADS), fc.string(), fc.webUrl()), { maxLength: 6 }),
        (parts) => {
          const text = parts.join(' ');
          for (const piece of linkify(text)) {
            if (!('href' in piece)) continue;
            const href = piece.href;
            expect(allowedUrl(href) && !href.startsWith('blob:') && !href.startsWith('data:'), href).to.equal(
              true,
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('renders generated hostile variants in the thread as text (property)', async () => {
    const { backend, client } = await hostileRig(['<b>name</b>']);
    const c = client.getState().conversations.find((x) => x.participants.length === 1)!;
    const el = await fixture(
      html`<sms-provider .client=${client}
        ><sms-thread conversation-id=${c.id} style="height: 500px; display: flex"></sms-thread
      ></sms-provider>`,
    );
    const thread = el.firstElementChild!;
    await until(() => thread.shadowRoot!.querySelector('[part="bubble"]'), 'thread');
    const samples = fc.sample(
      fc
        .tuple(
          fc.string({ maxLength: 8 }),
          fc.constantFrom(...XSS_PAYLOADS),
          fc.string({ maxLength: 8 }),
          fc.boolean(),
        )
        .map(([a, p, b, upper]) => `${a}${upper ? p.toUpperCase().replace('__XSS()', '__xss()') : p}${b}`),
      { numRuns: 60, seed: 42 },
    );
    for (const text of samples) await backend.receive({ conversationId: c.id, text });
    await until(() => client.getState().threads[c.id]!.messages.length >= 60, 'all received');
    await settle();
    expectClean();
  });
});

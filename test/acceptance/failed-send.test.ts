import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { SmsMessages } from '../../src/components/messages/messages.js';
import { createMessagesClient, type MessagesClient } from '../../src/store/client.js';
import type { Transport, TransportEvent } from '../../src/transport/transport.js';
import { createMemoryBackend, type MemoryBackend } from '../../src/transport/memory/memory-backend.js';
import { cleanupRigs, createRig, renderWithClient } from '../helpers/fixture.js';
import { until } from '../helpers/wait.js';
import { centre } from '../helpers/pointer.js';

async function click(el: Element): Promise<void> {
  await sendMouse({ type: 'click', position: centre(el) });
}

describe('a failed send, as a person meets it (whole app, real pointer and keyboard)', function () {
  this.timeout(30_000);
  afterEach(async () => {
    cleanupRigs();
    await resetMouse();
  });

  it('says "Not sent" in the chat list and retries when the failed bubble is clicked or pressed', async () => {
    await setViewport({ width: 1280, height: 800 });
    const rig = await createRig({ deliveryMs: [5, 10] });
    const el = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="height: 600px; width: 1000px"></sms-messages>`,
    );
    const root = el.shadowRoot!;
    const list = await until(() => root.querySelector('sms-conversation-list'), 'list shown');
    const row = await until(
      () => list.shadowRoot!.querySelector<HTMLElement>('[role="option"]'),
      'rows shown',
    );
    await click(row);
    const chosen = await until(() => rig.client.getState().selectedConversationId, 'a chat chosen');
    const thread = await until(() => root.querySelector('sms-thread'), 'thread shown');
    const composer = await until(() => root.querySelector('sms-composer'), 'composer shown');
    const field = await until(() => composer.shadowRoot!.querySelector('textarea'), 'field');
    await click(field);

    for (const [round, how] of [
      [1, 'pointer'],
      [2, 'keyboard'],
    ] as const) {
      rig.backend.failNextSends(1, 'invalid');
      const text = `Fail then retry ${round}`;
      await sendKeys({ type: text });
      await sendKeys({ press: 'Enter' });
      const bubble = await until(
        () =>
          [...thread.shadowRoot!.querySelectorAll<HTMLElement>('[part="bubble"][role="button"]')].find((b) =>
            b.textContent!.includes(text),
          ),
        `"${text}" shown as not sent`,
      );
      expect(bubble.getAttribute('aria-label')).to.contain('Not sent. Click to try again.');
      // The chat list says so, and the state behind it agrees.
      const conversation = () => rig.client.getState().conversations.find((c) => c.id === chosen)!;
      expect(conversation().lastMessage!.status).to.equal('failed');
      await until(
        () =>
          [...list.shadowRoot!.querySelectorAll('[part="preview"]')].some((p) =>
            p.textContent!.includes(`Not sent · ${text}`),
          ),
        'the row says "Not sent"',
      );
      await expect(el).to.be.accessible();
      if (how === 'pointer') await click(bubble);
      else {
        bubble.focus();
        await sendKeys({ press: 'Enter' });
      }
      await until(
        () => conversation().lastMessage!.status === 'delivered',
        `"${text}" delivered after the ${how}`,
      );
      await until(
        () =>
          [...list.shadowRoot!.querySelectorAll('[part="preview"]')].some((p) =>
            p.textContent!.includes(`You: ${text}`),
          ),
        'the row no longer says "Not sent"',
      );
      const server = await rig.backend
        .connect(rig.accountId)
        .listMessages({ conversationId: chosen, limit: 50 });
      expect(server.messages.filter((m) => m.text === text).length).to.equal(1);
      await click(field);
    }
  });
});

/** A copy of `value` in which the own messages whose text starts with `prefix` have no client id. */
function withoutClientId<T>(value: T, prefix: string): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutClientId(v, prefix)) as T;
  if (!value || typeof value !== 'object' || value instanceof Blob) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) copy[key] = withoutClientId(v, prefix);
  const m = copy as { direction?: string; text?: string; clientId?: string };
  if (m.direction === 'outbound' && m.text?.startsWith(prefix)) delete m.clientId;
  return copy as T;
}

/** The transport as a backend that does not keep the client id of `prefix`'s messages shows them. */
function forgettingClientIds(transport: Transport, prefix: string): Transport {
  return new Proxy(transport, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      if (key === 'subscribe') {
        return (listener: (event: TransportEvent) => void, options?: unknown) =>
          target.subscribe((event) => listener(withoutClientId(event, prefix)), options as never);
      }
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? result.then((r) => withoutClientId(r, prefix)) : result;
      };
    },
  });
}

describe('a failed message written by another system (no client id)', function () {
  this.timeout(30_000);
  const made: { client: MessagesClient; backend: MemoryBackend }[] = [];
  afterEach(async () => {
    for (const { client, backend } of made.splice(0)) {
      client.destroy();
      backend.dispose();
    }
    await resetMouse();
  });

  it('is sent again as a new message when its bubble is clicked', async () => {
    await setViewport({ width: 1280, height: 800 });
    const text = 'From the CRM: your visit is on Monday';
    const backend = createMemoryBackend({ latencyMs: 0, seed: 1, deliveryMs: [5, 10] });
    const accountId = backend.accounts[0]!.id;
    const chat = (await backend.connect(accountId).listConversations({ limit: 1 })).conversations[0]!;
    const conversationId = chat.id;
    // The host's automation texts through the same account; the carrier refuses it.
    backend.setCarrierFailureRate(1);
    await backend.connect(accountId).sendMessage({
      clientId: 'automation-1',
      from: chat.ownNumber,
      to: chat.participants,
      text,
      attachmentIds: [],
    });
    const server = backend.connect(accountId);
    await until(
      async () =>
        (await server.listMessages({ conversationId, limit: 50 })).messages.find((m) => m.text === text)
          ?.status === 'failed',
      'the automation text refused by the carrier',
    );
    backend.setCarrierFailureRate(0);
    const client = createMessagesClient({
      transport: forgettingClientIds(backend.connect(accountId), 'From the CRM'),
    });
    await client.start();
    const rig = { backend, client, accountId };
    made.push(rig);
    const el = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="height: 600px; width: 1000px"></sms-messages>`,
    );
    const root = el.shadowRoot!;
    const list = await until(() => root.querySelector('sms-conversation-list'), 'list shown');
    const row = await until(
      () =>
        [...list.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].find((r) =>
          r.textContent!.includes(`Not sent · ${text}`),
        ),
      'its chat in the list, saying "Not sent"',
    );
    await click(row);
    const thread = await until(() => root.querySelector('sms-thread'), 'thread shown');
    const bubble = await until(
      () =>
        [...thread.shadowRoot!.querySelectorAll<HTMLElement>('[part="bubble"][role="button"]')].find((b) =>
          b.textContent!.includes(text),
        ),
      'the refused text shown as not sent',
    );
    expect(
      client.getState().threads[conversationId]!.messages.find((m) => m.text === text)!.clientId,
    ).to.equal(undefined);
    expect(bubble.getAttribute('aria-label')).to.contain('Not sent. Click to try again.');
    // Clicked where it rests, as a person does once the thread has stopped moving.
    let rest = '';
    await until(() => {
      const r = bubble.getBoundingClientRect();
      const here = `${r.left},${r.top}`;
      const still = here === rest;
      rest = here;
      return still;
    }, 'the bubble at rest');
    await click(bubble);
    const held = async () =>
      (await server.listMessages({ conversationId, limit: 50 })).messages.filter((m) => m.text === text);
    await until(
      async () => {
        const copies = await held();
        return copies.length === 1 && copies[0]!.status === 'delivered';
      },
      'the text sent again and delivered, the refused copy gone from the server',
      10_000,
    ).catch(async (error: Error) => {
      const shown = client.getState().threads[conversationId]!.messages.filter((m) => m.text === text);
      throw new Error(
        `${error.message}: the server holds ${JSON.stringify((await held()).map((m) => [m.id, m.status]))}, ` +
          `the thread ${JSON.stringify(shown.map((m) => [m.id, m.clientId, m.status]))}`,
      );
    });
    await until(
      () => {
        const shown = client.getState().threads[conversationId]!.messages.filter((m) => m.text === text);
        return shown.length === 1 && shown[0]!.status === 'delivered';
      },
      'one copy on screen, delivered',
      10_000,
    );
  });
});

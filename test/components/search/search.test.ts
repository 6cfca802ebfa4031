import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../../src/define.js';
import type { SmsSearch } from '../../../src/components/search/search.js';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import type { SmsErrorEvent } from '../../../src/events/error-event.js';
import type { SmsSearchSelectEvent } from '../../../src/events/search-select-event.js';
import type { MessagesCache } from '../../../src/cache/cache.js';
import { createIndexedDbCache } from '../../../src/cache/idb-cache.js';
import type { Contact } from '../../../src/model/contact.js';
import { searchDatabaseName } from '../../../src/search/search-db.js';
import { searchIndexFor } from '../../../src/search/search-index.js';
import { createMessagesClient } from '../../../src/store/client.js';
import type { MessagesClient } from '../../../src/store/client.js';
import { TransportError } from '../../../src/transport/errors.js';
import { createMemoryBackend } from '../../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../../src/transport/memory/index.js';
import type {
  MessageSearchPage,
  SearchMessagesRequest,
  Transport,
} from '../../../src/transport/transport.js';
import { until } from '../../helpers/wait.js';

const MARIA = '+12025550143';

interface Setup {
  backend: MemoryBackend;
  client: MessagesClient;
  /** Every `searchMessages` request the server got. */
  requests: SearchMessagesRequest[];
}

/**
 * A memory backend whose `searchMessages` goes through `server` (default: the backend's own) and
 * `searchContacts` through `contacts`, and a started client for it.
 */
async function setup(
  server?: (request: SearchMessagesRequest, inner: Transport) => Promise<MessageSearchPage>,
  before?: (backend: MemoryBackend) => Promise<void>,
  contacts?: () => Promise<readonly Contact[]>,
): Promise<Setup> {
  const backend = createMemoryBackend({
    latencyMs: 0,
    seed: 7,
    conversations: 6,
    messagesPerConversation: [2, 3],
    contacts: 5,
  });
  await before?.(backend);
  const inner = backend.connect(backend.accounts[0]!.id);
  const requests: SearchMessagesRequest[] = [];
  const transport = new Proxy(inner, {
    get(target, key) {
      if (key === 'searchContacts' && contacts) return contacts;
      if (key === 'searchMessages')
        return (request: SearchMessagesRequest) => {
          requests.push(request);
          return server ? server(request, target) : target.searchMessages!(request);
        };
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const client = createMessagesClient({ transport });
  await client.start();
  clients.push({ client, backend });
  return { backend, client, requests };
}

const clients: { client: MessagesClient; backend: MemoryBackend }[] = [];

async function render(client: MessagesClient): Promise<SmsSearch> {
  const provider = await fixture<HTMLElement>(
    html`<sms-provider .client=${client}><sms-search></sms-search></sms-provider>`,
  );
  const el = provider.firstElementChild as SmsSearch;
  await el.updateComplete;
  return el;
}

const input = (el: SmsSearch) => el.shadowRoot!.querySelector('input')!;
const options = (el: SmsSearch) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=option]')];
const messageTexts = (el: SmsSearch) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[id^=message-] .snippet')].map((n) =>
    n.textContent!.trim(),
  );
const note = (el: SmsSearch) => el.shadowRoot!.querySelector<HTMLElement>('.note');
const notes = (el: SmsSearch) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.note')];

/** Receives a message and waits until the client's index has it. */
async function receiveIndexed(s: Setup, text: string, word: string, from = MARIA): Promise<void> {
  await s.backend.receive({ from, text });
  const index = searchIndexFor(s.client);
  await until(() => index.search(word).messages.some((m) => m.text === text), `"${text}" indexed`, 10_000);
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('<sms-search>', () => {
  afterEach(async () => {
    for (const { client, backend } of clients.splice(0)) {
      const account = client.getState().account;
      client.destroy();
      backend.dispose();
      if (account) indexedDB.deleteDatabase(searchDatabaseName(account.id, account.userId));
    }
  });

  it('shows local results at the first keystroke, marked, before the server answers; arrows, Enter, Escape', async function () {
    // Many steps, each waiting for a condition: generous bounds, so a loaded machine only slows it.
    this.timeout(30_000);
    const gate = deferred<MessageSearchPage>();
    const s = await setup(() => gate.promise);
    const el = await render(s.client);
    await receiveIndexed(s, 'The gate code is 4471', 'gate');

    input(el).focus();
    await until(() => el.shadowRoot!.activeElement === input(el), 'the input has the focus', 10_000);
    await sendKeys({ type: 'g' });
    await until(() => input(el).value === 'g', 'the key reached the input', 10_000);
    // One key: the local results, while the server has not answered (its gate opens at the end).
    await until(() => messageTexts(el).length > 0, 'results after one key', 10_000);
    await sendKeys({ type: 'ate' });
    await until(() => messageTexts(el).join() === 'The gate code is 4471', 'the message result', 10_000);
    expect(el.shadowRoot!.querySelector('[id^=message-] mark')!.textContent).to.equal('gate');
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    await until(
      () => note(el)?.textContent?.includes('Searching older messages'),
      'server pending note',
      10_000,
    );
    await expect(el).to.be.accessible();

    const chosen: SmsSearchSelectEvent[] = [];
    el.addEventListener('sms-search-select', (e) => chosen.push(e));
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const first = options(el)[0]!;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal(first.id);
    expect(first.getAttribute('aria-selected')).to.equal('true');
    const messageOption = options(el).findIndex((o) => o.id.startsWith('message-'));
    for (let i = 0; i < messageOption; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(chosen).to.have.length(1);
    expect(chosen[0]!.detail.kind).to.equal('message');
    const conversationId = s.client.getState().conversations.find((c) => c.participants.includes(MARIA))!.id;
    expect(chosen[0]!.detail).to.include({ conversationId });

    input(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => input(el).getAttribute('aria-expanded') === 'true', 'open again');
    await sendKeys({ press: 'Escape' });
    await until(() => input(el).getAttribute('aria-expanded') === 'false', 'Escape closes');
    expect(input(el).value).to.equal('gate');
    await sendKeys({ press: 'Escape' });
    await until(() => input(el).value === '', 'a second Escape clears');
    gate.resolve({ results: [], nextCursor: null });
  });

  it('finds a person by any number format', async () => {
    const s = await setup();
    const el = await render(s.client);
    await receiveIndexed(s, 'Hola', 'hola');
    for (const q of ['555-0143', '(202) 555 0143', '+1 202 555']) {
      input(el).focus();
      input(el).select();
      await sendKeys({ type: q });
      await until(
        () => el.shadowRoot!.querySelector('[id^=person-]')?.textContent?.includes('555-0143'),
        `the person for ${q}`,
      );
    }
  });

  it('merges server results without duplicates, pages with "More results", aborts a stale request', async () => {
    // The first query's request hangs until it is aborted.
    const s = await setup(
      (request, inner) =>
        request.query === 'fact'
          ? new Promise((_, reject) =>
              request.signal?.addEventListener('abort', () =>
                reject(new TransportError('aborted', 'aborted')),
              ),
            )
          : inner.searchMessages!(request),
      // 25 messages from María before this client starts: it sees only the newest (the preview).
      async (backend) => {
        for (let i = 1; i <= 25; i++) await backend.receive({ from: MARIA, text: `Factura ${i} pagada` });
      },
    );
    const el = await render(s.client);
    const index = searchIndexFor(s.client);
    await until(
      () => index.search('factura').messages.some((m) => m.text === 'Factura 25 pagada'),
      'indexed',
    );
    expect(index.search('factura').messages).to.have.length(1);

    input(el).focus();
    await sendKeys({ type: 'fact' });
    await until(() => s.requests.length === 1, 'the server is asked');
    expect(messageTexts(el)).to.deep.equal(['Factura 25 pagada']);
    await sendKeys({ type: 'ura' });
    await until(() => messageTexts(el).length === 20, 'the first server page merged with the local result');
    expect(s.requests[0]!.signal!.aborted, 'the stale request is aborted').to.equal(true);
    expect(s.requests.at(-1)!.query).to.equal('factura');
    expect(messageTexts(el)[0]).to.equal('Factura 25 pagada');

    const more = () => el.shadowRoot!.querySelector<HTMLElement>('#more');
    await until(() => more(), '"More results"');
    more()!.click();
    await until(() => messageTexts(el).length === 25, 'the second page');
    expect(new Set(messageTexts(el)).size).to.equal(25);
    expect(more()).to.equal(null);
    // Newest first.
    expect(messageTexts(el).slice(0, 3)).to.deep.equal([
      'Factura 25 pagada',
      'Factura 24 pagada',
      'Factura 23 pagada',
    ]);
  });

  it('offline: local results and a quiet note, no request', async () => {
    const s = await setup();
    const el = await render(s.client);
    await receiveIndexed(s, 'Nos vemos en el almacén', 'almacen');
    s.backend.setOffline(true);
    await until(() => s.client.getState().connection === 'offline', 'the client knows it is offline');
    input(el).focus();
    await sendKeys({ type: 'almacen' });
    await until(() => messageTexts(el).join() === 'Nos vemos en el almacén', 'local result');
    await until(() => note(el)?.textContent?.includes('offline'), 'offline note');
    expect(note(el)!.getAttribute('role')).to.equal(null);
    expect(s.requests).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('server error: local results and a visible error', async () => {
    const s = await setup(() => Promise.reject(new TransportError('network', 'HTTP 503')));
    const el = await render(s.client);
    await receiveIndexed(s, 'Presupuesto aprobado', 'presupuesto');
    input(el).focus();
    await sendKeys({ type: 'presu' });
    await until(() => note(el)?.getAttribute('role') === 'alert', 'the error');
    expect(note(el)!.textContent).to.contain("couldn't be searched");
    expect(messageTexts(el)).to.deep.equal(['Presupuesto aprobado']);
  });

  it('server error: sms-error tells the host which search failed', async () => {
    const s = await setup(() => Promise.reject(new TransportError('network', 'HTTP 503')));
    const el = await render(s.client);
    const errors: SmsErrorEvent[] = [];
    el.addEventListener('sms-error', (e) => errors.push(e));
    await receiveIndexed(s, 'Factura pendiente', 'factura');
    input(el).focus();
    await sendKeys({ type: 'factura' });
    await until(() => errors.length > 0, 'sms-error for the failed server search');
    expect(errors[0]!.detail.operation).to.equal('searchMessages');
    expect(errors[0]!.detail.error.message).to.equal('HTTP 503');
  });

  it('a failed contact search: the messages still show, a note says so, sms-error tells the host', async () => {
    const s = await setup(undefined, undefined, () =>
      Promise.reject(new TransportError('invalid', 'The address book is down.')),
    );
    const el = await render(s.client);
    const errors: SmsErrorEvent[] = [];
    el.addEventListener('sms-error', (e) => errors.push(e));
    await receiveIndexed(s, 'Contrato firmado', 'contrato');
    input(el).focus();
    await sendKeys({ type: 'contrato' });
    await until(() => errors.length > 0, 'sms-error for the failed contact search');
    expect(errors[0]!.detail.operation).to.equal('searchContacts');
    await until(
      () => notes(el).some((n) => n.textContent!.includes("Contacts couldn't be searched")),
      'the note',
    );
    expect(messageTexts(el)).to.deep.equal(['Contrato firmado']);
  });

  it('a cache that cannot be read: the index says results may miss messages, sms-error tells the host', async function () {
    this.timeout(30_000);
    const backend = createMemoryBackend({
      latencyMs: 0,
      seed: 7,
      conversations: 3,
      messagesPerConversation: [2, 3],
    });
    const accountId = backend.accounts[0]!.id;
    const userId = `unreadable-${Date.now()}`;
    // A first session caches its chats (no search index yet: an earlier version)…
    const cache = createIndexedDbCache({ accountId, userId });
    const first = createMessagesClient({ transport: backend.connect(accountId), cache });
    await first.start();
    await cache.flush();
    first.destroy();
    // …the next one's cache cannot read a thread back: the index cannot back-fill from it.
    const real = createIndexedDbCache({ accountId, userId });
    const unreadable: MessagesCache = new Proxy(real, {
      get(target, key) {
        if (key === 'thread') return () => Promise.reject(new Error('The cache could not be read.'));
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const client = createMessagesClient({ transport: backend.connect(accountId), cache: unreadable });
    clients.push({ client, backend });
    await client.start();
    // Two searches over the same client (a list's and a sidebar's): the host hears of it once.
    const provider = await fixture<HTMLElement>(
      html`<sms-provider .client=${client}><sms-search></sms-search><sms-search></sms-search></sms-provider>`,
    );
    const el = provider.firstElementChild as SmsSearch;
    await el.updateComplete;
    const errors: SmsErrorEvent[] = [];
    provider.addEventListener('sms-error', (e) => errors.push(e));
    await until(() => errors.length > 0, 'sms-error for the failed back-fill', 10_000);
    expect(errors[0]!.detail.operation).to.equal('searchIndexBackfill');
    input(el).focus();
    await sendKeys({ type: 'hola' });
    await until(
      () =>
        notes(el).some((n) =>
          n.textContent!.includes("Some messages saved on this device couldn't be searched"),
        ),
      'the note',
      10_000,
    );
    expect(
      errors.map((e) => e.detail.operation),
      'each failure told once, not once per search element',
    ).to.deep.equal(['searchIndexBackfill']);
  });

  it('tells screen readers the count once the results settle', async () => {
    const s = await setup();
    const el = await render(s.client);
    await receiveIndexed(s, 'Recogida del paquete mañana', 'paquete');
    const status = el.shadowRoot!.querySelector('[role=status]')!;
    const heard: string[] = [];
    new MutationObserver(() => heard.push(status.textContent!.trim())).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    input(el).focus();
    await sendKeys({ type: 'paquete' });
    await until(() => status.textContent!.trim() !== '', 'announced', 5000);
    const count = el.shadowRoot!.querySelectorAll('[role=option]').length;
    expect(status.textContent!.trim()).to.equal(count === 1 ? '1 result.' : `${count} results.`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(heard.filter(Boolean)).to.have.length(1);
    input(el).select();
    await sendKeys({ type: 'zzzq' });
    await until(() => status.textContent!.includes('No results for “zzzq”'), 'no results announced', 5000);
  });
});

describe('<sms-messages> search field', () => {
  afterEach(() => {
    for (const { client, backend } of clients.splice(0)) {
      const account = client.getState().account;
      client.destroy();
      backend.dispose();
      if (account) indexedDB.deleteDatabase(searchDatabaseName(account.id, account.userId));
    }
  });

  it('opens the conversation of a chosen message result', async () => {
    const s = await setup();
    const provider = await fixture<HTMLElement>(
      html`<sms-provider .client=${s.client}
        ><sms-messages style="inline-size: 900px; block-size: 600px"></sms-messages
      ></sms-provider>`,
    );
    const app = provider.firstElementChild as SmsMessages;
    await receiveIndexed(s, 'El contrato Zurbarán firmado', 'zurbaran');
    const search = await until(() => app.shadowRoot!.querySelector<SmsSearch>('sms-search'), 'search field');
    input(search).focus();
    await sendKeys({ type: 'zurbaran' });
    await until(() => messageTexts(search).length === 1, 'result');
    const at = options(search).findIndex((o) => o.id.startsWith('message-'));
    for (let i = 0; i <= at; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const conversationId = s.client.getState().conversations.find((c) => c.participants.includes(MARIA))!.id;
    await until(() => s.client.getState().selectedConversationId === conversationId, 'the chat is selected');
    await until(
      () => app.shadowRoot!.querySelector('sms-thread')?.getAttribute('conversation-id') === conversationId,
      'the thread shows it',
    );
  });
});

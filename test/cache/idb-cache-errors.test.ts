// Storage failures of the IndexedDB cache reach the host (the client's error event, `sms-error`
// on the elements) and the person (the storage health, shown by <sms-messages> as a notice); the
// client goes on from memory and the server. Each failure is the browser's own, raised by real
// IndexedDB calls made to fail for the length of one test (a full disk, an unreadable record, a
// deletion the browser refused).
import { expect } from '@open-wc/testing';
import { cacheDatabaseName, createIndexedDbCache } from '../../src/cache/idb-cache.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { ClientEvent, MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { until } from '../helpers/wait.js';

const ACCOUNT = 'acct-acme';
let run = 0;
let userId = '';
let backend: MemoryBackend;
const clients: MessagesClient[] = [];
const restores: (() => void)[] = [];

/** Makes `proto[name]` throw `error` while `when(this)` holds, until the test ends. */
function failing<T extends object>(
  proto: T,
  name: keyof T,
  error: () => Error,
  when: (self: T) => boolean = () => true,
) {
  const original = proto[name] as unknown as (...args: unknown[]) => unknown;
  (proto as Record<keyof T, unknown>)[name] = function (this: T, ...args: unknown[]) {
    if (when(this)) throw error();
    return original.apply(this, args);
  };
  restores.push(() => ((proto as Record<keyof T, unknown>)[name] = original));
}

function client(): { made: MessagesClient; errors: Extract<ClientEvent, { type: 'error' }>[] } {
  const made = createMessagesClient({
    transport: backend.connect(backend.accounts[0]!.id),
    cache: createIndexedDbCache({ accountId: ACCOUNT, userId }),
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
  });
  clients.push(made);
  const errors: Extract<ClientEvent, { type: 'error' }>[] = [];
  made.events$.subscribe((e) => {
    if (e.type === 'error') errors.push(e);
  });
  return { made, errors };
}

describe('IndexedDB cache failures', () => {
  beforeEach(() => {
    userId = `user-errors-${Date.now()}-${run++}`;
    backend = createMemoryBackend({ latencyMs: 0, conversations: 10 });
  });
  afterEach(async () => {
    for (const restore of restores.splice(0)) restore();
    for (const c of clients.splice(0)) c.destroy();
    backend.dispose();
    await new Promise((r) => setTimeout(r, 20));
    indexedDB.deleteDatabase(cacheDatabaseName(ACCOUNT, userId));
  });

  it('tells the host and the person when the device is full, and keeps the thread shown', async () => {
    const { made, errors } = client();
    await made.start();
    const id = made.getState().conversations[0]!.id;
    failing(
      IDBObjectStore.prototype,
      'put',
      () => new DOMException('The disk is full.', 'QuotaExceededError'),
    );
    await made.openConversation(id);
    await made.cache!.flush();
    const error = await until(() => errors.find((e) => e.operation === 'cache.write'), 'a cache.write error');
    expect(error.error.name).to.equal('QuotaExceededError');
    expect(made.getState().storage, 'the notice the person sees').to.equal('full');
    expect(made.getState().threads[id]!.messages.length, 'nothing shown is lost').to.be.greaterThan(0);
  });

  it('reads a thread it cannot read from the cache from the server, and says so', async () => {
    const first = client().made;
    await first.start();
    const id = first.getState().conversations[0]!.id;
    await first.openConversation(id);
    const shown = first.getState().threads[id]!.messages.map((m) => m.id);
    first.destroy();
    await new Promise((r) => setTimeout(r, 100));

    const { made, errors } = client();
    await made.start();
    failing(
      IDBIndex.prototype,
      'getAll',
      () => new DOMException('The record could not be read.', 'UnknownError'),
      (index) => index.name === 'byConversation',
    );
    await made.openConversation(id);
    const error = await until(() => errors.find((e) => e.operation === 'cache.read'), 'a cache.read error');
    expect(error.error.name).to.equal('UnknownError');
    expect(made.getState().storage).to.equal('unavailable');
    expect(
      made.getState().threads[id]!.messages.map((m) => m.id),
      'read from the server',
    ).to.deep.equal(shown);
  });

  it('rejects sign-out when the browser could not delete what was kept of the account', async () => {
    const { made, errors } = client();
    await made.start();
    failing(IDBFactory.prototype, 'deleteDatabase', () => new DOMException('Refused.', 'UnknownError'));
    let rejected: unknown;
    await made.signOut().catch((e: unknown) => (rejected = e));
    expect((rejected as Error | undefined)?.name, 'the host learns the data is still here').to.equal(
      'UnknownError',
    );
    expect(errors.length, 'the client was destroyed first: no event after it').to.equal(0);
  });
});

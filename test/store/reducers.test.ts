import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Message } from '../../src/model/message.js';
import type { Action } from '../../src/store/actions.js';
import { mergeConversations } from '../../src/store/list-reducers.js';
import { reduce } from '../../src/store/reducers.js';
import { initialState } from '../../src/store/state.js';
import type { MessagesState } from '../../src/store/state.js';
import { conversation, message } from './fixtures.js';

function run(actions: Action[], state: MessagesState = initialState): MessagesState {
  return actions.reduce(reduce, state);
}

const page = (messages: Message[], olderCursor: string | null = 'older') => ({
  messages,
  olderCursor,
  newerCursor: 'newer',
  hasNewer: false,
});

function openThread(messages: Message[]): MessagesState {
  return run([
    { type: 'thread/loading', conversationId: 'c1', which: 'latest' },
    { type: 'thread/loaded', conversationId: 'c1', which: 'latest', page: page(messages) },
  ]);
}

describe('reducers', () => {
  it('keeps conversations newest first, one entry per id', () => {
    const list = mergeConversations([], [conversation('a', 3), conversation('b', 2), conversation('c', 1)]);
    const moved = mergeConversations(list, [conversation('c', 10, { unreadCount: 2 })]);
    expect(moved.map((c) => c.id)).to.deep.equal(['c', 'a', 'b']);
    expect(moved[0]!.unreadCount).to.equal(2);
  });

  it('keeps the list sorted and unique whatever pages and updates arrive (property)', () => {
    const conv = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      updatedAt: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(conv, { maxLength: 6 }), { maxLength: 10 }), (batches) => {
        let list = mergeConversations([], []);
        for (const batch of batches)
          list = mergeConversations(
            list,
            batch.map((c) => conversation(c.id, c.updatedAt)),
          );
        const ids = list.map((c) => c.id);
        expect(new Set(ids).size).to.equal(ids.length);
        for (let i = 1; i < list.length; i++)
          expect(list[i - 1]!.updatedAt).to.be.at.least(list[i]!.updatedAt);
      }),
    );
  });

  it('prepends older pages and drops messages it already has', () => {
    let state = openThread([message('m3', 30), message('m4', 40)]);
    state = reduce(state, {
      type: 'thread/loaded',
      conversationId: 'c1',
      which: 'older',
      page: page([message('m1', 10), message('m2', 20), message('m3', 30)], null),
    });
    const t = state.threads['c1']!;
    expect(t.messages.map((m) => m.id)).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
    expect(t.olderCursor).to.equal(null);
  });

  it('reconciles the local echo, the send result and the pushed echo into one bubble, in any order', () => {
    const echo = message('k1', 100, { clientId: 'k1', status: 'queued', direction: 'outbound' });
    const result = message('srv1', 105, { clientId: 'k1', status: 'sent', direction: 'outbound' });
    const pushed = message('srv1', 105, { clientId: 'k1', status: 'queued', direction: 'outbound' });
    const base = openThread([message('m1', 10)]);
    for (const orderOf of [
      [echo, result, pushed],
      [echo, pushed, result],
      [pushed, echo, result],
    ]) {
      const state = orderOf.reduce((s, m) => reduce(s, { type: 'message/upserted', message: m }), base);
      const msgs = state.threads['c1']!.messages;
      expect(msgs.length).to.equal(2);
      expect(msgs[1]!.status).to.equal('sent');
    }
  });

  it('applies pushed events idempotently: the same message twice is one message (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 40 }), (ids) => {
        let state = openThread([]);
        for (const n of ids)
          state = reduce(state, { type: 'message/upserted', message: message(`m${n}`, n) });
        const msgs = state.threads['c1']!.messages;
        expect(msgs.map((m) => m.id)).to.deep.equal(
          [...new Set(ids)].sort((a, b) => a - b).map((n) => `m${n}`),
        );
      }),
    );
  });

  it('does not insert new messages into a window that does not reach the present', () => {
    let state = openThread([message('m1', 10)]);
    state = reduce(state, {
      type: 'thread/loaded',
      conversationId: 'c1',
      which: 'latest',
      page: { ...page([message('m1', 10)]), hasNewer: true },
    });
    state = reduce(state, { type: 'message/upserted', message: message('m9', 90) });
    expect(state.threads['c1']!.messages.map((m) => m.id)).to.deep.equal(['m1']);
  });

  it('moves messages of a provisional conversation to the real one', () => {
    let state = run([
      { type: 'conversation/upserted', conversation: conversation('pending:x', 5) },
      { type: 'conversation/selected', conversationId: 'pending:x' },
      { type: 'thread/loaded', conversationId: 'pending:x', which: 'latest', page: page([], null) },
      {
        type: 'message/upserted',
        message: message('k1', 5, {
          clientId: 'k1',
          conversationId: 'pending:x',
          direction: 'outbound',
          status: 'queued',
        }),
      },
      { type: 'draft/set', key: 'pending:x', draft: { text: 'later', attachments: [] } },
    ]);
    state = reduce(state, {
      type: 'conversation/resolved',
      provisionalId: 'pending:x',
      conversation: conversation('real', 6),
    });
    expect(state.selectedConversationId).to.equal('real');
    expect(state.conversations.map((c) => c.id)).to.deep.equal(['real']);
    expect(state.threads['pending:x']).to.equal(undefined);
    expect(state.threads['real']!.messages[0]!.conversationId).to.equal('real');
    expect(state.drafts['real']!.text).to.equal('later');
  });

  it('retries a failed message back to queued and ignores stale status events', () => {
    let state = openThread([message('k1', 5, { clientId: 'k1', direction: 'outbound', status: 'queued' })]);
    state = reduce(state, {
      type: 'message/status',
      conversationId: 'c1',
      messageId: 'k1',
      clientId: 'k1',
      status: 'failed',
      failure: { code: 'carrier-rejected', reason: 'Rejected' },
      at: 6,
    });
    expect(state.threads['c1']!.messages[0]!.failure?.code).to.equal('carrier-rejected');
    state = reduce(state, { type: 'message/retried', conversationId: 'c1', clientId: 'k1', at: 7 });
    const m = state.threads['c1']!.messages[0]!;
    expect(m.status).to.equal('queued');
    expect(m.failure).to.equal(undefined);
  });

  it('removes a conversation with its thread, draft and selection', () => {
    let state = run([
      { type: 'conversation/upserted', conversation: conversation('c1', 5) },
      { type: 'conversation/selected', conversationId: 'c1' },
      { type: 'draft/set', key: 'c1', draft: { text: 'x', attachments: [] } },
    ]);
    state = reduce(openThreadOn(state), { type: 'conversation/removed', conversationId: 'c1' });
    expect(state.conversations).to.deep.equal([]);
    expect(state.threads).to.deep.equal({});
    expect(state.drafts).to.deep.equal({});
    expect(state.selectedConversationId).to.equal(null);
  });

  describe("the list's lastMessage follows the message it names", () => {
    const echo = message('k1', 50, { clientId: 'k1', direction: 'outbound', status: 'queued' });
    const withLast = (state: MessagesState, last: Message): MessagesState =>
      reduce(state, {
        type: 'conversation/upserted',
        conversation: conversation('c1', 50, { lastMessage: last }),
      });
    const last = (state: MessagesState) => state.conversations.find((c) => c.id === 'c1')!.lastMessage;

    for (const loaded of [true, false]) {
      it(`through failure, retry, acknowledgement, delivery and deletion (thread ${loaded ? 'loaded' : 'not loaded'})`, () => {
        let state = withLast(loaded ? openThread([message('m1', 10)]) : initialState, echo);
        if (loaded) state = reduce(state, { type: 'message/upserted', message: echo });
        const failure = { code: 'invalid', reason: 'no' };
        state = reduce(state, {
          type: 'message/status',
          conversationId: 'c1',
          messageId: 'k1',
          clientId: 'k1',
          status: 'failed',
          failure,
          at: 60,
        });
        expect(last(state)!.status).to.equal('failed');
        expect(last(state)!.failure).to.deep.equal(failure);
        state = reduce(state, { type: 'message/retried', conversationId: 'c1', clientId: 'k1', at: 61 });
        expect(last(state)!.status).to.equal('queued');
        expect(last(state)!.failure).to.equal(undefined);
        state = reduce(state, {
          type: 'message/upserted',
          message: { ...echo, id: 's1', status: 'sent' },
        });
        expect(last(state)!.status).to.equal('sent');
        state = reduce(state, {
          type: 'message/status',
          conversationId: 'c1',
          messageId: 's1',
          status: 'delivered',
          at: 70,
        });
        expect(last(state)!.status).to.equal('delivered');
        expect(last(state)!.id).to.equal('s1');
        const order = state.conversations.map((c) => c.id);
        state = reduce(state, { type: 'message/removed', conversationId: 'c1', messageId: 's1' });
        expect(last(state)?.id).to.equal(loaded ? 'm1' : undefined);
        expect(state.conversations.map((c) => c.id)).to.deep.equal(order);
      });
    }

    it('leaves a lastMessage naming another message alone', () => {
      let state = withLast(openThread([message('m1', 10)]), message('m9', 90));
      state = reduce(state, {
        type: 'message/status',
        conversationId: 'c1',
        messageId: 'm1',
        status: 'failed',
        at: 95,
      });
      expect(last(state)!.id).to.equal('m9');
      expect(last(state)!.status).to.equal('delivered');
    });
  });
});

function openThreadOn(state: MessagesState): MessagesState {
  return reduce(state, {
    type: 'thread/loaded',
    conversationId: 'c1',
    which: 'latest',
    page: page([message('m1', 1)]),
  });
}

describe('a page never takes a shown status back (issue 23.3: stale statuses across tabs)', () => {
  const out = (id: string, createdAt: number, status: Message['status'], clientId = 'k1') =>
    message(id, createdAt, { direction: 'outbound', clientId, status });
  const shownAs = (state: MessagesState, clientId = 'k1') =>
    state.threads['c1']!.messages.filter((m) => m.clientId === clientId).map((m) => [m.id, m.status]);

  for (const [name, olderCursor] of [
    ['overlaps what is shown', 'older'],
    ['replaces what is shown', null],
  ] as const) {
    it(`a newest page that ${name} keeps the statuses the server lags behind on`, () => {
      // Acknowledged and "sending" here (a state only this device knows), "queued" on the server;
      // "delivered" by an event that came after the page was read.
      let state = openThread([message('m1', 10), out('s1', 20, 'sending'), out('s2', 30, 'delivered', 'k2')]);
      state = reduce(state, {
        type: 'thread/loaded',
        conversationId: 'c1',
        which: 'latest',
        page: page([message('m1', 10), out('s1', 20, 'queued'), out('s2', 30, 'sent', 'k2')], olderCursor),
      });
      expect(shownAs(state)).to.deep.equal([['s1', 'sending']]);
      expect(shownAs(state, 'k2')).to.deep.equal([['s2', 'delivered']]);
    });
  }

  it('shows two copies of one message in a page (its echo and its acknowledged copy) once, acknowledged, with the furthest status', () => {
    for (const copies of [
      [out('k1', 20, 'queued'), out('s1', 20, 'delivered')],
      [out('s1', 20, 'delivered'), out('k1', 20, 'queued')],
      [out('k1', 20, 'sending'), out('s1', 20, 'queued')],
    ]) {
      const state = reduce(initialState, {
        type: 'thread/loaded',
        conversationId: 'c1',
        which: 'latest',
        local: true,
        page: page(copies),
      });
      const best = copies.some((m) => m.status === 'delivered') ? 'delivered' : 'sending';
      expect(shownAs(state), JSON.stringify(copies)).to.deep.equal([['s1', best]]);
    }
  });
});

// The pure core shared by the memory backend and the reference server (src/transport/backend/):
// cursors, page sizes, the window around a message, the carrier's steps, contact search, the
// checks of a request's values (scheduled time and text, attachment ids, files, opted-out people).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { register } from 'tsx/esm/api';

register();
const cursors = await import('../../src/transport/backend/cursors.ts');
const { CARRIER_REJECTED, afterSent, carrierStep } = await import('../../src/transport/backend/carrier.ts');
const { searchContacts } = await import('../../src/transport/backend/contact-search.ts');
const requests = await import('../../src/transport/backend/requests.ts');
const rules = await import('../../src/rules/index.ts');

describe('backend core: cursors', () => {
  it('writes what the server wrote before (base64url of the JSON) and reads it back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const cursor = cursors.encodeCursor(value);
        assert.equal(cursor, Buffer.from(JSON.stringify(value)).toString('base64url'));
        assert.deepEqual(cursors.decodeCursor(cursor), JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('reads the memory backend’s former cursors (standard base64 without padding)', () => {
    const old = btoa(JSON.stringify({ c: 'c1', s: 41 })).replace(/=+$/, '');
    assert.equal(cursors.readSeqCursor(old, 'c1'), 41);
    assert.equal(cursors.readSeqCursor(old, 'c2'), undefined, 'another conversation’s cursor');
  });

  it('refuses what is not a cursor', () => {
    for (const bad of ['', '%%%', 'bm90IGpzb24', 42, null, undefined, {}]) {
      assert.equal(cursors.readKeysetCursor(bad), undefined, String(bad));
      assert.equal(cursors.readSeqCursor(bad, 'c1'), undefined, String(bad));
    }
    assert.deepEqual(cursors.readKeysetCursor(cursors.encodeCursor([5, 'id'])), [5, 'id']);
    assert.equal(cursors.readKeysetCursor(cursors.encodeCursor(['5', 'id'])), undefined);
    assert.equal(cursors.readSeqCursor(cursors.seqCursor('c1', 1.5), 'c1'), undefined);
  });

  it('reads page sizes: default, clamped, floored; undefined for junk', () => {
    assert.equal(cursors.readLimit(undefined, 30, 100), 30);
    assert.equal(cursors.readLimit(null, 30, 100), 30);
    assert.equal(cursors.readLimit('', 30, 100), 30);
    assert.equal(cursors.readLimit('7.9', 30, 100), 7);
    assert.equal(cursors.readLimit(0, 30, 100), 1);
    assert.equal(cursors.readLimit(1e9, 30, 100), 100);
    assert.equal(cursors.readLimit('ten', 30, 100), undefined);
  });

  it('takes the same window around a message as the memory backend’s former formula', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(300), fc.integer({ min: 1, max: 200 }), (older, after, limit) => {
        const n = older + after + 1; // the message itself is at index `older`
        const from = Math.max(0, Math.min(older - Math.floor(limit / 2), n - limit));
        const to = Math.min(n, from + limit);
        const take = cursors.aroundWindow(older, n - older, limit);
        assert.deepEqual([older - take.older, older + take.newer], [from, to]);
      }),
    );
  });
});

describe('backend core: carrier', () => {
  const queued = {
    id: 'm1',
    clientId: 'k1',
    conversationId: 'c1',
    direction: 'outbound',
    from: '+12025550100',
    to: ['+12025550123'],
    text: 'Hi',
    attachments: [],
    status: 'queued',
    createdAt: 1,
  };

  it('moves a message and says so in a message.status event', () => {
    const { message, event } = carrierStep(queued, 'sent', 10);
    assert.equal(message.status, 'sent');
    assert.equal(message.updatedAt, 10);
    assert.deepEqual(event, {
      type: 'message.status',
      conversationId: 'c1',
      messageId: 'm1',
      clientId: 'k1',
      status: 'sent',
      at: 10,
    });
    const failed = carrierStep(message, afterSent(true), 20);
    assert.deepEqual(failed.message.failure, CARRIER_REJECTED);
    assert.deepEqual(failed.event.failure, CARRIER_REJECTED);
    assert.equal(afterSent(false), 'delivered');
  });
});

describe('backend core: contact search', () => {
  const contacts = [
    { id: '1', name: 'José Núñez', numbers: [{ number: '+12025550123' }] },
    { id: '2', name: 'Ann Lee', numbers: [{ number: '+13125552671' }] },
  ];

  it('finds by name without case or accents, and by 3 or more digits', () => {
    assert.deepEqual(
      searchContacts(contacts, 'jose nu', 10).map((c) => c.id),
      ['1'],
    );
    assert.deepEqual(
      searchContacts(contacts, '555-2671', 10).map((c) => c.id),
      ['2'],
    );
    assert.deepEqual(
      searchContacts(contacts, '55', 10).map((c) => c.id),
      [],
    );
    assert.deepEqual(
      searchContacts(contacts, '  ', 1).map((c) => c.id),
      ['1'],
    );
  });
});

describe('backend core: the values of a request', () => {
  const refuse = (code, message) => Object.assign(new Error(message), { code });
  const codeOf = (fn) => {
    try {
      fn();
    } catch (error) {
      return error.code;
    }
    return 'accepted';
  };

  it('a scheduled time: a number of ms later than now', () => {
    assert.equal(requests.readSendAt(2000, 1000, refuse), 2000);
    assert.equal(
      codeOf(() => requests.readSendAt(1000, 1000, refuse)),
      'scheduled-in-past',
    );
    assert.equal(
      codeOf(() => requests.readSendAt('2000', 1000, refuse)),
      'bad-request',
    );
    assert.equal(
      codeOf(() => requests.readSendAt(Number.NaN, 1000, refuse)),
      'bad-request',
    );
  });

  it('a scheduled text: a string, blank only with a file, within the length', () => {
    assert.equal(requests.readScheduledText('Hi', 0, refuse), 'Hi');
    assert.equal(requests.readScheduledText('', 1, refuse), '');
    assert.equal(
      codeOf(() => requests.readScheduledText('  ', 0, refuse)),
      'empty-message',
    );
    assert.equal(
      codeOf(() => requests.readScheduledText(7, 0, refuse)),
      'bad-request',
    );
    assert.equal(
      codeOf(() => requests.readScheduledText('x'.repeat(1601), 0, refuse)),
      'text-too-long',
    );
  });

  it('attachment ids: a list of strings (absent: none), repeats dropped', () => {
    assert.deepEqual(requests.readAttachmentIds(undefined, refuse), []);
    assert.deepEqual(requests.readAttachmentIds(['a', 'b', 'a'], refuse), ['a', 'b']);
    assert.equal(
      codeOf(() => requests.readAttachmentIds('a', refuse)),
      'bad-request',
    );
    assert.equal(
      codeOf(() => requests.readAttachmentIds([1], refuse)),
      'bad-request',
    );
  });

  it('a keyset cursor, or bad-cursor', () => {
    const cursor = cursors.encodeCursor([5, 'c1']);
    assert.deepEqual(requests.readKeyset(cursor, refuse), [5, 'c1']);
    assert.equal(
      codeOf(() => requests.readKeyset('not a cursor!', refuse)),
      'bad-cursor',
    );
  });

  it('files against the number: refused by type only once the type is known', () => {
    const { resolvePolicy } = rules;
    const policy = resolvePolicy({
      number: '+12025550199',
      kind: 'local',
      capabilities: { sms: true, mms: true, group: true },
    });
    const png = rules.claimedFileType('a.png');
    assert.equal(requests.filesRefusal([{ name: 'a.png', size: 10, detected: png }], policy), undefined);
    const big = requests.filesRefusal(
      [{ name: 'a.png', size: policy.maxFileBytes + 1, detected: png }],
      policy,
    );
    assert.equal(big?.code, 'file-too-large');
    const unknown = [{ name: 'a.bin', size: 10, detected: null }];
    assert.ok(requests.filesRefusal(unknown, policy)?.code, 'an unknown type is refused');
    assert.equal(requests.filesRefusal(unknown, policy, true), undefined, 'but not before the bytes came');
  });

  it('nobody who replied STOP in a scheduled message’s chat', () => {
    const stopped = new Set(['+12025550143']);
    const check = (people) => () => requests.checkNotOptedOut(people, (n) => stopped.has(n), refuse);
    assert.equal(codeOf(check(['+12025550144'])), 'accepted');
    assert.equal(codeOf(check(['+12025550144', '+12025550143'])), 'recipient-opted-out');
  });
});

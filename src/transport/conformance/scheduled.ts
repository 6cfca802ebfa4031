import type { Attachment } from '../../model/attachment.js';
import type { ScheduledMessage, Transport, TransportEvent } from '../transport.js';
import {
  assert,
  checkAttachment,
  checkMessage,
  checkTime,
  need,
  pngBytes,
  randomId,
  rejectsWith,
  sleep,
} from './checks.js';
import type { Feed } from './checks.js';
import type { Suite } from './suite.js';
import type { ConformanceSubject } from './types.js';

const METHODS = [
  'scheduleMessage',
  'listScheduled',
  'updateScheduled',
  'cancelScheduled',
  'sendScheduledNow',
] as const;
type Scheduling = Required<Pick<Transport, (typeof METHODS)[number]>>;

/** Delay of the message the suite waits to see sent: short, so the suite stays fast. */
const SOON_MS = 300;
const HOUR = 3_600_000;

/**
 * The optional "send later" capability: checked when the transport has `scheduleMessage`
 * (then all five methods must be there). Registered by `runTransportConformance`.
 */
export function scheduledConformance(s: Suite): void {
  const { test, listen, secondSession, send } = s;
  /** A recipient no other test writes to while these run, and that never texts on its own. */
  const recipient = s.r4;
  /** Uploads a small PNG for `from` (a number that can send MMS). */
  const upload = (transport: Transport, from: string) =>
    transport.uploadAttachment({ file: new Blob([pngBytes()]), name: 'later.png', from });

  /**
   * A test of the capability (nothing to check when the transport leaves it out: clients then hide
   * "Send later"), with a second session of the account listening: `feed` holds its events.
   */
  const testWithFeed = (
    name: string,
    body: (t: Transport & Scheduling, feed: Feed, subject: ConformanceSubject) => Promise<void>,
  ) =>
    test(name, async (subject) => {
      const t = scheduling(subject.transport);
      if (!t) return;
      const feed = await listen(await secondSession(subject.hooks));
      try {
        await body(t, feed, subject);
      } finally {
        feed.stop();
      }
    });

  /** The scheduling methods, or `null` when the transport leaves the capability out. */
  function scheduling(transport: Transport): (Transport & Scheduling) | null {
    if (transport.scheduleMessage === undefined) return null;
    const missing = METHODS.filter((m) => typeof transport[m] !== 'function');
    assert(
      missing.length === 0,
      `a transport with scheduleMessage needs every method of the capability; missing: ${missing.join(', ')}`,
    );
    return transport as Transport & Scheduling;
  }

  function checkScheduled(m: ScheduledMessage, what: string): void {
    assert(typeof m === 'object' && m !== null, `${what} must be a ScheduledMessage object`);
    assert(typeof m.id === 'string' && m.id !== '', `${what}: id must be a non-empty string`);
    assert(typeof m.clientId === 'string' && m.clientId !== '', `${what}: clientId must be a string`);
    assert(typeof m.conversationId === 'string' && m.conversationId !== '', `${what}: conversationId`);
    assert(typeof m.text === 'string', `${what}: text must be a string`);
    assert(Array.isArray(m.attachments), `${what}: attachments must be a list ([] for a text)`);
    m.attachments.forEach((a, i) => checkAttachment(a, `${what}.attachments[${i}]`));
    assert(typeof m.cancelIfReplied === 'boolean', `${what}: cancelIfReplied must be a boolean`);
    checkTime(m.sendAt, `${what}.sendAt`);
    checkTime(m.createdAt, `${what}.createdAt`);
    checkTime(m.updatedAt, `${what}.updatedAt`);
  }

  const removed = (events: readonly TransportEvent[], id: string, reason?: string) =>
    events.find(
      (e): e is Extract<TransportEvent, { type: 'scheduled.removed' }> =>
        e.type === 'scheduled.removed' &&
        e.scheduledId === id &&
        (reason === undefined || e.reason === reason),
    );

  testWithFeed(
    'send later: scheduled, listed, then sent by the backend at its time as a normal send, with events to every session',
    async (t, feed) => {
      const { conversationId } = await send(t, 'conformance: before send later', [recipient]);
      const clientId = randomId();
      const request = {
        clientId,
        conversationId,
        text: 'conformance: sent later',
        sendAt: Date.now() + SOON_MS,
      };
      const scheduled = await t.scheduleMessage(request);
      checkScheduled(scheduled, 'the ScheduledMessage scheduleMessage resolved with');
      assert(
        scheduled.clientId === clientId &&
          scheduled.conversationId === conversationId &&
          scheduled.text === request.text &&
          scheduled.sendAt === request.sendAt &&
          scheduled.cancelIfReplied === false,
        `scheduleMessage answers what was scheduled, got ${JSON.stringify(scheduled)}`,
      );
      await rejectsWith(
        t.scheduleMessage({ ...request, clientId: randomId(), sendAt: Date.now() - 60_000 }),
        ['invalid'],
        'scheduling a time in the past',
        ['scheduled-in-past'],
      );
      await rejectsWith(
        t.scheduleMessage({ ...request, clientId: randomId(), text: '   ' }),
        ['invalid'],
        'scheduling an empty text',
        ['empty-message'],
      );
      const again = await t.scheduleMessage(request);
      assert(again.id === scheduled.id, 'scheduling again with the same clientId makes no second message');
      const listed = await t.listScheduled({ conversationId });
      assert(
        listed.filter((m) => m.id === scheduled.id).length === 1,
        'listScheduled({ conversationId }) lists the scheduled message once',
      );
      for (const m of listed) {
        checkScheduled(m, 'a listed ScheduledMessage');
        assert(
          m.conversationId === conversationId,
          'listScheduled({ conversationId }) lists only that chat’s',
        );
      }
      assert(
        (await t.listScheduled()).some((m) => m.id === scheduled.id),
        'listScheduled() without a conversation lists the account’s scheduled messages',
      );
      await feed.until('scheduled.updated on the other session', (ev) =>
        ev.some((e) => e.type === 'scheduled.updated' && e.scheduled.id === scheduled.id),
      );
      const early = (ev: readonly TransportEvent[]) =>
        ev.find(
          (e): e is Extract<TransportEvent, { type: 'message.created' }> =>
            e.type === 'message.created' && e.message.clientId === clientId,
        );
      const wait = request.sendAt - Date.now() - 150;
      if (wait > 0) await sleep(wait);
      assert(!early(feed.events), 'a scheduled message must not be sent before its sendAt');
      await sleep(Math.max(0, request.sendAt - Date.now()));
      await feed.until('scheduled.removed (sent) after sendAt', (ev) => Boolean(removed(ev, scheduled.id)));
      const gone = removed(feed.events, scheduled.id)!;
      assert(
        gone.reason === 'sent' &&
          typeof gone.messageId === 'string' &&
          gone.conversationId === conversationId,
        `scheduled.removed of a message sent on time has reason sent and the messageId, got ${JSON.stringify(gone)}`,
      );
      await feed.until('the message.created of the message sent at sendAt', (ev) =>
        ev.some((e) => e.type === 'message.created' && e.message.id === gone.messageId),
      );
      const created = feed.events.find(
        (e): e is Extract<TransportEvent, { type: 'message.created' }> =>
          e.type === 'message.created' && e.message.id === gone.messageId,
      )!;
      checkMessage(created.message, 'the message sent at sendAt');
      assert(
        created.message.clientId === clientId,
        'the message sent at sendAt carries the scheduled clientId (so every tab reconciles it)',
      );
      assert(
        created.message.conversationId === conversationId &&
          created.message.text === request.text &&
          created.message.direction === 'outbound',
        'the message sent at sendAt is the scheduled text, outbound, in its conversation',
      );
      assert(
        !(await t.listScheduled({ conversationId })).some((m) => m.id === scheduled.id),
        'a sent message is no longer listed',
      );
      await rejectsWith(
        t.cancelScheduled({ scheduledId: scheduled.id }),
        ['not-found'],
        'cancelScheduled of a message already sent',
      );
    },
  );

  testWithFeed(
    'send later: edit, send now, cancel, soonest first; the past, empty text and unknown ids refused',
    async (t, feed) => {
      const { conversationId } = await send(t, 'conformance: before edits', [recipient]);
      const schedule = (text: string, sendAt: number) =>
        t.scheduleMessage({ clientId: randomId(), conversationId, text, sendAt });
      const base = Date.now();
      const a = await schedule('conformance: A', base + 2 * HOUR);
      const b = await schedule('conformance: B', base + 3 * HOUR);
      const edited = await t.updateScheduled({
        scheduledId: a.id,
        text: 'conformance: A edited',
        sendAt: base + 4 * HOUR,
      });
      checkScheduled(edited, 'updateScheduled');
      const stored = (await t.listScheduled({ conversationId })).find((m) => m.id === a.id);
      assert(
        stored?.text === 'conformance: A edited' && stored.sendAt === base + 4 * HOUR,
        'listScheduled shows the change updateScheduled made',
      );
      assert(
        edited.id === a.id && edited.text === 'conformance: A edited' && edited.sendAt === base + 4 * HOUR,
        'updateScheduled answers the changed message',
      );
      await feed.until('scheduled.updated of the edit', (ev) =>
        ev.some(
          (e) =>
            e.type === 'scheduled.updated' && e.scheduled.id === a.id && e.scheduled.text === edited.text,
        ),
      );
      const order = (await t.listScheduled({ conversationId })).map((m) => m.id);
      assert(
        order.join() === [b.id, a.id].join(),
        `listScheduled is soonest first (B at +3 h, then A moved to +4 h), got ${order.join()}`,
      );
      await rejectsWith(
        schedule('conformance: late', Date.now() - 60_000),
        ['invalid'],
        'scheduling a time in the past',
        ['scheduled-in-past'],
      );
      await rejectsWith(
        t.updateScheduled({ scheduledId: b.id, sendAt: Date.now() - 60_000 }),
        ['invalid'],
        'moving a scheduled message into the past',
        ['scheduled-in-past'],
      );
      await rejectsWith(
        t.scheduleMessage({
          clientId: randomId(),
          conversationId: 'no-such-conversation',
          text: 'x',
          sendAt: base + HOUR,
        }),
        ['not-found'],
        'scheduling in an unknown conversation',
      );
      await rejectsWith(
        t.cancelScheduled({ scheduledId: 'no-such-id' }),
        ['not-found'],
        'cancelScheduled of an unknown id',
      );
      await rejectsWith(
        t.listScheduled({ conversationId, signal: AbortSignal.abort() }),
        ['aborted'],
        'listScheduled with an aborted signal',
      );
      const sent = await t.sendScheduledNow({ scheduledId: b.id });
      checkMessage(sent, 'sendScheduledNow');
      assert(
        sent.text === 'conformance: B' &&
          sent.clientId === b.clientId &&
          sent.conversationId === conversationId,
        'sendScheduledNow answers the sent message, with the scheduled clientId',
      );
      await t.cancelScheduled({ scheduledId: a.id });
      assert(
        !(await t.listScheduled({ conversationId })).some((m) => m.id === a.id),
        'a cancelled message is no longer listed',
      );
      await feed.until('scheduled.removed (cancelled) on the other session', (ev) =>
        Boolean(removed(ev, a.id, 'cancelled')),
      );
      await feed.until('scheduled.removed (sent) of the message sent now', (ev) =>
        Boolean(removed(ev, b.id, 'sent')),
      );
      const left = await t.listScheduled({ conversationId });
      assert(
        !left.some((m) => m.id === a.id || m.id === b.id),
        'neither the cancelled nor the sent message is listed',
      );
      await sleep(100);
      const messages = await t.listMessages({ conversationId, limit: 10 });
      assert(
        !messages.messages.some((m) => m.text === 'conformance: A edited'),
        'a cancelled message is never sent',
      );
    },
  );

  test('send later: cancelled when they reply first, if asked (hooks.receive); another account never sees it (hooks.connectOtherAccount)', async ({
    transport,
    hooks,
  }) => {
    const t = scheduling(transport);
    if (!t) return;
    const first = await send(t, 'conformance: before a reply', [recipient]);
    const { conversationId } = first;
    const at = Date.now() + HOUR;
    const cancelled = await t.scheduleMessage({
      clientId: randomId(),
      conversationId,
      text: 'conformance: unless they reply',
      sendAt: at,
      cancelIfReplied: true,
    });
    assert(cancelled.cancelIfReplied === true, 'cancelIfReplied is kept');
    const kept = await t.scheduleMessage({
      clientId: randomId(),
      conversationId,
      text: 'conformance: whatever they say',
      sendAt: at + 1,
    });
    const feed = await listen(t);
    try {
      need(
        hooks?.receive,
        'hooks.receive is missing (make the backend receive a text: cancel-if-replied needs a reply)',
      );
      await hooks.receive(recipient, 'conformance: a reply', first.from);
      await feed.until('scheduled.removed with reason replied', (ev) =>
        Boolean(removed(ev, cancelled.id, 'replied')),
      );
      const left = (await t.listScheduled({ conversationId })).map((m) => m.id);
      assert(!left.includes(cancelled.id), 'the message to cancel on a reply is gone');
      assert(left.includes(kept.id), 'a message without cancelIfReplied stays scheduled');
      need(
        hooks.connectOtherAccount,
        'hooks.connectOtherAccount is missing (another account must never see scheduled messages)',
      );
      const stranger = await hooks.connectOtherAccount();
      const theirs = scheduling(stranger);
      need(theirs, 'the other account’s transport needs the scheduling capability too');
      assert(
        !(await theirs.listScheduled()).some((m) => m.id === kept.id),
        'another account lists this account’s scheduled message',
      );
      await rejectsWith(
        theirs.cancelScheduled({ scheduledId: kept.id }),
        ['not-found'],
        'another account cancelling this account’s scheduled message',
      );
      assert(
        (await t.listScheduled({ conversationId })).some((m) => m.id === kept.id),
        'the message is still scheduled after another account tried to cancel it',
      );
      await t.cancelScheduled({ scheduledId: kept.id });
    } finally {
      feed.stop();
    }
  });
  testWithFeed(
    'send later with a photo: kept with it, listed with it, sent with it (at its time and now); a file the backend does not know refused as a send refuses it',
    async (t, feed) => {
      const first = await send(t, 'conformance: before a photo later', [recipient]);
      const { conversationId } = first;
      const photo = await upload(t, first.from);
      const clientId = randomId();
      const request = {
        clientId,
        conversationId,
        text: '',
        attachmentIds: [photo.id],
        sendAt: Date.now() + SOON_MS,
      };
      const scheduled = await t.scheduleMessage(request);
      checkScheduled(scheduled, 'a ScheduledMessage with an attachment');
      const carries = (list: readonly Attachment[]) => list.length === 1 && list[0]!.id === photo.id;
      assert(
        carries(scheduled.attachments) && scheduled.text === '',
        `scheduleMessage answers the scheduled photo (no text needed with a file), got ${JSON.stringify(scheduled)}`,
      );
      const listed = (await t.listScheduled({ conversationId })).find((m) => m.id === scheduled.id);
      assert(listed && carries(listed.attachments), 'listScheduled lists the message with its attachment');
      await rejectsWith(
        // A fresh time: `request.sendAt` may have passed on a busy machine (then the answer is scheduled-in-past).
        t.scheduleMessage({
          ...request,
          clientId: randomId(),
          attachmentIds: ['no-such-upload'],
          sendAt: Date.now() + HOUR,
        }),
        ['invalid'],
        'scheduling with an attachment id that was never uploaded (as sendMessage refuses it)',
        ['unknown-attachment'],
      );
      assert(
        !(await t.listScheduled({ conversationId })).some((m) => m.id !== scheduled.id && m.text === ''),
        'a refused scheduled message is not listed',
      );
      const later = await t.scheduleMessage({
        clientId: randomId(),
        conversationId,
        text: 'conformance: a photo, sent now',
        attachmentIds: [photo.id],
        sendAt: Date.now() + HOUR,
      });
      const edited = await t.updateScheduled({ scheduledId: later.id, text: '' });
      assert(
        edited.text === '' && carries(edited.attachments),
        'a scheduled message with a file can lose its text, and keeps its file when edited',
      );
      const now = await t.sendScheduledNow({ scheduledId: later.id });
      checkMessage(now, 'sendScheduledNow of a scheduled photo');
      assert(carries(now.attachments), 'sendScheduledNow sends the scheduled attachment with the message');
      await sleep(Math.max(0, request.sendAt - Date.now()));
      await feed.until('scheduled.removed (sent) of the scheduled photo', (ev) =>
        Boolean(removed(ev, scheduled.id, 'sent')),
      );
      const gone = removed(feed.events, scheduled.id, 'sent')!;
      await feed.until('the message.created of the photo sent at sendAt', (ev) =>
        ev.some((e) => e.type === 'message.created' && e.message.id === gone.messageId),
      );
      const created = feed.events.find(
        (e): e is Extract<TransportEvent, { type: 'message.created' }> =>
          e.type === 'message.created' && e.message.id === gone.messageId,
      )!;
      assert(
        created.message.clientId === clientId && carries(created.message.attachments),
        `the message sent at sendAt carries the scheduled attachment, got ${JSON.stringify(created.message.attachments)}`,
      );
      const page = await t.listMessages({ conversationId, limit: 10 });
      const stored = page.messages.find((m) => m.id === gone.messageId);
      assert(stored && carries(stored.attachments), 'the sent message is stored with its attachment');
    },
  );
}

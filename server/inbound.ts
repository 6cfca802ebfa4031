// An inbound text, as if someone texted the account: stored, pushed, STOP/START applied, the
// scheduled messages that wait for no reply cancelled.
import type { Message } from '../src/model/message.js';
import { parsePhoneNumber } from '../src/rules/index.js';
import { optOutKeyword } from '../src/rules/opt-out.js';
import { participantsKey } from './db.js';
import { invalid } from './http.js';
import type { ServerCore } from './core.js';
import type { ConversationRow, StoredConversation, InboundRequest } from './core.js';
import { unschedule } from './scheduler.js';

/** An inbound text, as if someone texted the account (STOP/START opt them out and in). */
export function receive(core: ServerCore, request: InboundRequest): Message {
  const account = core.account(request.accountId);
  const accountId = account.id;
  if (typeof request.text !== 'string') throw invalid('bad-request', 'text must be a string.');
  let row: ConversationRow | undefined;
  let from = request.from;
  let to = request.to;
  if (request.conversationId) {
    row = core.conversationRow(accountId, request.conversationId);
    const c = JSON.parse(row.body) as StoredConversation;
    from ??= c.participants[0];
    if (!from || !c.participants.includes(from)) {
      throw invalid('invalid-sender', `${String(from)} is not in that conversation.`);
    }
    to = c.ownNumber;
  }
  const parsed = typeof from === 'string' ? parsePhoneNumber(from, account.country) : null;
  if (!parsed?.ok || parsed.e164 !== from) throw invalid('invalid-sender', 'from must be an E.164 number.');
  to ??=
    (
      core.db
        .prepare(
          'SELECT own_number FROM conversations WHERE account_id = ? AND participants_key = ? ORDER BY updated_at DESC',
        )
        .get(accountId, participantsKey([from])) as { own_number: string } | undefined
    )?.own_number ?? account.numbers[0]?.number;
  if (!to || !account.numbers.some((n) => n.number === to)) {
    throw invalid('unknown-number', `${String(to)} is not one of this account's numbers.`);
  }
  const own = to;
  const sender = from;
  const text = request.text;
  return core.tx(() => {
    const conv =
      row ?? core.findRow(accountId, [sender], own) ?? core.createConversation(account, [sender], own);
    const message: Message = {
      id: core.id('msg'),
      conversationId: conv.id,
      direction: 'inbound',
      from: sender,
      to: [own],
      text,
      attachments: [],
      status: 'delivered',
      createdAt: Date.now(),
    };
    core.append(conv, message);
    const body = core.body(conv);
    body.unreadCount += 1;
    core.writeConversation(conv.id, body, core.activity());
    core.emit(accountId, {
      type: 'message.created',
      message,
      conversation: core.present(conv.id),
    });
    const replied = core.db
      .prepare('SELECT id FROM scheduled WHERE conversation_id = ? AND cancel_if_replied = 1')
      .all(conv.id) as { id: string }[];
    for (const { id } of replied) unschedule(core, id, 'replied');
    const keyword = optOutKeyword(text);
    if (keyword) {
      if (keyword === 'opt-out') {
        core.db
          .prepare('INSERT OR IGNORE INTO opt_outs (account_id, own_number, sender) VALUES (?, ?, ?)')
          .run(accountId, own, sender);
      } else {
        core.db
          .prepare('DELETE FROM opt_outs WHERE account_id = ? AND own_number = ? AND sender = ?')
          .run(accountId, own, sender);
      }
      const rows = core.db
        .prepare('SELECT * FROM conversations WHERE account_id = ? AND own_number = ?')
        .all(accountId, own) as ConversationRow[];
      for (const other of rows) {
        const c = JSON.parse(other.body) as StoredConversation;
        if (!c.participants.includes(sender)) continue;
        const optedOut = c.participants.filter((p) => core.optedOut(accountId, own, p));
        if (optedOut.join() === (c.optedOut ?? []).join()) continue;
        core.writeConversation(other.id, { ...c, optedOut });
        core.emit(accountId, {
          type: 'conversation.updated',
          conversation: core.present(other.id),
        });
      }
    }
    return message;
  });
}

// The simulated carrier of the reference server: the jobs table of status steps (sent, delivered or
// failed) run by one timer; the steps themselves are the shared core (src/transport/backend/carrier.ts).
import type { Message, MessageStatus } from '../src/model/message.js';
import { afterSent, carrierStep, DEFAULT_DELIVERY_MS } from '../src/transport/backend/carrier.js';
import type { ServerCore } from './core.js';

/** Moves outbound messages queued → sent → delivered (or failed); jobs live in the database. */
export function scheduleCarrier(core: ServerCore): void {
  if (core.closed || !core.listening()) return;
  clearTimeout(core.carrierTimer);
  const next = core.db.prepare('SELECT MIN(due_at) AS due FROM carrier_jobs').get() as {
    due: number | null;
  };
  if (next.due === null) return;
  core.carrierTimer = setTimeout(() => runCarrier(core), Math.max(0, next.due - Date.now()));
}

export function runCarrier(core: ServerCore): void {
  const now = Date.now();
  const jobs = core.db.prepare('SELECT * FROM carrier_jobs WHERE due_at <= ? ORDER BY due_at').all(now) as {
    message_id: string;
    account_id: string;
    next_status: MessageStatus;
    fails: number;
  }[];
  const [, toDelivered] = core.options.deliveryMs ?? DEFAULT_DELIVERY_MS;
  for (const job of jobs) {
    try {
      core.tx(() => {
        const row = core.db.prepare('SELECT body FROM messages WHERE id = ?').get(job.message_id) as
          { body: string } | undefined;
        if (!row) {
          core.db.prepare('DELETE FROM carrier_jobs WHERE message_id = ?').run(job.message_id);
          return;
        }
        const { message, event } = carrierStep(
          JSON.parse(row.body) as Message,
          job.next_status as 'sent' | 'delivered' | 'failed',
          now,
        );
        core.db.prepare('UPDATE messages SET body = ? WHERE id = ?').run(JSON.stringify(message), message.id);
        if (job.next_status === 'sent') {
          core.db
            .prepare('UPDATE carrier_jobs SET next_status = ?, due_at = ? WHERE message_id = ?')
            .run(afterSent(Boolean(job.fails)), now + toDelivered, job.message_id);
        } else {
          core.db.prepare('DELETE FROM carrier_jobs WHERE message_id = ?').run(job.message_id);
        }
        core.emit(job.account_id, event);
      });
    } catch (error) {
      core.log({ level: 'error', event: 'carrier-error', message: String(error) });
      core.db.prepare('DELETE FROM carrier_jobs WHERE message_id = ?').run(job.message_id);
    }
  }
  scheduleCarrier(core);
}

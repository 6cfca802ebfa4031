// GET /v1/events: the server-sent event stream, replaying from Last-Event-ID.
import type { TransportEvent } from '../../src/transport/transport.js';
import type { Ctx } from '../http.js';
import type { ServerCore } from '../core.js';
import type { Stream } from '../core.js';

/** `GET /v1/events`: replays what the client missed (`Last-Event-ID`), then streams live. */
export function openEventStream(core: ServerCore, ctx: Ctx): void {
  const { req, res, account } = ctx;
  const raw = req.headers['last-event-id'] ?? ctx.url.searchParams.get('lastEventId');
  const last = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : null;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 1000\n\n');
  const max =
    (
      core.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as
        { seq: number } | undefined
    )?.seq ?? 0;
  if (last !== null) {
    const oldest =
      (core.db.prepare('SELECT MIN(id) AS id FROM events').get() as { id: number | null }).id ?? max + 1;
    if (last > max || last < oldest - 1) {
      // The events after `last` are gone (or `last` is from another database): start over.
      res.write(`event: resync\ndata: {}\n\n`);
    } else {
      const rows = core.db
        .prepare('SELECT id, body FROM events WHERE account_id = ? AND id > ? ORDER BY id')
        .all(account.id, last) as { id: number; body: string }[];
      for (const r of rows) core.writeEvent(res, r.id, JSON.parse(r.body) as TransportEvent, ctx.origin);
    }
  }
  res.write(`id: ${max}\nevent: ready\ndata: {}\n\n`);
  // Synchronously after the replay: nothing can be emitted in between.
  const stream: Stream = { accountId: account.id, res, origin: ctx.origin };
  core.streams.add(stream);
  const end = () => core.streams.delete(stream);
  req.on('close', end);
  res.on('close', end);
}

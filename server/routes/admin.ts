// /admin/…: tokens, inbound texts and faults for tests and the demo, behind X-Admin-Key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, invalid, json, readJson, sameTokens } from '../http.js';
import type { ServerCore } from '../core.js';
import type { ReferenceServer } from '../server.js';

export async function adminRoute(
  core: ServerCore,
  server: ReferenceServer,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const key = core.options.adminKey;
  const given = req.headers['x-admin-key'];
  if (!key) throw new HttpError(404, 'not-found', 'There is no admin API on this server.');
  if (typeof given !== 'string' || !sameTokens(given, key)) {
    core.log({ level: 'warn', event: 'admin-denied', path: url.pathname });
    throw new HttpError(401, 'unauthorized', 'Send the admin key in X-Admin-Key.');
  }
  const path = url.pathname;
  const inbound = /^\/admin\/accounts\/([^/]+)\/inbound$/.exec(path);
  if (req.method === 'POST' && inbound) {
    const body = await readJson(req);
    const accountId = decodeURIComponent(inbound[1]!);
    const optional = (k: string) => {
      const v = body[k];
      if (v !== undefined && typeof v !== 'string') throw invalid('bad-request', `${k} must be a string.`);
      return v;
    };
    const message = server.receive({
      accountId,
      from: optional('from'),
      to: optional('to'),
      conversationId: optional('conversationId'),
      text: (optional('text') as string | undefined) ?? '',
    });
    return json(res, 201, message);
  }
  if (req.method === 'POST' && path === '/admin/tokens') {
    const body = await readJson(req);
    if (typeof body['accountId'] !== 'string') throw invalid('bad-request', 'accountId must be a string.');
    const ttl = body['ttlMs'];
    if (ttl !== undefined && (typeof ttl !== 'number' || !(ttl > 0))) {
      throw invalid('bad-request', 'ttlMs must be a positive number.');
    }
    return json(res, 201, { token: server.issueToken(body['accountId'], ttl) });
  }
  const token = /^\/admin\/tokens\/([^/]+)$/.exec(path);
  if (req.method === 'DELETE' && token) {
    server.revokeToken(decodeURIComponent(token[1]!));
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'POST' && path === '/admin/faults') {
    const body = await readJson(req);
    const dropped: Record<string, number> = {};
    if (typeof body['dropNextSendResponses'] === 'number')
      server.dropNextSendResponses(body['dropNextSendResponses']);
    if (body['dropEventStreams'] === true) {
      dropped['eventStreams'] = server.dropEventStreams(
        typeof body['accountId'] === 'string' ? body['accountId'] : undefined,
      );
    }
    if (typeof body['rateLimitNext'] === 'number') server.rateLimitNext(body['rateLimitNext']);
    if (typeof body['carrierFailureRate'] === 'number')
      server.setCarrierFailureRate(body['carrierFailureRate']);
    return json(res, 200, { ok: true, ...dropped });
  }
  throw new HttpError(404, 'not-found', `There is no admin route ${req.method} ${path}.`);
}

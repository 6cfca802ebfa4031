// Starts the reference server on 127.0.0.1 for the Node tests, with an HTTP transport per account.
import { createHttpTransport } from '../../../src/transport/http/index.js';
import type { HttpTransport } from '../../../src/transport/http/index.js';
import type { TransportEvent } from '../../../src/transport/transport.js';
import { MAIN_ACCOUNT_ID } from '../../../src/transport/memory/seed.js';
import { SECOND_ACCOUNT_ID } from '../../../server/db.js';
import { createReferenceServer } from '../../../server/server.js';
import type { LogEntry, ReferenceServer, ReferenceServerOptions } from '../../../server/server.js';

export { MAIN_ACCOUNT_ID, SECOND_ACCOUNT_ID };
export const MAIN_TOKEN = 'test-token-main';
export const SECOND_TOKEN = 'test-token-second';
export const ADMIN_KEY = 'test-admin-key';

export interface TestServer {
  readonly url: string;
  readonly server: ReferenceServer;
  /** Every log line the server wrote. */
  readonly logs: LogEntry[];
  /** A transport signed in with `token` (default: the main account's). */
  transport(token?: string): HttpTransport;
  /** `fetch` against the server, with the main account's token unless `headers` say otherwise. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** An inbound text through the admin route. */
  receive(body: Record<string, unknown>, accountId?: string): Promise<Response>;
  /** Stops the server and starts a new one on the same port and database file. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(options: ReferenceServerOptions = {}): Promise<TestServer> {
  const logs: LogEntry[] = [];
  const transports = new Set<HttpTransport>();
  const make = () =>
    createReferenceServer({
      database: ':memory:',
      conversations: 20,
      deliveryMs: [10, 20],
      tokens: { [MAIN_TOKEN]: MAIN_ACCOUNT_ID, [SECOND_TOKEN]: SECOND_ACCOUNT_ID },
      adminKey: ADMIN_KEY,
      rateLimit: false,
      log: (entry) => logs.push(entry),
      ...options,
    });
  let server = make();
  const url = await server.listen(0);
  const port = Number(new URL(url).port);
  const harness: TestServer = {
    url,
    get server() {
      return server;
    },
    logs,
    transport(token = MAIN_TOKEN) {
      const t = createHttpTransport({ baseUrl: url, getToken: () => token, reconnectDelayMs: [50, 400] });
      transports.add(t);
      return t;
    },
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${MAIN_TOKEN}`);
      return fetch(url + path, { ...init, headers });
    },
    receive(body, accountId = MAIN_ACCOUNT_ID) {
      return fetch(`${url}/admin/accounts/${accountId}/inbound`, {
        method: 'POST',
        headers: { 'X-Admin-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
    async restart() {
      await server.close();
      // Let this process's client sockets see the close, so no request goes out on a dead keep-alive socket.
      await new Promise((resolve) => setTimeout(resolve, 20));
      server = make();
      await server.listen(port);
    },
    async close() {
      for (const t of transports) t.close();
      await server.close();
    },
  };
  return harness;
}

/** Collects the events of a transport; `until` waits (up to `ms`) for a condition on them. */
export function collect(transport: HttpTransport): {
  events: TransportEvent[];
  stop: () => void;
  until: (what: string, found: (events: TransportEvent[]) => boolean, ms?: number) => Promise<void>;
} {
  const events: TransportEvent[] = [];
  const stop = transport.subscribe((e) => events.push(e));
  return {
    events,
    stop,
    async until(what, found, ms = 8000) {
      const end = Date.now() + ms;
      while (!found(events)) {
        if (Date.now() > end)
          throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(events.map((e) => e.type))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

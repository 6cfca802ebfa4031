// `npm run server`: the reference server on the command line.
//   --port 8787  --host 127.0.0.1  --db server/.data/sms.sqlite (or :memory:)  --seed 1
//   --carrier-failure-rate 0.1  --admin-key dev-admin-key  --cors-origin '*'
// Prints the demo tokens; every flag can also be given as an environment variable (SMS_PORT, …).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { SECOND_ACCOUNT_ID } from './db.js';
import { createReferenceServer } from './server.js';
import { MAIN_ACCOUNT_ID } from '../src/transport/memory/seed.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['SMS_PORT'] ?? '8787' },
    host: { type: 'string', default: process.env['SMS_HOST'] ?? '127.0.0.1' },
    db: { type: 'string', default: process.env['SMS_DB'] ?? 'server/.data/sms.sqlite' },
    seed: { type: 'string', default: process.env['SMS_SEED'] ?? '7' },
    'carrier-failure-rate': { type: 'string', default: process.env['SMS_CARRIER_FAILURE_RATE'] ?? '0.05' },
    'admin-key': { type: 'string', default: process.env['SMS_ADMIN_KEY'] ?? 'dev-admin-key' },
    'cors-origin': { type: 'string', default: process.env['SMS_CORS_ORIGIN'] ?? '*' },
  },
  strict: true,
});

if (values.db !== ':memory:') mkdirSync(dirname(values.db), { recursive: true });
// Demo tokens: fine for a local reference server, never for production (issue real ones per user).
const tokens = {
  [process.env['SMS_TOKEN_MAIN'] ?? 'demo-acme']: MAIN_ACCOUNT_ID,
  [process.env['SMS_TOKEN_SECOND'] ?? 'demo-globex']: SECOND_ACCOUNT_ID,
};
const server = createReferenceServer({
  database: values.db,
  seed: Number(values.seed),
  tokens,
  adminKey: values['admin-key'],
  carrierFailureRate: Number(values['carrier-failure-rate']),
  corsOrigin: values['cors-origin'],
});
const url = await server.listen(Number(values.port), values.host);
console.log(`sms-elements reference server on ${url} (database ${values.db})`);
for (const [token, account] of Object.entries(tokens)) console.log(`  token for ${account}: ${token}`);
console.log(`  admin key (X-Admin-Key): ${values['admin-key']}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}

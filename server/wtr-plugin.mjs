// A web-test-runner plugin that runs the reference server for browser tests, on demand:
// `executeServerCommand('sms-server-start')` starts it (a fresh database file) and answers
// `{ url, token, adminKey }`; `sms-server-restart` restarts it on the same port and file;
// `sms-server-receive` injects an inbound text; `sms-server-stop` stops it. Stopped with the runner.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TOKEN = 'wtr-token-main';
const ADMIN_KEY = 'wtr-admin-key';

export function referenceServerPlugin() {
  let child;
  let dir;
  let port = 0;
  let url;

  const stop = () =>
    new Promise((done) => {
      if (!child || child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });

  const start = () =>
    new Promise((done, fail) => {
      child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'server/main.ts',
          `--port=${port}`,
          `--db=${join(dir, 'sms.sqlite')}`,
          '--carrier-failure-rate=0',
          `--admin-key=${ADMIN_KEY}`,
        ],
        { cwd: ROOT, env: { ...process.env, SMS_TOKEN_MAIN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.stdout.on('data', (d) => {
        out += d;
        const m = /server on (http:\/\/\S+)/.exec(out);
        if (m && !url) {
          url = m[1];
          port = Number(new URL(url).port);
          done();
        }
      });
      child.once('exit', (code) => {
        if (!url) fail(new Error(`The reference server exited (${code}): ${err}`));
      });
    });

  return {
    name: 'sms-reference-server',
    async executeCommand({ command, payload }) {
      if (command === 'sms-server-start') {
        await stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
        dir = mkdtempSync(join(tmpdir(), 'sms-wtr-'));
        port = 0;
        url = undefined;
        await start();
        return { url, token: TOKEN, adminKey: ADMIN_KEY };
      }
      if (command === 'sms-server-restart') {
        await stop();
        url = undefined;
        await start();
        return { url };
      }
      if (command === 'sms-server-receive') {
        const response = await fetch(`${url}/admin/accounts/acct-acme/inbound`, {
          method: 'POST',
          headers: { 'X-Admin-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
          body: JSON.stringify(payload),
        });
        return { status: response.status, message: await response.json() };
      }
      if (command === 'sms-server-stop') {
        await stop();
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

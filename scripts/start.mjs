#!/usr/bin/env node
// `npm start`: the demo portal (Vite, hot reload) against the built-in demo backend.
// `npm start -- --backend=http`: the reference server (`npm run server`) and the demo against it, in one
// command; Ctrl+C stops both. Other arguments go to Vite (`npm start -- --port 8080`).
// With --backend=http, --server-port=8787 picks the server's port (default: SMS_PORT or 8787).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
let backend = 'memory';
let serverPort = process.env.SMS_PORT ?? '8787';
const viteArgs = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const m = /^--(backend|server-port)(?:=(.*))?$/.exec(a);
  if (!m) {
    viteArgs.push(a);
    continue;
  }
  const value = m[2] ?? args[++i];
  if (m[1] === 'backend') backend = value;
  else serverPort = value;
}
if (backend !== 'memory' && backend !== 'http') {
  console.error(`Unknown --backend=${backend}: use memory (default) or http.`);
  process.exit(2);
}

const children = [];
function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function startVite(env) {
  const vite = spawn(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), ...viteArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  children.push(vite);
  vite.on('exit', (code) => stopAll(code ?? 0));
}

if (backend === 'memory') {
  startVite({});
} else {
  // The reference server first; the demo starts once it listens, pointed at it.
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(root, 'server/main.ts'), `--port=${serverPort}`],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
  );
  children.push(server);
  let out = '';
  let started = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (started) return;
    out += chunk;
    const m = /server on (http:\/\/\S+)/.exec(out);
    if (m) {
      started = true;
      startVite({ VITE_SMS_BACKEND: 'http', VITE_SMS_SERVER_URL: m[1] });
    }
  });
  server.on('exit', (code) => {
    if (!started)
      console.error('The reference server did not start (is the port in use? try --server-port=8788).');
    stopAll(code ?? 1);
  });
}

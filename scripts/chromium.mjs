// Locates a system Chromium and holds the flags every headless launch uses here.
import { existsSync } from 'node:fs';

/** Flags that keep headless Chromium quiet on a machine with no network but the registries. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** @returns {string | undefined} the path of a Chromium or Chrome binary, if one is installed. */
export function findChromium() {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((p) => p && existsSync(p));
}

/**
 * Launches the system Chromium headless through playwright-core (which sets headless itself) with
 * the flags above; throws a clear error when none is installed.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      'Chromium not found: install it with `apt-get install -y chromium` (or set CHROME_PATH).',
    );
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS.filter((a) => !a.startsWith('--headless')) });
}

#!/usr/bin/env node
// A smoke test of the demo portal (`npm start`), driven in headless Chromium the way a person
// uses it: click-to-text from the portal's CRM link, a saved reply with its variables filled,
// a send (asked first when it is night in London: quiet hours), "Send later" with a preset, a
// reaction from the customer shown on the quoted message, "Media & files" opening the viewer,
// and the CRM activity log receiving the sms-message-* events. Fails on page errors and
// console errors. On demand: `npm run test:demo` (run it behind the shared browser lock here).
import { createServer } from 'vite';
import { launchChromium } from './chromium.mjs';

const server = await createServer({
  configFile: 'vite.config.ts',
  server: { port: 0, host: '127.0.0.1' },
  logLevel: 'error',
});
await server.listen();
const { port } = server.httpServer.address();
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => {
  if (m.type() === 'error' && !/ResizeObserver loop/.test(m.text()))
    problems.push(`console error: ${m.text()}`);
});

let passed = 0;
let failed = 0;
async function step(name, run) {
  try {
    await run();
    passed++;
    console.log(`✔ ${name}`);
  } catch (error) {
    failed++;
    console.log(
      `✘ ${name}\n    ${String(error?.message ?? error)
        .split('\n')
        .slice(0, 6)
        .join('\n    ')}`,
    );
  }
}

// Playwright's CSS locators pierce open shadow roots.
const composer = page.locator('sms-messages sms-composer').first();
const field = composer.locator('textarea[part="field"]');
const thread = page.locator('sms-messages sms-thread').first();
const log = page.locator('#crm-log');
const T = { timeout: 10_000 };

try {
  await page.goto(`http://127.0.0.1:${port}/`);

  await step('the list paints', async () => {
    await page.locator('sms-conversation-list [role="option"], sms-conversation-list li').first().waitFor(T);
  });

  await step('click-to-text: the CRM link opens the composer for Olivia (London)', async () => {
    await page.click('#crm-link-london');
    await field.waitFor(T);
    await page.waitForFunction(
      () => {
        const state = window.smsClient.getState();
        const chat = state.conversations.find((c) => c.id === state.selectedConversationId);
        return chat?.participants.join() === '+442079460958';
      },
      undefined,
      T,
    );
  });

  await step(
    'a saved reply: "/" lists them, Enter inserts "On the way" with her name and the company',
    async () => {
      await field.click();
      await page.keyboard.type('/on the');
      await composer.locator('[role="option"]').first().waitFor(T);
      await page.keyboard.press('Enter');
      const value = await field.inputValue();
      if (!/^Hi Olivia, this is .+ from Acme Field Services\. Your technician is on the way\.$/.test(value))
        throw new Error(`field: ${value}`);
    },
  );

  await step(
    'send: quiet hours ask first at night in London, then it is sent and the CRM logs it',
    async () => {
      await page.keyboard.press('Enter');
      const hour = Number(
        new Intl.DateTimeFormat('en-US', {
          timeZone: 'Europe/London',
          hour: '2-digit',
          hourCycle: 'h23',
        }).format(Date.now()),
      );
      if (hour >= 21 || hour < 8) {
        const warning = composer.locator('[role="alertdialog"]');
        await warning.waitFor(T);
        const said = await warning.textContent();
        if (!/It's .+ for .+\. Send anyway\?/.test(said ?? '')) throw new Error(`warning: ${said}`);
        await warning.getByRole('button', { name: 'Send anyway' }).click();
      }
      await log
        .locator('li', { hasText: /^sent · .* · Hi Olivia, this is / }) // the log shows 40 characters
        .first()
        .waitFor(T);
      if ((await field.inputValue()) !== '') throw new Error('the field was not emptied');
    },
  );

  await step('send later: Tomorrow 9 AM schedules it, shown at the bottom of the chat', async () => {
    await field.click();
    await page.keyboard.type('Reminder: your boiler service is tomorrow.');
    await composer.locator('sms-send-later [part="button"]').click();
    const dialog = composer.locator('sms-send-later dialog');
    await dialog.waitFor(T);
    await dialog.locator('.preset', { hasText: 'Tomorrow 9 AM' }).click();
    const anyway = dialog.getByRole('button', { name: 'Schedule anyway' });
    await Promise.race([
      anyway.waitFor(T).then(() => anyway.click()),
      dialog.waitFor({ state: 'detached', ...T }),
    ]);
    await thread.locator('sms-scheduled-list li', { hasText: 'Reminder: your boiler service' }).waitFor(T);
  });

  await step('a reaction: her "Loved “…”" shows on the quoted message, not as a bubble', async () => {
    await page.click('#receive-reaction');
    await thread.locator('[part="reaction"]').first().waitFor(T);
    const bubbles = await thread.locator('[part~="bubble"]').allTextContents();
    if (bubbles.some((b) => b.includes('Loved “'))) throw new Error('the tapback is shown as a bubble');
    await log
      .locator('li', { hasText: /^received · / })
      .first()
      .waitFor(T);
  });

  await step('Media & files: a photo received shows in the grid and opens the viewer', async () => {
    await page.evaluate(async () => {
      const id = window.smsClient.getState().selectedConversationId;
      await window.smsDemo.receive({ conversationId: id, withAttachment: true });
    });
    await thread.locator('header [aria-haspopup="menu"]').click();
    await thread.getByRole('menuitem', { name: 'Media & files' }).click();
    const tile = thread.locator('[part="tile"]').first();
    await tile.waitFor(T);
    await tile.click();
    await page.locator('sms-media-viewer [role="dialog"], sms-media-viewer dialog[open]').first().waitFor(T);
  });

  await step('no page or console errors', async () => {
    if (problems.length) throw new Error(problems.join('\n'));
  });
} finally {
  await browser.close();
  await server.close();
}
console.log(`demo: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

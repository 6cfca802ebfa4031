// The help article's journeys (../shared/reference/messages-app.txt), end to end, as a person
// makes them: the whole `<sms-messages>` in a host page, the real mouse, wheel and keyboard;
// assertions on what is on screen (text, roles and names) and on what the backend holds.
import assert from 'node:assert/strict';
import { App, backends, openApp, until } from './app.mjs';
import { businessJourneys, slowJourneys } from './business-journeys.mjs';
import { assertThreadIs, withApp } from './steps.mjs';

const FREE_NUMBER = '+12025550143';
const TOLL_FREE = '+18005550199';

/** A small but real PDF (the product accepts pdf), `kb` KB long, for the three ways of attaching. */
function pdf(name, kb) {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n';
  const pad = `%${'x'.repeat(kb * 1024 - head.length - 8)}\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`${head}${pad}%%EOF\n`) };
}

/** Puts files on a DataTransfer in the page and fires `type` (drop or paste) at `selector`. */
async function transferFiles(page, selector, type, files) {
  const payload = files.map((f) => ({
    name: f.name,
    mimeType: f.mimeType,
    data: f.buffer.toString('base64'),
  }));
  await page.locator(selector).evaluate(
    (target, { type, payload }) => {
      const data = new DataTransfer();
      for (const f of payload) {
        const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.mimeType }));
      }
      const init = { bubbles: true, composed: true, cancelable: true };
      if (type === 'paste') {
        target.dispatchEvent(new ClipboardEvent('paste', { ...init, clipboardData: data }));
      } else {
        for (const t of ['dragenter', 'dragover', 'drop'])
          target.dispatchEvent(new DragEvent(t, { ...init, dataTransfer: data }));
      }
    },
    { type, payload },
  );
}

/** The newest message of a conversation in the backend. */
async function newest(backend, id) {
  return (await backend.messages(id)).at(-1);
}

/** The conversation the backend holds with exactly these participants, if any. */
async function conversationWith(backend, participants, from) {
  const wanted = [...participants].sort().join(',');
  return (await backend.conversations()).find(
    (c) => [...c.participants].sort().join(',') === wanted && (!from || c.ownNumber === from),
  );
}

/** Starts a new conversation: "Send New Message", then each recipient typed and picked. */
async function pickRecipients(page, recipients) {
  await page.getByRole('button', { name: 'Send New Message' }).click();
  const to = page.getByRole('combobox', { name: 'To' });
  await to.waitFor();
  for (const r of recipients) {
    await to.click();
    await page.keyboard.type(r.typed);
    await page.getByRole('option', { name: r.option }).first().click();
  }
}

const noHorizontalScroll = (page) =>
  page.evaluate(() => {
    const app = document.querySelector('sms-messages');
    return document.documentElement.scrollWidth <= innerWidth + 1 && app.scrollWidth <= app.clientWidth + 1;
  });

export const journeys = [
  {
    name: 'find a chat far down the list (wheel) and open it with the mouse',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const all = await backend.conversations();
        // Far enough to need many turns of the wheel, and older chats loading on the way.
        const target = all[45];
        const name = await app.openChat(target.id);
        const row = page.locator(`sms-conversation-list #${App.rowId(target.id)}`);
        await until(async () => (await row.getAttribute('aria-selected')) === 'true', 'the row is selected');
        await assertThreadIs(app, backend, target, name);
        // The list did not jump: the clicked row is still in view.
        const rows = await app.rows();
        assert.ok(
          rows.find((r) => r.id === App.rowId(target.id))?.visible,
          'the chosen row is still in view',
        );
      }),
  },
  {
    // The model's long runs (seeds 902, 20261203) never reached c236 with the Unread chip pressed:
    // App.openChat wheeled up, away from chats the app had not loaded yet.
    name: 'with the Unread chip pressed, open an unread chat not loaded yet (the wheel reads older chats)',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const target = (await backend.conversations()).filter((c) => c.unreadCount > 0).at(-1);
        await page
          .locator('sms-conversation-list')
          .getByRole('button', { name: 'Unread', exact: true })
          .click();
        assert.ok(
          !(await app.state()).conversations.some((c) => c.id === target.id),
          `${target.id} is below the chats the app has loaded`,
        );
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
      }),
  },
  {
    name: 'switch back and forth between chats: the chat on screen is always the one chosen, replies go there',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, backend }) => {
        const all = (await backend.conversations()).slice(0, 4);
        const order = [0, 1, 0, 2, 1, 0, 3, 2, 0, 1];
        for (const [k, i] of order.entries()) {
          const c = all[i];
          const name = await app.openChat(c.id);
          await assertThreadIs(app, backend, c, name);
          if (k % 3 === 2) {
            const text = `Reply ${k} to ${name}`;
            await app.send(text);
            await until(
              async () => (await backend.messages(c.id)).some((m) => m.text === text),
              `${text} stored`,
            );
            for (const other of all.filter((o) => o.id !== c.id)) {
              assert.ok(
                !(await backend.messages(other.id)).some((m) => m.text === text),
                'the reply went to no other chat',
              );
            }
          }
        }
      }),
  },
  {
    name: 'receive into a chat that is not open: badge, bold, notification, title and favicon dot; the notification opens it',
    run: (ctx) =>
      withApp(ctx, { permissions: ['notifications'] }, async ({ app, page, backend }) => {
        const all = await backend.conversations();
        await app.openChat(all[0].id);
        const target =
          all.slice(1, 6).find((c) => c.participants.length === 1 && c.unreadCount === 0) ?? all[1];
        const before = target.unreadCount;
        const text = 'Are you on your way?';
        await backend.receive({ conversationId: target.id, text });
        const rowId = App.rowId(target.id);
        const row = await until(async () => {
          const r = (await app.rows()).find((x) => x.id === rowId);
          return r?.badge === String(before + 1) && r;
        }, 'the badge counts the new message');
        assert.equal(row.bold, true, 'the chat is bold');
        assert.match(row.preview, /Are you on your way\?/);
        assert.equal(rows0(await app.rows()).id, rowId, 'the chat moved to the top');
        // The count is the app's: the unread messages of the chats it has loaded.
        const counted = await page.evaluate(() =>
          window.smsTest.client.getState().conversations.reduce((n, c) => n + c.unreadCount, 0),
        );
        assert.ok(counted >= before + 1, 'the app counts the new message');
        await until(
          async () => (await page.title()) === `(${counted}) Portal`,
          `the title shows (${counted})`,
        );
        await until(
          () => page.evaluate(() => document.querySelector('link[rel~="icon"]')?.dataset.smsUnread),
          'the favicon has its dot',
        );
        assert.equal(await page.locator('#unread-dot').isVisible(), true, 'the host nav shows its dot');
        const shown = await until(
          () =>
            page
              .evaluate(() => window.smsTest.notifications.map((n) => ({ ...n })))
              .then((n) => n.length && n),
          'a notification',
        );
        assert.match(shown.at(-1).title, /^New message from /);
        assert.match(shown.at(-1).body, /Are you on your way\?/);
        await page.evaluate(() => window.smsTest.notifications.at(-1).click());
        await assertThreadIs(app, backend, target, row.name);
        await until(
          async () => (await backend.conversations()).find((c) => c.id === target.id).unreadCount === 0,
          'read in the backend',
        );
        await until(async () => !(await app.rows()).find((x) => x.id === rowId)?.bold, 'no longer bold');
      }),
  },
  {
    name: 'receive into the open chat while scrolled up: the "new message" pill, then the newest in view',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const all = await backend.conversations();
        let target;
        for (const c of all.slice(0, 30)) if ((await backend.messages(c.id)).length >= 25) target ??= c;
        assert.ok(target, 'a chat with 25 messages');
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
        const log = page.locator('sms-thread .scroller');
        const box = await log.boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -600);
        await app.frames(3);
        const text = 'Pill check: a new message';
        await backend.receive({ conversationId: target.id, text });
        const pill = page.getByRole('button', { name: '1 new message' });
        await pill.waitFor();
        await pill.click();
        const shown = page.getByRole('log').getByText(text);
        await shown.waitFor();
        await until(async () => {
          const b = await shown.boundingBox();
          return b && b.y >= box.y && b.y + b.height <= box.y + box.height + 1;
        }, 'the newest message in view');
        await until(
          async () => (await backend.conversations()).find((c) => c.id === target.id).unreadCount === 0,
          'read in the backend',
        );
        assert.equal(
          (await app.rows()).find((r) => r.id === App.rowId(target.id))?.badge ?? '',
          '',
          'no badge on the open chat',
        );
      }),
  },
  {
    name: 'start a new conversation by name, by a typed number, and with several recipients',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const contacts = await page.evaluate(() => window.smsTest.contacts(''));
        const [a, b, c] = contacts.filter((x) => x.numbers.length === 1).slice(0, 3);
        const first = (x) => x.name.split(' ')[0];
        // By name.
        await pickRecipients(page, [{ typed: x(a), option: new RegExp(escape(a.name)) }]);
        await app.send('Hello by name');
        const byName = await until(
          () => conversationWith(backend, [a.numbers[0].number]),
          'a chat with the contact',
        );
        await until(
          async () => (await newest(backend, byName.id))?.text === 'Hello by name',
          'the text stored',
        );
        await until(async () => (await app.thread()).title === a.name, 'the header names the contact');
        // By a typed number.
        await pickRecipients(page, [{ typed: '202 555 0143', option: /^Send to / }]);
        await app.send('Hello by number');
        const byNumber = await until(
          () => conversationWith(backend, [FREE_NUMBER]),
          'a chat with the number',
        );
        await until(
          async () => (await newest(backend, byNumber.id))?.text === 'Hello by number',
          'the text stored',
        );
        // Several recipients.
        await pickRecipients(page, [
          { typed: first(b), option: new RegExp(escape(b.name)) },
          { typed: first(c), option: new RegExp(escape(c.name)) },
        ]);
        await app.send('Hello, both of you');
        const group = await until(
          () => conversationWith(backend, [b.numbers[0].number, c.numbers[0].number]),
          'a group chat',
        );
        await until(
          async () => (await newest(backend, group.id))?.text === 'Hello, both of you',
          'the text stored',
        );
        function x(contact) {
          return contact.name.slice(0, 5);
        }
      }),
  },
  {
    name: 'toll-free: from the toll-free number only SMS (no attachments), and the text goes out from it',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        await pickRecipients(page, []);
        await page.getByRole('combobox', { name: 'From' }).selectOption(TOLL_FREE);
        await pickRecipientsTyped(page, '202 555 0143');
        await page.getByText('Toll-free numbers can only send SMS messages').first().waitFor();
        assert.equal(
          await page.getByRole('button', { name: 'Attach file' }).isDisabled(),
          true,
          'no paperclip',
        );
        await app.send('From the support line');
        const chat = await until(
          () => conversationWith(backend, [FREE_NUMBER], TOLL_FREE),
          'a chat from the toll-free number',
        );
        await until(
          async () => (await newest(backend, chat.id))?.text === 'From the support line',
          'the text stored',
        );
      }),
  },
  {
    name: 'attach by the paperclip, drag-and-drop and paste, with upload progress, then send one MMS',
    run: (ctx) =>
      withApp(ctx, { query: { upload: '150000' } }, async ({ app, page, backend }) => {
        const target = (await backend.conversations()).find(
          (c) => c.participants.length === 1 && c.ownNumber !== TOLL_FREE,
        );
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: 'Attach file' }).click();
        await (await chooser).setFiles(pdf('clip.pdf', 120));
        await page.getByRole('progressbar', { name: 'Uploading clip.pdf' }).waitFor();
        await transferFiles(page, 'sms-composer .composer', 'drop', [pdf('dropped.pdf', 60)]);
        await transferFiles(page, 'sms-composer textarea', 'paste', [pdf('pasted.pdf', 60)]);
        const send = page.getByRole('button', { name: 'Send message' });
        for (const file of ['clip.pdf', 'dropped.pdf', 'pasted.pdf'])
          await page.getByText(file).first().waitFor();
        await until(async () => (await page.getByRole('progressbar').count()) === 0, 'every upload done');
        await until(() => send.isEnabled(), 'Send enabled once all are uploaded');
        await send.click();
        const sent = await until(async () => {
          const m = await newest(backend, target.id);
          return m?.attachments.length === 3 && m;
        }, 'an MMS with three files in the backend');
        assert.deepEqual(sent.attachments.map((a) => a.name).sort(), [
          'clip.pdf',
          'dropped.pdf',
          'pasted.pdf',
        ]);
        await page.getByRole('log').getByText('clip.pdf').first().waitFor();
      }),
  },
  {
    name: 'a send fails: "Not sent" in the thread and the list; clicking the message sends it once',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const target = (await backend.conversations())[2];
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
        // Refused by the server (a network failure is retried on its own, then shown the same way).
        await page.evaluate(() => window.smsTest.backend.failNextSends(1, 'invalid'));
        await app.send('This one fails first');
        // The whole failed message is the retry target, as the help article says ("by clicking on that message").
        const retry = page.getByRole('button', {
          name: 'Not sent. Click to try again. This one fails first',
        });
        await retry.waitFor();
        const rowId = App.rowId(target.id);
        await until(
          async () => (await app.rows()).find((r) => r.id === rowId)?.preview.startsWith('Not sent'),
          'the row says Not sent',
        );
        await retry.click();
        await until(
          async () => (await newest(backend, target.id))?.text === 'This one fails first',
          'sent on retry',
        );
        const failed = page.getByRole('button', { name: /^Not sent\. Click to try again\./ });
        await until(async () => (await failed.count()) === 0, 'no longer failed');
        const copies = (await backend.messages(target.id)).filter((m) => m.text === 'This one fails first');
        assert.equal(copies.length, 1, 'sent once');
      }),
  },
  {
    name: 'gallery: open an attachment, arrows, Home/End, f and up/down hide and show the strip, details, Esc',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const target = (await backend.conversations())[3];
        for (const media of [['photo'], ['portrait'], ['panorama']])
          await backend.receive({ conversationId: target.id, media });
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
        const opens = page.locator('sms-thread [part="attachment"]');
        await until(async () => (await opens.count()) >= 3, 'three attachments in the log');
        await opens.nth((await opens.count()) - 2).click();
        const viewer = page.getByRole('dialog', { name: 'Media player' });
        await viewer.waitFor();
        const counter = page.locator('sms-media-viewer [part="counter"]');
        const position = async () =>
          Number(/^(\d+) of (\d+)$/.exec((await counter.textContent()).trim())?.[1]);
        const start = await until(position, 'the counter');
        await page.keyboard.press('ArrowRight');
        await until(async () => (await position()) === start + 1, 'ArrowRight shows the next');
        await page.keyboard.press('ArrowLeft');
        await until(async () => (await position()) === start, 'ArrowLeft shows the previous');
        await page.getByRole('button', { name: 'Next' }).click();
        await until(async () => (await position()) === start + 1, 'the on-screen arrow too');
        // In the gallery strip: a click on a file shows it; Home and End go to the first and last.
        await page.locator('sms-media-viewer .thumb').first().click();
        await until(async () => (await position()) === 1, 'a click in the gallery shows that file');
        await page.keyboard.press('End');
        const total = Number(/of (\d+)/.exec(await counter.textContent())[1]);
        await until(async () => (await position()) === total, 'End shows the last');
        await page.keyboard.press('Home');
        await until(async () => (await position()) === 1, 'Home shows the first');
        const strip = page.locator('sms-media-viewer #strip');
        await page.keyboard.press('f');
        await until(async () => await strip.isHidden(), 'f hides the gallery');
        await page.keyboard.press('f');
        await until(async () => await strip.isVisible(), 'f shows it again');
        await page.keyboard.press('ArrowDown');
        await until(async () => await strip.isHidden(), 'ArrowDown hides it');
        await page.keyboard.press('ArrowUp');
        await until(async () => await strip.isVisible(), 'ArrowUp shows it');
        await page.getByRole('button', { name: 'Details' }).click();
        await page.locator('sms-media-viewer').getByText('Dimensions').first().waitFor();
        await page.keyboard.press('Escape');
        await until(async () => !(await viewer.isVisible()), 'Esc closes the player');
      }),
  },
  {
    name: 'delete a message (Yes) and a chat (I understand, Delete): gone on screen and in the backend',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const [first, second] = (await backend.conversations()).slice(4, 6);
        const name = await app.openChat(first.id);
        await assertThreadIs(app, backend, first, name);
        await app.send('Delete me please');
        const bubble = page.locator('sms-thread .item').filter({ hasText: 'Delete me please' });
        await until(async () => (await newest(backend, first.id))?.text === 'Delete me please', 'stored');
        await bubble.hover();
        await bubble.getByRole('button', { name: 'More actions' }).click();
        await page.getByRole('menuitem', { name: 'Delete' }).click();
        await page
          .getByRole('dialog', { name: 'Delete this message?' })
          .getByRole('button', { name: 'Yes' })
          .click();
        await until(async () => (await bubble.count()) === 0, 'the message is gone from the log');
        assert.ok(
          !(await backend.messages(first.id)).some((m) => m.text === 'Delete me please'),
          'and from the backend',
        );
        const other = await app.openChat(second.id);
        await assertThreadIs(app, backend, second, other);
        await page.locator('sms-thread header').getByRole('button', { name: 'More actions' }).click();
        await page.getByRole('menuitem', { name: 'Delete chat' }).click();
        const dialog = page.getByRole('dialog', { name: 'Delete this chat?' });
        const del = dialog.getByRole('button', { name: 'Delete', exact: true });
        assert.equal(await del.isDisabled(), true, 'Delete waits for "I understand"');
        await dialog.getByRole('checkbox', { name: 'I understand' }).check();
        await del.click();
        await until(
          async () => !(await app.rows()).some((r) => r.id === App.rowId(second.id)),
          'the chat is gone from the list',
        );
        assert.ok(!(await backend.conversations()).some((c) => c.id === second.id), 'and from the backend');
      }),
  },
  {
    name: 'mark a chat unread with the flag: bold with a badge again, unread in the backend',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const target = (await backend.conversations())[1];
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
        const flag = page.getByRole('button', { name: 'Mark conversation unread' });
        await flag.click();
        const rowId = App.rowId(target.id);
        await until(async () => (await app.rows()).find((r) => r.id === rowId)?.bold, 'bold again');
        await until(
          async () => (await backend.conversations()).find((c) => c.id === target.id).unreadCount > 0,
          'unread in the backend',
        );
        const held = (await backend.conversations()).find((c) => c.id === target.id).unreadCount;
        assert.equal(
          (await app.rows()).find((r) => r.id === rowId).badge,
          String(held),
          'the badge equals the backend count',
        );
        // It stays unread while the person stays on it (the open thread once marked it read again at
        // its next render), and opening it again reads it.
        await page.mouse.move(10, 10);
        await page.waitForTimeout(1500);
        assert.ok(
          (await backend.conversations()).find((c) => c.id === target.id).unreadCount > 0,
          'still unread while the chat stays open',
        );
        const other = (await backend.conversations()).find((c) => c.id !== target.id);
        await app.openChat(other.id);
        await app.openChat(target.id);
        await until(
          async () => (await backend.conversations()).find((c) => c.id === target.id).unreadCount === 0,
          'read once opened again',
        );
      }),
  },
  ...[
    { width: 390, height: 844 },
    { width: 320, height: 640 },
  ].map((viewport) => ({
    name: `phone-sized (${viewport.width} px): list, then the chat alone, reply, back; no sideways scroll`,
    run: (ctx) =>
      withApp(ctx, { viewport }, async ({ app, page, backend }) => {
        assert.ok(await noHorizontalScroll(page), 'no horizontal scroll on the list');
        const target = (await backend.conversations())[8];
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
        assert.equal(await page.locator('sms-conversation-list').isVisible(), false, 'the list steps aside');
        await app.send(`Sent from ${viewport.width} px`);
        await until(
          async () => (await newest(backend, target.id))?.text === `Sent from ${viewport.width} px`,
          'stored',
        );
        assert.ok(await noHorizontalScroll(page), 'no horizontal scroll on the chat');
        await page.getByRole('button', { name: 'Back to conversations' }).click();
        await page.locator('sms-conversation-list').waitFor();
      }),
  })),
  {
    name: 'Spanish: the app speaks Spanish, and a chat opens and sends',
    run: (ctx) =>
      withApp(ctx, { query: { lang: 'es' } }, async ({ app, page, backend }) => {
        await page.getByRole('button', { name: 'Enviar nuevo mensaje' }).waitFor();
        const target = (await backend.conversations())[0];
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
        await page.getByRole('button', { name: 'Marcar conversación como no leída' }).waitFor();
        await page.getByRole('textbox', { name: 'Escribe tu mensaje' }).waitFor();
        await app.send('Hola, ¿qué tal?');
        await until(async () => (await newest(backend, target.id))?.text === 'Hola, ¿qué tal?', 'stored');
        await page.getByText('Entregado').last().waitFor();
      }),
  },
  {
    name: 'a chat opened while offline shows its messages once the network is back',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const target = (await backend.conversations())[6];
        await page.evaluate(() => window.smsTest.backend.setOffline(true));
        const name = await app.openChat(target.id);
        await page.getByText('Messages could not be loaded.').waitFor();
        await page.evaluate(() => window.smsTest.backend.setOffline(false));
        await assertThreadIs(app, backend, target, name);
      }),
  },
  {
    name: 'first start with the API unreachable: "could not be loaded" stays put, then the chats appear by themselves',
    run: async (ctx) => {
      const context = await ctx.browser.newContext({ viewport: { width: 1100, height: 760 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      let navigations = 0;
      page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);
      // Every request to the API fails at the network (the page itself loads).
      let accountReads = 0;
      const dead = (route) => {
        if (new URL(route.request().url()).pathname === '/v1/account') accountReads++;
        return route.abort('internetdisconnected');
      };
      await context.route(`${ctx.server.url}/**`, dead);
      // What the app shows, recorded at every frame: its error screen or the app itself.
      await page.addInitScript(() => {
        window.__screens = [];
        const tick = () => {
          const root = document.querySelector('sms-messages')?.shadowRoot;
          const now = root?.querySelector('[role="alert"]')
            ? 'error'
            : root?.querySelector('.app')
              ? 'app'
              : null;
          if (now && window.__screens.at(-1) !== now) window.__screens.push(now);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      try {
        const query = {
          backend: 'http',
          server: ctx.server.url,
          token: ctx.server.token,
          reconnect: '200,1000',
          retry: '200,2000',
        };
        await page.goto(`${ctx.base}?${new URLSearchParams(query)}`);
        await page.getByRole('alert').getByText('Messages could not be loaded.').waitFor();
        // Start-up's four reads failed; the event stream cannot connect either (offline).
        await until(() => accountReads >= 4, 'the account reads of start-up', 20_000);
        await page.waitForTimeout(500);
        await context.unroute(`${ctx.server.url}/**`, dead);
        // The network is back: nobody reloads or clicks Retry, the chats come by themselves.
        const app = new App(page, errors);
        await app.ready();
        const first = (await backends.http(ctx.server).conversations())[0];
        await until(
          async () => (await app.rows())[0]?.id === App.rowId(first.id),
          'the first chat of the account listed',
        );
        assert.equal(navigations, 1, 'no reload');
        assert.deepEqual(
          await page.evaluate(() => window.__screens),
          ['app', 'error', 'app'],
          'the error screen stays until the account is read (no flicker at each retry)',
        );
        await app.openChat(first.id);
        await page.getByRole('textbox', { name: 'Type your message' }).waitFor();
        assert.deepEqual(errors, [], 'no uncaught error');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'reference server over HTTP: open a chat far down, reply, receive into another (badge), open it',
    run: async (ctx) => {
      const opened = await openApp(ctx.browser, ctx.base, {
        query: { backend: 'http', server: ctx.server.url, token: ctx.server.token },
      });
      const { app, page, context, errors } = opened;
      const backend = backends.http(ctx.server);
      try {
        const all = await backend.conversations();
        const target = all[40];
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
        await app.send('Over real HTTP');
        await until(
          async () => (await newest(backend, target.id))?.text === 'Over real HTTP',
          'stored by the server',
        );
        const other = all.find(
          (c) => c.id !== target.id && c.participants.length === 1 && c.unreadCount === 0,
        );
        await backend.receive({ conversationId: other.id, text: 'Inbound over HTTP' });
        await app.scrollListToTop();
        const rowId = App.rowId(other.id);
        await until(
          async () => (await app.rows()).find((r) => r.id === rowId)?.badge === '1',
          'the badge over the event stream',
        );
        await app.openChat(other.id);
        // In the thread (the list's row says it too once it is drawn again).
        await page.getByRole('log', { name: 'Messages' }).getByText('Inbound over HTTP').waitFor();
        await until(
          async () => (await backend.conversations()).find((c) => c.id === other.id).unreadCount === 0,
          'read on the server',
        );
        assert.deepEqual(errors, [], 'no uncaught error or console error');
      } finally {
        await context.close();
      }
    },
  },
  ...businessJourneys,
  // Only with `--all`: longer variants and journeys waiting on a known defect.
  ...slowJourneys.map((j) => ({ ...j, slow: true })),
];

function rows0(rows) {
  return rows[0];
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Types a number into the open picker's To field and picks "Send to …". */
async function pickRecipientsTyped(page, typed) {
  const to = page.getByRole('combobox', { name: 'To' });
  await to.click();
  await page.keyboard.type(typed);
  await page
    .getByRole('option', { name: /^Send to / })
    .first()
    .click();
}

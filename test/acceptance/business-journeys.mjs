// The journeys of issues 19 and 20, as a person makes them in the whole app: search and jump to a
// message, the filter chips, saved replies with variables, send later, reactions, "Media & files"
// and click-to-text. Each is mixed into a longer sequence (a chat far down the list, back and
// forth, a reply in each, texts arriving in another chat meanwhile), driven with the real mouse,
// wheel and keyboard, and checked on screen (text, focus, announcements) and in the backend.
// Journeys marked `slow` run only with `npm run test:journeys -- --all` (docs/testing.md).
import assert from 'node:assert/strict';
import { App, until } from './app.mjs';
import { assertThreadIs, threadShows, withApp } from './steps.mjs';

const FREE_NUMBER = '+12025550143';
const TOLL_FREE = '+18005550199';
/** A real 1×1 PNG, as a person would pick it in the file chooser. */
const PHOTO = {
  name: 'cake.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
};

/** The element that has the focus, through shadow roots: its tag, accessible name and text. */
function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return {
      tag: a?.tagName.toLowerCase() ?? '',
      label: a?.getAttribute('aria-label') ?? '',
      text: a?.textContent?.trim() ?? '',
      role: a?.getAttribute('role') ?? '',
    };
  });
}

/**
 * Starts recording every message row the thread highlights (the highlight lasts a moment, so a
 * busy machine could miss it between two looks). Returns a reader of the keys seen highlighted.
 */
async function recordHighlights(page) {
  await page.evaluate(() => {
    const seen = new Set();
    window.__highlighted = seen;
    const look = () => {
      const root = document
        .querySelector('sms-messages')
        ?.shadowRoot?.querySelector('sms-thread')?.shadowRoot;
      for (const e of root?.querySelectorAll('.item.highlight[data-key]') ?? [])
        seen.add(e.getAttribute('data-key'));
    };
    const tick = () => {
      look();
      if (window.__highlighted === seen) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () => page.evaluate(() => [...(window.__highlighted ?? [])]);
}

/** The box of the thread's log, and whether the message with this text is fully inside it. */
async function inView(page, text) {
  return page.evaluate((wanted) => {
    const root = document.querySelector('sms-messages')?.shadowRoot?.querySelector('sms-thread')?.shadowRoot;
    const box = root?.querySelector('.scroller')?.getBoundingClientRect();
    const item = [...(root?.querySelectorAll('.item[data-key]') ?? [])].find(
      (e) => e.querySelector('[part="bubble"]')?.textContent?.trim() === wanted,
    );
    const r = item?.getBoundingClientRect();
    return !!box && !!r && r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  }, text);
}

/** Turns the wheel over the thread's log. */
async function wheelThread(app, dy) {
  const box = await app.page.locator('sms-thread .scroller').boundingBox();
  await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.page.mouse.wheel(0, dy);
  await app.frames(2);
}

/** The log's keys are unique and all held by the backend for this chat. */
async function assertLogIsOnly(app, backend, conversationId) {
  const t = await app.thread();
  assert.equal(t.conversationId, conversationId, 'the thread shows the chosen chat');
  const keys = t.messages.map((m) => m.key);
  assert.deepEqual(
    keys.filter((k, i) => keys.indexOf(k) !== i),
    [],
    'no message shown twice',
  );
  const held = await backend.messages(conversationId);
  const known = new Set(held.flatMap((m) => [m.id, m.clientId].filter(Boolean)));
  assert.deepEqual(
    t.messages.filter((m) => !known.has(m.key)).map((m) => m.text),
    [],
    'the log shows only its chat’s messages',
  );
  return t;
}

/** Receives `n` texts into a chat in one go (the backend's push events reach the app as they come). */
function receiveMany(page, conversationId, n, text) {
  return page.evaluate(
    async ({ id, count, prefix }) => {
      for (let i = 1; i <= count; i++)
        await window.smsTest.backend.receive({ conversationId: id, text: `${prefix} ${i} of ${count}` });
    },
    { id: conversationId, count: n, prefix: text },
  );
}

/** The conversations the list shows now (rendered rows), as the backend holds them. */
async function listed(app, backend) {
  const held = await backend.conversations();
  const rows = await app.rows();
  return rows.map((r) => ({ row: r, c: held.find((c) => App.rowId(c.id) === r.id) }));
}

const FILTERS = {
  Unread: (c) => c.unreadCount > 0,
  Failed: (c) => c.lastMessage?.direction === 'outbound' && c.lastMessage?.status === 'failed',
  'Opted out': (c) => (c.optedOut?.length ?? 0) > 0,
};

/** Waits until the pressed chips are `names` and every listed row passes them, with `wanted` among them. */
async function listMatches(app, backend, names, wanted = [], unwanted = []) {
  let last = '';
  try {
    return await until(
      async () => {
        const pressed = await app.filters();
        if (pressed.join(',') !== names.join(',')) return !(last = `chips pressed: ${pressed.join(', ')}`);
        const rows = await listed(app, backend);
        const wrong = rows.filter(({ c }) => !c || !names.every((n) => FILTERS[n](c)));
        if (wrong.length)
          return !(last = `rows that do not match: ${wrong.map((w) => w.row.name).join(', ')}`);
        const ids = new Set(rows.map((r) => r.c.id));
        const missing = wanted.filter((c) => !ids.has(c.id));
        if (missing.length) return !(last = `missing: ${missing.map((c) => c.id).join(', ')}`);
        const extra = unwanted.filter((c) => ids.has(c.id));
        if (extra.length) return !(last = `listed but should not be: ${extra.map((c) => c.id).join(', ')}`);
        return rows;
      },
      `the list filtered by ${names.join(' + ') || 'nothing'}`,
    );
  } catch (error) {
    throw new Error(`${error.message}: ${last}`);
  }
}

/** A one-to-one chat whose person has a name in the address book and no other chat. */
async function namedChat(page, backend, from = 0, { mms = false } = {}) {
  const contacts = await page.evaluate(() => window.smsTest.contacts(''));
  const named = new Map(contacts.flatMap((k) => k.numbers.map((n) => [n.number, k.name])));
  const all = await backend.conversations();
  // Their only chat: an sms: link to them then has one chat to open (with two lines, two chats).
  const chats = (n) => all.filter((x) => x.participants.includes(n)).length;
  const c = all
    .slice(from)
    .find(
      (x) =>
        x.participants.length === 1 &&
        named.has(x.participants[0]) &&
        chats(x.participants[0]) === 1 &&
        !x.optedOut?.length &&
        (!mms || x.ownNumber !== TOLL_FREE),
    );
  return { c, name: named.get(c.participants[0]) };
}

/** The composer's text field, its value and selection. */
async function field(page) {
  const box = page.getByRole('textbox', { name: /Type your message|Escribe tu mensaje/ });
  const [value, start, end] = await box.evaluate((e) => [e.value, e.selectionStart, e.selectionEnd]);
  return { value, selected: value.slice(start, end) };
}

export const businessJourneys = [
  {
    name: 'search → jump: type in the search field, pick a message far back, it opens highlighted; wheel down to the present; reply; texts arrive in another chat meanwhile',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const long = !!ctx.all;
        const all = await backend.conversations();
        // Reading a chat far down the list while the history of another one builds up.
        // (The default run keeps it near the top: the wheel down the list is the first journey's.)
        const far = all[long ? 40 : 2];
        const farName = await app.openChat(far.id);
        await assertThreadIs(app, backend, far, farName);
        const target = all.slice(8).find((c) => c.participants.length === 1 && c.id !== far.id);
        const needle = 'The gate code changed: ask for tangerine at the desk';
        await backend.receive({ conversationId: target.id, text: needle });
        const needleId = (await backend.messages(target.id)).at(-1).id;
        const updates = long ? 120 : 52;
        await receiveMany(page, target.id, updates, 'Delivery update');
        const newest = `Delivery update ${updates} of ${updates}`;
        // Still on the far chat, which shows only its own messages.
        await assertThreadIs(app, backend, far, farName);

        // Search with the keyboard: the message result, the count told once, ↓ then Enter.
        const input = await app.typeSearch('tangerine');
        const result = page.locator('sms-search [role="option"]').filter({ hasText: needle });
        await result.waitFor();
        assert.equal(await result.locator('mark').first().textContent(), 'tangerine', 'the match is marked');
        await until(
          async () =>
            /^1 result/.test((await page.locator('sms-search [role="status"]').textContent()).trim()),
          'screen readers hear "1 result"',
        );
        const highlights = await recordHighlights(page);
        await page.keyboard.press('ArrowDown');
        assert.equal(
          await page
            .locator(`sms-search #${await input.getAttribute('aria-activedescendant')}`)
            .textContent()
            .then((t) => t.includes(needle)),
          true,
          '↓ makes the message result active',
        );
        await page.keyboard.press('Enter');

        // The chat opens around the message, which is in view, highlighted and announced.
        await until(
          async () => (await app.thread()).messages.some((m) => m.text === needle),
          'the message in the log',
        );
        await until(() => inView(page, needle), 'the message in view');
        await until(async () => (await highlights()).includes(needleId), 'the message highlighted');
        const jumped = await assertLogIsOnly(app, backend, target.id);
        assert.ok(
          !jumped.messages.some((m) => m.text === newest),
          'only the page around it was read, not the newest',
        );
        assert.match(jumped.announcement, /^Showing the message from /, 'and said politely');
        assert.equal((await app.state()).selected, target.id, 'the chat is selected');
        // 'Jump to the latest' is offered, whichever page arrived first: the window read around the message,
        // or that window joined with the newest page (the person is still far from the present either way).
        await page.getByRole('button', { name: 'Jump to the latest' }).waitFor({ timeout: 5000 });

        // Meanwhile a text arrives in the far chat.
        if (long) await backend.receive({ conversationId: far.id, text: 'Still there? (far chat)' });

        // Down to the present with the wheel: newer pages load on the way, each message once.
        for (let turn = 0; turn < 60 && !(await inView(page, newest)); turn++) {
          await wheelThread(app, long ? 900 : 1500);
          if (long || turn % 4 === 3) await assertLogIsOnly(app, backend, target.id);
        }
        await until(() => inView(page, newest), 'the newest message in view after wheeling down');
        await assertLogIsOnly(app, backend, target.id);
        await until(
          async () => (await page.getByRole('button', { name: 'Jump to the latest' }).count()) === 0,
          'no "Jump to the latest" once at the present',
        );

        // A reply goes to this chat, once.
        await app.send('Thanks, tangerine noted');
        await until(
          async () => (await backend.messages(target.id)).at(-1)?.text === 'Thanks, tangerine noted',
          'the reply stored',
        );
        await page.getByRole('log').getByText('Thanks, tangerine noted').waitFor();

        if (!long) return;
        // Back and forth: the far chat shows what arrived, then the searched chat at its newest.
        await app.openChat(far.id);
        await assertThreadIs(app, backend, far, farName);
        const name = await app.openChat(target.id);
        const back = await assertThreadIs(app, backend, target, name);
        assert.ok(
          back.messages.some((m) => m.text === 'Thanks, tangerine noted'),
          'the reply is there',
        );
        assert.equal(
          (await backend.messages(target.id)).filter((m) => m.text === 'Thanks, tangerine noted').length,
          1,
          'sent once',
        );
      }),
  },
  {
    name: 'filter chips: Unread, Failed and Opted out, alone and combined, by mouse and keyboard; texts arrive while filtered; Clear filters',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const long = !!ctx.all;
        const all = await backend.conversations();
        const ones = all.filter((c) => c.participants.length === 1 && c.unreadCount === 0);
        const [failing, stopper, plain, late, quiet] = [ones[1], ones[3], ones[5], ones[7], ones[9]];
        // A send the carrier refuses: the chat needs attention.
        const name = await app.openChat(failing.id);
        await assertThreadIs(app, backend, failing, name);
        await page.evaluate(() => window.smsTest.backend.setCarrierFailureRate(1));
        await app.send('Chip check: the carrier refuses this');
        await until(
          async () => (await backend.messages(failing.id)).at(-1)?.status === 'failed',
          'the carrier refuses it',
        );
        await page.evaluate(() => window.smsTest.backend.setCarrierFailureRate(0));
        // Someone replies STOP, someone else writes.
        await backend.receive({ conversationId: stopper.id, text: 'STOP' });
        await backend.receive({ conversationId: plain.id, text: 'Chip check: are you open today?' });
        const chip = (label) =>
          page.locator('sms-conversation-list').getByRole('button', { name: label, exact: true });

        // Unread by the keyboard: Tab from the search field to the first chip, Space.
        await app.typeSearch('');
        for (let tab = 0; tab < 4 && (await focused(page)).text !== 'Unread'; tab++)
          await page.keyboard.press('Tab');
        assert.equal(
          (await focused(page)).text,
          'Unread',
          'Tab goes from the search field to the first chip',
        );
        await page.keyboard.press('Space');
        await listMatches(app, backend, ['Unread'], [stopper, plain], [failing]);
        // A text arriving while filtered joins the list.
        if (long) {
          await backend.receive({ conversationId: late.id, text: 'Chip check: late arrival' });
          await listMatches(app, backend, ['Unread'], [stopper, plain, late]);
        }

        // Unread + Opted out, then Opted out alone (mouse).
        await chip('Opted out').click();
        await listMatches(app, backend, ['Unread', 'Opted out'], [stopper], [plain, late]);
        await chip('Unread').click();
        await listMatches(app, backend, ['Opted out'], [stopper], [plain]);
        // Failed alone: the refused send, "Not sent" in its preview.
        await chip('Opted out').click();
        await chip('Failed').click();
        const failedRows = await listMatches(app, backend, ['Failed'], [failing]);
        assert.match(failedRows.find((r) => r.c.id === failing.id).row.preview, /^Not sent/);
        // Failed + Unread: none (the failed chat was read) — the list says so and offers a way out.
        await chip('Unread').click();
        await listMatches(app, backend, ['Unread', 'Failed'], [], [failing]);
        await page.locator('sms-conversation-list').getByText('No chats match these filters').waitFor();
        await page.locator('sms-conversation-list').getByRole('button', { name: 'Clear filters' }).click();
        await until(async () => (await app.filters()).length === 0, 'no chip pressed');
        await until(async () => (await app.rows()).length > 10, 'the whole list is back');
        // A search query narrows the list, and the list follows it while it stands: a text that
        // matches, arriving in another chat, brings that chat in.
        await app.typeSearch('chip check');
        await listMatches(app, backend, [], [failing, plain], [quiet, stopper]);
        await backend.receive({ conversationId: quiet.id, text: 'Chip check: the tulips arrived' });
        await listMatches(app, backend, [], [failing, plain, quiet], [stopper]);
        await app.typeSearch('');
        await until(async () => (await app.rows()).length > 10, 'the whole list is back again');
        if (!long) return;
        // Unread + Opted out again (the STOP is still unread), then Opted out alone: open that chat
        // from the filtered list; the composer says why it can't send.
        await chip('Unread').click();
        await chip('Opted out').click();
        await listMatches(app, backend, ['Unread', 'Opted out'], [stopper]);
        await chip('Unread').click();
        await listMatches(app, backend, ['Opted out'], [stopper]);
        const stopName = await app.openChat(stopper.id);
        await threadShows(app, backend, stopper.id, 'the opted-out chat');
        await page
          .getByText(`${stopName} replied STOP and has opted out of texts.`, { exact: false })
          .first()
          .waitFor();
        assert.equal(
          await page.getByRole('textbox', { name: 'Type your message' }).isDisabled(),
          true,
          'the field is locked',
        );
      }),
  },
  {
    name: 'saved replies and send later: "/" picks a reply, Tab fills its variables, send; schedule with a photo, edit, send now, cancel; the backend sends on time, with the photo',
    run: (ctx) =>
      withApp(ctx, { clock: true }, async ({ app, page, backend }) => {
        const long = !!ctx.all;
        const { c: chat, name: person } = await namedChat(page, backend, 20, { mms: true });
        const first = person.split(' ')[0];
        const all = await backend.conversations();
        const name = await app.openChat(chat.id);
        await assertThreadIs(app, backend, chat, name);
        const box = page.getByRole('textbox', { name: 'Type your message' });

        // "/" opens the saved replies, a word filters them, Enter inserts one with the variables filled.
        await box.click();
        await page.keyboard.type('/appoint');
        const replies = page.getByRole('listbox', { name: 'Saved replies' });
        await replies.getByRole('option', { name: /Appointment reminder/ }).waitFor();
        await page.keyboard.press('Enter');
        await until(
          async () => (await field(page)).selected === '{date}',
          'the first variable left is selected',
        );
        assert.equal(
          (await field(page)).value,
          `Hi ${first}, a reminder of your appointment on {date} at {time}. Reply C to confirm.`,
          'the name is filled in',
        );
        await page.getByText('Fill in:').waitFor();
        await page.keyboard.type('Friday');
        await page.keyboard.press('Tab');
        assert.equal((await field(page)).selected, '{time}', 'Tab selects the next variable');
        await page.keyboard.type('3 PM');
        const reminder = `Hi ${first}, a reminder of your appointment on Friday at 3 PM. Reply C to confirm.`;
        assert.equal((await field(page)).value, reminder);
        await page.keyboard.press('Enter');
        await until(
          async () => (await backend.messages(chat.id)).at(-1)?.text === reminder,
          'the reply sent',
        );

        // Send later: a saved reply with every variable known, scheduled in an hour.
        await box.click();
        await page.keyboard.type('/welc');
        await replies.getByRole('option', { name: /Welcome/ }).waitFor();
        await page.keyboard.press('Enter');
        const welcome = await until(async () => {
          const v = (await field(page)).value;
          return v.startsWith(`Hi ${first}, this is `) && v;
        }, 'the welcome reply inserted');
        assert.match(
          welcome,
          /^Hi \S+, this is .+ from Acme Dental\. How can I help\?$/,
          'agent and company filled',
        );
        // A photo goes with it, picked with the paperclip.
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: 'Attach file' }).click();
        await (await chooser).setFiles(PHOTO);
        await until(async () => (await page.getByRole('progressbar').count()) === 0, 'the photo uploaded');
        await page.getByRole('button', { name: 'Send later' }).click();
        const dialog = page.getByRole('dialog', { name: 'Send later' });
        await dialog.getByRole('button', { name: /^In 1 hour/ }).click();
        await until(async () => !(await dialog.isVisible()), 'the dialog closes');
        await page
          .getByText(/^Message scheduled for /)
          .first()
          .waitFor();
        const scheduledList = page.locator('sms-scheduled-list');
        await until(
          async () => (await app.thread()).scheduled.join('|') === welcome,
          'listed once at the bottom',
        );
        await scheduledList
          .getByText(/^Scheduled for /)
          .first()
          .waitFor();
        assert.equal((await field(page)).value, '', 'the field is empty again');
        assert.equal(
          await page.locator('sms-composer').getByText(PHOTO.name).count(),
          0,
          'the photo left the composer with it',
        );
        await scheduledList.getByRole('img', { name: PHOTO.name }).waitFor();
        assert.equal((await backend.scheduled(chat.id)).length, 1, 'scheduled in the backend');
        assert.deepEqual(
          (await backend.scheduled(chat.id))[0].attachments.map((a) => a.name),
          [PHOTO.name],
          'scheduled with the photo',
        );
        assert.ok(!(await backend.messages(chat.id)).some((m) => m.text === welcome), 'not sent yet');

        if (long) await awayEditSendNowCancel();
        async function awayEditSendNowCancel() {
          // Away to a chat far down and back: still listed once, there only.
          const other = all[45];
          await app.openChat(other.id);
          await threadShows(app, backend, other.id, 'the other chat');
          assert.deepEqual((await app.thread()).scheduled, [], 'no scheduled message in another chat');
          await app.openChat(chat.id);
          await until(
            async () => (await app.thread()).scheduled.join('|') === welcome,
            'listed once on return',
          );

          // Edit its text.
          await scheduledList.getByRole('button', { name: 'Edit' }).click();
          const editor = scheduledList.getByRole('textbox', { name: 'Message' });
          await until(async () => (await focused(page)).tag === 'textarea', 'the editor takes the focus');
          await page.keyboard.press('ControlOrMeta+a');
          const edited = `${welcome} See you soon.`;
          await page.keyboard.type(edited);
          assert.equal(await editor.inputValue(), edited);
          await scheduledList.getByRole('button', { name: 'Save changes' }).click();
          await until(async () => (await app.thread()).scheduled.join('|') === edited, 'the edit shown');
          await until(async () => (await backend.scheduled(chat.id))[0]?.text === edited, 'the edit stored');

          // Two more: one sent now, one cancelled.
          const later = 'Your invoice is ready: we will send it tomorrow morning.';
          await box.click();
          await page.keyboard.type(later);
          await page.getByRole('button', { name: 'Send later' }).click();
          await dialog.getByRole('button', { name: /^Tomorrow 9 AM/ }).click();
          await until(async () => (await app.thread()).scheduled.length === 2, 'two scheduled');
          assert.deepEqual((await app.thread()).scheduled, [edited, later], 'soonest first');
          await scheduledList
            .getByRole('listitem')
            .filter({ hasText: later })
            .getByRole('button', { name: 'Send now' })
            .click();
          await until(async () => (await backend.messages(chat.id)).at(-1)?.text === later, 'sent now');
          await page.getByRole('log').getByText(later).waitFor();
          await until(
            async () => (await app.thread()).scheduled.join('|') === edited,
            'gone from the scheduled list',
          );
          await page.getByText('Scheduled message sent').first().waitFor();

          const cancelled = 'Cancel me before I go out.';
          await box.click();
          await page.keyboard.type(cancelled);
          await page.getByRole('button', { name: 'Send later' }).click();
          await dialog.getByRole('button', { name: /^In 1 hour/ }).click();
          await until(async () => (await app.thread()).scheduled.includes(cancelled), 'the third listed');
          await scheduledList
            .getByRole('listitem')
            .filter({ hasText: cancelled })
            .getByRole('button', { name: 'Cancel' })
            .click();
          await until(async () => (await app.thread()).scheduled.join('|') === edited, 'cancelled');
          await page.getByText('Scheduled message cancelled').first().waitFor();
          assert.equal((await backend.scheduled(chat.id)).length, 1, 'one left in the backend');
        }
        // An hour later the backend sends the one left, by itself; the cancelled one never goes.
        const left = long ? `${welcome} See you soon.` : welcome;
        await page.clock.fastForward('01:01:00');
        await until(async () => (await backend.messages(chat.id)).at(-1)?.text === left, 'sent on time');
        await page.getByRole('log').getByText(left).waitFor();
        await page
          .getByRole('log')
          .getByRole('button', { name: `Open ${PHOTO.name}` })
          .waitFor();
        await until(async () => (await app.thread()).scheduled.length === 0, 'the scheduled list is empty');
        const held = await backend.messages(chat.id);
        assert.equal(held.filter((m) => m.text === left).length, 1, 'sent once');
        assert.deepEqual(
          held.find((m) => m.text === left).attachments.map((a) => a.name),
          [PHOTO.name],
          'sent with the photo',
        );
        if (long)
          assert.ok(
            !held.some((m) => m.text === 'Cancel me before I go out.'),
            'the cancelled one was never sent',
          );
        assert.deepEqual(await backend.scheduled(chat.id), [], 'nothing left scheduled');
      }),
  },
  {
    name: 'reactions, Media & files and click-to-text: a tapback shows as a chip on the quoted message; the files grid by keyboard, Enter opens the viewer, focus returns; sms: links on the page open the composer',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const long = !!ctx.all;
        const { c: chat } = await namedChat(page, backend, 10);
        const name = await app.openChat(chat.id);
        await assertThreadIs(app, backend, chat, name);
        // Reactions: an iPhone's "Liked “…”" and an Android's "Reacted 😂 to “…”" on my message.
        const mine = 'See you at 9 by the front desk';
        await app.send(mine);
        await until(async () => (await backend.messages(chat.id)).at(-1)?.text === mine, 'stored');
        await backend.receive({ conversationId: chat.id, text: `Liked “${mine}”` });
        const item = page
          .locator('sms-thread .item')
          .filter({ has: page.locator('[part="bubble"]', { hasText: mine }) });
        const chips = item.getByRole('group', { name: 'Reactions' }).locator('[part="reaction"]');
        await until(async () => (await chips.count()) === 1, 'a reaction chip under the message');
        assert.equal((await chips.locator('.reaction-emoji').textContent()).trim(), '👍');
        assert.equal(
          await chips.getAttribute('title'),
          `${name}: Liked “${mine}”`,
          'who reacted, and the text as sent, in the tooltip',
        );
        // The same person's next reaction replaces it (as on their phone): an Android's "Reacted 😂 to".
        if (long) await backend.receive({ conversationId: chat.id, text: `Reacted 😂 to “${mine}”` });
        await until(
          async () =>
            (await chips.count()) === 1 &&
            (await chips.locator('.reaction-emoji').textContent()).trim() === (long ? '😂' : '👍'),
          long ? 'the chip is now 😂' : 'still one chip',
        );
        // A reaction to a message that is not in the thread stays a text.
        const stray = 'Loved “a message from last year”';
        await backend.receive({ conversationId: chat.id, text: stray });
        await page.getByRole('log').getByText(stray).waitFor();
        const bubbles = (await app.thread()).messages.map((m) => m.text);
        assert.ok(
          !bubbles.some((t) => t.startsWith('Liked “') || t.startsWith('Reacted 😂')),
          'no bubble for a tapback',
        );

        // Media & files: three files arrive; ⋯ → Media & files; arrows, Enter, Esc, Esc.
        for (const media of long ? [['photo'], ['portrait'], ['panorama']] : [['photo'], ['portrait']])
          await backend.receive({ conversationId: chat.id, media });
        await until(
          async () => (await page.locator('sms-thread [part="attachment"]').count()) >= 2,
          'the files in the log',
        );
        const more = page.locator('sms-thread header').getByRole('button', { name: 'More actions' });
        await more.click();
        await page.getByRole('menuitem', { name: 'Media & files' }).click();
        const files = page.getByRole('dialog', { name: 'Media & files' });
        await files.waitFor();
        const tiles = files.locator('[part="tile"]');
        await until(async () => (await tiles.count()) >= 2, 'the grid shows the files');
        await page.keyboard.press('Tab');
        const firstTile = await focused(page);
        assert.match(firstTile.label, /^Open .+, from /, 'Tab reaches the first file');
        await page.keyboard.press('ArrowRight');
        const second = await focused(page);
        assert.notEqual(second.label, firstTile.label, 'ArrowRight moves to the next file');
        assert.equal(second.label, await tiles.nth(1).getAttribute('aria-label'));
        await page.keyboard.press('Enter');
        const viewer = page.getByRole('dialog', { name: 'Media player' });
        await viewer.waitFor();
        await page.keyboard.press('Escape');
        await until(async () => !(await viewer.isVisible()), 'Esc closes the player');
        await until(
          async () => (await focused(page)).label === second.label,
          'the focus is back on that file',
        );
        await page.keyboard.press('Escape');
        await until(async () => !(await files.isVisible()), 'Esc closes Media & files');
        await until(async () => (await focused(page)).label === 'More actions', 'the focus is back on ⋯');

        // Click-to-text: the portal's page has sms: links; a click opens the composer with the text.
        await page.evaluate(
          ({ known, fresh }) => {
            const card = document.createElement('aside');
            card.innerHTML = `<a id="text-known" href="sms:${known}?body=Following%20up%20on%20your%20visit">Text the customer</a>
              <a id="text-new" href="sms:${fresh}?body=Your%20order%20is%20ready">Text 202-555-0143</a>`;
            document.querySelector('nav').append(card);
          },
          { known: chat.participants[0], fresh: FREE_NUMBER },
        );
        await page.locator('#text-new').click();
        await until(
          async () => (await field(page)).value === 'Your order is ready',
          'the composer has the body',
        );
        assert.equal((await focused(page)).tag, 'textarea', 'the field has the focus');
        await page.keyboard.press('End');
        await page.keyboard.type(' for pick-up.');
        await page.keyboard.press('Enter');
        const fresh = await until(
          async () => (await backend.conversations()).find((c) => c.participants.join() === FREE_NUMBER),
          'a chat with the number',
        );
        await until(
          async () => (await backend.messages(fresh.id)).at(-1)?.text === 'Your order is ready for pick-up.',
          'the text stored',
        );
        if (!long) return;
        await page.locator('#text-known').click();
        await threadShows(app, backend, chat.id, 'the known chat opened by its link');
        await until(
          async () => (await field(page)).value === 'Following up on your visit',
          'its draft has the body',
        );
        await page.keyboard.press('Enter');
        await until(
          async () => (await backend.messages(chat.id)).at(-1)?.text === 'Following up on your visit',
          'sent in the existing chat',
        );
        assert.equal(page.url().startsWith('sms:'), false, 'the page did not navigate');
      }),
  },
  {
    name: 'retry a send the carrier refused: clicking "Not sent" sends it again, once',
    run: (ctx) =>
      withApp(ctx, {}, async ({ app, page, backend }) => {
        const target = (await backend.conversations()).filter((c) => c.participants.length === 1)[2];
        const name = await app.openChat(target.id);
        await assertThreadIs(app, backend, target, name);
        const text = 'The carrier refuses this one first';
        await page.evaluate(() => window.smsTest.backend.setCarrierFailureRate(1));
        await app.send(text);
        await until(async () => (await backend.messages(target.id)).at(-1)?.status === 'failed', 'refused');
        await page.evaluate(() => window.smsTest.backend.setCarrierFailureRate(0));
        const retry = page.getByRole('button', { name: `Not sent. Click to try again. ${text}` });
        await retry.click();
        await until(
          async () =>
            (await backend.messages(target.id)).some((m) => m.text === text && m.status !== 'failed'),
          'sent again',
          8000,
        );
        await until(async () => (await retry.count()) === 0, 'no longer "Not sent" on screen');
      }),
  },
];

/** Journeys that run only with `--all` (or JOURNEYS_ALL=1): longer, or waiting on a known defect. */
export const slowJourneys = [];

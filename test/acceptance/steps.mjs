// Steps the journeys share: open the app on the memory backend, and check that the thread pane
// shows the chat chosen (header, log and composer) with all of its messages.
import assert from 'node:assert/strict';
import { backends, openApp, until } from './app.mjs';

/** Opens the app on the memory backend; runs `body`; closes the context; fails on page errors. */
export async function withApp(ctx, options, body) {
  const opened = await openApp(ctx.browser, ctx.base, options);
  try {
    await body({ ...opened, backend: backends.memory(opened.page) });
    assert.deepEqual(opened.errors, [], 'no uncaught error or console error');
  } finally {
    await opened.context.close();
  }
}

/** Waits until the thread on screen is `conversationId`'s, loaded, and shows all its messages. */
export async function threadShows(app, backend, conversationId, label) {
  const held = await backend.messages(conversationId);
  const newest = held.at(-1);
  try {
    return await until(async () => {
      const t = await app.thread();
      if (t.conversationId !== conversationId || t.loading) return false;
      if (newest?.text && !t.messages.some((m) => m.text === newest.text.trim())) return false;
      return t;
    }, label);
  } catch (error) {
    const t = await app.thread();
    const shown = t.messages.slice(-3).map((m) => m.text.slice(0, 40));
    throw new Error(
      `${error.message}: on screen ${t.conversationId} "${t.title}" ending ${JSON.stringify(shown)}; ` +
        `${conversationId}'s newest is ${JSON.stringify(newest?.text.slice(0, 40))}`,
    );
  }
}

/** Asserts the thread pane shows one chat only: header, log and composer all `c`'s. */
export async function assertThreadIs(app, backend, c, name) {
  const t = await threadShows(app, backend, c.id, `the thread of ${name}`);
  assert.equal(t.title, name, 'the header names the chosen chat');
  assert.equal(t.composerId, c.id, 'the composer writes to the chosen chat');
  const held = await backend.messages(c.id);
  const keys = new Set(held.flatMap((m) => [m.id, m.clientId].filter(Boolean)));
  const foreign = t.messages.filter((m) => !keys.has(m.key));
  assert.deepEqual(foreign, [], `the log shows only ${name}'s messages`);
  return t;
}

import type { SavedReply } from '../../model/saved-reply.js';
import { assert, need, rejectsWith, checkSavedReply, nonsense } from './checks.js';
import type { Suite } from './suite.js';

/** The optional saved replies: personal replies, isolation between accounts. */
export function savedRepliesConformance(s: Suite): void {
  const { test } = s;

  test('saved replies: listed, created, changed and deleted as personal replies, trimmed and checked', async ({
    transport,
  }) => {
    if (transport.listSavedReplies === undefined) return; // optional: hosts give replies directly
    const list = async (): Promise<readonly SavedReply[]> => {
      const replies = await transport.listSavedReplies!();
      assert(Array.isArray(replies), 'listSavedReplies must resolve with an array');
      replies.forEach((r, i) => checkSavedReply(r, `saved reply ${i}`));
      assert(new Set(replies.map((r) => r.id)).size === replies.length, 'saved reply ids must not repeat');
      return replies;
    };
    const before = await list();
    if (transport.saveSavedReply === undefined) return; // a read-only list
    assert(
      typeof transport.deleteSavedReply === 'function',
      'a transport with saveSavedReply must have deleteSavedReply too',
    );
    const tag = `zq${nonsense(6)}`;
    const created = await transport.saveSavedReply({
      title: `  Conformance ${tag}  `,
      text: ` Hi {first_name} ${tag} `,
    });
    checkSavedReply(created, 'the reply saveSavedReply created');
    assert(created.personal === true, 'a reply created with saveSavedReply is personal');
    assert(
      created.title === `Conformance ${tag}`,
      `the title is stored trimmed, got ${JSON.stringify(created.title)}`,
    );
    assert(
      created.text === `Hi {first_name} ${tag}`,
      `the text is stored trimmed, got ${JSON.stringify(created.text)}`,
    );
    assert(!before.some((r) => r.id === created.id), 'a new reply gets a new id');
    const afterCreate = await list();
    const listed = afterCreate.find((r) => r.id === created.id);
    assert(listed?.text === created.text && listed.personal, 'listSavedReplies includes the created reply');
    assert(afterCreate.length === before.length + 1, 'creating a reply adds exactly one');
    (listed as { title: string }).title = 'changed by the caller';
    assert(
      (await list()).find((r) => r.id === created.id)?.title === created.title,
      'changing a listed reply changes nothing',
    );

    const changed = await transport.saveSavedReply({
      id: created.id,
      title: `Changed ${tag}`,
      text: `Bye ${tag}`,
    });
    assert(changed.id === created.id, 'saveSavedReply with an id changes that reply (same id)');
    assert(changed.title === `Changed ${tag}` && changed.text === `Bye ${tag}`, 'the change is answered');
    const afterChange = await list();
    assert(afterChange.length === afterCreate.length, 'changing a reply does not add one');
    assert(afterChange.find((r) => r.id === created.id)?.text === `Bye ${tag}`, 'the change is stored');

    for (const [request, what] of [
      [{ title: '  ', text: 'x' }, 'a blank title'],
      [{ title: 'x', text: ' \n ' }, 'a blank text'],
      [{ title: 'x'.repeat(81), text: 'x' }, 'a title of 81 characters'],
      [{ title: 'x', text: 'x'.repeat(1601) }, 'a text of 1601 characters'],
      [{ id: created.id, title: '', text: 'x' }, 'a change to a blank title'],
    ] as const) {
      await rejectsWith(transport.saveSavedReply(request), ['invalid'], `saveSavedReply with ${what}`, [
        'bad-request',
      ]);
    }
    assert(
      (await list()).find((r) => r.id === created.id)?.title === `Changed ${tag}`,
      'a refused change changes nothing',
    );
    await rejectsWith(
      transport.saveSavedReply({ id: `no-such-reply-${tag}`, title: 'x', text: 'x' }),
      ['not-found'],
      'saveSavedReply with an unknown id',
    );
    const shared = before.find((r) => !r.personal);
    if (shared) {
      await rejectsWith(
        transport.saveSavedReply({ id: shared.id, title: 'x', text: 'x' }),
        ['invalid'],
        'saveSavedReply of a shared reply',
        ['read-only'],
      );
      await rejectsWith(
        transport.deleteSavedReply!({ id: shared.id }),
        ['invalid'],
        'deleteSavedReply of a shared reply',
        ['read-only'],
      );
    }

    await transport.deleteSavedReply!({ id: created.id });
    const afterDelete = await list();
    assert(!afterDelete.some((r) => r.id === created.id), 'a deleted reply is no longer listed');
    assert(afterDelete.length === before.length, 'deleting a reply removes exactly one');
    await rejectsWith(
      transport.deleteSavedReply!({ id: created.id }),
      ['not-found'],
      'deleting a reply twice',
    );
  });

  test('saved replies: another account never sees nor changes this account’s replies (hooks.connectOtherAccount)', async ({
    transport,
    hooks,
  }) => {
    if (transport.saveSavedReply === undefined || transport.listSavedReplies === undefined) return;
    const tag = `zq${nonsense(6)}`;
    const mine = await transport.saveSavedReply({ title: `Private ${tag}`, text: `Only mine ${tag}` });
    need(
      hooks?.connectOtherAccount,
      'hooks.connectOtherAccount is missing (give a transport signed in to another account of the ' +
        'same backend: saved replies must never cross accounts)',
    );
    const other = await hooks.connectOtherAccount();
    need(
      other.listSavedReplies && other.saveSavedReply && other.deleteSavedReply,
      'the other account’s transport needs saved replies too',
    );
    const theirs = await other.listSavedReplies();
    assert(
      !theirs.some((r) => r.id === mine.id || r.text.includes(tag)),
      'another account lists this account’s personal reply',
    );
    await rejectsWith(
      other.saveSavedReply({ id: mine.id, title: 'taken', text: 'taken' }),
      ['not-found'],
      'another account changing this account’s reply',
    );
    await rejectsWith(
      other.deleteSavedReply({ id: mine.id }),
      ['not-found'],
      'another account deleting this account’s reply',
    );
    const still = (await transport.listSavedReplies()).find((r) => r.id === mine.id);
    assert(still?.title === `Private ${tag}`, 'the reply is unchanged after another account tried');
  });
}

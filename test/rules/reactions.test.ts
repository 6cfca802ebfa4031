import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { attachReactions, parseReaction, quoteMatches } from '../../src/rules/reactions.js';
import type { ReactableMessage } from '../../src/rules/reactions.js';

/** [text, kind, emoji, removed, quoted text or media]. */
type Row = readonly [string, string, string, boolean, string];

const recognised: readonly Row[] = [
  // iPhone tapbacks, English
  ['Liked “See you at 9”', 'like', '👍', false, 'See you at 9'],
  ['Loved “Thanks so much!”', 'love', '❤️', false, 'Thanks so much!'],
  ['Laughed at “lol that dog”', 'laugh', '😂', false, 'lol that dog'],
  ['Emphasized “Bring the keys”', 'emphasize', '‼️', false, 'Bring the keys'],
  ['Emphasised “Bring the keys”', 'emphasize', '‼️', false, 'Bring the keys'],
  ['Questioned “Tuesday?”', 'question', '❓', false, 'Tuesday?'],
  ['Disliked “Rain all week”', 'dislike', '👎', false, 'Rain all week'],
  ['Liked "straight quotes"', 'like', '👍', false, 'straight quotes'],
  ['Loved “two\nlines”', 'love', '❤️', false, 'two\nlines'],
  ['Loved “He said “hi” to me”', 'love', '❤️', false, 'He said “hi” to me'],
  ['Loved an image', 'love', '❤️', false, 'image'],
  ['Liked a video', 'like', '👍', false, 'video'],
  ['Laughed at a movie', 'laugh', '😂', false, 'video'],
  ['Emphasized an attachment', 'emphasize', '‼️', false, 'file'],
  ['Liked an audio message', 'like', '👍', false, 'audio'],
  ['Removed a like from “See you at 9”', 'like', '👍', true, 'See you at 9'],
  ['Removed a heart from “Thanks”', 'love', '❤️', true, 'Thanks'],
  ['Removed a laugh from “lol”', 'laugh', '😂', true, 'lol'],
  ['Removed an exclamation from “Now”', 'emphasize', '‼️', true, 'Now'],
  ['Removed a question mark from “When?”', 'question', '❓', true, 'When?'],
  ['Removed a dislike from “Rain”', 'dislike', '👎', true, 'Rain'],
  ['Removed a heart from an image', 'love', '❤️', true, 'image'],
  // Emoji reactions: iOS 18 and Android (Google Messages)
  ['Reacted 🔥 to “New truck is here”', 'emoji', '🔥', false, 'New truck is here'],
  ['Reacted 👍 to “ok”', 'like', '👍', false, 'ok'],
  ['Reacted ❤ to “ok”', 'love', '❤️', false, 'ok'],
  ['Reacted with 🙏 to "Done"', 'emoji', '🙏', false, 'Done'],
  ['Reacted 👨‍👩‍👧 to an image', 'emoji', '👨‍👩‍👧', false, 'image'],
  ['Removed 🔥 from “New truck is here”', 'emoji', '🔥', true, 'New truck is here'],
  // Spanish
  ['Le gustó “Nos vemos a las 9”', 'like', '👍', false, 'Nos vemos a las 9'],
  ['Le gusto “sin tilde”', 'like', '👍', false, 'sin tilde'],
  ['Le encantó “Gracias”', 'love', '❤️', false, 'Gracias'],
  ['No le gustó “Lluvia”', 'dislike', '👎', false, 'Lluvia'],
  ['Le dio risa “jaja”', 'laugh', '😂', false, 'jaja'],
  ['Se rió de “jaja”', 'laugh', '😂', false, 'jaja'],
  ['Exclamó por “Ahora”', 'emphasize', '‼️', false, 'Ahora'],
  ['Enfatizó “Ahora”', 'emphasize', '‼️', false, 'Ahora'],
  ['Dudó sobre “¿Martes?”', 'question', '❓', false, '¿Martes?'],
  ['Cuestionó “¿Martes?”', 'question', '❓', false, '¿Martes?'],
  ['Le encantó una imagen', 'love', '❤️', false, 'image'],
  ['Le gustó un video', 'like', '👍', false, 'video'],
  ['Le gustó un vídeo', 'like', '👍', false, 'video'],
  ['Reaccionó con 😮 a “Llego tarde”', 'emoji', '😮', false, 'Llego tarde'],
  ['Reaccionó 👍 a “Listo”', 'like', '👍', false, 'Listo'],
  ['Quitó un me gusta de “Listo”', 'like', '👍', true, 'Listo'],
  ['Quitó un corazón de “Gracias”', 'love', '❤️', true, 'Gracias'],
];

const ordinary = [
  '',
  'Liked',
  'Liked it, thanks',
  'I liked “the blue one”',
  'He said “I loved it” and then left',
  'Loved “it” but not the price',
  'Loved “”',
  'Liked the image',
  'Reacted to “ok”',
  'Reacted strongly to “ok”',
  'Removed the box from “garage”',
  'Le gustó mucho',
  'Loved an image of the house',
  'See you at 9',
];

describe('parseReaction', () => {
  for (const [text, kind, emoji, removed, target] of recognised) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const r = parseReaction(text);
      expect(r, text).to.not.equal(null);
      expect(r!.kind).to.equal(kind);
      expect(r!.emoji).to.equal(emoji);
      expect(r!.removed).to.equal(removed);
      expect(r!.target.kind === 'text' ? r!.target.quoted : r!.target.media).to.equal(target);
    });
  }

  it('tells the language of the wording', () => {
    expect(parseReaction('Liked “a”')!.language).to.equal('en');
    expect(parseReaction('Le gustó “a”')!.language).to.equal('es');
    expect(parseReaction('Reaccionó con 😮 a “a”')!.language).to.equal('es');
  });

  it('marks a quote cut short', () => {
    const r = parseReaction('Loved “The crew will be there at 9 tomorrow morning…”')!;
    expect(r.target).to.deep.include({ kind: 'text', truncated: true });
  });

  for (const text of ordinary) {
    it(`leaves ${JSON.stringify(text)} alone`, () => expect(parseReaction(text)).to.equal(null));
  }

  it('reads any quoted text back exactly (property)', () => {
    const verbs = ['Liked', 'Loved', 'Laughed at', 'Le gustó', 'Reacted 🔥 to', 'Removed a like from'];
    fc.assert(
      fc.property(
        fc.constantFrom(...verbs),
        fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0 && s === s.trim()),
        (verb, quoted) => {
          const r = parseReaction(`${verb} “${quoted}”`);
          return r !== null && r.target.kind === 'text' && r.target.quoted === quoted;
        },
      ),
    );
  });

  it('never throws and never reads words after the quote as a reaction (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ minLength: 1, maxLength: 20 }), (s, tail) => {
        parseReaction(s);
        const word = tail.replace(/[\s“”"'«»‘’「」„]/gu, '');
        return !word || parseReaction(`Liked “${s}” ${word}`) === null;
      }),
    );
  });
});

describe('quoteMatches', () => {
  it('compares whitespace-insensitively and by prefix when cut short', () => {
    const target = { kind: 'text' as const, quoted: 'See  you\nat 9', truncated: false };
    expect(quoteMatches(target, 'See you at 9')).to.equal(true);
    expect(quoteMatches(target, 'See you at 10')).to.equal(false);
    const cut = { kind: 'text' as const, quoted: 'The crew will be…', truncated: true };
    expect(quoteMatches(cut, 'The crew will be there at 9')).to.equal(true);
    expect(quoteMatches(cut, 'The van will be there')).to.equal(false);
  });
});

describe('attachReactions', () => {
  const msg = (from: string, text: string, types: string[] = []): ReactableMessage => ({
    from,
    text,
    attachments: types.map((type) => ({ type })),
  });

  it('draws a reaction on the newest earlier message it quotes', () => {
    const messages = [
      msg('me', 'ok'),
      msg('ana', 'Liked “ok”'),
      msg('me', 'ok'),
      msg('ana', 'Loved “ok”'),
      msg('ana', 'Liked “not here”'),
    ];
    const index = attachReactions(messages);
    expect([...index.on.keys()]).to.deep.equal([0, 2]);
    expect(index.on.get(0)!.map((r) => r.reaction.kind)).to.deep.equal(['like']);
    expect(index.on.get(2)!.map((r) => r.reaction.kind)).to.deep.equal(['love']);
    // The one whose message is not loaded stays a bubble.
    expect([...index.consumed]).to.deep.equal([1, 3]);
  });

  it('keeps one reaction per person, and a removal takes it away', () => {
    const messages = [
      msg('me', 'See you at 9'),
      msg('ana', 'Liked “See you at 9”'),
      msg('ben', 'Laughed at “See you at 9”'),
      msg('ana', 'Loved “See you at 9”'),
      msg('ben', 'Removed a laugh from “See you at 9”'),
    ];
    const index = attachReactions(messages);
    expect(index.on.get(0)!.map((r) => `${r.message.from}:${r.reaction.kind}`)).to.deep.equal(['ana:love']);
    expect([...index.consumed].sort()).to.deep.equal([1, 2, 3, 4]);
  });

  it('finds the newest earlier file for "Loved an image", and a cut-short quote by its start', () => {
    const messages = [
      msg('me', '', ['image/jpeg']),
      msg('me', 'Here is the invoice', ['application/pdf']),
      msg('me', 'The crew will be there at 9 tomorrow morning, call me'),
      msg('ana', 'Loved an image'),
      msg('ana', 'Liked “The crew will be there at 9…”'),
      msg('ana', 'Liked a video'),
    ];
    const index = attachReactions(messages);
    expect([...index.on.keys()].sort()).to.deep.equal([0, 2]);
    expect([...index.consumed].sort()).to.deep.equal([3, 4]);
  });

  it('draws every wording parseReaction reads, led by spaces or not (the quick first-word check lets all through)', () => {
    const types: Record<string, string> = {
      image: 'image/jpeg',
      video: 'video/mp4',
      audio: 'audio/mpeg',
      file: 'application/pdf',
    };
    for (const [text, , , , target] of recognised) {
      const reacted = types[target] ? msg('me', '', [types[target]]) : msg('me', target);
      for (const wording of [text, ` \n${text}`, text[0]!.toLowerCase() + text.slice(1)]) {
        if (!parseReaction(wording)) continue;
        const index = attachReactions([reacted, msg('ana', wording)]);
        expect([...index.consumed], wording).to.deep.equal([1]);
      }
    }
  });

  it('does not react to reactions', () => {
    const messages = [msg('ana', 'Liked “x”'), msg('me', 'Liked “Liked “x””')];
    expect(attachReactions(messages).on.size).to.equal(0);
  });
});

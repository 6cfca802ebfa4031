/**
 * Reactions that arrive as plain texts. An iPhone sends its tapbacks to SMS/MMS recipients as
 * `Liked “See you at 9”`, `Loved an image` or `Removed a heart from “…”` (in the sender's
 * language: `Le gustó “…”`, `Le dio risa “…”`), and Android phones send `Reacted 👍 to “…”`
 * (`Reaccionó con 👍 a “…”`). Parsed, they can be drawn on the message they react to.
 *
 * Pure functions, no DOM: {@link parseReaction} reads one text, {@link attachReactions} pairs
 * the reactions of a list of messages with the messages they quote.
 */

/** The six classic tapbacks, or any other emoji. */
export type ReactionKind = 'love' | 'like' | 'dislike' | 'laugh' | 'emphasize' | 'question' | 'emoji';

/** What a media reaction names: `an image`, `a video`, `an audio message`, `an attachment`. */
export type ReactionMedia = 'image' | 'video' | 'audio' | 'file';

/** What the reaction points at: a quoted text, or a file. */
export type ReactionTarget =
  | {
      readonly kind: 'text';
      /** The quoted text as sent (without the quotes). */
      readonly quoted: string;
      /** The sender's phone cut the quote short (it ends with `…` or `...`). */
      readonly truncated: boolean;
    }
  | { readonly kind: 'media'; readonly media: ReactionMedia };

/** A text recognised as a reaction. */
export interface ParsedReaction {
  readonly kind: ReactionKind;
  /** The emoji to show: the tapback's (👍 ❤️ 👎 😂 ‼️ ❓) or the one sent. */
  readonly emoji: string;
  /** `Removed a like from “…”`: takes an earlier reaction away. */
  readonly removed: boolean;
  readonly target: ReactionTarget;
  /** The language of the wording. */
  readonly language: 'en' | 'es';
}

/** The emoji each classic tapback is shown with. */
export const TAPBACK_EMOJI: Readonly<Record<Exclude<ReactionKind, 'emoji'>, string>> = {
  love: '❤️',
  like: '👍',
  dislike: '👎',
  laugh: '😂',
  emphasize: '‼️',
  question: '❓',
};

type Classic = Exclude<ReactionKind, 'emoji'>;

/** The longest text read as a reaction (the quote of a long message; SMS stop at 1,600). */
const MAX_LENGTH = 2000;

/** Verbs that add a classic tapback, in both languages (accents optional, as keyboards drop them). */
const ADD_VERBS: readonly (readonly [RegExp, Classic, 'en' | 'es'])[] = [
  [/^liked\s+/iu, 'like', 'en'],
  [/^loved\s+/iu, 'love', 'en'],
  [/^disliked\s+/iu, 'dislike', 'en'],
  [/^laughed\s+at\s+/iu, 'laugh', 'en'],
  [/^emphasi[sz]ed\s+/iu, 'emphasize', 'en'],
  [/^questioned\s+/iu, 'question', 'en'],
  // "No le gustó" before "Le gustó".
  [/^no\s+le\s+gust[oó]\s+/iu, 'dislike', 'es'],
  [/^le\s+gust[oó]\s+/iu, 'like', 'es'],
  [/^le\s+encant[oó]\s+/iu, 'love', 'es'],
  [/^le\s+dio\s+risa\s+/iu, 'laugh', 'es'],
  [/^le\s+hizo\s+gracia\s+/iu, 'laugh', 'es'],
  [/^se\s+ri[oó]\s+de\s+/iu, 'laugh', 'es'],
  [/^exclam[oó]\s+(?:por|sobre|ante)\s+/iu, 'emphasize', 'es'],
  [/^enfatiz[oó]\s+/iu, 'emphasize', 'es'],
  [/^destac[oó]\s+/iu, 'emphasize', 'es'],
  [/^dud[oó]\s+(?:de|sobre)\s+/iu, 'question', 'es'],
  [/^cuestion[oó]\s+/iu, 'question', 'es'],
  [/^pregunt[oó]\s+por\s+/iu, 'question', 'es'],
];

/** The nouns of `Removed a heart from …` / `Quitó un corazón de …`. */
const REMOVED_NOUNS: readonly (readonly [RegExp, Classic])[] = [
  [/^(?:a\s+)?like$/iu, 'like'],
  [/^(?:a\s+)?heart$/iu, 'love'],
  [/^(?:a\s+)?dislike$/iu, 'dislike'],
  [/^(?:a\s+)?laugh$/iu, 'laugh'],
  [/^(?:an\s+)?(?:exclamation(?:\s+mark)?|emphasis)$/iu, 'emphasize'],
  [/^(?:a\s+)?question(?:\s+mark)?$/iu, 'question'],
  [/^(?:un\s+|el\s+)?no\s+me\s+gusta$/iu, 'dislike'],
  [/^(?:un\s+|el\s+)?me\s+gusta$/iu, 'like'],
  [/^(?:un\s+|el\s+)?coraz[oó]n$/iu, 'love'],
  [/^(?:una\s+|la\s+)?risa$/iu, 'laugh'],
  [/^(?:una\s+|la\s+|un\s+|el\s+)?(?:signo\s+de\s+)?exclamaci[oó]n$/iu, 'emphasize'],
  [/^(?:una\s+|la\s+|un\s+|el\s+)?(?:signo\s+de\s+)?interrogaci[oó]n$/iu, 'question'],
  [/^(?:una\s+|la\s+)?pregunta$/iu, 'question'],
];

const REMOVED_EN = /^removed\s+(.{1,40}?)\s+from\s+/iu;
const REMOVED_ES = /^(?:quit[oó]|elimin[oó]|retir[oó])\s+(.{1,40}?)\s+(?:de|a|en)\s+/iu;
const REACTED_EN = /^reacted\s+(?:with\s+)?(\S{1,32})\s+to\s+/iu;
const REACTED_ES = /^reaccion[oó]\s+(?:con\s+)?(\S{1,32})\s+(?:a|al\s+mensaje)\s+/iu;

/** Media named instead of a quote: `an image`, `un video`. */
const MEDIA: readonly (readonly [RegExp, ReactionMedia])[] = [
  [/^(?:an?\s+)?(?:image|photo|picture|gif|sticker)$/iu, 'image'],
  [/^(?:an?\s+)?(?:video|movie)$/iu, 'video'],
  [/^(?:an?\s+)?(?:audio(?:\s+message)?|voice\s+message)$/iu, 'audio'],
  [/^(?:an?\s+)?(?:attachment|file|document)$/iu, 'file'],
  [/^(?:una?\s+)?(?:imagen|foto(?:graf[ií]a)?|gif|sticker)$/iu, 'image'],
  [/^(?:una?\s+)?(?:v[ií]deo|pel[ií]cula)$/iu, 'video'],
  [/^(?:una?\s+)?(?:audio|mensaje\s+de\s+(?:audio|voz))$/iu, 'audio'],
  [/^(?:una?\s+)?(?:archivo(?:\s+adjunto)?|adjunto|documento)$/iu, 'file'],
];

/** Opening quote → the closing quotes that may end it (phones mix straight and curly quotes). */
const QUOTES: Readonly<Record<string, string>> = {
  '“': '”“"',
  '"': '"”“',
  '„': '“”"',
  '«': '»',
  '‘': "’‘'",
  "'": "'’",
  '「': '」',
};

const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** The target after the verb: a quoted text to the end, or a named kind of file. */
function readTarget(rest: string): ReactionTarget | null {
  const open = rest[0];
  const closers = open === undefined ? undefined : QUOTES[open];
  if (closers) {
    const close = rest[rest.length - 1]!;
    if (rest.length < 2 || !closers.includes(close)) return null;
    const quoted = rest.slice(1, -1);
    if (!quoted.trim()) return null;
    return { kind: 'text', quoted, truncated: /(?:…|\.\.\.)\s*$/u.test(quoted) };
  }
  const named = rest.replace(/[.!]$/u, '').trim();
  for (const [pattern, media] of MEDIA) if (pattern.test(named)) return { kind: 'media', media };
  return null;
}

/**
 * Reads a text as a reaction, or returns `null` when it is an ordinary message. Only the whole
 * text counts: `He said “I loved it”` is not a reaction, nor is a quote followed by more words.
 */
export function parseReaction(text: string): ParsedReaction | null {
  if (typeof text !== 'string' || text.length > MAX_LENGTH) return null;
  const t = text.trim();
  if (t.length < 4) return null;
  for (const [verb, kind, language] of ADD_VERBS) {
    const m = verb.exec(t);
    if (!m) continue;
    const target = readTarget(t.slice(m[0].length));
    return target ? { kind, emoji: TAPBACK_EMOJI[kind], removed: false, target, language } : null;
  }
  for (const [pattern, language] of [
    [REACTED_EN, 'en'],
    [REACTED_ES, 'es'],
  ] as const) {
    const m = pattern.exec(t);
    if (!m) continue;
    const emoji = m[1]!;
    if (!PICTOGRAPHIC.test(emoji)) return null;
    const target = readTarget(t.slice(m[0].length));
    return target ? { ...emojiKind(emoji), removed: false, target, language } : null;
  }
  for (const [pattern, language] of [
    [REMOVED_EN, 'en'],
    [REMOVED_ES, 'es'],
  ] as const) {
    const m = pattern.exec(t);
    if (!m) continue;
    const noun = m[1]!.trim();
    const target = readTarget(t.slice(m[0].length));
    if (!target) return null;
    const classic = REMOVED_NOUNS.find(([p]) => p.test(noun))?.[1];
    if (classic) return { kind: classic, emoji: TAPBACK_EMOJI[classic], removed: true, target, language };
    // "Removed 😂 from “…”" / "Removed a 😂 from …"
    const emoji = noun.replace(/^(?:an?|una?|el|la)\s+/iu, '');
    if (!/\s/u.test(emoji) && PICTOGRAPHIC.test(emoji))
      return { ...emojiKind(emoji), removed: true, target, language };
    return null;
  }
  return null;
}

/** An emoji that is one of the classic tapbacks counts as that tapback (so a removal finds it). */
function emojiKind(emoji: string): { kind: ReactionKind; emoji: string } {
  const bare = emoji.replace(/\uFE0F/gu, '');
  for (const [kind, e] of Object.entries(TAPBACK_EMOJI) as [Classic, string][]) {
    if (e.replace(/\uFE0F/gu, '') === bare) return { kind, emoji: e };
  }
  return { kind: 'emoji', emoji };
}

/** Text compared the way phones quote it: whitespace runs as one space, trimmed, NFC. */
export function normalizeQuoted(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Whether a message's text is the one a reaction quotes (a cut-short quote matches its start). */
export function quoteMatches(target: Extract<ReactionTarget, { kind: 'text' }>, body: string): boolean {
  const text = normalizeQuoted(body);
  const quoted = normalizeQuoted(target.quoted);
  if (!text || !quoted) return false;
  if (text === quoted) return true;
  if (!target.truncated) return false;
  const prefix = quoted.replace(/(?:…|\.\.\.)$/u, '').trimEnd();
  return prefix.length > 0 && text.startsWith(prefix);
}

/** What {@link attachReactions} needs of a message. */
export interface ReactableMessage {
  readonly text: string;
  readonly from: string;
  readonly attachments: readonly { readonly type: string }[];
}

/** One reaction shown on a message. */
export interface AttachedReaction<M extends ReactableMessage = ReactableMessage> {
  readonly reaction: ParsedReaction;
  /** The message that carried it (its text is the original wording). */
  readonly message: M;
}

/** Result of {@link attachReactions}. */
export interface ReactionIndex<M extends ReactableMessage = ReactableMessage> {
  /** Reactions to show, by the index of the message they react to (oldest first). */
  readonly on: ReadonlyMap<number, readonly AttachedReaction<M>[]>;
  /** Indexes of the reaction messages drawn on another message (not shown as bubbles). */
  readonly consumed: ReadonlySet<number>;
}

const parsed = new WeakMap<object, ParsedReaction | null>();

/**
 * The first word of every form {@link parseReaction} reads, followed by a space: a text that does
 * not start so is no reaction, told by one test (a thread of 100,000 messages opens without
 * running every pattern over every text, or remembering 100,000 `null`s).
 */
const MAYBE_REACTION =
  /^\s*(?:liked|loved|disliked|laughed|emphasi[sz]ed|questioned|no|le|se|exclam[oó]|enfatiz[oó]|destac[oó]|dud[oó]|cuestion[oó]|pregunt[oó]|removed|quit[oó]|elimin[oó]|retir[oó]|reacted|reaccion[oó])\s/iu;

/** {@link parseReaction}, remembered per message object. */
function parseOf(message: ReactableMessage): ParsedReaction | null {
  if (message.attachments.length || typeof message.text !== 'string' || !MAYBE_REACTION.test(message.text))
    return null;
  let p = parsed.get(message);
  if (p === undefined) {
    p = parseReaction(message.text);
    parsed.set(message, p);
  }
  return p;
}

function hasMedia(message: ReactableMessage, media: ReactionMedia): boolean {
  return message.attachments.some((a) => {
    const type = typeof a.type === 'string' ? a.type.toLowerCase() : '';
    if (media === 'file') return true;
    if (media === 'image') return type.startsWith('image/');
    return type.startsWith(`${media}/`);
  });
}

function sameEmoji(a: string, b: string): boolean {
  return a.replace(/\uFE0F/gu, '') === b.replace(/\uFE0F/gu, '');
}

const EMPTY: ReactionIndex = { on: new Map(), consumed: new Set() };

/**
 * Pairs each reaction in `messages` (oldest first) with the newest earlier message it quotes
 * (or, for `Loved an image`, the newest earlier message with such a file). A person has one
 * reaction per message: a newer one replaces theirs, and `Removed a like from “…”` takes it
 * away. A reaction whose message is not among `messages` is left alone (shown as its text).
 */
export function attachReactions<M extends ReactableMessage>(messages: readonly M[]): ReactionIndex<M> {
  let any = false;
  for (const m of messages) {
    if (parseOf(m)) {
      any = true;
      break;
    }
  }
  if (!any) return EMPTY as ReactionIndex<M>;
  const on = new Map<number, AttachedReaction<M>[]>();
  const consumed = new Set<number>();
  /** Exact texts → indexes, newest last; built once. */
  const byText = new Map<string, number[]>();
  messages.forEach((m, i) => {
    if (parseOf(m) || !m.text) return;
    const key = normalizeQuoted(m.text);
    const list = byText.get(key);
    if (list) list.push(i);
    else byText.set(key, [i]);
  });
  const find = (reaction: ParsedReaction, before: number): number => {
    const target = reaction.target;
    if (target.kind === 'text') {
      const exact = byText.get(normalizeQuoted(target.quoted));
      if (exact) {
        for (let k = exact.length - 1; k >= 0; k--) if (exact[k]! < before) return exact[k]!;
      }
      if (!target.truncated) return -1;
    }
    for (let j = before - 1; j >= 0; j--) {
      const m = messages[j]!;
      if (parseOf(m)) continue;
      if (target.kind === 'text' ? quoteMatches(target, m.text) : hasMedia(m, target.media)) return j;
    }
    return -1;
  };
  messages.forEach((m, i) => {
    const reaction = parseOf(m);
    if (!reaction) return;
    const j = find(reaction, i);
    if (j === -1) return;
    consumed.add(i);
    const list = on.get(j) ?? [];
    const kept = list.filter(
      (r) => r.message.from !== m.from || (reaction.removed && !sameEmoji(r.reaction.emoji, reaction.emoji)),
    );
    if (!reaction.removed) kept.push({ reaction, message: m });
    if (kept.length) on.set(j, kept);
    else on.delete(j);
  });
  return { on, consumed };
}

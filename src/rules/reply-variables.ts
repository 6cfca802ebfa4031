/**
 * Saved-reply text with variables: `{first_name}`, `{agent_name}`, or any name of letters, digits
 * and underscores starting with a letter. Variables are filled from values by name (ignoring case);
 * those left without a value stay in the text, as written, for the person to fill in.
 */

/** A `{variable}` left in a text, with where it is (UTF-16 offsets, `end` exclusive). */
export interface ReplyVariable {
  /** The name as written, without braces (`first_name`). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Values to fill variables with, by name; empty, blank or missing values leave the variable. */
export type ReplyValues = Readonly<Record<string, string | null | undefined>>;

/** The result of {@link fillReply}. */
export interface FilledReply {
  readonly text: string;
  /** The variables still in `text`, in order. */
  readonly unresolved: readonly ReplyVariable[];
}

const VARIABLE = /\{([A-Za-z][A-Za-z0-9_]{0,39})\}/g;

/** The `{variables}` in a text, in order. */
export function findVariables(text: string): ReplyVariable[] {
  const found: ReplyVariable[] = [];
  for (const match of String(text).matchAll(VARIABLE)) {
    found.push({ name: match[1]!, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

function lookup(values: ReplyValues, name: string): string | null {
  const key = name.toLowerCase();
  for (const [k, v] of Object.entries(values)) {
    if (k.toLowerCase() === key && typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

/**
 * Fills a reply's variables. A value is inserted as it is (a value that itself looks like
 * `{x}` is never filled again), and the variables left unfilled are listed with their
 * positions in the filled text.
 */
export function fillReply(template: string, values: ReplyValues): FilledReply {
  let text = '';
  let last = 0;
  const unresolved: ReplyVariable[] = [];
  const source = String(template);
  for (const match of source.matchAll(VARIABLE)) {
    text += source.slice(last, match.index);
    const value = lookup(values, match[1]!);
    if (value === null) {
      unresolved.push({ name: match[1]!, start: text.length, end: text.length + match[0].length });
      text += match[0];
    } else {
      text += value;
    }
    last = match.index + match[0].length;
  }
  text += source.slice(last);
  return { text, unresolved };
}

/**
 * The variable to go to from the caret: the first one starting at or after `from`, else the first
 * of the text (wrapping around); `null` when none is left.
 */
export function nextVariable(text: string, from: number): ReplyVariable | null {
  const all = findVariables(text);
  return all.find((v) => v.start >= from) ?? all[0] ?? null;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The replies matching what was typed: every word must appear in the title or the text (ignoring
 * case and accents); replies whose title matches come first, each group in its original order.
 */
export function filterReplies<T extends { readonly title: string; readonly text: string }>(
  replies: readonly T[],
  query: string,
): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [...replies];
  const inTitle: T[] = [];
  const inText: T[] = [];
  for (const reply of replies) {
    const title = fold(reply.title);
    const all = `${title} ${fold(reply.text)}`;
    if (!words.every((w) => all.includes(w))) continue;
    (words.every((w) => title.includes(w)) ? inTitle : inText).push(reply);
  }
  return [...inTitle, ...inText];
}

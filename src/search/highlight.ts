import type { ParsedSearchQuery } from '../transport/search-match.js';

/** A piece of a snippet: plain text, or a part that matched the query. */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Folds one character like `foldSearchText` (lower case, accents dropped). */
function foldChar(c: string): string {
  // ASCII has no accents to drop: most characters of a snippet take this way.
  if (c.charCodeAt(0) < 0x80) return c.toLowerCase();
  return c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The ranges of `text` (in its own indexes) that a query matched: for words, every word of the
 * text that starts with a query word (the part that matched: "dir" in "Dirección"); for a
 * number, every run of the text whose digits are the query's digits (punctuation inside kept).
 */
export function matchRanges(text: string, query: ParsedSearchQuery): [number, number][] {
  if (query.kind === 'empty' || !text) return [];
  // Folded characters, each with the index in `text` it came from.
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const c of text) {
    const f = query.kind === 'number' ? (/\d/.test(c) ? c : '') : foldChar(c);
    for (let k = 0; k < f.length; k++) {
      folded += f[k];
      from.push(i);
    }
    i += c.length;
  }
  from.push(text.length);
  const ranges: [number, number][] = [];
  const needles = query.kind === 'number' ? [query.digits] : query.words;
  for (const needle of needles) {
    let at = folded.indexOf(needle);
    while (at !== -1) {
      const startsWord = query.kind === 'number' || at === 0 || !WORD_CHAR.test(folded[at - 1]!);
      if (startsWord) {
        const last = from[at + needle.length - 1]!;
        // End after the whole last character, and any combining marks that follow it.
        let end = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
        while (end < text.length && /\p{M}/u.test(text[end]!)) end++;
        ranges.push([from[at]!, end]);
      }
      at = folded.indexOf(needle, at + 1);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A short piece of `text` around its first match (about `length` characters, cut at word
 * boundaries with "…"), split into matched and plain parts to render as text.
 */
export function snippet(text: string, query: ParsedSearchQuery, length = 90): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ranges = matchRanges(flat, query);
  let start = 0;
  if (flat.length > length && ranges.length) {
    start = Math.max(0, ranges[0]![0] - Math.floor(length / 3));
    const space = flat.lastIndexOf(' ', start);
    start = start > 0 && space !== -1 && start - space < 15 ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.indexOf(' ', end);
    end = space !== -1 && space - end < 15 ? space : end;
  }
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', match: false });
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (s > at) parts.push({ text: flat.slice(at, s), match: false });
    parts.push({ text: flat.slice(s, e), match: true });
    at = e;
  }
  if (at < end) parts.push({ text: flat.slice(at, end), match: false });
  if (end < flat.length) parts.push({ text: '…', match: false });
  return parts;
}

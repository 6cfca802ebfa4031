/** A piece of message text: plain, or a link that passed the allow-list. */
export type TextPart = { readonly text: string } | { readonly text: string; readonly href: string };

const CANDIDATE = /\b(?:https?:\/\/|www\.|mailto:|tel:)[^\s<>"'`]+/gi;
const ALLOWED = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const TRAILING = /[.,;:!?'"»”’)\]}]+$/;

/** Drops trailing punctuation that belongs to the sentence, keeping balanced closing brackets. */
function trim(candidate: string): string {
  let s = candidate;
  for (;;) {
    const m = TRAILING.exec(s);
    if (!m) return s;
    const last = s[s.length - 1]!;
    const open = last === ')' ? '(' : last === ']' ? '[' : last === '}' ? '{' : '';
    if (open && count(s, open) >= count(s, last)) return s;
    s = s.slice(0, -1);
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/**
 * Splits untrusted text into plain parts and links. A link is made only when the `URL` parser
 * accepts it with an allowed scheme (http, https, mailto, tel); `javascript:`, `data:` and
 * anything else stay text. The shown text of a web link uses the punycode host, so a
 * look-alike (IDN) domain cannot pass for another. Render the parts with text bindings only.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const raw = trim(match[0]);
    if (!raw) continue;
    const link = toLink(raw);
    if (!link) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push(link);
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts.length ? parts : [{ text }];
}

function toLink(raw: string): TextPart | null {
  let url: URL;
  try {
    url = new URL(/^www\./i.test(raw) ? `https://${raw}` : raw);
  } catch {
    // Not a URL after all: it stays plain text.
    return null;
  }
  if (!ALLOWED.has(url.protocol)) return null;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname.includes('.')) return null;
  if (url.username || url.password) return null; // https://bank.com@evil.example
  let shown = raw;
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const scheme = /^www\./i.test(raw) ? '' : `${url.protocol}//`;
    // The path "/" shows only when it was written ("https://a.example/?q=1" keeps its slash).
    const written = /^(?:https?:\/\/|(?=www\.))[^/\\?#]*[/\\]/i.test(raw);
    shown = `${scheme}${url.host}${url.pathname === '/' && !written ? '' : url.pathname}${url.search}${url.hash}`;
  }
  return { text: shown, href: url.href };
}

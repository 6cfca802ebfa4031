/** How an SMS is encoded on the air: 7-bit GSM alphabet, or UCS-2 (16-bit) when any character needs it. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** What a text costs as SMS. */
export interface SmsAnalysis {
  readonly encoding: SmsEncoding;
  /**
   * Characters as people count them, in Unicode code points: an emoji made of a surrogate pair
   * counts 1 (a ZWJ family emoji counts once per person in it). The same count as
   * {@link SMS_MAX_CHARACTERS}.
   */
  readonly characters: number;
  /** Encoding units: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  readonly units: number;
  /** Number of SMS segments (0 for empty text). */
  readonly segments: number;
  /** Units per segment: 160/153 (GSM-7) or 70/67 (UCS-2) for single/multi-part messages. */
  readonly perSegment: number;
  /** Units left in the current (last) segment before another one is needed. */
  readonly remaining: number;
  /** The characters that forced UCS-2, each once, in order of appearance. */
  readonly unicodeCharacters: readonly string[];
}

/** The most characters (code points) a text may have; carriers refuse longer messages. */
export const SMS_MAX_CHARACTERS = 1600;

/** GSM 03.38 default alphabet (one septet each); U+0009 `Ç` is the table's capital C cedilla. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38 extension table: escape + character, two septets each (form feed included). */
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

const GSM_SINGLE = 160;
const GSM_MULTI = 153;
const UCS2_SINGLE = 70;
const UCS2_MULTI = 67;

/** Septets of one character in GSM-7, or 0 when it is not in the GSM alphabet. */
function gsmCost(ch: string): number {
  if (GSM_BASIC.has(ch)) return 1;
  if (GSM_EXTENDED.has(ch)) return 2;
  return 0;
}

/**
 * Counts a text as SMS: encoding, segments and what is left in the current segment.
 * One character outside the GSM 03.38 tables makes the whole text UCS-2. Long texts are split
 * into parts of 153 septets (GSM-7) or 67 code units (UCS-2), and a part never ends in the
 * middle of an extension escape pair or a surrogate pair — the character moves whole to the next
 * part, as phones do, so a part may hold one unit less than the nominal size.
 */
export function analyzeSms(text: string): SmsAnalysis {
  const chars = Array.from(text);
  const unicode: string[] = [];
  const seen = new Set<string>();
  for (const ch of chars) {
    if (gsmCost(ch) === 0 && !seen.has(ch)) {
      seen.add(ch);
      unicode.push(ch);
    }
  }
  const gsm = unicode.length === 0;
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const single = gsm ? GSM_SINGLE : UCS2_SINGLE;
  const multi = gsm ? GSM_MULTI : UCS2_MULTI;
  let units = 0;
  for (const ch of chars) units += gsm ? gsmCost(ch) : ch.length;
  const base = { encoding, characters: chars.length, units, unicodeCharacters: unicode };
  if (units === 0) return { ...base, segments: 0, perSegment: single, remaining: single };
  if (units <= single) return { ...base, segments: 1, perSegment: single, remaining: single - units };
  // Fill parts character by character so a two-unit character never straddles two parts.
  let segments = 1;
  let used = 0;
  for (const ch of chars) {
    const cost = gsm ? gsmCost(ch) : ch.length;
    if (used + cost > multi) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { ...base, segments, perSegment: multi, remaining: multi - used };
}

/** Look-alikes in the GSM alphabet for characters that would force UCS-2. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  // Quotes and apostrophes.
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u02BC': "'",
  '\u00B4': "'",
  '\u0060': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2039': '<',
  '\u203A': '>',
  // Dashes and the minus sign.
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u00AD': '',
  // Ellipsis, bullets and other punctuation.
  '\u2026': '...',
  '\u2022': '*',
  '\u2023': '>',
  '\u2043': '-',
  '\u25CF': '*',
  '\u25E6': '*',
  '\u00B7': '.',
  '\u2024': '.',
  '\u00D7': 'x',
  '\u00F7': '/',
  '\u02C6': '^',
  '\u02DC': '~',
  // Spaces, invisible characters and line separators.
  '\t': ' ',
  '\u00A0': ' ',
  '\u2000': ' ',
  '\u2001': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200A': ' ',
  '\u202F': ' ',
  '\u205F': ' ',
  '\u3000': ' ',
  '\u200B': '',
  '\u200C': '',
  '\u2060': '',
  '\uFEFF': '',
  '\u2028': '\n',
  '\u2029': '\n',
};

function isGsm(text: string): boolean {
  for (const ch of text) if (gsmCost(ch) === 0) return false;
  return true;
}

/** A base character with the combining marks that follow it (or a run of stray marks). */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

/**
 * "Smart encoding": replaces characters that force UCS-2 with GSM-7 look-alikes, so the message
 * costs fewer segments. In order, for each character with its combining marks:
 * 1. decomposed letters are composed when that gives a GSM letter (`e` + U+0301 → `é`);
 * 2. curly quotes → straight, en/em dashes and the minus sign → `-`, ellipsis → `...`, bullets →
 *    `*`, no-break and other Unicode spaces → space, zero-width characters removed (with any
 *    marks on them);
 * 3. accented letters outside the GSM table lose their accents (`á` → `a`, `ō` → `o`, `ç` → `c`:
 *    the table's only C cedilla is a capital).
 *
 * `replaced` counts the characters changed; `remaining` lists the characters that still force
 * UCS-2 (emoji, other scripts), each once. When `remaining` is empty the text is GSM-7.
 * Zero-width joiners inside emoji are left alone.
 */
export function toGsmFriendly(text: string): {
  text: string;
  replaced: number;
  remaining: readonly string[];
} {
  let replaced = 0;
  let out = '';
  for (const cluster of text.match(CLUSTER) ?? []) {
    if (isGsm(cluster)) {
      out += cluster;
      continue;
    }
    const composed = cluster.normalize('NFC');
    if (isGsm(composed)) {
      out += composed;
      replaced++;
      continue;
    }
    const chars = Array.from(composed);
    if (REPLACEMENTS[chars[0]!] === '') {
      // An invisible character goes, with any marks that were attached to it.
      replaced++;
      continue;
    }
    let changed = false;
    let mapped = '';
    for (const ch of chars) {
      const sub = gsmCost(ch) === 0 ? REPLACEMENTS[ch] : undefined;
      if (sub !== undefined) changed = true;
      mapped += sub ?? ch;
    }
    if (!isGsm(mapped) && /^\p{L}/u.test(mapped)) {
      const bare = mapped.normalize('NFD').replace(/\p{M}/gu, '');
      if (bare && isGsm(bare)) {
        mapped = bare;
        changed = true;
      }
    }
    if (changed) replaced++;
    out += changed ? mapped : cluster;
  }
  return { text: out, replaced, remaining: analyzeSms(out).unicodeCharacters };
}

/** Whether the text is longer than carriers accept ({@link SMS_MAX_CHARACTERS} code points). */
export function isOverSmsLimit(text: string): boolean {
  if (text.length <= SMS_MAX_CHARACTERS) return false;
  let count = 0;
  for (let i = 0; i < text.length; i += text.codePointAt(i)! > 0xffff ? 2 : 1) {
    if (++count > SMS_MAX_CHARACTERS) return true;
  }
  return false;
}

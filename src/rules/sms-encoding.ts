/** How an SMS is encoded on the air: 7-bit GSM alphabet, or UCS-2 (16-bit) when any character needs it. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** What a text costs as SMS. */
export interface SmsAnalysis {
  readonly encoding: SmsEncoding;
  /** Characters as people count them (code points: an emoji counts 1). */
  readonly characters: number;
  /** Encoding units: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  readonly units: number;
  /** Number of SMS segments (0 for empty text). */
  readonly segments: number;
  /** Units per segment: 160/153 (GSM-7) or 70/67 (UCS-2) for single/multi-part messages. */
  readonly perSegment: number;
  /** Units left in the current segment. */
  readonly remaining: number;
  /** The characters that forced UCS-2, each once, in order of appearance. */
  readonly unicodeCharacters: readonly string[];
}

/** The most characters a text may have; carriers refuse longer messages. */
export const SMS_MAX_CHARACTERS = 1600;

// GSM 03.38 basic character set and its extension table (escape + char = 2 septets).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

/** Septets of one character in GSM-7, or 0 when it is not in the GSM alphabet. */
function gsmCost(ch: string): number {
  if (GSM_BASIC.has(ch)) return 1;
  if (GSM_EXTENDED.has(ch)) return 2;
  return 0;
}

/**
 * Counts a text as SMS: encoding, segments and what is left in the current segment.
 * Segments never split an extension escape pair (GSM-7) or a surrogate pair (UCS-2), as
 * phones do, so a part may hold one unit less than the nominal size.
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
  const encoding: SmsEncoding = unicode.length ? 'UCS-2' : 'GSM-7';
  const costs = chars.map((ch) => (encoding === 'GSM-7' ? gsmCost(ch) : ch.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const single = encoding === 'GSM-7' ? 160 : 70;
  const multi = encoding === 'GSM-7' ? 153 : 67;
  if (units === 0) {
    return {
      encoding,
      characters: 0,
      units: 0,
      segments: 0,
      perSegment: single,
      remaining: single,
      unicodeCharacters: unicode,
    };
  }
  if (units <= single) {
    return {
      encoding,
      characters: chars.length,
      units,
      segments: 1,
      perSegment: single,
      remaining: single - units,
      unicodeCharacters: unicode,
    };
  }
  // Fill parts character by character so a 2-unit character never straddles two parts.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return {
    encoding,
    characters: chars.length,
    units,
    segments,
    perSegment: multi,
    remaining: multi - used,
    unicodeCharacters: unicode,
  };
}

const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u00B4': "'",
  '\u0060': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '*',
  '\u00B7': '.',
  '\u2039': '<',
  '\u203A': '>',
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
  '\u200D': '',
  '\u2060': '',
  '\uFEFF': '',
  '\t': ' ',
  '\u00E1': 'a',
  '\u00ED': 'i',
  '\u00F3': 'o',
  '\u00FA': 'u',
  '\u00E2': 'a',
  '\u00EA': 'e',
  '\u00EE': 'i',
  '\u00F4': 'o',
  '\u00FB': 'u',
  '\u00E7': 'Ç',
  '\u00E3': 'a',
  '\u00F5': 'o',
  '\u00C1': 'A',
  '\u00CD': 'I',
  '\u00D3': 'O',
  '\u00DA': 'U',
};

/**
 * "Smart encoding": replaces characters that force UCS-2 with GSM-7 look-alikes (curly quotes,
 * dashes, ellipsis, unusual spaces, bullets, some accented letters) so the message costs fewer
 * segments. `remaining` lists characters that still force UCS-2 (emoji, other scripts).
 */
export function toGsmFriendly(text: string): {
  text: string;
  replaced: number;
  remaining: readonly string[];
} {
  let replaced = 0;
  let out = '';
  for (const ch of text) {
    const sub = gsmCost(ch) === 0 ? REPLACEMENTS[ch] : undefined;
    if (sub !== undefined) {
      out += sub;
      replaced++;
    } else {
      out += ch;
    }
  }
  return { text: out, replaced, remaining: analyzeSms(out).unicodeCharacters };
}

/** Whether the text is longer than carriers accept ({@link SMS_MAX_CHARACTERS}). */
export function isOverSmsLimit(text: string): boolean {
  return Array.from(text).length > SMS_MAX_CHARACTERS;
}

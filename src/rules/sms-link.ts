/**
 * Reads `sms:` and `tel:` links, the way phones and CRMs write them:
 * `sms:+15551234567?body=Hi`, `sms:+15551234567,+15557654321?body=…` (a group),
 * `sms://+15551234567?body=…`, the iOS forms `sms:+15551234567&body=…` and
 * `sms:+15551234567;?&body=…`, `sms:/open?addresses=+1555…,+1555…&body=…`, `sms:?body=…` (no
 * number yet), and `tel:+15551234567`. Numbers come back as written (decoded, not validated).
 */

/** A link read by {@link parseSmsLink}. */
export interface SmsLink {
  readonly scheme: 'sms' | 'tel';
  /** The numbers, as written in the link (decoded); empty when the link names none. */
  readonly recipients: readonly string[];
  /** The text to write, if the link has one. */
  readonly body?: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+(?=\D|$)/gu, ' '));
  } catch {
    return text;
  }
}

/** Decodes a body: `+` is a space in query strings, `%2B` a plus. */
function decodeBody(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/gu, ' '));
  } catch {
    return text;
  }
}

function splitNumbers(text: string): string[] {
  return text
    .split(/[,;]/u)
    .map((n) => {
      try {
        return decodeURIComponent(n).trim();
      } catch {
        return n.trim();
      }
    })
    .filter((n) => n.length > 0);
}

/**
 * Reads an `sms:` or `tel:` URL; `null` for any other scheme or a malformed link. The numbers
 * are not checked here: give them to the composer, which reads them with the account's country.
 */
export function parseSmsLink(href: string): SmsLink | null {
  if (typeof href !== 'string') return null;
  const m = /^\s*(sms|smsto|mms|mmsto|tel):(.*)$/isu.exec(href);
  if (!m) return null;
  const scheme = /^tel$/iu.test(m[1]!) ? 'tel' : 'sms';
  let rest = m[2]!.trim().replace(/^\/\/?/u, '');
  if (scheme === 'tel') {
    const number = decode(rest.split(/[;?]/u)[0]!).trim();
    return number ? { scheme, recipients: [number] } : null;
  }
  // iOS 8 groups: sms:/open?addresses=…
  if (/^open\?/iu.test(rest)) rest = rest.slice(4);
  // The query starts at the first "?" or, in the iOS form, at the first "&".
  const q = rest.search(/[?&]/u);
  const path = q === -1 ? rest : rest.slice(0, q);
  const query = q === -1 ? '' : rest.slice(q + 1);
  let body: string | undefined;
  let addresses: string[] = [];
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = (eq === -1 ? pair : pair.slice(0, eq)).toLowerCase();
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    if (key === 'body' && body === undefined) body = decodeBody(value);
    else if (key === 'addresses' || key === 'to') addresses = addresses.concat(splitNumbers(value));
  }
  const recipients = [...new Set([...splitNumbers(path.replace(/^open$/iu, '')), ...addresses])];
  return { scheme, recipients, ...(body !== undefined ? { body } : {}) };
}

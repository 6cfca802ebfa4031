/**
 * Paging shared by the backends (the memory backend and the reference server): opaque cursors,
 * page sizes and the window of a thread around one message. Pure: each backend reads its own
 * storage and throws its own error for a `undefined` answer.
 */

/** A cursor for the outside: base64url (no padding) of the value's JSON, read back by {@link decodeCursor}. */
export function encodeCursor(value: unknown): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(value))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The value of a cursor made by {@link encodeCursor} (standard base64 is read too); `undefined` if it is none. */
export function decodeCursor(cursor: unknown): unknown {
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(cursor)) return undefined;
  try {
    const base64 = cursor.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** A keyset position: the sort key (a time) and the id of the last row of the previous page. */
export type KeysetCursor = readonly [sortKey: number, id: string];

/** The position in a keyset cursor (conversations by activity, search results by time), or `undefined`. */
export function readKeysetCursor(cursor: unknown): KeysetCursor | undefined {
  const value = decodeCursor(cursor);
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string'
    ? [value[0], value[1]]
    : undefined;
}

/** A thread cursor: the position (`seq`) of a message in one conversation. */
export function seqCursor(conversationId: string, seq: number): string {
  return encodeCursor({ c: conversationId, s: seq });
}

/** The `seq` in a thread cursor of this conversation, or `undefined` (not a cursor, or another conversation's). */
export function readSeqCursor(cursor: unknown, conversationId: string): number | undefined {
  const value = decodeCursor(cursor) as { c?: unknown; s?: unknown } | null | undefined;
  if (typeof value !== 'object' || value === null || value.c !== conversationId) return undefined;
  return Number.isInteger(value.s) ? (value.s as number) : undefined;
}

/**
 * A page size: `fallback` when none is given (`undefined`, `null`, `''`), else the number
 * (a query string's too) floored and held to 1…`max`; `undefined` for anything else.
 */
export function readLimit(raw: unknown, fallback: number, max: number): number | undefined {
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) return undefined;
  return Math.max(1, Math.min(max, Math.floor(n)));
}

/**
 * How many messages a page `around` one message takes on each side of it, given how many there
 * are `older` than it and from it on (`newer`, the message included): about half the page older,
 * the rest from it on, fewer near either end.
 */
export function aroundWindow(older: number, newer: number, limit: number): { older: number; newer: number } {
  const newerTake = Math.min(newer, limit - Math.min(older, Math.floor(limit / 2)));
  return { older: Math.min(older, limit - newerTake), newer: newerTake };
}

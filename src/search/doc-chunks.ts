import { KEY_SEPARATOR } from './search-doc.js';
import type { MessageDoc } from './search-doc.js';

/**
 * Most message docs in one stored record. The index stores a conversation's docs in records of
 * up to this many (not one record per message): every IndexedDB request is a main-thread task
 * and a few garbage-collected objects, and 100,000 of them made the browser's own collector run
 * main-thread tasks of 60–90 ms during a build (see docs/decisions/0017). A new message rewrites
 * its conversation's newest record, at most this many docs.
 */
export const CHUNK_DOCS = 64;

/** One stored record: some docs of one conversation. */
export interface StoredChunk {
  /** `conversationId + "\u0000" + n`: a conversation's records are one key range. */
  readonly key: string;
  readonly conversationId: string;
  readonly docs: readonly MessageDoc[];
}

/** The key of a conversation's `n`th record. */
export function chunkKey(conversationId: string, n: number): string {
  return `${conversationId}${KEY_SEPARATOR}${n}`;
}

/** The key range of every record of a conversation. */
export function conversationRange(conversationId: string): IDBKeyRange {
  return IDBKeyRange.bound(`${conversationId}${KEY_SEPARATOR}`, `${conversationId}${KEY_SEPARATOR}\uffff`);
}

/** A conversation's records: which docs each holds, and the next record number. */
interface ConversationChunks {
  readonly members: Map<number, Set<string>>;
  next: number;
}

/**
 * Which stored record holds each doc, and which records must be written again. A doc keeps its
 * record for life (records never merge or split); a new doc joins its conversation's newest
 * record while that has room, else a new one. Used only once the stored records are all read
 * (so record numbers never collide with stored ones).
 */
export class DocChunks {
  readonly #byConversation = new Map<string, ConversationChunks>();
  /** Doc key → record number. */
  readonly #chunkOf = new Map<string, number>();
  /** Conversation → numbers of the records to write again. */
  readonly #dirty = new Map<string, Set<number>>();

  /** Records a stored record read back. */
  stored(chunk: StoredChunk): void {
    const n = Number(chunk.key.slice(chunk.key.lastIndexOf(KEY_SEPARATOR) + 1));
    const c = this.#conversation(chunk.conversationId);
    const members = new Set<string>();
    for (const d of chunk.docs) {
      members.add(d.key);
      this.#chunkOf.set(d.key, n);
    }
    c.members.set(n, members);
    c.next = Math.max(c.next, n + 1);
  }

  /** A doc was put (`present`) or removed: its record is written again at the next write. */
  touch(conversationId: string, key: string, present: boolean): void {
    const c = this.#conversation(conversationId);
    let n = this.#chunkOf.get(key);
    if (n === undefined) {
      if (!present) return;
      const last = c.next - 1;
      const room = last >= 0 && (c.members.get(last)?.size ?? CHUNK_DOCS) < CHUNK_DOCS;
      n = room ? last : c.next++;
      let members = c.members.get(n);
      if (!members) c.members.set(n, (members = new Set()));
      members.add(key);
      this.#chunkOf.set(key, n);
    } else if (!present) {
      c.members.get(n)?.delete(key);
      this.#chunkOf.delete(key);
    }
    let dirty = this.#dirty.get(conversationId);
    if (!dirty) this.#dirty.set(conversationId, (dirty = new Set()));
    dirty.add(n);
  }

  /** Forgets every record of a conversation (their key range is deleted in the same write). */
  drop(conversationId: string): void {
    const c = this.#byConversation.get(conversationId);
    if (c) for (const members of c.members.values()) for (const key of members) this.#chunkOf.delete(key);
    this.#byConversation.delete(conversationId);
    this.#dirty.delete(conversationId);
  }

  /**
   * The records to write now, with the docs each holds (`lookup` gives a doc's current copy); a
   * record left empty comes with no docs (delete it).
   */
  takeDirty(lookup: (key: string) => MessageDoc | undefined): { key: string; chunk: StoredChunk | null }[] {
    const out: { key: string; chunk: StoredChunk | null }[] = [];
    for (const [conversationId, numbers] of this.#dirty) {
      const c = this.#byConversation.get(conversationId);
      for (const n of numbers) {
        const key = chunkKey(conversationId, n);
        const docs: MessageDoc[] = [];
        for (const k of c?.members.get(n) ?? []) {
          const doc = lookup(k);
          if (doc) docs.push(doc);
        }
        if (!docs.length) c?.members.delete(n);
        out.push({ key, chunk: docs.length ? { key, conversationId, docs } : null });
      }
    }
    this.#dirty.clear();
    return out;
  }

  /** Forgets everything (the stored records are gone). */
  clear(): void {
    this.#byConversation.clear();
    this.#chunkOf.clear();
    this.#dirty.clear();
  }

  #conversation(id: string): ConversationChunks {
    let c = this.#byConversation.get(id);
    if (!c) this.#byConversation.set(id, (c = { members: new Map(), next: 0 }));
    return c;
  }
}

import type { Attachment } from '../../model/attachment.js';
import type { Message } from '../../model/message.js';
import { messageKey } from '../../store/state.js';
import type { ThreadState } from '../../store/state.js';

/** One file of the gallery, with the message it came in. */
export interface GalleryItem {
  /** Stable across the life of the message (local echo, acknowledgement): message key + attachment id. */
  readonly key: string;
  readonly attachment: Attachment;
  readonly message: Message;
}

/** The key of one attachment of one message. */
export function itemKey(message: Message, attachment: Attachment): string {
  return `${messageKey(message)}/${attachment.id}`;
}

/**
 * Every attachment of a loaded thread in order: oldest message first, and in message order
 * within a message. Messages without files add nothing.
 */
export function galleryItems(thread: ThreadState | undefined): GalleryItem[] {
  const items: GalleryItem[] = [];
  for (const message of thread?.messages ?? []) {
    for (const attachment of message.attachments) {
      items.push({ key: itemKey(message, attachment), attachment, message });
    }
  }
  return items;
}

import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';

/** Formats a number for display; given by the element's locale controller. */
export type PhoneFormatter = (e164: string) => string;

/** A participant's display name: the contact name if known, the formatted number otherwise. */
export function participantName(conversation: Conversation, number: string, phone: PhoneFormatter): string {
  const name =
    conversation.names && Object.hasOwn(conversation.names, number) ? conversation.names[number] : undefined;
  return typeof name === 'string' && name.trim() ? name.trim() : phone(number);
}

/** The names of every participant, in order. */
export function participantNames(conversation: Conversation, phone: PhoneFormatter): string[] {
  return conversation.participants.map((n) => participantName(conversation, n, phone));
}

/** Up to two initials of a name; `#` for a number. */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length || /^\p{N}/u.test(words[0]!)) return '#';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue for an avatar, from the conversation id. */
export function hue(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** The kind of preview a message's attachments give when it has no text. */
export function attachmentSummary(
  message: Message,
): { kind: 'photo' | 'video' | 'audio' | 'document' | 'many'; count: number } | null {
  const n = message.attachments.length;
  if (n === 0) return null;
  if (n > 1) return { kind: 'many', count: n };
  const type = message.attachments[0]!.type;
  const kind = type.startsWith('image/')
    ? 'photo'
    : type.startsWith('video/')
      ? 'video'
      : type.startsWith('audio/')
        ? 'audio'
        : 'document';
  return { kind, count: 1 };
}

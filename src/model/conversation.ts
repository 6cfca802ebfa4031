import type { Message } from './message.js';

/** A chat with one or more people, from one of the account's own numbers. */
export interface Conversation {
  readonly id: string;
  /** E.164 numbers of the other people, without the account's own number. */
  readonly participants: readonly string[];
  /** The account's number this conversation texts from (E.164). */
  readonly ownNumber: string;
  /** Optional name given to a group; untrusted, render as text. */
  readonly title?: string;
  /**
   * Display names of participants known from the address book, by E.164 number;
   * untrusted, render as text. Numbers without a name are shown formatted.
   */
  readonly names?: Readonly<Record<string, string>>;
  /** The newest message, for the list preview. */
  readonly lastMessage?: Message;
  /** Messages received since the user last read the chat. */
  readonly unreadCount: number;
  /** Time of the latest activity (ms since epoch); the list is ordered by it, newest first. */
  readonly updatedAt: number;
  /**
   * Numbers among `participants` that have opted out (replied STOP) and not opted in again;
   * the composer is locked while the conversation includes one.
   */
  readonly optedOut?: readonly string[];
}

/** Prefix of the id of a conversation that exists only on this device until its first send. */
export const PROVISIONAL_PREFIX = 'pending:';

/** The provisional id for a new conversation from `from` to `participants`. */
export function provisionalConversationId(from: string, participants: readonly string[]): string {
  return `${PROVISIONAL_PREFIX}${from}>${[...participants].sort().join(',')}`;
}

/** Whether a conversation id is provisional: the chat exists only on this device until its first send. */
export function isProvisionalId(id: string): boolean {
  return id.startsWith(PROVISIONAL_PREFIX);
}

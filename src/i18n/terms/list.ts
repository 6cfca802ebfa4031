/** Terms of the conversation list. */
export interface ListTerms {
  readonly conversations: string;
  readonly sendNewMessage: string;
  readonly noConversations: string;
  readonly noConversationsHint: string;
  readonly loadingConversations: string;
  readonly loadingMoreConversations: string;
  readonly endOfConversations: string;
  readonly conversationsFailed: string;
  readonly you: string;
  readonly notSent: string;
  /** Accessible badge text: "3 new messages". */
  readonly newMessages: (count: number) => string;
  /** "Ana, Ben and 2 others" */
  readonly andOthers: (names: string, count: number) => string;
  readonly groupOf: (count: number) => string;
}

export const listEn: ListTerms = {
  conversations: 'Conversations',
  sendNewMessage: 'Send New Message',
  noConversations: 'No conversations yet',
  noConversationsHint: 'Start one with “Send New Message”.',
  loadingConversations: 'Loading conversations…',
  loadingMoreConversations: 'Loading more conversations…',
  endOfConversations: 'No more conversations',
  conversationsFailed: 'Conversations could not be loaded.',
  you: 'You',
  notSent: 'Not sent',
  newMessages: (n) => (n === 1 ? '1 new message' : `${n} new messages`),
  andOthers: (names, n) => (n === 1 ? `${names} and 1 other` : `${names} and ${n} others`),
  groupOf: (n) => `Group of ${n}`,
};

export const listEs: ListTerms = {
  conversations: 'Conversaciones',
  sendNewMessage: 'Enviar nuevo mensaje',
  noConversations: 'Todavía no hay conversaciones',
  noConversationsHint: 'Empieza una con “Enviar nuevo mensaje”.',
  loadingConversations: 'Cargando conversaciones…',
  loadingMoreConversations: 'Cargando más conversaciones…',
  endOfConversations: 'No hay más conversaciones',
  conversationsFailed: 'No se pudieron cargar las conversaciones.',
  you: 'Tú',
  notSent: 'No enviado',
  newMessages: (n) => (n === 1 ? '1 mensaje nuevo' : `${n} mensajes nuevos`),
  andOthers: (names, n) => (n === 1 ? `${names} y 1 más` : `${names} y ${n} más`),
  groupOf: (n) => `Grupo de ${n}`,
};

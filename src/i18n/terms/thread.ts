/** Terms of the thread. */
export interface ThreadTerms {
  readonly messagesLog: string;
  readonly noMessages: string;
  readonly loadingMessages: string;
  readonly loadingOlder: string;
  readonly beginning: string;
  readonly messagesFailed: string;
  readonly newMessagesPill: (count: number) => string;
  readonly statusQueued: string;
  readonly statusSending: string;
  readonly statusSent: string;
  readonly statusDelivered: string;
  readonly notSentRetry: string;
  readonly markUnread: string;
  readonly deleteChat: string;
  readonly deleteChatTitle: string;
  readonly deleteChatBody: string;
  readonly iUnderstand: string;
  readonly deleteChatFailed: string;
  readonly deleteMessageTitle: string;
  readonly deleteMessageBody: string;
  readonly deleteMessageFailed: string;
  /** A thread command failed: marking the chat unread, sending a failed message again, opening a participant's chat. */
  readonly markUnreadFailed: string;
  readonly retryFailed: string;
  readonly openChatFailed: string;
  readonly participants: string;
  readonly messageParticipant: (name: string) => string;
  readonly message: string;
  readonly openAttachment: (name: string) => string;
  readonly announceFrom: (name: string, text: string) => string;
  readonly youSaid: string;
}

export const threadEn: ThreadTerms = {
  messagesLog: 'Messages',
  noMessages: 'No messages yet. Say hello!',
  loadingMessages: 'Loading messages…',
  loadingOlder: 'Loading older messages…',
  beginning: 'Beginning of the conversation',
  messagesFailed: 'Messages could not be loaded.',
  newMessagesPill: (n) => (n === 1 ? '1 new message' : `${n} new messages`),
  statusQueued: 'Waiting to send',
  statusSending: 'Sending…',
  statusSent: 'Sent',
  statusDelivered: 'Delivered',
  notSentRetry: 'Not sent. Click to try again.',
  markUnread: 'Mark conversation unread',
  deleteChat: 'Delete chat',
  deleteChatTitle: 'Delete this chat?',
  deleteChatBody: 'The chat and all its messages will be deleted without the possibility to restore it.',
  iUnderstand: 'I understand',
  deleteChatFailed: 'The chat could not be deleted. Try again.',
  deleteMessageTitle: 'Delete this message?',
  deleteMessageBody: 'It will be deleted without the possibility to restore it.',
  deleteMessageFailed: 'The message could not be deleted. Try again.',
  markUnreadFailed: 'The chat could not be marked unread. Try again.',
  retryFailed: 'The message could not be sent again. Try again.',
  openChatFailed: 'That chat could not be opened. Try again.',
  participants: 'Participants',
  messageParticipant: (name) => `Message ${name}`,
  message: 'Message',
  openAttachment: (name) => `Open ${name}`,
  announceFrom: (name, text) => `New message from ${name}: ${text}`,
  youSaid: 'You',
};

export const threadEs: ThreadTerms = {
  messagesLog: 'Mensajes',
  noMessages: 'Todavía no hay mensajes. ¡Saluda!',
  loadingMessages: 'Cargando mensajes…',
  loadingOlder: 'Cargando mensajes anteriores…',
  beginning: 'Inicio de la conversación',
  messagesFailed: 'No se pudieron cargar los mensajes.',
  newMessagesPill: (n) => (n === 1 ? '1 mensaje nuevo' : `${n} mensajes nuevos`),
  statusQueued: 'En espera de envío',
  statusSending: 'Enviando…',
  statusSent: 'Enviado',
  statusDelivered: 'Entregado',
  notSentRetry: 'No enviado. Haz clic para intentarlo de nuevo.',
  markUnread: 'Marcar conversación como no leída',
  deleteChat: 'Eliminar chat',
  deleteChatTitle: '¿Eliminar este chat?',
  deleteChatBody: 'El chat y todos sus mensajes se eliminarán sin posibilidad de recuperarlos.',
  iUnderstand: 'Entiendo',
  deleteChatFailed: 'No se pudo eliminar el chat. Inténtalo de nuevo.',
  deleteMessageTitle: '¿Eliminar este mensaje?',
  deleteMessageBody: 'Se eliminará sin posibilidad de recuperarlo.',
  deleteMessageFailed: 'No se pudo eliminar el mensaje. Inténtalo de nuevo.',
  markUnreadFailed: 'No se pudo marcar el chat como no leído. Inténtalo de nuevo.',
  retryFailed: 'No se pudo volver a enviar el mensaje. Inténtalo de nuevo.',
  openChatFailed: 'No se pudo abrir ese chat. Inténtalo de nuevo.',
  participants: 'Participantes',
  messageParticipant: (name) => `Enviar mensaje a ${name}`,
  message: 'Mensaje',
  openAttachment: (name) => `Abrir ${name}`,
  announceFrom: (name, text) => `Nuevo mensaje de ${name}: ${text}`,
  youSaid: 'Tú',
};

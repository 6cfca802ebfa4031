/** Terms of the whole app (`<sms-messages>`). */
export interface AppTerms {
  readonly messages: string;
  readonly back: string;
  readonly selectConversation: string;
  readonly selectConversationHint: string;
  readonly oopsTitle: string;
  readonly oopsBody: string;
  readonly oopsAdmin: string;
  readonly accountFailed: string;
  /** A conversation or message picked in search could not be opened. */
  readonly openFailed: (reason: string) => string;
  readonly enableNotifications: string;
  readonly notificationsBlocked: string;
  readonly newMessageFrom: (name: string) => string;
  readonly notificationAttachment: string;
  readonly unreadTitle: (count: number) => string;
  /** A part of the app loads on first use (decision 0027) and its file could not be fetched. */
  readonly featureFailed: string;
  /** A part of the app is loading (said while the control waits). */
  readonly featureLoading: string;
}

export const appEn: AppTerms = {
  messages: 'Messages',
  back: 'Back to conversations',
  selectConversation: 'Select a conversation',
  selectConversationHint: 'Choose a chat from the list, or start one with “Send New Message”.',
  oopsTitle: 'Oops',
  oopsBody:
    'You do not have a phone number for text messages yet. Contact your admin user to get a number assigned to you, so you can send and receive text messages.',
  oopsAdmin:
    'If you are the admin, set up a phone number that forwards text messages to your extension in the control panel, or contact our support team for help.',
  accountFailed: 'Messages could not be loaded.',
  openFailed: (reason) => `That conversation could not be opened: ${reason}`,
  enableNotifications: 'Turn on notifications',
  notificationsBlocked: 'Notifications are blocked in this browser’s site settings.',
  newMessageFrom: (name) => `New message from ${name}`,
  notificationAttachment: 'Sent an attachment',
  unreadTitle: (n) => `(${n > 99 ? '99+' : n})`,
  featureFailed: 'This part of Messages could not be loaded. Check your connection and try again.',
  featureLoading: 'Loading…',
};

export const appEs: AppTerms = {
  messages: 'Mensajes',
  back: 'Volver a las conversaciones',
  selectConversation: 'Selecciona una conversación',
  selectConversationHint: 'Elige un chat de la lista o empieza uno con “Enviar nuevo mensaje”.',
  oopsTitle: 'Uy',
  oopsBody:
    'Todavía no tienes un número de teléfono para mensajes de texto. Pide a tu administrador que te asigne un número para que puedas enviar y recibir mensajes de texto.',
  oopsAdmin:
    'Si eres el administrador, configura en el panel de control un número que reenvíe los mensajes de texto a tu extensión, o contacta a nuestro equipo de soporte.',
  accountFailed: 'No se pudieron cargar los mensajes.',
  openFailed: (reason) => `No se pudo abrir esa conversación: ${reason}`,
  enableNotifications: 'Activar notificaciones',
  notificationsBlocked: 'Las notificaciones están bloqueadas en la configuración de este sitio.',
  newMessageFrom: (name) => `Nuevo mensaje de ${name}`,
  notificationAttachment: 'Envió un archivo adjunto',
  unreadTitle: (n) => `(${n > 99 ? '99+' : n})`,
  featureFailed: 'No se pudo cargar esta parte de Mensajes. Revisa tu conexión y vuelve a intentarlo.',
  featureLoading: 'Cargando…',
};

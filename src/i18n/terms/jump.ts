/** Terms of jumping to a message (the thread) and of the list's filter chips. */
export interface JumpTerms {
  /** The button that goes back to the newest messages after a jump. */
  readonly jumpToLatest: string;
  readonly loadingNewer: string;
  /** Announced when the thread shows a message jumped to: "Showing the message from Ana, Nov 3, 4:12 PM". */
  readonly showingMessage: (name: string, when: string) => string;
  /** The group of filter chips above the list. */
  readonly filters: string;
  readonly filterUnread: string;
  readonly filterFailed: string;
  readonly filterOptedOut: string;
  readonly noUnreadChats: string;
  readonly noFailedChats: string;
  readonly noOptedOutChats: string;
  /** Several filters at once (or filters with a search) match nothing. */
  readonly noMatchingChats: string;
  readonly clearFilters: string;
}

export const jumpEn: JumpTerms = {
  jumpToLatest: 'Jump to the latest',
  loadingNewer: 'Loading newer messages…',
  showingMessage: (name, when) => `Showing the message from ${name}, ${when}`,
  filters: 'Filters',
  filterUnread: 'Unread',
  filterFailed: 'Failed',
  filterOptedOut: 'Opted out',
  noUnreadChats: 'No unread chats',
  noFailedChats: 'No chats with a failed message',
  noOptedOutChats: 'No opted-out chats',
  noMatchingChats: 'No chats match these filters',
  clearFilters: 'Clear filters',
};

export const jumpEs: JumpTerms = {
  jumpToLatest: 'Ir a lo más reciente',
  loadingNewer: 'Cargando mensajes más recientes…',
  showingMessage: (name, when) => `Mostrando el mensaje de ${name}, ${when}`,
  filters: 'Filtros',
  filterUnread: 'No leídos',
  filterFailed: 'Fallidos',
  filterOptedOut: 'Dados de baja',
  noUnreadChats: 'No hay chats sin leer',
  noFailedChats: 'No hay chats con mensajes no enviados',
  noOptedOutChats: 'No hay chats dados de baja',
  noMatchingChats: 'Ningún chat coincide con estos filtros',
  clearFilters: 'Quitar filtros',
};

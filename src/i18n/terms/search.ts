/** Terms of the search field (`<sms-search>`, and the one in `<sms-messages>`). */
export interface SearchTerms {
  readonly search: string;
  readonly searchPlaceholder: string;
  readonly searchResults: string;
  readonly searchPeople: string;
  readonly searchConversations: string;
  readonly searchMessages: string;
  readonly searchNoResults: (query: string) => string;
  /** Announced once the results settle: "3 results", "20 results, more available". */
  readonly searchResultCount: (count: number, more: boolean) => string;
  readonly searchMore: string;
  readonly searchServerLoading: string;
  readonly searchOffline: string;
  readonly searchFailed: string;
  /** Reading the local index's stored copy or the cache failed: local results may miss messages. */
  readonly searchIncomplete: string;
  /** The address book could not be searched (people from it are missing). */
  readonly searchContactsFailed: string;
  readonly searchClear: string;
  readonly searchYou: string;
  readonly searchGroup: (count: number) => string;
}

export const searchEn: SearchTerms = {
  search: 'Search',
  searchPlaceholder: 'Search people and messages',
  searchResults: 'Search results',
  searchPeople: 'People',
  searchConversations: 'Conversations',
  searchMessages: 'Messages',
  searchNoResults: (q) => `No results for “${q}”.`,
  searchResultCount: (n, more) =>
    `${n === 1 ? '1 result' : `${n} results`}${more ? ', more available' : ''}.`,
  searchMore: 'More results',
  searchServerLoading: 'Searching older messages…',
  searchOffline: "You're offline: showing messages saved on this device.",
  searchFailed: "Older messages couldn't be searched. Showing messages saved on this device.",
  searchIncomplete: "Some messages saved on this device couldn't be searched.",
  searchContactsFailed: "Contacts couldn't be searched.",
  searchClear: 'Clear search',
  searchYou: 'You',
  searchGroup: (n) => `Group of ${n}`,
};

export const searchEs: SearchTerms = {
  search: 'Buscar',
  searchPlaceholder: 'Buscar personas y mensajes',
  searchResults: 'Resultados de la búsqueda',
  searchPeople: 'Personas',
  searchConversations: 'Conversaciones',
  searchMessages: 'Mensajes',
  searchNoResults: (q) => `No hay resultados para «${q}».`,
  searchResultCount: (n, more) => `${n === 1 ? '1 resultado' : `${n} resultados`}${more ? ', hay más' : ''}.`,
  searchMore: 'Más resultados',
  searchServerLoading: 'Buscando mensajes anteriores…',
  searchOffline: 'Sin conexión: se muestran los mensajes guardados en este dispositivo.',
  searchFailed:
    'No se pudieron buscar los mensajes anteriores. Se muestran los guardados en este dispositivo.',
  searchIncomplete: 'No se pudieron buscar algunos mensajes guardados en este dispositivo.',
  searchContactsFailed: 'No se pudieron buscar los contactos.',
  searchClear: 'Borrar búsqueda',
  searchYou: 'Tú',
  searchGroup: (n) => `Grupo de ${n}`,
};

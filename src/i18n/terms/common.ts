/** Words shared by every element. */
export interface CommonTerms {
  /** Language name in itself ("English", "Español"). */
  readonly $name: string;
  readonly close: string;
  readonly cancel: string;
  readonly retry: string;
  readonly loading: string;
  readonly delete: string;
  readonly yes: string;
  readonly no: string;
  readonly download: string;
  readonly moreActions: string;
  readonly today: string;
  readonly yesterday: string;
  readonly offlineNotice: string;
  readonly storageUnavailable: string;
  readonly storageFull: string;
  readonly storageBlocked: string;
  readonly reload: string;
  readonly somethingWentWrong: string;
  readonly noClient: string;
  /** Shown where an element's client was destroyed (signed out, another route) and none replaced it. */
  readonly clientEnded: string;
  /** Plural: "1 file" / "3 files". */
  readonly files: (count: number) => string;
  readonly photo: string;
  readonly video: string;
  readonly audio: string;
  readonly document: string;
  readonly attachments: (count: number) => string;
}

export const commonEn: CommonTerms = {
  $name: 'English',
  close: 'Close',
  cancel: 'Cancel',
  retry: 'Retry',
  loading: 'Loading…',
  delete: 'Delete',
  yes: 'Yes',
  no: 'No',
  download: 'Download',
  moreActions: 'More actions',
  today: 'Today',
  yesterday: 'Yesterday',
  offlineNotice: "You're offline — messages will be sent when you're back.",
  storageUnavailable:
    "Messages can't be saved on this device, so they won't be here after a reload. Sending still works.",
  storageFull:
    "This device's storage is full: new messages won't be saved for offline use. Sending still works.",
  storageBlocked: 'Messages was updated in another tab. Reload this tab to keep using it.',
  reload: 'Reload',
  somethingWentWrong: 'Something went wrong.',
  noClient: 'Not connected: place this element inside <sms-provider> or set its client.',
  clientEnded: 'This messages session has ended. Reload the page to continue.',
  files: (n) => (n === 1 ? '1 file' : `${n} files`),
  photo: 'Photo',
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  attachments: (n) => (n === 1 ? '1 attachment' : `${n} attachments`),
};

export const commonEs: CommonTerms = {
  $name: 'Español',
  close: 'Cerrar',
  cancel: 'Cancelar',
  retry: 'Reintentar',
  loading: 'Cargando…',
  delete: 'Eliminar',
  yes: 'Sí',
  no: 'No',
  download: 'Descargar',
  moreActions: 'Más acciones',
  today: 'Hoy',
  yesterday: 'Ayer',
  offlineNotice: 'Sin conexión: los mensajes se enviarán cuando vuelvas a estar en línea.',
  storageUnavailable:
    'Los mensajes no se pueden guardar en este dispositivo y no estarán aquí después de recargar. El envío sigue funcionando.',
  storageFull:
    'El almacenamiento de este dispositivo está lleno: los mensajes nuevos no se guardarán sin conexión. El envío sigue funcionando.',
  storageBlocked: 'Mensajes se actualizó en otra pestaña. Recarga esta pestaña para seguir usándolo.',
  reload: 'Recargar',
  somethingWentWrong: 'Algo salió mal.',
  noClient: 'Sin conexión: coloca este elemento dentro de <sms-provider> o asígnale un cliente.',
  clientEnded: 'Esta sesión de mensajes terminó. Recarga la página para continuar.',
  files: (n) => (n === 1 ? '1 archivo' : `${n} archivos`),
  photo: 'Foto',
  video: 'Video',
  audio: 'Audio',
  document: 'Documento',
  attachments: (n) => (n === 1 ? '1 archivo adjunto' : `${n} archivos adjuntos`),
};

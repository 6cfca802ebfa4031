/** Terms of the per-chat "Media & files" view (`<sms-media-files>`). */
export interface MediaFilesTerms {
  /** The menu item and the view's title. */
  readonly mediaAndFiles: string;
  readonly closeMediaAndFiles: string;
  readonly noMediaFiles: string;
  readonly loadingMediaFiles: string;
  /** Shown while older messages are read for more files. */
  readonly loadingOlderFiles: string;
  readonly loadOlderFiles: string;
  /** What could not be read (offline): the files shown are those this device has. */
  readonly mediaFilesPartial: string;
  /** A tile's accessible name: "Open photo.jpg, from Ana, May 3". */
  readonly openMediaFile: (name: string, from: string, date: string) => string;
  /** The count under the title: "12 files". */
  readonly mediaFilesCount: (count: number) => string;
}

export const mediaFilesEn: MediaFilesTerms = {
  mediaAndFiles: 'Media & files',
  closeMediaAndFiles: 'Close media & files',
  noMediaFiles: 'No photos, videos or files in this chat yet.',
  loadingMediaFiles: 'Loading media & files…',
  loadingOlderFiles: 'Looking for older files…',
  loadOlderFiles: 'Load older files',
  mediaFilesPartial: 'Showing the files on this device. Older ones show when you are back online.',
  openMediaFile: (name, from, date) => `Open ${name}, from ${from}, ${date}`,
  mediaFilesCount: (n) => (n === 1 ? '1 file' : `${n} files`),
};

export const mediaFilesEs: MediaFilesTerms = {
  mediaAndFiles: 'Multimedia y archivos',
  closeMediaAndFiles: 'Cerrar multimedia y archivos',
  noMediaFiles: 'Todavía no hay fotos, videos ni archivos en este chat.',
  loadingMediaFiles: 'Cargando multimedia y archivos…',
  loadingOlderFiles: 'Buscando archivos anteriores…',
  loadOlderFiles: 'Cargar archivos anteriores',
  mediaFilesPartial:
    'Se muestran los archivos de este dispositivo. Los anteriores aparecerán cuando vuelvas a estar en línea.',
  openMediaFile: (name, from, date) => `Abrir ${name}, de ${from}, ${date}`,
  mediaFilesCount: (n) => (n === 1 ? '1 archivo' : `${n} archivos`),
};

/** Terms of the media viewer (`<sms-media-viewer>`). */
export interface ViewerTerms {
  /** Accessible name of the viewer dialog. */
  readonly viewerTitle: string;
  /** The counter: "3 of 12". */
  readonly viewerPosition: (index: number, total: number) => string;
  readonly viewerPrevious: string;
  readonly viewerNext: string;
  /** The 'i' button. */
  readonly viewerDetails: string;
  /** The strip of thumbnails, and the small arrow that hides and shows it. */
  readonly viewerGallery: string;
  readonly viewerZoomIn: string;
  readonly viewerZoomOut: string;
  readonly viewerName: string;
  readonly viewerType: string;
  readonly viewerSize: string;
  readonly viewerDimensions: string;
  readonly viewerDimensionsValue: (width: number, height: number) => string;
  readonly viewerDuration: string;
  readonly viewerSentBy: string;
  readonly viewerSentAt: string;
  /** The sender of one's own messages. */
  readonly viewerYou: string;
  readonly viewerUnknownType: string;
  /** On the card shown instead of a preview. */
  readonly viewerNoPreview: string;
  readonly viewerLoadingMore: string;
  readonly viewerEmpty: string;
  /** The chat's files could not be read. */
  readonly viewerFailed: string;
  readonly viewerDownloadFailed: string;
}

export const viewerEn: ViewerTerms = {
  viewerTitle: 'Media player',
  viewerPosition: (n, m) => `${n} of ${m}`,
  viewerPrevious: 'Previous',
  viewerNext: 'Next',
  viewerDetails: 'Details',
  viewerGallery: 'Media gallery',
  viewerZoomIn: 'Zoom in',
  viewerZoomOut: 'Zoom out',
  viewerName: 'Name',
  viewerType: 'Type',
  viewerSize: 'Size',
  viewerDimensions: 'Dimensions',
  viewerDimensionsValue: (w, h) => `${w} × ${h}`,
  viewerDuration: 'Duration',
  viewerSentBy: 'Sent by',
  viewerSentAt: 'Sent',
  viewerYou: 'You',
  viewerUnknownType: 'Unknown type',
  viewerNoPreview: 'No preview for this file. Download it to open it.',
  viewerLoadingMore: 'Loading more files…',
  viewerEmpty: 'No files in this chat.',
  viewerFailed: "The files couldn't be loaded. Check your connection and try again.",
  viewerDownloadFailed: "The file couldn't be downloaded. Try again.",
};

export const viewerEs: ViewerTerms = {
  viewerTitle: 'Reproductor multimedia',
  viewerPosition: (n, m) => `${n} de ${m}`,
  viewerPrevious: 'Anterior',
  viewerNext: 'Siguiente',
  viewerDetails: 'Detalles',
  viewerGallery: 'Galería multimedia',
  viewerZoomIn: 'Acercar',
  viewerZoomOut: 'Alejar',
  viewerName: 'Nombre',
  viewerType: 'Tipo',
  viewerSize: 'Tamaño',
  viewerDimensions: 'Dimensiones',
  viewerDimensionsValue: (w, h) => `${w} × ${h}`,
  viewerDuration: 'Duración',
  viewerSentBy: 'Enviado por',
  viewerSentAt: 'Enviado',
  viewerYou: 'Tú',
  viewerUnknownType: 'Tipo desconocido',
  viewerNoPreview: 'No hay vista previa de este archivo. Descárgalo para abrirlo.',
  viewerLoadingMore: 'Cargando más archivos…',
  viewerEmpty: 'No hay archivos en este chat.',
  viewerFailed: 'No se pudieron cargar los archivos. Revisa tu conexión e inténtalo de nuevo.',
  viewerDownloadFailed: 'No se pudo descargar el archivo. Inténtalo de nuevo.',
};

/** Terms of the composer (`terms/composer.ts`): add each term to the interface and both languages. */
export interface ComposerTerms {
  readonly typeMessage: string;
  readonly sendMessage: string;
  readonly attachFile: string;
  readonly dropFiles: string;
  readonly attachedFiles: string;
  readonly uploading: (name: string) => string;
  readonly uploadFailed: string;
  readonly removeFile: (name: string) => string;
  readonly cancelUpload: (name: string) => string;
  readonly retryUpload: (name: string) => string;
  readonly counter: (characters: number, encoding: string, segments: number) => string;
  readonly counterGroup: (segments: number, recipients: number, total: number) => string;
  readonly unicodeBecause: (characters: string) => string;
  readonly replacePlain: string;
  readonly tooLong: (max: number) => string;
  readonly tollFreeNoAttachments: string;
  readonly noGroupFromNumber: string;
  readonly optedOutOne: (name: string) => string;
  readonly optedOutGroup: (names: string) => string;
  readonly resizeImage: string;
  readonly imageTooManyPixels: (name: string, width: number, height: number) => string;
  readonly resizeFailed: (name: string) => string;
  readonly resized: (name: string, size: string) => string;
  readonly sendAnyway: string;
  readonly dismiss: string;
  readonly sendFailed: (reason: string) => string;
  readonly checking: string;
  readonly noConversation: string;
}

export const composerEn: ComposerTerms = {
  typeMessage: 'Type your message',
  sendMessage: 'Send message',
  attachFile: 'Attach file',
  dropFiles: 'Drop files to attach them',
  attachedFiles: 'Attached files',
  uploading: (name) => `Uploading ${name}`,
  uploadFailed: 'Upload failed',
  removeFile: (name) => `Remove ${name}`,
  cancelUpload: (name) => `Cancel upload of ${name}`,
  retryUpload: (name) => `Retry upload of ${name}`,
  counter: (characters, encoding, segments) =>
    `${characters} ${characters === 1 ? 'character' : 'characters'} · ${encoding} · ${segments} ${segments === 1 ? 'SMS' : 'SMS segments'}`,
  counterGroup: (segments, recipients, total) => `${segments} × ${recipients} recipients = ${total} SMS`,
  unicodeBecause: (characters) => `Sent as Unicode (fewer characters per SMS) because of ${characters}`,
  replacePlain: 'Replace with plain characters',
  tooLong: (max) => `A message can't be longer than ${max} characters. Shorten it to send.`,
  tollFreeNoAttachments: 'Toll-free numbers can only send SMS messages: no attachments and no group chats.',
  noGroupFromNumber: 'This number can only text one person at a time: group messages are not allowed.',
  optedOutOne: (name) =>
    `${name} replied STOP and has opted out of texts. You can't message them until they text START.`,
  optedOutGroup: (names) =>
    `${names} replied STOP and opted out of texts, so this group can't be messaged until they text START.`,
  resizeImage: 'Resize and attach',
  imageTooManyPixels: (name, width, height) =>
    `"${name}" is ${width} × ${height} pixels: images over 80 megapixels can't be sent.`,
  resizeFailed: (name) => `"${name}" could not be resized to fit.`,
  resized: (name, size) => `"${name}" was resized to ${size} to fit.`,
  sendAnyway: 'Send anyway',
  dismiss: 'Dismiss',
  sendFailed: (reason) => `Not sent: ${reason}`,
  checking: 'Checking…',
  noConversation: 'Choose who to text first.',
};

export const composerEs: ComposerTerms = {
  typeMessage: 'Escribe tu mensaje',
  sendMessage: 'Enviar mensaje',
  attachFile: 'Adjuntar archivo',
  dropFiles: 'Suelta los archivos para adjuntarlos',
  attachedFiles: 'Archivos adjuntos',
  uploading: (name) => `Subiendo ${name}`,
  uploadFailed: 'Error al subir',
  removeFile: (name) => `Quitar ${name}`,
  cancelUpload: (name) => `Cancelar la subida de ${name}`,
  retryUpload: (name) => `Reintentar la subida de ${name}`,
  counter: (characters, encoding, segments) =>
    `${characters} ${characters === 1 ? 'carácter' : 'caracteres'} · ${encoding} · ${segments} ${segments === 1 ? 'SMS' : 'segmentos SMS'}`,
  counterGroup: (segments, recipients, total) => `${segments} × ${recipients} destinatarios = ${total} SMS`,
  unicodeBecause: (characters) => `Se envía como Unicode (menos caracteres por SMS) por ${characters}`,
  replacePlain: 'Reemplazar por caracteres simples',
  tooLong: (max) => `Un mensaje no puede tener más de ${max} caracteres. Acórtalo para enviarlo.`,
  tollFreeNoAttachments:
    'Los números gratuitos solo pueden enviar SMS: sin archivos adjuntos ni chats de grupo.',
  noGroupFromNumber: 'Este número solo puede escribir a una persona: no se permiten mensajes de grupo.',
  optedOutOne: (name) =>
    `${name} respondió STOP y no quiere recibir mensajes. No puedes escribirle hasta que envíe START.`,
  optedOutGroup: (names) =>
    `${names} respondió STOP y no quiere recibir mensajes; no puedes escribir a este grupo hasta que envíe START.`,
  resizeImage: 'Reducir y adjuntar',
  imageTooManyPixels: (name, width, height) =>
    `«${name}» mide ${width} × ${height} píxeles: no se pueden enviar imágenes de más de 80 megapíxeles.`,
  resizeFailed: (name) => `No se pudo reducir «${name}» para que quepa.`,
  resized: (name, size) => `«${name}» se redujo a ${size} para que quepa.`,
  sendAnyway: 'Enviar de todos modos',
  dismiss: 'Cerrar',
  sendFailed: (reason) => `No enviado: ${reason}`,
  checking: 'Comprobando…',
  noConversation: 'Primero elige a quién escribir.',
};

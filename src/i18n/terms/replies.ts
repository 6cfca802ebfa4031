/**
 * Terms of saved replies and of the checks before a send (quiet hours, emergency numbers, short
 * codes), in the composer and the recipient picker (`terms/replies.ts`).
 */
export interface RepliesTerms {
  readonly savedReplies: string;
  readonly searchReplies: string;
  readonly noReplies: string;
  readonly noMatchingReplies: string;
  readonly loadingReplies: string;
  readonly repliesFailed: string;
  readonly newReply: string;
  readonly editReply: (title: string) => string;
  readonly deleteReply: (title: string) => string;
  readonly replyTitle: string;
  readonly replyText: string;
  readonly replyVariablesHint: string;
  readonly saveReply: string;
  readonly replySaveFailed: (reason: string) => string;
  readonly personalReply: string;
  readonly fillIn: string;
  readonly nextVariableHint: string;
  readonly unfilledVariables: (names: string) => string;
  readonly quietHoursWarn: (time: string, name: string) => string;
  readonly quietHoursBlock: (time: string, name: string, start: string, end: string) => string;
  /** The same, for a message scheduled at a time that falls in their quiet hours. */
  readonly quietHoursWarnLater: (time: string, name: string) => string;
  readonly quietHoursBlockLater: (time: string, name: string, start: string, end: string) => string;
  readonly emergencyNumber: (number: string) => string;
  readonly shortCode: (number: string) => string;
}

export const repliesEn: RepliesTerms = {
  savedReplies: 'Saved replies',
  searchReplies: 'Search saved replies',
  noReplies: 'No saved replies yet.',
  noMatchingReplies: 'No saved reply matches.',
  loadingReplies: 'Loading saved replies…',
  repliesFailed: "Saved replies couldn't be loaded.",
  newReply: 'New reply',
  editReply: (title) => `Edit “${title}”`,
  deleteReply: (title) => `Delete “${title}”`,
  replyTitle: 'Title',
  replyText: 'Reply',
  replyVariablesHint:
    'Use {first_name}, {last_name}, {agent_name} or {company} to fill them in when inserted.',
  saveReply: 'Save reply',
  replySaveFailed: (reason) => `The reply couldn't be saved: ${reason}`,
  personalReply: 'Yours',
  fillIn: 'Fill in:',
  nextVariableHint: 'Tab moves to the next one.',
  unfilledVariables: (names) => `This message still has ${names} to fill in.`,
  quietHoursWarn: (time, name) => `It's ${time} for ${name}. Send anyway?`,
  quietHoursBlock: (time, name, start, end) =>
    `It's ${time} for ${name}. Texts can be sent between ${start} and ${end} their time.`,
  quietHoursWarnLater: (time, name) => `It will be ${time} for ${name} then. Schedule anyway?`,
  quietHoursBlockLater: (time, name, start, end) =>
    `It will be ${time} for ${name} then. Texts can be sent between ${start} and ${end} their time.`,
  emergencyNumber: (number) =>
    `${number} is an emergency number. Call it: texts can't be sent to emergency services from here.`,
  shortCode: (number) =>
    `${number} is a short code. Short codes are automated services and can't receive texts from a business number.`,
};

export const repliesEs: RepliesTerms = {
  savedReplies: 'Respuestas guardadas',
  searchReplies: 'Buscar respuestas guardadas',
  noReplies: 'Aún no hay respuestas guardadas.',
  noMatchingReplies: 'Ninguna respuesta guardada coincide.',
  loadingReplies: 'Cargando respuestas guardadas…',
  repliesFailed: 'No se pudieron cargar las respuestas guardadas.',
  newReply: 'Nueva respuesta',
  editReply: (title) => `Editar «${title}»`,
  deleteReply: (title) => `Eliminar «${title}»`,
  replyTitle: 'Título',
  replyText: 'Respuesta',
  replyVariablesHint:
    'Usa {first_name}, {last_name}, {agent_name} o {company} para rellenarlos al insertarla.',
  saveReply: 'Guardar respuesta',
  replySaveFailed: (reason) => `No se pudo guardar la respuesta: ${reason}`,
  personalReply: 'Tuya',
  fillIn: 'Completa:',
  nextVariableHint: 'Tab pasa al siguiente.',
  unfilledVariables: (names) => `Este mensaje aún tiene ${names} por completar.`,
  quietHoursWarn: (time, name) => `Son las ${time} para ${name}. ¿Enviar de todos modos?`,
  quietHoursBlock: (time, name, start, end) =>
    `Son las ${time} para ${name}. Se pueden enviar mensajes entre las ${start} y las ${end} de su hora.`,
  quietHoursWarnLater: (time, name) =>
    `A esa hora serán las ${time} para ${name}. ¿Programar de todos modos?`,
  quietHoursBlockLater: (time, name, start, end) =>
    `A esa hora serán las ${time} para ${name}. Se pueden enviar mensajes entre las ${start} y las ${end} de su hora.`,
  emergencyNumber: (number) =>
    `${number} es un número de emergencia. Llama: desde aquí no se pueden enviar mensajes a los servicios de emergencia.`,
  shortCode: (number) =>
    `${number} es un código corto. Los códigos cortos son servicios automáticos y no pueden recibir mensajes de un número de empresa.`,
};

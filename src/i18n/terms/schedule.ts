/** Terms of "send later" (`terms/schedule.ts`): the picker and the scheduled messages of a chat. */
export interface ScheduleTerms {
  readonly sendLater: string;
  readonly inOneHour: string;
  readonly tomorrowMorning: string;
  readonly mondayMorning: string;
  readonly dateAndTime: string;
  readonly schedule: string;
  readonly timeZoneNote: (zone: string) => string;
  readonly cancelIfReplied: string;
  readonly cancelIfRepliedNote: string;
  readonly scheduledInPast: string;
  readonly enterDateTime: string;
  readonly writeBeforeScheduling: string;
  /** Send later while attached files are still uploading or failed. */
  readonly sendLaterWaitForFiles: string;
  /** The attachments of a scheduled message (a list's label). */
  readonly scheduledAttachments: string;
  /** Send later in a chat that does not exist yet: why it cannot be used. */
  readonly sendLaterNewChat: string;
  /** Schedules despite a warning (quiet hours at that time, unfilled variables, the host's). */
  readonly scheduleAnyway: string;
  readonly scheduleFailed: (reason: string) => string;
  readonly scheduledAnnouncement: (when: string) => string;
  readonly scheduledMessages: string;
  readonly scheduledFor: (when: string) => string;
  readonly editScheduled: string;
  readonly sendScheduledNow: string;
  readonly cancelScheduled: string;
  readonly scheduledMessageText: string;
  readonly saveChanges: string;
  readonly discardChanges: string;
  readonly scheduledActionFailed: (reason: string) => string;
  readonly scheduledCancelled: string;
  readonly scheduledSent: string;
  /** The scheduled messages of a chat could not be read. */
  readonly scheduledLoadFailed: string;
  /** Reads the scheduled messages again. */
  readonly tryAgain: string;
}

export const scheduleEn: ScheduleTerms = {
  sendLater: 'Send later',
  inOneHour: 'In 1 hour',
  tomorrowMorning: 'Tomorrow 9 AM',
  mondayMorning: 'Monday 9 AM',
  dateAndTime: 'Date and time',
  schedule: 'Schedule',
  timeZoneNote: (zone) => `Times are in your time zone (${zone}).`,
  cancelIfReplied: 'Cancel if they reply first',
  cancelIfRepliedNote: 'Cancelled if they reply first',
  scheduledInPast: 'That time has passed. Choose a time in the future.',
  enterDateTime: 'Enter a date and a time.',
  writeBeforeScheduling: 'Write a message to send later.',
  sendLaterWaitForFiles: 'Wait for the attachments to finish uploading, or remove the ones that failed.',
  scheduledAttachments: 'Attachments',
  sendLaterNewChat:
    'Send the first message now: messages can be scheduled once the conversation has started.',
  scheduleAnyway: 'Schedule anyway',
  scheduleFailed: (reason) => `Not scheduled: ${reason}`,
  scheduledAnnouncement: (when) => `Message scheduled for ${when}`,
  scheduledMessages: 'Scheduled messages',
  scheduledFor: (when) => `Scheduled for ${when}`,
  editScheduled: 'Edit',
  sendScheduledNow: 'Send now',
  cancelScheduled: 'Cancel',
  scheduledMessageText: 'Message',
  saveChanges: 'Save changes',
  discardChanges: 'Discard changes',
  scheduledActionFailed: (reason) => `That didn't work: ${reason}`,
  scheduledCancelled: 'Scheduled message cancelled',
  scheduledSent: 'Scheduled message sent',
  scheduledLoadFailed: "The scheduled messages couldn't be loaded.",
  tryAgain: 'Try again',
};

export const scheduleEs: ScheduleTerms = {
  sendLater: 'Enviar más tarde',
  inOneHour: 'Dentro de 1 hora',
  tomorrowMorning: 'Mañana a las 9:00',
  mondayMorning: 'El lunes a las 9:00',
  dateAndTime: 'Fecha y hora',
  schedule: 'Programar',
  timeZoneNote: (zone) => `Las horas están en tu zona horaria (${zone}).`,
  cancelIfReplied: 'Cancelar si responden antes',
  cancelIfRepliedNote: 'Se cancela si responden antes',
  scheduledInPast: 'Esa hora ya pasó. Elige una hora futura.',
  enterDateTime: 'Indica una fecha y una hora.',
  writeBeforeScheduling: 'Escribe un mensaje para enviarlo más tarde.',
  sendLaterWaitForFiles:
    'Espera a que terminen de subirse los archivos adjuntos, o quita los que no se pudieron subir.',
  scheduledAttachments: 'Archivos adjuntos',
  sendLaterNewChat:
    'Envía ahora el primer mensaje: se pueden programar mensajes cuando la conversación ya ha empezado.',
  scheduleAnyway: 'Programar de todos modos',
  scheduleFailed: (reason) => `No se programó: ${reason}`,
  scheduledAnnouncement: (when) => `Mensaje programado para ${when}`,
  scheduledMessages: 'Mensajes programados',
  scheduledFor: (when) => `Programado para ${when}`,
  editScheduled: 'Editar',
  sendScheduledNow: 'Enviar ahora',
  cancelScheduled: 'Cancelar',
  scheduledMessageText: 'Mensaje',
  saveChanges: 'Guardar cambios',
  discardChanges: 'Descartar cambios',
  scheduledActionFailed: (reason) => `No se pudo: ${reason}`,
  scheduledCancelled: 'Mensaje programado cancelado',
  scheduledSent: 'Mensaje programado enviado',
  scheduledLoadFailed: 'No se pudieron cargar los mensajes programados.',
  tryAgain: 'Volver a intentarlo',
};

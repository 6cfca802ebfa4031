/** Terms of the new-conversation picker. */
export interface PickerTerms {
  readonly newMessage: string;
  readonly to: string;
  readonly from: string;
  readonly toPlaceholder: string;
  readonly sendTo: (number: string) => string;
  readonly removeRecipient: (name: string) => string;
  readonly recipients: string;
  readonly noMatches: string;
  readonly searching: string;
  readonly suggestions: string;
  readonly invalidNumber: (input: string) => string;
  readonly alreadyAdded: (name: string) => string;
  readonly tollFreeOneRecipient: string;
  readonly tollFreeNotice: string;
  readonly groupNotice: (count: number) => string;
  readonly contactsFailed: string;
}

export const pickerEn: PickerTerms = {
  newMessage: 'New message',
  to: 'To',
  from: 'From',
  toPlaceholder: 'Name or phone number',
  sendTo: (n) => `Send to ${n}`,
  removeRecipient: (name) => `Remove ${name}`,
  recipients: 'Recipients',
  noMatches: 'No matching contacts. Type a full phone number to send to it.',
  searching: 'Searching contacts…',
  suggestions: 'Contacts',
  invalidNumber: (input) => `“${input}” is not a valid phone number.`,
  alreadyAdded: (name) => `${name} is already a recipient.`,
  tollFreeOneRecipient: 'Toll-free numbers can only text one person: no group chats.',
  tollFreeNotice: 'Toll-free numbers can only send SMS: one recipient, no attachments.',
  groupNotice: (n) => `Group message to ${n} people.`,
  contactsFailed: 'Contacts could not be searched. Type a full phone number instead.',
};

export const pickerEs: PickerTerms = {
  newMessage: 'Mensaje nuevo',
  to: 'Para',
  from: 'De',
  toPlaceholder: 'Nombre o número de teléfono',
  sendTo: (n) => `Enviar a ${n}`,
  removeRecipient: (name) => `Quitar a ${name}`,
  recipients: 'Destinatarios',
  noMatches: 'No hay contactos que coincidan. Escribe un número completo para enviarle.',
  searching: 'Buscando contactos…',
  suggestions: 'Contactos',
  invalidNumber: (input) => `“${input}” no es un número de teléfono válido.`,
  alreadyAdded: (name) => `${name} ya es destinatario.`,
  tollFreeOneRecipient: 'Los números gratuitos solo pueden escribir a una persona: sin chats de grupo.',
  tollFreeNotice: 'Los números gratuitos solo envían SMS: un destinatario, sin archivos adjuntos.',
  groupNotice: (n) => `Mensaje de grupo para ${n} personas.`,
  contactsFailed: 'No se pudieron buscar contactos. Escribe un número completo.',
};

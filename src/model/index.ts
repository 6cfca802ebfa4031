export type { Account, NumberCapabilities, NumberKind, OwnNumber } from './account.js';
export type { Attachment, AttachmentPolicy } from './attachment.js';
export type { Contact, ContactNumber } from './contact.js';
export type { Conversation } from './conversation.js';
export type { Message, MessageDirection, MessageFailure, MessageStatus } from './message.js';
export type { SavedReply } from './saved-reply.js';

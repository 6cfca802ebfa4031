import type { SavedReply } from '../model/saved-reply.js';
import { TransportError } from './errors.js';
import type { SaveSavedReplyRequest } from './transport.js';

/** Longest title of a saved reply, in characters (code points), once trimmed. */
export const SAVED_REPLY_TITLE_MAX = 80;
/** Longest text of a saved reply, in characters (code points), once trimmed. */
export const SAVED_REPLY_TEXT_MAX = 1600;

/**
 * Checks what `saveSavedReply` was given, as the contract says (shared by the memory backend and
 * the reference server): the trimmed title and text, or `invalid` code `bad-request`.
 */
export function readSavedReplyInput(request: Partial<SaveSavedReplyRequest> | undefined): {
  title: string;
  text: string;
} {
  const title = typeof request?.title === 'string' ? request.title.trim() : '';
  const text = typeof request?.text === 'string' ? request.text.trim() : '';
  const bad = (message: string) => new TransportError('invalid', message, { code: 'bad-request' });
  if (request?.id !== undefined && typeof request.id !== 'string') throw bad('id must be a string.');
  if (!title) throw bad('A saved reply needs a title.');
  if (!text) throw bad('A saved reply needs a text.');
  if ([...title].length > SAVED_REPLY_TITLE_MAX)
    throw bad(`A title can't be longer than ${SAVED_REPLY_TITLE_MAX} characters.`);
  if ([...text].length > SAVED_REPLY_TEXT_MAX)
    throw bad(`A saved reply can't be longer than ${SAVED_REPLY_TEXT_MAX} characters.`);
  return { title, text };
}

/** The shared replies every seeded account starts with (the memory backend and the reference server). */
export const DEMO_SAVED_REPLIES: readonly Omit<SavedReply, 'updatedAt'>[] = [
  {
    id: 'sr-welcome',
    title: 'Welcome',
    text: 'Hi {first_name}, this is {agent_name} from {company}. How can I help?',
    personal: false,
  },
  {
    id: 'sr-appointment',
    title: 'Appointment reminder',
    text: 'Hi {first_name}, a reminder of your appointment on {date} at {time}. Reply C to confirm.',
    personal: false,
  },
  {
    id: 'sr-directions',
    title: 'Directions',
    text: 'We are at 1200 Main Street, suite 4. Parking is free behind the building.',
    personal: false,
  },
  {
    id: 'sr-bienvenida',
    title: 'Bienvenida',
    text: 'Hola {first_name}, soy {agent_name} de {company}. ¿En qué le puedo ayudar?',
    personal: false,
  },
  {
    id: 'sr-thanks',
    title: 'Thanks',
    text: 'Thanks, {first_name}! Let us know if there is anything else.',
    personal: false,
  },
];

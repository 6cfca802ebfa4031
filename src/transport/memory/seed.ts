import type { Account, OwnNumber } from '../../model/account.js';
import type { Contact, ContactNumber } from '../../model/contact.js';
import type { Conversation } from '../../model/conversation.js';
import type { Attachment } from '../../model/attachment.js';
import type { Message, MessageStatus } from '../../model/message.js';
import type { DemoMediaKind } from './media.js';

/** A deterministic pseudo-random generator (mulberry32), so seeded data is the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ana',
  'Ben',
  'Carla',
  'David',
  'Elena',
  'Frank',
  'Gabriela',
  'Hector',
  'Isabel',
  'Jamal',
  'Karen',
  'Luis',
  'María',
  'Nathan',
  'Olivia',
  'Pedro',
  'Quinn',
  'Rosa',
  'Samuel',
  'Teresa',
  'Umar',
  'Valeria',
  'Walter',
  'Ximena',
  'Yusuf',
  'Zoe',
  'José',
  'Lucía',
  'Priya',
  'Chen',
  'Sofía',
  'Diego',
  'Emily',
  'Andrés',
  'Grace',
  'Raúl',
];
const LAST = [
  'Ruiz',
  'Okafor',
  'Smith',
  'García',
  'Nguyen',
  'Patel',
  'Johnson',
  'Hernández',
  'Kim',
  'Martínez',
  'Brown',
  'López',
  'Wilson',
  'González',
  'Chen',
  'Rodríguez',
  'Davis',
  'Pérez',
  'Taylor',
  'Sánchez',
  'Moore',
  'Ramírez',
];
/**
 * Fictional numbers: the 555-01xx range is reserved for fiction in North America, and
 * the phone rules (libphonenumber-js's metadata) read these area codes with it as valid.
 */
const AREA = ['202', '212', '312', '415', '512', '617', '702', '718', '786', '213', '305', '404'];
const SECOND_LABELS = ['work', 'home', 'office', 'field phone'];

const SHORT_TEXTS = [
  'On my way, about 15 minutes out.',
  'Thanks! See you tomorrow at 9.',
  'Yes, that works.',
  'Got it.',
  'Perfect, thank you so much!',
  'Great job today 👍',
  'Gracias, nos vemos el lunes.',
  '¿Pueden venir mañana por la mañana?',
  'Is the 3:30 appointment still good for you?',
  'Do you accept card payments on site?',
  'Running late — traffic on I-95. Sorry!',
  'Can we move it to next week? Something came up.',
  'Confirmed for Thursday between 10 and 12.',
  'Hola, ¿me confirmas la dirección?',
  'Can you send the updated quote when you get a chance?',
  'The technician arrived and is checking the unit now.',
  'Parts are in stock, we can schedule the install for Friday.',
  'Please call me at 202-555-0143 when you can.',
  'The gate code is 4471#. Dogs are friendly 🐶',
  'Listo ✅',
  'ok',
  '🙏🙏',
  'Here are the photos from the site visit.',
  '¿Cuánto sería en total con la instalación?',
  'Heads up: the building needs a COI before we start.',
];
const LINK_TEXTS = [
  'Here is the invoice: https://example.com/invoices/4471',
  'Order #88213 shipped. Tracking: https://example.com/track/88213',
  'Book a time that suits you: https://example.com/book?ref=sms',
  'Aquí está el presupuesto: https://example.com/q/5520 — válido por 30 días.',
  'Map to the site: https://maps.example.com/?q=1600+Main+St',
];
const LONG_TEXTS = [
  'We finished the job. Let us know if anything else needs attention and we will come back out to take a look, no charge within 30 days.',
  'Reminder: your service appointment is tomorrow between 8 and 10 AM. Please make sure someone over 18 is home and that pets are secured. Reply C to confirm or R to reschedule.',
  'Hi! Quick summary of today: replaced the capacitor and the contactor on the outdoor unit, cleaned the coils, and checked refrigerant levels (all good). The thermostat was set to "auto fan", which is why you heard it running constantly; I switched it back. Invoice to follow by email. 🌡️',
  'Buenas tardes. Le escribo para confirmar que el pedido llegó completo, pero una de las cajas venía dañada. Le mando fotos en un momento. ¿Cómo hacemos con el cambio?',
  'Per our call: crew arrives Monday 7:30, demo Monday–Tuesday, rough plumbing Wednesday, inspection Thursday (city will call to confirm the window), drywall starts Friday if inspection passes. Dumpster is dropped Sunday evening in the driveway — please move the car.',
];
const GROUP_TITLES = [
  'Install crew',
  'Kitchen remodel — Oak St',
  'Weekend on-call',
  'Equipo de ventas',
  'Warehouse',
  'Front desk',
];

/** A message as the seed describes it (the backend turns these into full messages). */
export interface SeedMessage {
  readonly inbound: boolean;
  /** Which participant sent an inbound message. */
  readonly senderIndex: number;
  readonly text: string;
  readonly media: readonly DemoMediaKind[];
  readonly at: number;
  readonly status: MessageStatus;
}

/** A conversation as the seed describes it. */
export interface SeedConversation {
  readonly ownNumber: string;
  readonly participants: readonly string[];
  readonly names: Readonly<Record<string, string>>;
  readonly title?: string;
  readonly unreadCount: number;
  /** How many messages the conversation holds. */
  readonly messageCount: number;
  /**
   * The message at `index` (0 is the oldest), made on demand: a huge thread costs nothing
   * until it is read. The same index always gives the same message.
   */
  message(index: number): SeedMessage;
}

/** What one account starts with. */
export interface SeedAccount {
  readonly account: Account;
  readonly contacts: readonly Contact[];
  /** Newest activity first. */
  readonly conversations: readonly SeedConversation[];
}

/** Options of {@link makeSeed}. */
export interface SeedOptions {
  /** The seed: the same seed gives the same data. */
  readonly seed: number;
  /** Conversations of the main account (default 300). */
  readonly conversations?: number;
  /** Messages per conversation, inclusive range (default [3, 40]). */
  readonly messagesPerConversation?: readonly [number, number];
  /** Contacts of the main account (default 150). */
  readonly contacts?: number;
  /** If set, the newest conversation holds this many messages (for benchmarks), one a minute. */
  readonly hugeThread?: number;
  /** "Now" for the seed's timestamps. */
  readonly now: number;
}

const local = (number: string, label: string): OwnNumber => ({
  number,
  kind: 'local',
  label,
  capabilities: { sms: true, mms: true, group: true },
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Id of the main demo account (several numbers, one toll-free). */
export const MAIN_ACCOUNT_ID = 'acct-acme';
/** Id of the demo account without a texting number (the "Oops" state). */
export const NO_NUMBER_ACCOUNT_ID = 'acct-classic';

function pickMedia(roll: number, pick: <T>(list: readonly T[]) => T): DemoMediaKind[] {
  if (roll < 0.05) return [pick(['photo', 'portrait', 'panorama', 'screenshot'] as const)];
  if (roll < 0.065) return ['photo', 'portrait'];
  if (roll < 0.075) return ['pdf'];
  if (roll < 0.082) return ['audio'];
  if (roll < 0.087) return ['video'];
  if (roll < 0.092) return ['gif'];
  return [];
}

/**
 * Builds the demo accounts, the same for the same options: a busy main account (three numbers,
 * one toll-free; contacts; conversations newest first, one-to-one and group MMS, some unread,
 * with links, emoji, long texts and attachments), and a second account with no texting number.
 */
export function makeSeed(options: SeedOptions): SeedAccount[] {
  const rnd = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const [minMessages, maxMessages] = options.messagesPerConversation ?? [3, 40];
  const usedNumbers = new Set<string>();
  const number = () => {
    // Fictional 555-01XX numbers first; large seeds (benchmarks) continue with other exchanges.
    for (let tries = 0; tries < 200; tries++) {
      const n = `+1${pick(AREA)}55501${String(int(0, 99)).padStart(2, '0')}`;
      if (!usedNumbers.has(n)) {
        usedNumbers.add(n);
        return n;
      }
    }
    for (let tries = 0; tries < 100_000; tries++) {
      const n = `+1${pick(AREA)}${int(201, 989)}${String(int(0, 9999)).padStart(4, '0')}`;
      if (!usedNumbers.has(n)) {
        usedNumbers.add(n);
        return n;
      }
    }
    throw new Error('seed: out of numbers');
  };

  const own: OwnNumber[] = [
    local('+12025550199', 'Main line'),
    local('+14155550188', 'Field team'),
    {
      number: '+18005550199',
      kind: 'toll-free',
      label: 'Support (toll-free)',
      capabilities: { sms: true, mms: false, group: false },
    },
  ];
  for (const n of own) usedNumbers.add(n.number);
  // Kept free for tests and the conformance suite's first recipient (never in a seeded group).
  usedNumbers.add('+12025550143');

  const contacts: Contact[] = [];
  const contactNames = new Set<string>();
  for (let i = 0; i < (options.contacts ?? 150); i++) {
    let name = `${pick(FIRST)} ${pick(LAST)}`;
    for (let tries = 0; contactNames.has(name); tries++) {
      name = `${pick(FIRST)} ${tries > 20 ? `${String.fromCharCode(65 + int(0, 25))}. ` : ''}${pick(LAST)}`;
    }
    contactNames.add(name);
    const roll = rnd();
    const count = roll < 0.08 ? 3 : roll < 0.25 ? 2 : 1;
    const offset = int(0, SECOND_LABELS.length - 1);
    const labels = [
      'mobile',
      ...SECOND_LABELS.map((_, k) => SECOND_LABELS[(offset + k) % SECOND_LABELS.length]!),
    ];
    const numbers: ContactNumber[] = Array.from({ length: count }, (_, k) => ({
      number: number(),
      label: labels[k]!,
    }));
    contacts.push({ id: `contact-${i + 1}`, name, numbers });
  }
  contacts.sort((a, b) => a.name.localeCompare(b.name));
  const nameOf = new Map(contacts.flatMap((c) => c.numbers.map((n) => [n.number, c.name] as const)));

  const conversations: SeedConversation[] = [];
  const seen = new Set<string>();
  let latest = options.now - 4 * MINUTE;
  for (let i = 0; conversations.length < (options.conversations ?? 300) && i < 100_000; i++) {
    const r = rnd();
    const from = r < 0.8 ? own[0]! : r < 0.94 ? own[1]! : own[2]!;
    const group = from.capabilities.group && rnd() < 0.18;
    const size = group ? int(2, 5) : 1;
    const participants: string[] = [];
    while (participants.length < size) {
      const n = rnd() < 0.75 && contacts.length ? pick(pick(contacts).numbers).number : number();
      if (!participants.includes(n)) participants.push(n);
    }
    const key = `${from.number}>${[...participants].sort().join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const names: Record<string, string> = {};
    for (const p of participants) {
      const name = nameOf.get(p);
      if (name) names[p] = name;
    }
    const title = group && rnd() < 0.35 ? pick(GROUP_TITLES) : undefined;
    const huge = conversations.length === 0 && options.hugeThread ? options.hugeThread : 0;
    const count = huge || int(minMessages, maxMessages);
    const unreadCount = !huge && rnd() < 0.12 ? int(1, Math.min(6, count)) : 0;
    // Activity gets older down the list: minutes apart at the top, then up to two days apart.
    latest -= Math.floor(rnd() * (conversations.length < 20 ? 3 * HOUR : 2 * DAY));
    const mms = from.capabilities.mms;
    const base = Math.floor(rnd() * 2 ** 31);
    const newest = latest;
    const last = count - 1;
    // Each message is made from its own index, so any one can be made alone, in any order.
    const message = (index: number): SeedMessage => {
      const r2 = random(base + index * 7919);
      const fromEnd = last - index;
      const inbound = fromEnd < unreadCount ? true : r2() < 0.5;
      const media = mms ? pickMedia(r2(), (list) => list[Math.floor(r2() * list.length)]!) : [];
      const kind = r2();
      let text =
        kind < 0.08
          ? LINK_TEXTS[Math.floor(r2() * LINK_TEXTS.length)]!
          : kind < 0.16
            ? LONG_TEXTS[Math.floor(r2() * LONG_TEXTS.length)]!
            : SHORT_TEXTS[Math.floor(r2() * SHORT_TEXTS.length)]!;
      if (media.length && r2() < 0.5) text = '';
      const failed = !inbound && fromEnd === 0 && r2() < 0.04;
      // Spacing is a pure function of the index: one a minute in a huge thread, otherwise
      // 1 minute to about 6 hours between messages.
      const gap = (k: number) =>
        huge ? MINUTE : MINUTE + ((Math.imul(k + base, 2654435761) >>> 0) % 360) * MINUTE;
      let at = newest;
      if (huge) at = newest - fromEnd * MINUTE;
      else for (let k = last; k > index; k--) at -= gap(k);
      return {
        inbound,
        senderIndex: Math.floor(r2() * participants.length),
        text,
        media,
        at,
        status: failed ? 'failed' : 'delivered',
      };
    };
    conversations.push({
      ownNumber: from.number,
      participants,
      names,
      ...(title ? { title } : {}),
      unreadCount,
      messageCount: count,
      message,
    });
  }

  return [
    {
      account: {
        id: MAIN_ACCOUNT_ID,
        userId: 'user-dana',
        name: 'Dana Whitfield',
        country: 'US',
        numbers: own,
      },
      contacts,
      conversations,
    },
    {
      account: {
        id: NO_NUMBER_ACCOUNT_ID,
        userId: 'user-sam',
        name: 'Sam Porter',
        country: 'US',
        numbers: [],
      },
      contacts: contacts.slice(0, 10),
      conversations: [],
    },
  ];
}

/** What a seeded conversation's record holds (a backend adds its times, last message, opt-outs). */
export type SeededConversation = Pick<
  Conversation,
  'id' | 'participants' | 'ownNumber' | 'names' | 'title' | 'unreadCount'
>;

/**
 * A seeded conversation under the id `id`, as both backends store it: the memory backend adds
 * its `updatedAt` and `lastMessage`, the reference server its `optedOut`.
 */
export function seededConversation(seed: SeedConversation, id: string): SeededConversation {
  return {
    id,
    participants: [...seed.participants],
    ownNumber: seed.ownNumber,
    names: { ...seed.names },
    ...(seed.title ? { title: seed.title } : {}),
    unreadCount: seed.unreadCount,
  };
}

/**
 * The `index`-th message of a seeded conversation as a backend stores it (the memory backend on
 * first read, the reference server in its database); `attachment` makes each of its files.
 */
export function seededMessage(
  seed: SeedConversation,
  conversationId: string,
  index: number,
  attachment: (kind: DemoMediaKind, id: string) => Attachment,
): Message {
  const m = seed.message(index);
  const id = `${conversationId}-m${index}`;
  return {
    id,
    conversationId,
    direction: m.inbound ? 'inbound' : 'outbound',
    from: m.inbound ? seed.participants[m.senderIndex]! : seed.ownNumber,
    to: m.inbound ? [seed.ownNumber] : [...seed.participants],
    text: m.text,
    attachments: m.media.map((kind, k) => attachment(kind, `${id}-a${k}`)),
    status: m.status,
    ...(m.status === 'failed'
      ? { failure: { code: 'carrier-rejected', reason: 'The carrier rejected the message.' } }
      : {}),
    createdAt: m.at,
    ...(m.inbound ? {} : { updatedAt: m.at }),
  };
}

import type { Account, OwnNumber } from '../../model/account.js';
import type { Contact } from '../../model/contact.js';
import type { MessageStatus } from '../../model/message.js';
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
const AREA = ['202', '212', '312', '415', '512', '617', '702', '718', '786', '213', '305', '404'];
const LABELS = ['mobile', 'work', 'home', 'field phone'];

const TEXTS = [
  'On my way, about 15 minutes out.',
  'Can you send the updated quote when you get a chance?',
  'Thanks! See you tomorrow at 9.',
  'The technician arrived and is checking the unit now.',
  'Is the 3:30 appointment still good for you?',
  'Yes, that works.',
  'Here is the invoice: https://example.com/invoices/4471',
  'Gracias, nos vemos el lunes.',
  '¿Pueden venir mañana por la mañana?',
  'Running late — traffic on I-95. Sorry!',
  'Parts are in stock, we can schedule the install for Friday.',
  'Great job today 👍',
  'Please call me at 202-555-0143 when you can.',
  'The gate code is 4471#. Dogs are friendly 🐶',
  'Order #88213 shipped. Tracking: https://example.com/track/88213',
  'Got it.',
  'Can we move it to next week? Something came up.',
  'Confirmed for Thursday between 10 and 12.',
  'Do you accept card payments on site?',
  'We finished the job. Let us know if anything else needs attention and we will come back out to take a look, no charge within 30 days.',
  'Here are the photos from the site visit.',
  'STOP',
  'Hola, ¿me confirmas la dirección?',
  'Perfect, thank you so much!',
  'Reminder: your service appointment is tomorrow. Reply C to confirm or R to reschedule.',
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
  readonly unreadCount: number;
  readonly messages: readonly SeedMessage[];
}

/** What one account starts with. */
export interface SeedAccount {
  readonly account: Account;
  readonly contacts: readonly Contact[];
  readonly conversations: readonly SeedConversation[];
}

/** Options of {@link makeSeed}. */
export interface SeedOptions {
  readonly seed: number;
  /** Conversations of the main account (default 300). */
  readonly conversations: number;
  /** Messages per conversation, inclusive range (default [3, 40]). */
  readonly messagesPerConversation: readonly [number, number];
  /** Contacts of the main account (default 150). */
  readonly contacts: number;
  /** If set, the newest conversation holds this many messages (for benchmarks). */
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

const DAY = 86_400_000;

/** Builds the demo accounts: a busy main account and one with no texting number (the "Oops" state). */
export function makeSeed(options: SeedOptions): SeedAccount[] {
  const rnd = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const usedNumbers = new Set<string>();
  const number = () => {
    // Fictional 555-01XX numbers first; large seeds (benchmarks) continue with other exchanges.
    for (let tries = 0; tries < 200; tries++) {
      const n = `+1${pick(AREA)}55501${String(int(100, 199)).slice(1)}`;
      if (!usedNumbers.has(n)) {
        usedNumbers.add(n);
        return n;
      }
    }
    for (;;) {
      const n = `+1${pick(AREA)}${int(201, 989)}${String(int(0, 9999)).padStart(4, '0')}`;
      if (!usedNumbers.has(n)) {
        usedNumbers.add(n);
        return n;
      }
    }
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

  const contacts: Contact[] = [];
  const contactNames = new Set<string>();
  for (let i = 0; i < options.contacts; i++) {
    let name = `${pick(FIRST)} ${pick(LAST)}`;
    while (contactNames.has(name)) name = `${pick(FIRST)} ${pick(LAST)}`;
    contactNames.add(name);
    const count = rnd() < 0.2 ? 2 : 1;
    const numbers = Array.from({ length: count }, (_, k) => ({
      number: number(),
      label: k === 0 ? 'mobile' : pick(LABELS.slice(1)),
    }));
    contacts.push({ id: `contact-${i + 1}`, name, numbers });
  }
  const nameOf = new Map(contacts.flatMap((c) => c.numbers.map((n) => [n.number, c.name] as const)));

  const conversations: SeedConversation[] = [];
  const seen = new Set<string>();
  let latest = options.now - 5 * 60_000;
  for (let i = 0; i < options.conversations; i++) {
    const r = rnd();
    const from = r < 0.8 ? own[0]! : r < 0.95 ? own[1]! : own[2]!;
    const group = from.kind !== 'toll-free' && rnd() < 0.18;
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
    const huge = i === 0 && options.hugeThread ? options.hugeThread : 0;
    const count = huge || int(options.messagesPerConversation[0], options.messagesPerConversation[1]);
    const unreadCount = rnd() < 0.1 ? int(1, Math.min(5, count)) : 0;
    // Activity gets older down the list; gaps of minutes to days.
    latest -= Math.floor(rnd() * (i < 20 ? 3 * 3_600_000 : 2 * DAY));
    const messages: SeedMessage[] = [];
    let at = latest;
    for (let k = count - 1; k >= 0; k--) {
      const fromEnd = count - 1 - k;
      const inbound = fromEnd < unreadCount ? true : rnd() < 0.5;
      const mediaRoll = rnd();
      const media: DemoMediaKind[] =
        mediaRoll < 0.06
          ? [pick(['landscape', 'portrait', 'wide'] as const)]
          : mediaRoll < 0.075
            ? ['landscape', 'portrait']
            : mediaRoll < 0.085
              ? ['pdf']
              : mediaRoll < 0.092
                ? ['audio']
                : mediaRoll < 0.097
                  ? ['video']
                  : mediaRoll < 0.1
                    ? ['gif']
                    : [];
      let text = pick(TEXTS);
      if (text === 'STOP') text = 'Thanks, talk soon.';
      if (media.length && rnd() < 0.5) text = '';
      const status: MessageStatus = inbound
        ? 'delivered'
        : fromEnd === 0 && rnd() < 0.03
          ? 'failed'
          : 'delivered';
      messages.push({ inbound, senderIndex: int(0, participants.length - 1), text, media, at, status });
      at -= huge ? 60_000 : Math.floor(rnd() * 6 * 3_600_000) + 60_000;
    }
    messages.reverse();
    conversations.push({ ownNumber: from.number, participants, names, unreadCount, messages });
  }

  return [
    {
      account: { id: 'acct-acme', userId: 'user-dana', name: 'Dana Whitfield', country: 'US', numbers: own },
      contacts,
      conversations,
    },
    {
      account: { id: 'acct-classic', userId: 'user-sam', name: 'Sam Porter', country: 'US', numbers: [] },
      contacts: contacts.slice(0, 10),
      conversations: [],
    },
  ];
}

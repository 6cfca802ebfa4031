import { isE164 } from './e164.js';
import { phoneCountry } from './phone.js';
import { areaCodeTimeZone } from './area-codes.js';

/**
 * When texting someone is fine, in their own local time: from `start` (inclusive) to `end`
 * (exclusive), `"HH:MM"` on a 24-hour clock. A window whose end is before its start runs past
 * midnight (`22:00`–`06:00`).
 */
export interface QuietHoursWindow {
  readonly start: string;
  readonly end: string;
}

/** The default: texts are fine from 8 AM to 9 PM where the recipient is. */
export const DEFAULT_QUIET_HOURS: QuietHoursWindow = { start: '08:00', end: '21:00' };

/** A recipient for whom it is quiet hours now. */
export interface QuietHoursHit {
  /** The recipient's E.164 number. */
  readonly number: string;
  /** The IANA time zone they are most likely in. */
  readonly timeZone: string;
  /** Their local time now (0–23, 0–59). */
  readonly hour: number;
  readonly minute: number;
}

/**
 * Countries with a single time zone (ISO 3166-1 alpha-2 → IANA). Countries spread over several
 * zones (Brazil, Mexico, Australia, Russia, Indonesia…) are left out: no warning is better than a
 * wrong one. Spain and Portugal are listed with their mainland zone (the Canaries and the Azores
 * are an hour behind).
 */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  AE: 'Asia/Dubai',
  AG: 'America/Antigua',
  AI: 'America/Anguilla',
  AR: 'America/Argentina/Buenos_Aires',
  AS: 'Pacific/Pago_Pago',
  AT: 'Europe/Vienna',
  BB: 'America/Barbados',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  BM: 'Atlantic/Bermuda',
  BO: 'America/La_Paz',
  BS: 'America/Nassau',
  CH: 'Europe/Zurich',
  CO: 'America/Bogota',
  CR: 'America/Costa_Rica',
  CU: 'America/Havana',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  DM: 'America/Dominica',
  DO: 'America/Santo_Domingo',
  EG: 'Africa/Cairo',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GD: 'America/Grenada',
  GR: 'Europe/Athens',
  GT: 'America/Guatemala',
  GU: 'Pacific/Guam',
  HK: 'Asia/Hong_Kong',
  HN: 'America/Tegucigalpa',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IL: 'Asia/Jerusalem',
  IN: 'Asia/Kolkata',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  JM: 'America/Jamaica',
  JP: 'Asia/Tokyo',
  KE: 'Africa/Nairobi',
  KN: 'America/St_Kitts',
  KR: 'Asia/Seoul',
  KY: 'America/Cayman',
  LC: 'America/St_Lucia',
  LU: 'Europe/Luxembourg',
  MP: 'Pacific/Saipan',
  MS: 'America/Montserrat',
  MY: 'Asia/Kuala_Lumpur',
  NG: 'Africa/Lagos',
  NI: 'America/Managua',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  NZ: 'Pacific/Auckland',
  PA: 'America/Panama',
  PE: 'America/Lima',
  PH: 'Asia/Manila',
  PK: 'Asia/Karachi',
  PL: 'Europe/Warsaw',
  PR: 'America/Puerto_Rico',
  PT: 'Europe/Lisbon',
  PY: 'America/Asuncion',
  RO: 'Europe/Bucharest',
  SA: 'Asia/Riyadh',
  SE: 'Europe/Stockholm',
  SG: 'Asia/Singapore',
  SK: 'Europe/Bratislava',
  SV: 'America/El_Salvador',
  SX: 'America/Lower_Princes',
  TC: 'America/Grand_Turk',
  TH: 'Asia/Bangkok',
  TR: 'Europe/Istanbul',
  TT: 'America/Port_of_Spain',
  TW: 'Asia/Taipei',
  UY: 'America/Montevideo',
  VC: 'America/St_Vincent',
  VE: 'America/Caracas',
  VG: 'America/Tortola',
  VI: 'America/St_Thomas',
  VN: 'Asia/Ho_Chi_Minh',
  ZA: 'Africa/Johannesburg',
};

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `"HH:MM"` time; throws a clear error on anything else. */
export function parseClock(value: string): number {
  const match = typeof value === 'string' ? CLOCK.exec(value.trim()) : null;
  if (!match) throw new TypeError(`"${String(value)}" is not a time of day such as "08:00" or "21:30".`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The time zone a number's owner is most likely in: US and Canadian numbers by their area code,
 * other numbers by their country when it has a single time zone; `null` when unknown (no warning
 * is given then), and for the fictional 555-01XX numbers of North America. Never throws.
 */
export function recipientTimeZone(e164: string): string | null {
  if (!isE164(e164)) return null;
  // 555-0100 to 555-0199 are reserved for fiction in North America: nobody is there to wake.
  if (/^\+1\d{3}55501\d{2}$/.test(e164)) return null;
  if (e164.startsWith('+1') && e164.length === 12) {
    const zone = areaCodeTimeZone(e164.slice(2, 5));
    if (zone) return zone;
  }
  const country = phoneCountry(e164);
  return (country && COUNTRY_ZONES[country]) || null;
}

/** The wall-clock hour and minute in a time zone at an instant. */
export function localClock(now: number, timeZone: string): { hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: get('hour') % 24, minute: get('minute') };
}

/** Whether a local time (minutes after midnight) is outside the window. */
export function isQuietTime(minutes: number, window: QuietHoursWindow = DEFAULT_QUIET_HOURS): boolean {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (start === end) return false; // a window of the whole day
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  return !inside;
}

/**
 * The recipients for whom `now` falls outside the window in their local time (by
 * {@link recipientTimeZone}); recipients whose zone is unknown are never listed.
 */
export function checkQuietHours(
  numbers: readonly string[],
  now: number,
  window: QuietHoursWindow = DEFAULT_QUIET_HOURS,
): QuietHoursHit[] {
  const hits: QuietHoursHit[] = [];
  for (const number of numbers) {
    const timeZone = recipientTimeZone(number);
    if (!timeZone) continue;
    const { hour, minute } = localClock(now, timeZone);
    if (isQuietTime(hour * 60 + minute, window)) hits.push({ number, timeZone, hour, minute });
  }
  return hits;
}

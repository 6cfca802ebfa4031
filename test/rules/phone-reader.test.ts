import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/core';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import { PHONE_METADATA } from '../../src/rules/phone-metadata.js';
import type { PhonePlan } from '../../src/rules/phone-metadata.js';
import * as ours from '../../src/rules/phone.js';
import {
  checkLength,
  formatReading,
  isValidReading,
  readingPlan,
  readPhoneNumber,
} from '../../src/rules/phone-reader.js';
import * as reference from './phone-libphonenumber.js';

// Decision 0024: src/rules/phone-reader.ts reads numbers as libphonenumber-js does, over the same
// metadata. These tests compare them on many numbers of each of the 49 plans (libphonenumber-js
// stays a dev dependency for this), directly and through the phone rules of src/rules/phone.ts.

const META = PHONE_METADATA as unknown as MetadataJson;
const PLANS = PHONE_METADATA.countries;
const COUNTRIES = Object.keys(PLANS);
const DEFAULTS = ['US', 'CA', 'GB', 'FR', 'ES', 'MX', 'AR', 'CO', 'JM', 'GG'];
const MOBILE = examples as Record<string, string | undefined>;

/** The patterns a plan's numbers are drawn from: its number types, or its national pattern. */
function patterns(plan: PhonePlan): string[] {
  const types = (plan[11] || []).flatMap((type) => (type && type[0] ? [type[0]] : []));
  return types.length ? types : [plan[2]];
}

/** National numbers of a country: its mobile example and numbers matching its patterns. */
function nationals(country: string, perPattern: number, seed: number): string[] {
  const plan = PLANS[country]!;
  const drawn = patterns(plan).flatMap((pattern, i) =>
    fc.sample(fc.stringMatching(new RegExp(`^(?:${pattern})$`)), { numRuns: perPattern, seed: seed + i }),
  );
  return [...new Set([MOBILE[country] ?? '', ...drawn].filter((n) => /^\d{2,17}$/.test(n)))];
}

/** What people type for a national number: with and without prefixes, formatted, one digit off. */
function typed(country: string, national: string): string[] {
  const plan = PLANS[country]!;
  const code = plan[0];
  const prefix = typeof plan[5] === 'string' ? plan[5] : '';
  const formatted = parsePhoneNumberFromString(`+${code}${national}`, META);
  return [
    `+${code}${national}`,
    `+${code} ${national}`,
    national,
    `${prefix}${national}`,
    `${code}${national}`,
    `${code}${prefix}${national}`,
    `011${code}${national}`,
    `00${code}${national}`,
    `00${code}0${national}`,
    `+${code}${prefix}${national}`,
    `+${code}${national.slice(0, -1)}`,
    `+${code}${national}5`,
    `${national.slice(0, -1)}`,
    `${prefix}${national}9`,
    formatted?.formatNational() ?? '',
    formatted?.formatInternational() ?? '',
  ].filter(Boolean);
}

/** libphonenumber-js's reading of a number, in the shape compared. */
function theirs(input: string, country: string | undefined) {
  const length = validatePhoneNumberLength(input, { defaultCountry: country as CountryCode }, META);
  const parsed = parsePhoneNumberFromString(input, { defaultCountry: country as CountryCode }, META);
  return {
    length,
    number: parsed?.number,
    country: parsed?.country,
    valid: parsed?.isValid(),
    national: parsed?.formatNational(),
    international: parsed?.formatInternational(),
  };
}

/** The reader's reading of a number, in the same shape. */
function mine(input: string, country: string | undefined) {
  const digits = (input.trim().startsWith('+') ? '+' : '') + input.replace(/\D/g, '');
  const reading = readPhoneNumber(digits, country);
  if (typeof reading === 'string') {
    return {
      length: reading,
      number: undefined,
      country: undefined,
      valid: undefined,
      national: undefined,
      international: undefined,
    };
  }
  return {
    length: checkLength(reading.national, readingPlan(reading)),
    number: `+${reading.callingCode}${reading.national}`,
    country: reading.country,
    valid: isValidReading(reading),
    national: formatReading(reading, false),
    international: formatReading(reading, true),
  };
}

describe('phone reader against libphonenumber-js', () => {
  it('reads, checks and formats numbers of every plan as libphonenumber-js does', () => {
    let compared = 0;
    for (const [i, country] of COUNTRIES.entries()) {
      for (const national of nationals(country, 2, 1000 + i * 17)) {
        for (const input of typed(country, national)) {
          for (const defaultCountry of [country, DEFAULTS[(i + input.length) % DEFAULTS.length]!]) {
            const label = `${input} (${defaultCountry})`;
            expect(mine(input, defaultCountry), label).to.deep.equal(theirs(input, defaultCountry));
            compared++;
          }
        }
      }
    }
    expect(compared).to.be.greaterThan(2000);
  });

  it('reads the cases found by larger runs as libphonenumber-js does', () => {
    const cases: readonly (readonly [string, string | undefined])[] = [
      ['+598000498811308', 'UY'], // matches the plan before the national prefix is taken away, not after
      ['+598000498811308', undefined],
      ['011', 'US'],
      ['0044 20 7946 0958', 'US'],
      ['011 44 20 7946 0958', 'US'],
      ['0110 44 20 7946 0958', 'US'],
      ['+44', 'GB'],
      ['01481 256789', 'GB'],
      ['01481 256789', 'GG'],
      ['12025550123', 'CA'],
      ['1 264 497 1234', 'AI'],
      ['011 15 2345 6789', 'AR'],
      ['9 11 2345 6789', 'AR'],
      ['044 55 1234 5678', 'MX'],
      ['+0 202 555 0123', 'US'],
    ];
    for (const [input, country] of cases) {
      expect(mine(input, country), `${input} (${country})`).to.deep.equal(theirs(input, country));
    }
  });

  it('reads E.164 numbers without a default country as libphonenumber-js does', () => {
    for (const [i, country] of COUNTRIES.entries()) {
      for (const national of nationals(country, 4, 5000 + i)) {
        const e164 = `+${PLANS[country]![0]}${national}`;
        expect(mine(e164, undefined), e164).to.deep.equal(theirs(e164, undefined));
      }
    }
  });

  it('gives the same phone rules as before decision 0024 on numbers of every plan', () => {
    for (const [i, country] of COUNTRIES.entries()) {
      for (const national of nationals(country, 1, 9000 + i)) {
        for (const input of typed(country, national)) {
          for (const defaultCountry of [country, 'GB', 'DE']) {
            const label = `${input} (${defaultCountry})`;
            expect(ours.parsePhoneNumber(input, defaultCountry), label).to.deep.equal(
              reference.parsePhoneNumber(input, defaultCountry),
            );
          }
        }
        const e164 = `+${PLANS[country]![0]}${national}`;
        for (const show of [country, 'US', 'ES', undefined]) {
          expect(ours.formatPhoneNumber(e164, { country: show }), e164).to.equal(
            reference.formatPhoneNumber(e164, { country: show }),
          );
        }
        expect(ours.phoneCountry(e164), e164).to.equal(reference.phoneCountry(e164));
      }
    }
  });

  it('gives the same phone rules as before on any digits, with or without +', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^\d{1,18}$/),
        fc.constantFrom(...DEFAULTS, 'DE', 'XX', ''),
        (plus, digits, country) => {
          const input = `${plus ? '+' : ''}${digits}`;
          expect(ours.parsePhoneNumber(input, country)).to.deep.equal(
            reference.parsePhoneNumber(input, country),
          );
          expect(ours.formatPhoneNumber(`+${digits}`, { country })).to.equal(
            reference.formatPhoneNumber(`+${digits}`, { country }),
          );
          expect(ours.phoneCountry(`+${digits}`)).to.equal(reference.phoneCountry(`+${digits}`));
        },
      ),
      { numRuns: 1000, seed: 24 },
    );
  });
});

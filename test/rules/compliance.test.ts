import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { areaCodeTimeZone } from '../../src/rules/area-codes.js';
import {
  DEFAULT_QUIET_HOURS,
  checkQuietHours,
  isQuietTime,
  localClock,
  parseClock,
  recipientTimeZone,
} from '../../src/rules/quiet-hours.js';
import { emergencyNumber, isShortCode, screenRecipients } from '../../src/rules/special-numbers.js';

/** 2026-07-15 02:42 UTC: 10:42 PM the day before in New York (EDT), 7:42 PM in Los Angeles. */
const SUMMER_NIGHT = Date.UTC(2026, 6, 15, 2, 42);
/** 2026-01-15 17:00 UTC: noon in New York (EST), 9 AM in Los Angeles, 5 PM in London. */
const WINTER_NOON = Date.UTC(2026, 0, 15, 17, 0);

describe('quiet hours', () => {
  it('finds the zone of US and Canadian numbers by area code', () => {
    expect(recipientTimeZone('+12127365000')).to.equal('America/New_York');
    expect(recipientTimeZone('+13125552671')).to.equal('America/Chicago');
    expect(recipientTimeZone('+13035552671')).to.equal('America/Denver');
    expect(recipientTimeZone('+16025552671')).to.equal('America/Phoenix');
    expect(recipientTimeZone('+14155552671')).to.equal('America/Los_Angeles');
    expect(recipientTimeZone('+19075552671')).to.equal('America/Anchorage');
    expect(recipientTimeZone('+18085552671')).to.equal('Pacific/Honolulu');
    expect(recipientTimeZone('+14165552671')).to.equal('America/Toronto');
    expect(recipientTimeZone('+16045552671')).to.equal('America/Vancouver');
    expect(recipientTimeZone('+17095552671')).to.equal('America/St_Johns');
    expect(areaCodeTimeZone('999')).to.equal(null);
    // The fictional 555-01XX numbers (the demo's, the tests') have no one to wake.
    expect(recipientTimeZone('+12125550100')).to.equal(null);
  });

  it('finds the zone of other numbers by country when the country has one zone', () => {
    expect(recipientTimeZone('+442079460958')).to.equal('Europe/London');
    expect(recipientTimeZone('+34912345678')).to.equal('Europe/Madrid');
    expect(recipientTimeZone('+573001234567')).to.equal('America/Bogota');
    expect(recipientTimeZone('+18095552671')).to.equal('America/Santo_Domingo');
    // Countries outside the numbering plans of the build (decision 0011): by their calling code.
    expect(recipientTimeZone('+4930123456')).to.equal('Europe/Berlin');
    expect(recipientTimeZone('+971501234567')).to.equal('Asia/Dubai');
    // Several zones (Brazil, Australia): unknown, never a guess.
    expect(recipientTimeZone('+5511987654321')).to.equal(null);
    expect(recipientTimeZone('+61412345678')).to.equal(null);
    expect(recipientTimeZone('12345')).to.equal(null);
    expect(recipientTimeZone('not a number')).to.equal(null);
  });

  it('reads the local clock in a zone at a fixed instant', () => {
    expect(localClock(SUMMER_NIGHT, 'America/New_York')).to.deep.equal({ hour: 22, minute: 42 });
    expect(localClock(SUMMER_NIGHT, 'America/Los_Angeles')).to.deep.equal({ hour: 19, minute: 42 });
    expect(localClock(WINTER_NOON, 'Europe/London')).to.deep.equal({ hour: 17, minute: 0 });
    expect(localClock(Date.UTC(2026, 0, 15, 5, 0), 'America/New_York')).to.deep.equal({ hour: 0, minute: 0 });
  });

  it('lists only the recipients for whom it is outside the window', () => {
    const hits = checkQuietHours(['+12127365000', '+14155552671', '+5511987654321'], SUMMER_NIGHT);
    expect(hits).to.deep.equal([
      { number: '+12127365000', timeZone: 'America/New_York', hour: 22, minute: 42 },
    ]);
    expect(checkQuietHours(['+12127365000', '+14155552671'], WINTER_NOON)).to.deep.equal([]);
  });

  it('takes the window bounds as start inclusive, end exclusive, also across midnight', () => {
    expect(isQuietTime(7 * 60 + 59)).to.equal(true);
    expect(isQuietTime(8 * 60)).to.equal(false);
    expect(isQuietTime(20 * 60 + 59)).to.equal(false);
    expect(isQuietTime(21 * 60)).to.equal(true);
    const night = { start: '22:00', end: '06:00' };
    expect(isQuietTime(23 * 60, night)).to.equal(false);
    expect(isQuietTime(5 * 60, night)).to.equal(false);
    expect(isQuietTime(12 * 60, night)).to.equal(true);
    expect(isQuietTime(3 * 60, { start: '00:00', end: '00:00' })).to.equal(false);
    // A narrower window a host chose: 9 AM to 6 PM.
    expect(checkQuietHours(['+14155552671'], SUMMER_NIGHT, { start: '09:00', end: '18:00' })).to.have.length(
      1,
    );
  });

  it('refuses a window it cannot read with a clear error', () => {
    expect(parseClock('08:00')).to.equal(480);
    expect(parseClock('8:05')).to.equal(485);
    expect(() => parseClock('8 AM')).to.throw('"8 AM" is not a time of day');
    expect(() => parseClock('24:00')).to.throw();
  });

  it('agrees with a plain reading of the window at every minute of the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 60 - 1 }), (minutes) => {
        const expected = minutes < 8 * 60 || minutes >= 21 * 60;
        expect(isQuietTime(minutes, DEFAULT_QUIET_HOURS)).to.equal(expected);
      }),
    );
  });
});

describe('emergency numbers and short codes', () => {
  it('recognises emergency numbers as typed, with or without a country code', () => {
    for (const n of ['911', '112', '999', '000', '110', '119', '118', '10111']) {
      expect(emergencyNumber(n), n).to.equal(n);
    }
    expect(emergencyNumber(' 9-1-1 ')).to.equal('911');
    expect(emergencyNumber('tel:112')).to.equal('112');
    expect(emergencyNumber('+1 911')).to.equal('911');
    expect(emergencyNumber('+44 999')).to.equal('999');
    expect(emergencyNumber('0044999')).to.equal('999');
    expect(emergencyNumber('９１１')).to.equal('911');
  });

  it('leaves ordinary numbers and short codes alone', () => {
    for (const n of ['+12127365000', '(212) 555-0100', '12345', '+44 20 7946 0958', '9110', '', 'help']) {
      expect(emergencyNumber(n), n).to.equal(null);
    }
  });

  it('recognises short codes: 5–6 digits in North America, 3–8 elsewhere', () => {
    expect(isShortCode('12345')).to.equal(true);
    expect(isShortCode('123456', 'CA')).to.equal(true);
    expect(isShortCode('1234')).to.equal(false);
    expect(isShortCode('2125550100')).to.equal(false);
    expect(isShortCode('+12345')).to.equal(false);
    expect(isShortCode('911')).to.equal(false);
    expect(isShortCode('7726', 'GB')).to.equal(true);
  });

  it('sorts a list of recipients into refusals and warnings', () => {
    expect(screenRecipients(['+12127365000', '911', '12345'], 'US')).to.deep.equal({
      emergency: ['911'],
      shortCodes: ['12345'],
    });
    expect(screenRecipients(['+12127365000'], 'US')).to.deep.equal({ emergency: [], shortCodes: [] });
  });
});

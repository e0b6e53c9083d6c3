import { instantOfWallClock, isInQuietHours, outsideQuietHours, wallClockIn } from './sms-quiet-hours';

describe(outsideQuietHours.name, () => {
  it.each([
    // [instant (UTC), zone, expected (UTC)]
    ['2026-03-10T14:00:00Z', 'America/New_York', '2026-03-10T14:00:00Z'], // 10:00 EDT: allowed
    ['2026-03-11T01:30:00Z', 'America/New_York', '2026-03-11T12:00:00Z'], // 21:30 EDT → 08:00 next day
    ['2026-03-11T11:59:00Z', 'America/New_York', '2026-03-11T12:00:00Z'], // 07:59 EDT → 08:00 same day
    ['2026-03-11T12:00:00Z', 'America/New_York', '2026-03-11T12:00:00Z'], // 08:00 sharp is allowed
    ['2026-03-11T00:59:00Z', 'America/New_York', '2026-03-11T00:59:00Z'], // 20:59 EDT is allowed
    ['2026-03-08T02:30:00Z', 'America/New_York', '2026-03-08T12:00:00Z'], // 21:30 EST the night clocks spring forward → 08:00 EDT
    ['2026-01-31T21:00:00Z', 'Europe/Berlin', '2026-02-01T07:00:00Z'], // 22:00 CET on the last of the month → 1 Feb 08:00
    ['2026-06-30T20:00:00Z', 'Asia/Kolkata', '2026-07-01T02:30:00Z'], // 01:30 IST (+05:30) → 08:00 IST the same day
  ])('moves %s in %s to %s', (instant, zone, expected) => {
    expect(outsideQuietHours(new Date(instant), zone).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('reads the patient zone, not the server zone', () => {
    const evening = new Date('2026-05-01T19:30:00Z'); // 21:30 in Berlin, 15:30 in New York
    expect(isInQuietHours(evening, 'Europe/Berlin')).toBe(true);
    expect(isInQuietHours(evening, 'America/New_York')).toBe(false);
  });

  it('round-trips wall-clock times across zones', () => {
    const at = instantOfWallClock(2026, 11, 1, 8, 0, 'America/New_York'); // the day DST ends
    expect(at.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expect(wallClockIn(at, 'America/New_York')).toMatchObject({ hour: 8, minute: 0, day: 1 });
  });
});

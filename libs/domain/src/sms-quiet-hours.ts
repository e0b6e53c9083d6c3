/**
 * Quiet hours for the SMS diary: no prompt between 21:00 and 08:00 in the patient's own time zone.
 * Pure wall-clock arithmetic over IANA zones (Intl), so daylight-saving changes are honoured.
 */
export const QUIET_HOURS = { startHour: 21, endHour: 8 } as const;

interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a zone. */
export function wallClockIn(instant: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24, minute: +parts.minute, second: +parts.second };
}

function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClockIn(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the zone's clocks read the given local date and time (the later one in a DST gap). */
export function instantOfWallClock(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

export function isInQuietHours(instant: Date, timeZone: string): boolean {
  const { hour } = wallClockIn(instant, timeZone);
  return hour >= QUIET_HOURS.startHour || hour < QUIET_HOURS.endHour;
}

/** The instant itself when it is outside quiet hours, else the next 08:00 in the patient's zone. */
export function outsideQuietHours(instant: Date, timeZone: string): Date {
  if (!isInQuietHours(instant, timeZone)) return instant;
  const w = wallClockIn(instant, timeZone);
  // After 21:00 the next morning is tomorrow; Date.UTC rolls day 32 into the next month.
  const day = w.hour >= QUIET_HOURS.startHour ? new Date(Date.UTC(w.year, w.month - 1, w.day + 1)) : new Date(Date.UTC(w.year, w.month - 1, w.day));
  return instantOfWallClock(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), QUIET_HOURS.endHour, 0, timeZone);
}

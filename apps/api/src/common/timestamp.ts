import { BadRequestException } from '@nestjs/common';
import { Matches } from 'class-validator';

/** ISO-8601 with a date, a time and an explicit offset; a bare local time would be read in the server's zone. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export const IsTimestamp = () =>
  Matches(ISO_WITH_OFFSET, { message: ({ property }) => `${property} must be an ISO-8601 time with an offset, e.g. 2026-11-25T09:30:00+01:00` });

export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Pain describes the past: more than 5 minutes ahead of the server clock is a device clock or typing error. */
export function requireNotInFuture(field: string, value: Date, now: Date): void {
  if (Number.isNaN(value.getTime())) throw new BadRequestException(`${field} is not a real date and time`);
  if (value.getTime() - now.getTime() > FUTURE_TOLERANCE_MS) {
    throw new BadRequestException(`${field} is more than 5 minutes in the future`);
  }
}

export function parseTimestamp(field: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new BadRequestException(`${field} is not a real date and time`);
  return date;
}

import { badUserInputError } from '../errors/graphql-errors.js';

/**
 * The instants an argument may name: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. Wide enough
 * for any date this API stores, and inside what both JavaScript (±275760 years) and PostgreSQL
 * (4713 BC to 294276 AD) can hold, so no instant it accepts can fail in SQL or in `toISOString`.
 */
export const earliestInstant = new Date(Date.UTC(1970, 0, 1));
export const latestInstant = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));

// The longest form accepted: "2024-05-01T12:00:00.123456789+01:00" (35 characters).
const maxLength = 35;
// RFC 3339 / ISO 8601 extended format: a date, or a date and time with "Z" or an offset. A time
// without an offset is refused: whether it is UTC or the server's local time would be a guess.
const isoInstant = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2})))?$/i;

/**
 * Reads an ISO 8601 date (`2024-05-01`, midnight UTC) or instant (`2024-05-01T12:00:00Z`,
 * `2024-05-01T14:00:00.5+02:00`), or undefined when the value is not one: not that shape, not a
 * day of the calendar (`2023-02-29`), or outside `earliestInstant`..`latestInstant`. Length first:
 * the pattern never sees more than a few dozen characters. Fractions below a millisecond are dropped.
 */
export function parseInstant(value: string): Date | undefined {
  if (value.length > maxLength) return undefined;
  const match = isoInstant.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 10, 11].map((group) =>
    Number(match[group] ?? 0),
  ) as Eight;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const millisecond = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  // setUTCFullYear, unlike Date.UTC, reads years below 100 as they are (not as 19xx); a day past
  // the month's end rolls over, which is how `2023-02-29` shows.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, millisecond);
  const offset = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const instant = new Date(date.getTime() - offset);
  return instant >= earliestInstant && instant <= latestInstant ? instant : undefined;
}

type Eight = [number, number, number, number, number, number, number, number];

/** Reads a date or instant argument (see `parseInstant`); BAD_USER_INPUT naming the argument otherwise. */
export function instantArgument(value: string, argument: string): Date {
  const instant = parseInstant(value);
  if (!instant) {
    throw badUserInputError(
      `"${argument}" must be an ISO 8601 date or instant with a time zone (such as "2024-05-01" or "2024-05-01T12:00:00Z") between ${earliestInstant.toISOString()} and ${latestInstant.toISOString()}.`,
      { argument },
    );
  }
  return instant;
}

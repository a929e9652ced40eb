/** The longest a review may run, as the API allows it: due at most 365 days ahead. */
const maxDaysAhead = 365;

/** A day as a date input writes it (`2030-01-31`), in the viewer's time zone. */
export function localDateOf(moment: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** `days` calendar days after `moment`, as a date input writes it. */
function localDateAfter(moment: Date, days: number): string {
  return localDateOf(new Date(moment.getFullYear(), moment.getMonth(), moment.getDate() + days));
}

/**
 * The days a review may be due on, from `now`: today (due tonight) to the last day whose end is
 * still within 365 days, and the day the form suggests, two weeks ahead.
 */
export function dueDateChoices(now: Date): { readonly min: string; readonly max: string; readonly suggested: string } {
  return { min: localDateOf(now), max: localDateAfter(now, maxDaysAhead - 1), suggested: localDateAfter(now, 14) };
}

/**
 * The instant a review picked for a day is due, as the API wants it (ISO 8601): the end of that day
 * in the viewer's time zone, so "due on the 31st" leaves the whole 31st to decide.
 */
export function dueAtOf(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date! + 1, 0, 0, 0, -1).toISOString();
}

/** Seconds in each unit a duration of the format may use. */
const unitSeconds = { m: 60, h: 3600, d: 86_400 } as const;

/**
 * The seconds of a duration as the format writes it (`30m`, `12h`, `7d`, `-1d`): what a grant's
 * `expires_in` and an expectation's `at` say. The format's pattern has checked it already.
 */
export function durationSeconds(duration: string): number {
  const match = /^(-?)(\d+)([mhd])$/.exec(duration);
  if (!match) throw new Error(`"${duration}" is not a duration such as "30m", "12h" or "7d".`);
  const [, sign, amount, unit] = match;
  return (sign === '-' ? -1 : 1) * Number(amount) * unitSeconds[unit as keyof typeof unitSeconds];
}

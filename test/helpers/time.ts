/** An ISO 8601 instant `days` from now (expiries of grants in tests). */
export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

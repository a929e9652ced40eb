/** A ratio of two servers' throughput over paired rounds: its median, and the lowest and highest pair. */
export interface PairedRatio {
  readonly median: number;
  readonly low: number;
  readonly high: number;
  /** How many pairs it was taken over. */
  readonly pairs: number;
}

/**
 * The ratio of server A's requests/s to server B's, round by round: round i of A against round i of
 * B (the bench runs them next to each other, A B ... B A), then the median of those ratios. On this
 * machine a slow phase lasts tens of seconds and hits one or two rounds: pooled over all rounds, it
 * moves the ratio of whichever server it hit; the median of pairs measured in the same minute does not.
 * Undefined when either side has no round.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): PairedRatio | undefined {
  const count = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let index = 0; index < count; index++) {
    const denominator = b[index] ?? 0;
    if (denominator > 0) ratios.push((a[index] ?? 0) / denominator);
  }
  if (ratios.length === 0) return undefined;
  ratios.sort((x, y) => x - y);
  const middle = ratios.length >> 1;
  const median = ratios.length % 2 === 1 ? (ratios[middle] ?? 0) : ((ratios[middle - 1] ?? 0) + (ratios[middle] ?? 0)) / 2;
  return { median, low: ratios[0] ?? median, high: ratios.at(-1) ?? median, pairs: ratios.length };
}

/** `0.97 (0.93-1.01 over 4 pairs)`, or `n/a`. */
export function formatPairedRatio(ratio: PairedRatio | undefined): string {
  if (!ratio) return 'n/a';
  return `${ratio.median.toFixed(2)} (${ratio.low.toFixed(2)}-${ratio.high.toFixed(2)} over ${ratio.pairs} pairs)`;
}

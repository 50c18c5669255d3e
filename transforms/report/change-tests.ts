import type { Trend } from './model.ts';

/**
 * Whether a change is real or within the noise of the counts: the tests the headline's messages
 * are marked with. Both are at the 95% level (|z| > 1.96).
 *
 * A rate (a share of n people, such as turnover of employees) that moved from p1 to p2: the
 * two-proportion z-test, z = (p2 − p1) ÷ √(p(1 − p)(1/n1 + 1/n2)) with p the pooled rate. Rates
 * of FTE are tested as shares of the headcount they are rates of, an approximation.
 *
 * A count of people that moved from n1 to n2: taken as Poisson, z = (n2 − n1) ÷ √(n1 + n2).
 */
export const Z_95 = 1.96;

/** z for a change in a rate (percentages, 0–100) between two groups of n1 and n2 people. */
export function rateChangeZ(p1: number, n1: number, p2: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return 0;
  const [a, b] = [p1 / 100, p2 / 100];
  const pooled = (a * n1 + b * n2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return se === 0 ? 0 : (b - a) / se;
}

/** z for a change in a count of people. */
export function countChangeZ(n1: number, n2: number): number {
  return n1 + n2 === 0 ? 0 : (n2 - n1) / Math.sqrt(n1 + n2);
}

/** Better, worse or no real change, for a z and whether a rise is good. */
export function trendOf(z: number, riseIsGood: boolean): Trend {
  if (Math.abs(z) <= Z_95) return 'no real change';
  return z > 0 === riseIsGood ? 'better' : 'worse';
}

/** The Wald 95% interval of a rate (percent) of n people: p ± 1.96 √(p(1 − p)/n), within 0–100. */
export function rateInterval(p: number, n: number): [number, number] {
  if (n <= 0) return [0, 100];
  const q = p / 100;
  const half = Z_95 * Math.sqrt((q * (1 - q)) / n);
  return [Math.max(0, 100 * (q - half)), Math.min(100, 100 * (q + half))];
}

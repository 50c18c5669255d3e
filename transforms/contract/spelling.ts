/**
 * Near misses: the edit distance between two spellings, and the nearest of some candidates that is
 * a plausible typo of a given word. Used for "Did you mean" wherever a user types a name: codes in
 * a file, and commands, datasets and options on the command line.
 */

/** Levenshtein distance, giving up (returning `cutoff`) once it cannot be below `cutoff`. */
export function editDistance(a: string, b: string, cutoff = Number.POSITIVE_INFINITY): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum >= cutoff) return cutoff;
    previous = current;
  }
  return Math.min(previous[b.length] as number, cutoff);
}

/** How far a spelling may be from a word and still be taken for a typo of it. */
export const typoAllowance = (word: string): number => Math.max(2, Math.floor(word.length / 4));

/**
 * The candidate nearest `given`, if it is within a typo of it (two edits, or a quarter of the
 * word's length when longer); the first of equally near ones. Case is the caller's business.
 */
export function nearestSpelling<T extends string>(given: string, candidates: Iterable<T>): T | undefined {
  let best: T | undefined;
  let bestDistance = typoAllowance(given) + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - given.length) >= bestDistance) continue;
    const distance = editDistance(given, candidate, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

import type { CodeList } from './code-lists.ts';
import { normalizeKey } from './normalize.ts';

const lookups = new WeakMap<CodeList, ReadonlyMap<string, string>>();

/** Every accepted spelling of a list's codes (code, label, aliases), normalised, to its code. */
export function codeLookup(list: CodeList): ReadonlyMap<string, string> {
  let lookup = lookups.get(list);
  if (!lookup) {
    const spellings = new Map<string, string>();
    for (const entry of list.entries) {
      for (const spelling of [entry.code, entry.label, ...(entry.aliases ?? [])])
        spellings.set(normalizeKey(spelling), entry.code);
    }
    lookup = spellings;
    lookups.set(list, lookup);
  }
  return lookup;
}

/** The canonical code for a spelling, or undefined when the list has no such code. */
export function resolveCode(list: CodeList, spelling: string): string | undefined {
  return codeLookup(list).get(normalizeKey(spelling));
}

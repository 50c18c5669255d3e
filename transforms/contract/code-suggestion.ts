import * as CODE_LISTS from './code-lists.ts';
import type { CodeEntry, CodeList } from './code-lists.ts';
import { codeLookup } from './code-lookup.ts';
import { OTHER_WORDINGS } from './code-wordings.ts';
import { normalizeKey } from './normalize.ts';
import { nearestSpelling } from './spelling.ts';

export interface CodeSuggestion {
  readonly code: string;
  /** The code's label, when the suggestion came from the meaning of the words rather than a typo. */
  readonly label?: string;
}

interface Phrase {
  readonly entry: CodeEntry;
  /** Whether the phrase is what the code means (a label's category, another wording), not its spelling. */
  readonly meaning: boolean;
  readonly key: string;
  readonly words: ReadonlySet<string>;
  /** For a label "Group: Category", the category's words: a match must touch them. */
  readonly distinctive?: ReadonlySet<string>;
}

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 0),
  );
const phrasesOf = new WeakMap<CodeList, Phrase[]>();

/** Every way a code is written: code, label, the label's category, aliases, other wordings. */
function phrases(list: CodeList): Phrase[] {
  let known = phrasesOf.get(list);
  if (!known) {
    known = [];
    const wordings = OTHER_WORDINGS.get(list) ?? {};
    const add = (entry: CodeEntry, text: string, meaning: boolean, distinctive?: string) => {
      const phrase = { entry, meaning, key: normalizeKey(text), words: words(text) };
      known?.push(distinctive ? { ...phrase, distinctive: words(distinctive) } : phrase);
    };
    for (const entry of list.entries) {
      const colon = entry.label.lastIndexOf(':');
      const category = colon === -1 ? undefined : entry.label.slice(colon + 1);
      add(entry, entry.code.replaceAll('_', ' '), false);
      add(entry, entry.label, false, category);
      for (const alias of entry.aliases ?? []) add(entry, alias, false);
      if (category) add(entry, category, true);
      for (const wording of wordings[entry.code] ?? []) add(entry, wording, true);
    }
    phrasesOf.set(list, known);
  }
  return known;
}

const isSubset = (small: ReadonlySet<string>, large: ReadonlySet<string>) =>
  [...small].every((word) => large.has(word));
const touches = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].some((word) => b.has(word));
/** Short or numeric phrases (codes like 1 or F) only ever match exactly, which the lookup does. */
const wordy = (phrase: Phrase) => phrase.key.length > 2 && !/^\d+$/.test(phrase.key);
const suggestion = (phrase: Phrase, withLabel: boolean): CodeSuggestion =>
  withLabel ? { code: phrase.entry.code, label: phrase.entry.label } : { code: phrase.entry.code };

/**
 * The code a value that is not one of a list's codes was most likely meant to be: a typo of any
 * way the code is written; or the same words as its label, its category ("Indian") or another
 * wording of it ("Any other White background"); or a value whose words hold a whole label
 * ("Senior Social Worker - Team A"). Nothing when two codes fit equally well.
 */
export function suggestCode(list: CodeList, given: string): CodeSuggestion | undefined {
  const key = normalizeKey(given);
  if (key === '') return undefined;
  const all = phrases(list).filter(wordy);
  const typo = nearestSpelling(
    key,
    all.map((phrase) => phrase.key),
  );
  const typed = all.find((phrase) => phrase.key === typo);
  if (typed) return suggestion(typed, typed.meaning);
  const value = words(given);
  let best: Phrase | undefined;
  let bestScore = 0;
  let tied = false;
  for (const phrase of all) {
    let score = 0;
    const meant = !phrase.distinctive || touches(value, phrase.distinctive);
    if (isSubset(value, phrase.words) && meant) score = 1 + value.size / phrase.words.size;
    else if (isSubset(phrase.words, value)) score = 0.5 + phrase.words.size / value.size / 2;
    if (score > bestScore + 1e-9) {
      best = phrase;
      bestScore = score;
      tied = false;
    } else if (score > 0 && Math.abs(score - bestScore) < 1e-9 && phrase.entry !== best?.entry) {
      tied = true;
    }
  }
  return best && !tied ? suggestion(best, true) : undefined;
}

let listsOfSpelling: Map<string, Set<string>> | undefined;
const EVERYWHERE = new Set(['other', 'not_known', 'refused', 'yes', 'no', 'y', 'n', 'u', 'x', 'm', 'f']);

/**
 * The one other code list that has the value as a code or label ("female" is a sex), when it
 * is not a word every list shares (other, not known): a sign the value is in the wrong column.
 */
export function otherListWithValue(list: CodeList, given: string): CodeList | undefined {
  if (listsOfSpelling === undefined) {
    listsOfSpelling = new Map();
    for (const candidate of allCodeLists()) {
      for (const spelling of codeLookup(candidate).keys()) {
        if (!listsOfSpelling.has(spelling)) listsOfSpelling.set(spelling, new Set());
        listsOfSpelling.get(spelling)?.add(candidate.name);
      }
    }
  }
  const key = normalizeKey(given);
  if (EVERYWHERE.has(key) || /^\d+$/.test(key)) return undefined;
  const names = [...(listsOfSpelling.get(key) ?? [])].filter((name) => name !== list.name);
  if (names.length !== 1) return undefined;
  return allCodeLists().find((candidate) => candidate.name === names[0]);
}

const allCodeLists = (): CodeList[] => (Object.values(CODE_LISTS) as unknown[]).filter(isCodeList);

function isCodeList(value: unknown): value is CodeList {
  return typeof value === 'object' && value !== null && 'name' in value && Array.isArray((value as CodeList).entries);
}

import { createHash } from 'node:crypto';
import { communityProfileTable } from '../aggregate/submission-tables.ts';
import { builtInCommunityRows } from '../reference/built-in-profile.ts';
import { CENSUS_PARTNER_ID, CENSUS_PERIOD } from '../reference/census-2021.ts';
import { CENSUS_FILES, type CensusTexts } from '../reference/files.ts';
import { COMMUNITY_PROFILE, lakeKey } from '../tables/definitions.ts';
import { toParquet } from '../tables/parquet.ts';
import { CENSUS_PROFILE_STATE_KEY } from '../storage/object-layout.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** The lake key of the built-in Census 2021 community profile. */
export const CENSUS_PROFILE_KEY = lakeKey(COMMUNITY_PROFILE, CENSUS_PERIOD, CENSUS_PARTNER_ID);
/** Where the lake notes which built-in profile it holds (outside lake/, so no query reads it). */
/** Raise when the way the profile is built from the files changes; changes to the files are seen by their hash. */
const BUILD_VERSION = 2;

/** Identifies a built-in profile: the build version and the files it is made from. */
export function builtInProfileFingerprint(texts: CensusTexts): string {
  const hash = createHash('sha256').update(`build ${BUILD_VERSION}\n`);
  for (const file of CENSUS_FILES) {
    hash.update(`${file}\n`).update(createHash('sha256').update(texts[file]).digest('hex'));
  }
  return hash.digest('hex');
}

/** Writes the built-in community profile (every upper-tier authority's Census counts, every dimension) to the lake. */
export async function writeBuiltInCommunityProfile(
  store: ObjectStore,
  lakeBucket: string,
  texts: CensusTexts,
): Promise<number> {
  const table = communityProfileTable(builtInCommunityRows(texts), CENSUS_PARTNER_ID);
  const parquet = toParquet(table, COMMUNITY_PROFILE);
  await store.putObject(lakeBucket, CENSUS_PROFILE_KEY, parquet, 'application/vnd.apache.parquet');
  const state = { fingerprint: builtInProfileFingerprint(texts), rows: table.numRows() };
  await store.putObject(lakeBucket, CENSUS_PROFILE_STATE_KEY, JSON.stringify(state), 'application/json');
  return table.numRows();
}

/**
 * Writes the built-in community profile unless the lake already holds this very one: a lake
 * written by an earlier version (ethnicity only, say) gets the new profile in place of the old.
 */
export async function ensureBuiltInCommunityProfile(
  store: ObjectStore,
  lakeBucket: string,
  readTexts: () => CensusTexts,
): Promise<boolean> {
  const texts = readTexts();
  const state = await store.getText(lakeBucket, CENSUS_PROFILE_STATE_KEY);
  const held = state === undefined ? undefined : (JSON.parse(state) as { fingerprint?: unknown }).fingerprint;
  if (held === builtInProfileFingerprint(texts) && (await store.exists(lakeBucket, CENSUS_PROFILE_KEY))) return false;
  await writeBuiltInCommunityProfile(store, lakeBucket, texts);
  return true;
}

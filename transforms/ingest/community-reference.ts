import { communityProfileTable } from '../aggregate/submission-tables.ts';
import { CENSUS_PARTNER_ID, CENSUS_PERIOD, parseCensusEthnicity } from '../reference/census-2021.ts';
import { COMMUNITY_PROFILE, lakeKey } from '../tables/definitions.ts';
import { toParquet } from '../tables/parquet.ts';
import type { ObjectStore } from './ports.ts';

/** The lake key of the built-in Census 2021 community profile. */
export const CENSUS_PROFILE_KEY = lakeKey(COMMUNITY_PROFILE, CENSUS_PERIOD, CENSUS_PARTNER_ID);

/** Writes the built-in community profile (every upper-tier authority's Census 2021 ethnic groups) into the lake. */
export async function writeBuiltInCommunityProfile(store: ObjectStore, lakeBucket: string, censusCsv: string): Promise<number> {
  const table = communityProfileTable(parseCensusEthnicity(censusCsv), CENSUS_PARTNER_ID);
  await store.putObject(lakeBucket, CENSUS_PROFILE_KEY, toParquet(table, COMMUNITY_PROFILE), 'application/vnd.apache.parquet');
  return table.numRows();
}

/** Writes the built-in community profile unless the lake already has it. */
export async function ensureBuiltInCommunityProfile(store: ObjectStore, lakeBucket: string, readCensusCsv: () => string): Promise<boolean> {
  if (await store.exists(lakeBucket, CENSUS_PROFILE_KEY)) return false;
  await writeBuiltInCommunityProfile(store, lakeBucket, readCensusCsv());
  return true;
}

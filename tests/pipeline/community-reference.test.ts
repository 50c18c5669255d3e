import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.ts';
import { downloadPrefix, startLocalS3, type LocalS3 } from '../../functions/local/s3-server.ts';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { runLocalPipeline } from '../../functions/local/local-pipeline.ts';
import { readCensusTexts } from '../../functions/reference-data.ts';
import { CENSUS_PROFILE_KEY, ensureBuiltInCommunityProfile } from '../../transforms/ingest/community-reference.ts';
import { CENSUS_PROFILE_STATE_KEY, TRUST_UPLOADER } from '../../transforms/storage/object-layout.ts';
import { POPULATION_BASIS } from '../../transforms/reference/census-2021.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { TEST_SETTINGS, temporaryFolder } from '../lake-helpers.ts';

const BUCKET = 'lake';
const CONFIG = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));

describe('The built-in community profile in the lake (ingest cold start, against an S3-compatible server)', () => {
  let s3: LocalS3;
  let store: S3ObjectStore;
  const texts = readCensusTexts();

  beforeAll(async () => {
    s3 = await startLocalS3(temporaryFolder('s3-'), [BUCKET]);
    store = new S3ObjectStore(s3.client);
  });
  afterAll(async () => s3.close());

  const etag = async () => {
    return (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: CENSUS_PROFILE_KEY }))).ETag;
  };

  it('replaces a profile written by an earlier version, then leaves it alone', async () => {
    // What an earlier version left: a profile file and no note of which one it is.
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: CENSUS_PROFILE_KEY, Body: 'an older profile' }));

    expect(await ensureBuiltInCommunityProfile(store, BUCKET, () => texts)).toBe(true);
    const written = await etag();
    expect(await store.getText(BUCKET, CENSUS_PROFILE_STATE_KEY)).toContain('"fingerprint"');
    expect(await ensureBuiltInCommunityProfile(store, BUCKET, () => texts)).toBe(false);
    expect(await etag()).toBe(written);
  });

  it('writes it again when a shipped file changes', async () => {
    const revised = { ...texts, censusDisability: texts.censusDisability.replace(',48574,', ',48575,') };

    expect(await ensureBuiltInCommunityProfile(store, BUCKET, () => revised)).toBe(true);
    expect(await ensureBuiltInCommunityProfile(store, BUCKET, () => texts)).toBe(true);
  });

  it('holds every dimension, with its basis, where the views find it', async () => {
    const out = temporaryFolder();
    await downloadPrefix(s3.client, BUCKET, 'lake/', out);
    const lake = await DuckDbLake.open(`${out}/lake`, TEST_SETTINGS);
    try {
      const { rows } = await lake.query(
        `SELECT dimension, population_basis, CAST(sum(population) AS BIGINT) AS people
         FROM community_profile WHERE area_code = 'E06000035' GROUP BY ALL ORDER BY dimension`,
      );
      expect(rows).toEqual([
        { dimension: 'age_band', population_basis: 'residents aged 16 to 64', people: 176704 },
        { dimension: 'disability', population_basis: 'residents of all ages', people: 279758 },
        { dimension: 'ethnic_group', population_basis: 'residents of all ages', people: 279773 },
        { dimension: 'ethnicity', population_basis: 'residents of all ages', people: 279773 },
        { dimension: 'sex', population_basis: 'residents aged 16 to 64', people: 176704 },
      ]);
    } finally {
      lake.close();
    }
  });
});

describe('An uploaded community profile, through the whole local pipeline', () => {
  it('replaces the Census for its area and dimension, with the population basis the Trust states', async () => {
    const WORKING_AGE = POPULATION_BASIS.workingAge;
    const STATED = 'residents aged 16 and over';
    const landing = temporaryFolder();
    const write = (path: string, lines: string[]) => {
      mkdirSync(join(landing, path, '..'), { recursive: true });
      writeFileSync(join(landing, path), `${lines.join('\n')}\n`);
    };
    const sample = 'sample-data/landing/riverside-council/workforce/2026-09-30/workforce.csv';
    const workforce = readFileSync(sample, 'utf8').split('\n').slice(0, 41);
    write('riverside-council/workforce/2026-09-30/workforce.csv', workforce);
    write(`${TRUST_UPLOADER}/community_profile/2025-06-30/sex.csv`, [
      'area_code,area_name,dimension,category,population,population_basis,source',
      `E06000035,Medway,sex,F,118000,${STATED},Trust estimate`,
      `E06000035,Medway,sex,M,112000,${STATED},Trust estimate`,
    ]);
    const run = await runLocalPipeline({ landingDir: landing, config: CONFIG, outDir: temporaryFolder() });
    const lake = await DuckDbLake.open(run.lakeDir, CONFIG);
    try {
      const { rows } = await lake.query(
        `SELECT dimension, category, community_population, community_basis FROM diversity_vs_community
         WHERE partner_id = 'ALL' AND dimension IN ('sex', 'age_band') AND category IN ('female', '25_34')
         ORDER BY dimension`,
      );

      expect(run.outcomes.map((o) => o.outcome.status)).toEqual(['accepted', 'accepted']);
      expect(rows).toEqual([
        { dimension: 'age_band', category: '25_34', community_population: 38710, community_basis: WORKING_AGE },
        { dimension: 'sex', category: 'female', community_population: 118000, community_basis: STATED },
      ]);
    } finally {
      lake.close();
    }
  });
});

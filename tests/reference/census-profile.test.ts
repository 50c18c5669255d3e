import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCensusTexts, readReferenceFile } from '../../functions/reference-data.ts';
import { DIMENSION_CATEGORIES } from '../../transforms/contract/code-lists.ts';
import { resolveCode } from '../../transforms/contract/code-lookup.ts';
import { builtInCommunityRows } from '../../transforms/reference/built-in-profile.ts';
import { CensusFileError, POPULATION_BASIS } from '../../transforms/reference/census-2021.ts';
import { parseCensusDisability } from '../../transforms/reference/census-disability.ts';
import { parseCensusSexAge } from '../../transforms/reference/census-sex-age.ts';
import { REFERENCE_FILES } from '../../transforms/reference/files.ts';

const rows = builtInCommunityRows(readCensusTexts());
const of = (area: string, dimension: string) => rows.filter((r) => r.area_code === area && r.dimension === dimension);
const medway = (dimension: string) =>
  Object.fromEntries(of('E06000035', dimension).map((r) => [r.category, r.population]));
const basesOf = (...dimensions: string[]) =>
  new Set(rows.filter((r) => dimensions.includes(r.dimension)).map((r) => r.population_basis));

describe('The built-in community profile, from the shipped Census 2021 files', () => {
  // Medway's rows of census2021-sex-age-utla2023.csv, read by hand: Female 16-64 89,737; Male 16-64 86,967;
  // All persons 16-24 28,810, 25-34 38,710, 35-44 37,942, 45-54 36,802, 55-64 34,440 (16-64 176,704).
  it('gives sex and age band of residents aged 16 to 64', () => {
    expect(medway('sex')).toEqual({ female: 89737, male: 86967 });
    expect(medway('age_band')).toEqual({
      '16_24': 28810,
      '25_34': 38710,
      '35_44': 37942,
      '45_54': 36802,
      '55_64': 34440,
    });
    expect(basesOf('sex', 'age_band')).toEqual(new Set([POPULATION_BASIS.workingAge]));
  });

  // TS038, Medway: Disabled under the Equality Act 48,574 (= limited a lot 20,158 + a little 28,416);
  // Not disabled under the Equality Act 231,184.
  it('gives disability as the two Equality Act totals of residents of all ages, not their splits as well', () => {
    expect(medway('disability')).toEqual({ yes: 48574, no: 231184 });
    expect(basesOf('disability', 'ethnicity')).toEqual(new Set([POPULATION_BASIS.allAges]));
  });

  it('keeps the TS021 ethnic groups of all ages', () => {
    expect(medway('ethnicity')).toMatchObject({ white_british: 218953, black_african: 11266 });
    expect(Object.values(medway('ethnicity')).reduce((a, b) => a + b, 0)).toBe(279773);
  });

  it('covers the same 175 areas on every dimension, each with every category once', () => {
    const areas = (dimension: string) => new Set(rows.filter((r) => r.dimension === dimension).map((r) => r.area_code));
    for (const dimension of ['ethnicity', 'sex', 'age_band', 'disability']) {
      expect(areas(dimension).size, dimension).toBe(175);
    }
    expect(rows.filter((r) => r.dimension === 'age_band')).toHaveLength(175 * 5);
    expect(rows.filter((r) => r.dimension === 'ethnicity')).toHaveLength(175 * 19);
  });

  it("uses only the data contract's codes for each dimension", () => {
    for (const row of rows) {
      const code = resolveCode(DIMENSION_CATEGORIES[row.dimension], row.category);
      expect(code, `${row.dimension} ${row.category}`).toBe(row.category);
    }
  });

  it('adds up as the files say: sexes to the 16-64 band, bands to 16-64, disabled and not to the total', () => {
    const sexAge = readReferenceFile('censusSexAge');
    const disability = readReferenceFile('censusDisability');
    const working = new Map<string, number>();
    const total = new Map<string, number>();
    // The count is the third field from the end; area names may hold commas, area codes do not.
    const count = (line: string) => Number(line.split(',').at(-3));
    const linesWith = (text: string, part: string) => text.split(/\r?\n/).filter((l) => l.includes(part));
    for (const line of linesWith(sexAge, ',All persons,16-64,')) working.set(line.slice(0, 9), count(line));
    for (const line of linesWith(disability, ',Total: All usual residents,')) total.set(line.slice(0, 9), count(line));
    const sum = (area: string, dimension: string) => of(area, dimension).reduce((a, r) => a + r.population, 0);

    expect(working.size).toBe(175);
    for (const [area, people] of working) {
      expect(sum(area, 'sex'), area).toBe(people);
      expect(sum(area, 'age_band'), area).toBe(people);
      expect(sum(area, 'disability'), area).toBe(total.get(area));
    }
  });

  it('refuses a damaged copy rather than building a wrong profile', () => {
    const header = 'area_code,area_name,geography,sex,age_band,count,derivation,n_ltla_summed';
    const line = (sex: string, band: string, count: string) => `E06000035,Medway,UTLA,${sex},${band},${count},x,1`;

    expect(() => parseCensusSexAge([header, line('Female', '16-64', '1.5')].join('\n'))).toThrow(CensusFileError);
    const onlyFemale = [header, line('Female', '16-64', '10')].join('\n');
    const workingAgeDisability = [
      'area_code,area_name,geography,age_group,disability,count',
      'E06000035,Medway,UTLA,16-64,Disabled under the Equality Act,5',
    ].join('\n');

    expect(() => parseCensusSexAge(onlyFemale)).toThrow(/E06000035 has sex categories female, not female,male/);
    expect(() => parseCensusDisability(workingAgeDisability)).toThrow(/only 'All ages'/);
  });

  it('ships each file byte for byte as gathered, with its checksum in the README', () => {
    const readme = readFileSync('transforms/reference/README.md', 'utf8');
    for (const name of Object.values(REFERENCE_FILES)) {
      const sha = createHash('sha256')
        .update(readFileSync(`transforms/reference/${name}`))
        .digest('hex');
      expect(readme, name).toContain(`\`${sha}\``);
    }
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { readDfeCswwCsv } from '../../functions/reference-data.ts';
import {
  CSWW_MEASURE_OF_RATE,
  CswwFileError,
  cswwFor,
  cswwYearOf,
  englandRatesFor,
  englandSeries,
  parseCswwSeries,
} from '../../transforms/reference/dfe-csww.ts';
import { TEST_SETTINGS, temporaryFolder } from '../lake-helpers.ts';

const series = parseCswwSeries(readDfeCswwCsv());
const england = englandSeries(series);
const LATEST = '2025 release: csww_indicators_2017_to_2025';
const HEADER = 'year,geographic_level,geography_code,geography,measure,measure_label,unit,value,source_release';

describe("The DfE children's social work workforce series, as shipped", () => {
  it('holds England for every year from 2017 to 2025, each from the latest release that covers it', () => {
    expect(england.map((year) => year.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    const kinds = new Set(england.map((year) => `${year.geography} ${year.level} ${year.release}`));
    expect(kinds).toEqual(new Set([`England national ${LATEST}`]));
  });

  // Each value read by hand from dfe-csww-england.csv: the 2022 and 2024 releases say otherwise.
  it('takes the revised figure, not the first published one', () => {
    const year = (y: number) => england.find((e) => e.year === y)?.figures;

    // 17.1 in the 2022 release
    expect(year(2022)?.turnover_rate_fte).toEqual({
      value: 17.2,
      flag: null,
      unit: 'percent',
      label: 'Turnover rate (FTE)',
      release: LATEST,
    });
    expect(year(2017)?.turnover_rate_fte?.value).toBe(13.4); // 13.6 in the 2022 release
    expect(year(2023)?.absence_rate_fte?.value).toBe(3.3); // 3.2 in the 2024 release
    expect(year(2024)?.turnover_rate_fte?.value).toBe(13.9); // 13.8 in the 2024 release
  });

  it("gives England's latest year's turnover, vacancy, agency and absence rates as published", () => {
    const figures = england.at(-1)?.figures;

    const measures = ['turnover_rate_fte', 'vacancy_rate_fte', 'agency_rate_fte', 'absence_rate_fte'] as const;

    expect(england.at(-1)?.year).toBe(2025);
    expect(measures.map((m) => figures?.[m]?.value)).toEqual([11.8, 14.2, 13, 3.5]);
    expect(figures?.agency_cover_rate_fte?.unit).toBe('percent');
    expect(figures?.inpost_fte?.unit).toBe('number');
  });

  it('keeps the regions, and a figure the DfE flags as of low reliability (u) as no figure, flagged', () => {
    const eastMidlands2019 = series.find((y) => y.geography === 'East Midlands' && y.year === 2019);
    const london2024 = series.find((y) => y.geographyCode === 'E12000007' && y.year === 2024);

    const flagged = eastMidlands2019?.figures.vacancy_agency_cover_rate_fte;
    expect(flagged).toMatchObject({ value: null, flag: 'u', release: LATEST });
    expect(london2024?.figures.turnover_rate_fte?.value).toBe(15.3);
    expect(new Set(series.filter((y) => y.level === 'regional').map((y) => y.geography)).size).toBe(11);
  });

  it('matches a period with the latest 30 September on or before it', () => {
    expect(cswwYearOf('2025-09-30')).toBe(2025);
    expect(cswwYearOf('2026-03-31')).toBe(2025);
    expect(cswwYearOf('2025-09-29')).toBe(2024);
    expect(cswwFor(series, '2024-09-30')?.figures.vacancy_rate_fte?.value).toBe(17.3);
    expect(cswwFor(series, '2026-09-30')).toBeUndefined();
  });

  it("gives England's rates for a period under the view's column names, or nothing before they are out", () => {
    const rates = englandRatesFor(series, '2024-09-30');

    expect(rates).toMatchObject({ year: 2024, asAt: '2024-09-30', release: LATEST });
    expect(rates?.rates.turnover_rate?.value).toBe(13.9); // 13.8 in the 2024 release
    expect(rates?.rates.vacancy_rate?.value).toBe(17.3);
    expect(rates?.rates.agency_rate?.value).toBe(16.2);
    expect(rates?.rates.absence_rate?.value).toBe(3.4);
    expect(rates?.rates.vacancy_cover_rate?.label).toBe('Vacancies covered by agency rate (FTE)');
    expect(englandRatesFor(series, '2026-09-30')).toBeUndefined();
  });

  it('sets each DfE rate beside a column of the recruitment_rates view', async () => {
    const lake = await DuckDbLake.open(join(temporaryFolder(), 'lake'), TEST_SETTINGS);
    const { rows } = await lake.query('DESCRIBE recruitment_rates');
    lake.close();

    expect(rows.map((r) => r.column_name)).toEqual(expect.arrayContaining(Object.keys(CSWW_MEASURE_OF_RATE)));
  });

  it('refuses a damaged copy, naming the line', () => {
    const good = '2020,National,E92000001,England,vacancy_rate_fte,Vacancy rate (FTE),percent,16.1,2024 release: x';

    expect(parseCswwSeries(`\uFEFF${HEADER}\r\n${good}\r\n`)[0]?.figures.vacancy_rate_fte?.value).toBe(16.1);
    expect(() => parseCswwSeries(`${HEADER}\n${good}\n${good.replace('16.1', '16,1')}\n`)).toThrow(CswwFileError);
    const twice = `${HEADER}\n${good}\n${good}\n`;
    expect(() => parseCswwSeries(twice)).toThrow(/line 3: vacancy_rate_fte for England 2020 appears twice/);
  });
});

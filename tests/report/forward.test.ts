import { describe, expect, it } from 'vitest';
import { countChangeZ, rateChangeZ, rateInterval, trendOf } from '../../transforms/report/change-tests.ts';
import { englandBlock } from '../../transforms/report/england.ts';
import { headlineMessages } from '../../transforms/report/headline-messages.ts';
import type { ModelContext } from '../../transforms/report/model.ts';
import { asPublished, type ReportTable } from '../../transforms/report/report-table.ts';
import { needRow } from '../../transforms/report/sections-forward.ts';
import { parseCswwSeries } from '../../transforms/reference/dfe-csww.ts';

describe('Function: the change tests (worked by hand)', () => {
  it('calls turnover 15.2% of 2,882 employees to 12.8% of 2,913 a real fall: z = −2.63', () => {
    // pooled p = (0.152 × 2882 + 0.128 × 2913) ÷ 5795 = 0.13993; se = √(0.13993 × 0.86007 × (1/2882 + 1/2913)) = 0.0091145
    expect(rateChangeZ(15.2, 2882, 12.8, 2913)).toBeCloseTo(-2.633, 2);
    expect(trendOf(rateChangeZ(15.2, 2882, 12.8, 2913), false)).toBe('better');
  });

  it('calls 7.7% to 7.3% of about 2,900 employees no real change: z = −0.58', () => {
    expect(rateChangeZ(7.7, 2882, 7.3, 2913)).toBeCloseTo(-0.58, 1);
    expect(trendOf(rateChangeZ(7.7, 2882, 7.3, 2913), false)).toBe('no real change');
  });

  it('takes a count as Poisson: 3,470 to 3,459 people is z = −11 ÷ √6929 = −0.13, no real change', () => {
    expect(countChangeZ(3470, 3459)).toBeCloseTo(-0.1321, 3);
    expect(trendOf(countChangeZ(3470, 3459), true)).toBe('no real change');
    expect(trendOf(countChangeZ(3000, 3300), true)).toBe('better');
  });

  it('gives the Wald interval of a rate: 15% of 120 is 15 ± 1.96 × √(0.15 × 0.85 ÷ 120) = 8.61% to 21.39%', () => {
    const [low, high] = rateInterval(15, 120);
    expect(low).toBeCloseTo(8.611, 2);
    expect(high).toBeCloseTo(21.389, 2);
  });
});

describe('Function: needRow (the recruitment needed, worked by hand)', () => {
  it("adds vacancies to leavers expected at the current turnover, with its range, against last year's starters", () => {
    const row = needRow({
      employees_headcount: 120,
      employees_fte: 100.04,
      vacancies_fte: 5.06,
      leavers_headcount: 18,
      leavers_fte: 15.04,
      starters_headcount: 11,
      starters_fte: 10.0,
      turnover_rate: 15.034,
      aged_55_plus_headcount: 24,
      replacement_demand_rate: 20,
    });
    // From the published figures: vacant 5.1, leavers 15.0, turnover 15.0%, FTE 100.0, starters 10.0.
    expect(row.need_fte).toBe(20.1);
    expect(row.need_low).toBeCloseTo(5.1 + 8.611, 2);
    expect(row.need_high).toBeCloseTo(5.1 + 21.389, 2);
    expect(row.shortfall_fte).toBeCloseTo(10.1, 6);
    expect(row.replacement_demand_rate).toBe(20);
  });
});

describe("Function: englandBlock (the Trust's social workers beside England's)", () => {
  const dfe = [
    'year,geographic_level,geography_code,geography,measure,measure_label,unit,value,source_release',
    '2025,National,E92000001,England,turnover_rate_fte,Turnover rate (FTE),percent,14.9,2025 release: csww_indicators_2017_to_2025',
    '2025,National,E92000001,England,vacancy_rate_fte,Vacancy rate (FTE),percent,17.0,2025 release: csww_indicators_2017_to_2025',
    '2025,National,E92000001,England,agency_rate_fte,Agency rate (FTE),percent,15.5,2025 release: csww_indicators_2017_to_2025',
    '2025,National,E92000001,England,absence_rate_fte,Absence rate (FTE),percent,3.4,2025 release: csww_indicators_2017_to_2025',
  ].join('\n');
  const sums = {
    employees_headcount: 200,
    employees_fte: 180,
    agency_headcount: 20,
    agency_fte: 20,
    vacancies_fte: 20,
    vacancies_agency_cover_fte: 10,
    hard_to_fill_vacancies_fte: 10,
    leavers_headcount: 30,
    leavers_fte: 27,
    starters_headcount: 25,
    starters_fte: 22.5,
    aged_55_plus_headcount: 30,
    qualification_known_headcount: 200,
    qualification_gap_headcount: 5,
    sickness_days: 1366.2,
    sickness_recorded_fte: 180,
  };
  const context = (period: string) =>
    ({ results: { social_work: [sums] }, period, england: parseCswwSeries(dfe) }) as unknown as ModelContext;

  it("computes the Trust's rates as the DfE does and sets England's for the same 30 September beside them", () => {
    const { table } = englandBlock(context('2025-09-30'));
    // turnover 27 ÷ 180 = 15%; vacancy 20 ÷ (20 + 180) = 10%; agency 20 ÷ (20 + 180) = 10%; absence 1366.2 ÷ (180 × 253) = 3%
    expect(table.rows[0]).toMatchObject({
      employees_headcount: 200,
      turnover_rate: 15,
      vacancy_rate: 10,
      agency_rate: 10,
    });
    expect(table.rows[0]?.absence_rate).toBeCloseTo(3, 6);
    expect(table.rows[1]).toMatchObject({
      who: 'England, 30 September 2025',
      turnover_rate: 14.9,
      vacancy_rate: 17,
      agency_rate: 15.5,
      absence_rate: 3.4,
    });
    expect(table.rowKeys[1]).toBeNull();
    expect(table.caption).toContain('for the same date');
  });

  it("shows the latest year, and says so, until the DfE publishes the report's year", () => {
    const { table } = englandBlock(context('2026-09-30'));
    expect(table.rows[1]?.who).toBe('England, 30 September 2025');
    expect(table.caption).toContain('not yet published; those shown are the latest, for 30 September 2025');
  });
});

describe('Function: headlineMessages (the story, from published figures)', () => {
  const table = (id: string, rows: Record<string, unknown>[]) =>
    asPublished({ id, title: id, caption: '', columns: [], rows, rowKeys: [] } as unknown as ReportTable);
  const tables = new Map([
    [
      'headline',
      table('headline', [
        {
          period: '2025-09-30',
          workforce_headcount: 3000,
          employees_headcount: 2800,
          turnover_rate: 15.2,
          vacancy_rate: 7.7,
          agency_rate: 6.1,
        },
        {
          period: '2026-09-30',
          workforce_headcount: 3300,
          employees_headcount: 2900,
          turnover_rate: 12.8,
          vacancy_rate: 7.3,
          agency_rate: 6.0,
        },
      ]),
    ],
    [
      'rates-by-role',
      table('rates-by-role', [
        { role: 'Social worker', employees_headcount: 150, vacancy_rate: 14.2 },
        { role: 'Teacher', employees_headcount: 560, vacancy_rate: 0.8 },
        { role: 'Play worker', employees_headcount: 8, vacancy_rate: 40 },
      ]),
    ],
    [
      'need-by-role',
      table('need-by-role', [{ role: 'Social worker', need_fte: 45, need_low: 38, need_high: 52, starters_fte: 30 }]),
    ],
    [
      'diversity-ethnic-group',
      table('diversity-ethnic-group', [
        { category: 'Asian', assessment: 'Under-represented', workforce_share: 4.6, community_share: 5.9 },
      ]),
    ],
    [
      'coverage',
      table('coverage', [
        { partner: 'Police', workforce_status: 'accepted', vacancies_status: 'missing', leavers_status: 'accepted' },
        { partner: 'Council', workforce_status: 'accepted', vacancies_status: 'accepted', leavers_status: 'accepted' },
      ]),
    ],
  ]);

  it('tells the story in up to six messages, each marked by the tests', () => {
    const messages = headlineMessages(tables, {
      period: '2026-09-30',
      previousPeriod: '2025-09-30',
      baselinePeriod: '2025-09-30',
      partners: 2,
    });

    expect(messages).toEqual([
      // 300 more people: z = 300 ÷ √6300 = 3.78
      {
        text: "On 30 September 2026 the children's workforce numbered 3,300 people, up from 3,000 a year before.",
        trend: 'better',
      },
      { text: 'Turnover fell to 12.8%, from 15.2% at the previous period (30 September 2025).', trend: 'better' },
      // Play workers have a higher rate but fewer than 10 employees; social workers' 14.2% of 150 against 7.3% of 2,900: z = 3.1
      { text: "The highest vacancy rate is for social workers: 14.2%, well above the Trust's 7.3%.", trend: 'worse' },
      {
        text: "Social worker: about 45 FTE to recruit next year (95% range 38–52) to hold today's establishment, more than the 30 FTE recruited last year.",
        trend: 'worse',
      },
      {
        text: 'Under-represented against the community: Asian (4.6% of the workforce, 5.9% of residents).',
        trend: 'worse',
      },
      { text: '1 of the 2 partners has a file missing or rejected for 30 September 2026: Police.', trend: 'worse' },
    ]);
  });
});

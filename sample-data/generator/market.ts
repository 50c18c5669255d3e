import type { WorkforceRow } from '../../transforms/contract/datasets/index.ts';
import type { Random } from './random.ts';
import type { RoleProfile } from './trust.ts';

/** Multipliers on a role's base rates for one period (the first period is 1 throughout). */
export interface Conditions {
  readonly turnover: number;
  readonly vacancy: number;
  readonly agency: number;
  /** Growth of the establishment (funded posts) since the period before. */
  readonly growth: number;
}

const year = (turnover: number, vacancy: number, agency: number, growth: number): Conditions => ({
  turnover,
  vacancy,
  agency,
  growth,
});
const steady = year(1, 1, 1, 1);

/**
 * How each sector's labour market moved over the sample's periods (30 September 2024, 2025,
 * 2026), as multipliers on the roles' base rates. Plausible, not forecasts. Sources and
 * assumptions:
 * - Social work (SOCIAL_WORK, for the social work roles): the DfE Children's social work workforce
 *   series for England (transforms/reference/dfe-csww-england.csv): turnover 13.9% in 2024 and
 *   11.8% in 2025, vacancies 17.3% and 14.2%, agency workers 16.2% and 13.0%, easing after the
 *   2022-23 peak (turnover 17.2%, vacancies 20.0%). 2026 is not published: assumed to level off.
 * - Social care, other roles (children's homes, family support): no national series for children's
 *   care staff; Skills for Care's adult social care figures (turnover about 25%, vacancies about
 *   8%, both edging down since 2022-23 as international recruitment filled posts) stand in.
 * - Early years: the funded-childcare expansion for working parents (from April 2024, 30 hours
 *   from nine months old by September 2025) raised demand for staff, and providers report
 *   recruitment as their hardest problem (DfE Childcare and early years providers survey).
 *   Assumed: turnover and vacancies rising, establishments growing about 5% a year.
 * - Health: NHS vacancy statistics show nursing vacancies falling from about 10% (2022) to
 *   about 7% (2024), and agency use cut by spending caps. Assumed: easing.
 * - Education: teacher vacancies are under 1% of posts and the leaving rate about 9-10% a year
 *   (DfE School workforce in England). Assumed: steady; primary rolls falling, posts slowly too.
 * - Justice: police officers' leaving rate about 6-7% a year (Home Office Police workforce,
 *   England and Wales). Assumed: steady.
 * - Youth, sport and culture: no national series; small voluntary employers, assumed volatile.
 */
export const SECTOR_CONDITIONS: Readonly<Record<WorkforceRow['sector'], readonly Conditions[]>> = {
  // turnover, vacancy, agency, growth
  social_care: [steady, year(0.96, 0.88, 0.92, 1.01), year(0.95, 0.85, 0.88, 1.01)],
  early_years: [steady, year(1.1, 1.25, 1.2, 1.05), year(1.15, 1.35, 1.3, 1.05)],
  health: [steady, year(0.95, 0.85, 0.85, 1.01), year(0.95, 0.78, 0.7, 1.01)],
  education: [steady, year(1.02, 1.05, 1, 0.99), year(0.97, 0.95, 0.95, 0.99)],
  justice: [steady, year(1.05, 1.1, 1, 1), year(1, 1, 1, 1)],
  youth: [steady, year(1.15, 1.2, 1, 0.97), year(0.9, 0.9, 1, 0.98)],
  sport_culture: [steady, year(0.9, 1.1, 1, 1), year(1.1, 0.9, 1, 1)],
  other: [steady, steady, steady],
};

/** Children's social work, from the DfE series: see SECTOR_CONDITIONS. */
export const SOCIAL_WORK: readonly Conditions[] = [steady, year(0.85, 0.82, 0.8, 1), year(0.86, 0.8, 0.76, 1.01)];

/** One role's rates for one period: its base rates, the sector's year, and a draw for the role and partner. */
export interface RoleYear {
  readonly turnover: number;
  /** Vacant FTE ÷ (vacant + employed FTE). */
  readonly vacancy: number;
  /** Agency FTE ÷ (agency + employed FTE). */
  readonly agency: number;
  /** The chance that a vacant post is hard to fill. */
  readonly hardToFill: number;
  readonly growth: number;
}

/**
 * The role's rates for the period: base × the sector's (or the role's own) conditions × a draw of
 * ±10% for the role and ±5% for the partner, so that the same role differs between partners and
 * moves from year to year, as published series do.
 */
export function roleYear(profile: RoleProfile, index: number, partnerFactor: number, random: Random): RoleYear {
  const conditions = (profile.conditions ?? SECTOR_CONDITIONS[profile.sector])[index] ?? steady;
  const draw = () => random.around(1, 0.1, 0.001) * partnerFactor;
  const vacancyDraw = draw();
  return {
    turnover: Math.min(0.6, profile.turnover * conditions.turnover * draw()),
    vacancy: Math.min(0.45, profile.vacancy * conditions.vacancy * vacancyDraw),
    agency: Math.min(0.45, (profile.basis.agency ?? 0) * conditions.agency * draw()),
    // Harder to fill when vacancies are up, never certain: even shortage roles fill some posts with ease.
    hardToFill: Math.min(0.85, profile.hardToFill * Math.sqrt(conditions.vacancy * vacancyDraw)),
    growth: conditions.growth * random.around(1, 0.02, 0.001),
  };
}

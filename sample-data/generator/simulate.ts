import type { LeaverRow, VacancyRow, WorkforceRow } from '../../transforms/contract/datasets/index.ts';
import { twelveMonthsBefore } from '../../transforms/contract/dates.ts';
import { ETHNIC_GROUP_OF } from '../../transforms/contract/code-lists.ts';
import type { Random } from './random.ts';
import { LOCALITIES, MEDWAY_ETHNICITY, type AgeProfile, type PartnerProfile, type RoleProfile } from './trust.ts';

type AgeBand = WorkforceRow['age_band'];
const AGE_BANDS: readonly AgeBand[] = ['16_24', '25_34', '35_44', '45_54', '55_64', '65_plus'];
const AGE_WEIGHTS: Record<AgeProfile, Partial<Record<AgeBand, number>>> = {
  young: { '16_24': 25, '25_34': 40, '35_44': 18, '45_54': 10, '55_64': 6, '65_plus': 1, not_known: 1 },
  mid: { '16_24': 4, '25_34': 25, '35_44': 30, '45_54': 25, '55_64': 14, '65_plus': 2, not_known: 1 },
  older: { '16_24': 1, '25_34': 11, '35_44': 18, '45_54': 29, '55_64': 32, '65_plus': 8, not_known: 1 },
};

export interface PeriodFiles {
  readonly workforce: WorkforceRow[];
  readonly vacancies: VacancyRow[];
  readonly leavers: LeaverRow[];
}

interface Member {
  readonly profile: RoleProfile;
  row: WorkforceRow;
}

/** One partner's workforce over successive periods: people stay, leave, join and grow older. */
export class PartnerSimulation {
  private members: Member[] = [];
  private nextRef = 1;

  constructor(
    private readonly partner: PartnerProfile,
    private readonly random: Random,
  ) {}

  /** The partner's files for a period; `index` 0 is the first period simulated. */
  advance(period: string, index: number): PeriodFiles {
    const yearStart = twelveMonthsBefore(period);
    const leavers: LeaverRow[] = [];
    if (index === 0) {
      for (const profile of this.partner.roles) {
        for (let i = 0; i < profile.headcount; i++) this.members.push({ profile, row: this.person(profile, period, this.random.chance(profile.turnover)) });
        const employees = Math.round(profile.headcount * (profile.basis.employee ?? 0));
        for (let i = 0; i < Math.round(employees * profile.turnover); i++) leavers.push(this.leaver(this.person(profile, yearStart, false), yearStart, period));
      }
    } else {
      const staying: Member[] = [];
      for (const member of this.members) {
        const { profile, row } = member;
        const pressure = 1 + (profile.pressureTrend ?? 0) * index;
        const basis = row.employment_basis;
        const leaves = basis === 'agency' ? this.random.chance(0.4) : this.random.chance(profile.turnover * pressure);
        if (!leaves) {
          staying.push({ profile, row: this.carriedForward(profile, row) });
          continue;
        }
        if (basis === 'employee') leavers.push(this.leaver(row, yearStart, period));
        const refilled = basis === 'employee' ? 1 - (pressure - 1) * 1.5 : 1;
        if (this.random.chance(refilled)) staying.push({ profile, row: this.person(profile, period, true, basis) });
      }
      this.members = staying;
    }
    return { workforce: this.members.map((m) => m.row), leavers, vacancies: this.vacancies(period, index) };
  }

  private staffRef(): string {
    const { staffRefPrefix, staffRefDigits } = this.partner.style;
    return `${staffRefPrefix}${String(this.nextRef++).padStart(staffRefDigits, '0')}`;
  }

  /** A new member of staff; a starter began in the 12 months to the period. */
  person(profile: RoleProfile, period: string, starter: boolean, basis?: WorkforceRow['employment_basis']): WorkforceRow {
    const random = this.random;
    const employmentBasis = basis ?? random.weighted(profile.basis);
    const paid = employmentBasis === 'employee' || employmentBasis === 'agency';
    const employee = employmentBasis === 'employee';
    const yearStart = twelveMonthsBefore(period);
    const tenureStart = `${Number(period.slice(0, 4)) - random.pick([1, 2, 3, 5, 8, 12, 20])}${period.slice(4)}`;
    const startDate = starter ? random.dateBetween(nextDay(yearStart), nextDay(period)) : random.dateBetween(tenureStart, nextDay(yearStart));
    const qualificationGap = random.chance(profile.qualificationGap);
    const style = this.partner.style;
    return {
      staff_ref: this.staffRef(),
      sector: profile.sector,
      employer_type: this.partner.employerType,
      role: profile.role,
      role_title: profile.roleTitle ?? null,
      setting: profile.setting,
      employment_basis: employmentBasis,
      contract: employee ? random.weighted({ permanent: 85, fixed_term: 10, bank: profile.role === 'early_years_practitioner' ? 15 : 5 }) : null,
      fte: paid ? fte(random, profile.meanFte, employee) : employmentBasis === 'self_employed' && random.chance(0.5) ? random.around(0.6, 0.4, 0.1) : null,
      start_date: employee ? (random.chance(0.02) ? null : startDate) : random.chance(0.5) ? startDate : null,
      age_band: random.weighted(AGE_WEIGHTS[profile.age]),
      sex: random.weighted({ female: profile.female * 1000, male: (1 - profile.female) * 1000, other: 2, not_known: 4, refused: 2 }),
      ethnicity: this.ethnicity(),
      disability: random.weighted({ yes: 7, no: 80, not_known: 10, refused: 3 }),
      qualification_level: paid ? (random.chance(0.03) ? 'not_known' : qualificationGap ? lowerLevel(profile.qualification) : profile.qualification) : null,
      meets_role_qualification: paid ? (qualificationGap ? random.weighted({ no: 60, in_training: 40 }) : 'yes') : null,
      locality: this.partner.id === 'riverside-police' ? null : random.pick(LOCALITIES),
      days_sick: style.recordsSickness && employee ? sickness(random) : null,
    };
  }

  private carriedForward(profile: RoleProfile, row: WorkforceRow): WorkforceRow {
    const random = this.random;
    const band = AGE_BANDS.indexOf(row.age_band);
    const older = band >= 0 && band < AGE_BANDS.length - 1 && random.chance(0.1) ? (AGE_BANDS[band + 1] as AgeBand) : row.age_band;
    const stillInTraining = row.meets_role_qualification === 'in_training' && random.chance(0.5);
    return {
      ...row,
      age_band: older,
      meets_role_qualification: row.meets_role_qualification === 'in_training' && !stillInTraining ? 'yes' : row.meets_role_qualification,
      days_sick: row.days_sick === null ? null : sickness(random),
      fte: row.employment_basis === 'employee' && random.chance(0.05) ? fte(random, profile.meanFte, true) : row.fte,
    };
  }

  private ethnicity(): WorkforceRow['ethnicity'] {
    const random = this.random;
    if (random.chance(0.04)) return random.chance(0.75) ? 'not_known' : 'refused';
    const weights: Partial<Record<WorkforceRow['ethnicity'], number>> = {};
    for (const [code, count] of Object.entries(MEDWAY_ETHNICITY)) {
      const group = ETHNIC_GROUP_OF[code] as keyof PartnerProfile['ethnicTilt'];
      weights[code as WorkforceRow['ethnicity']] = count * (this.partner.ethnicTilt[group] ?? 1);
    }
    return random.weighted(weights);
  }

  private leaver(row: WorkforceRow, yearStart: string, period: string): LeaverRow {
    const random = this.random;
    const nearRetirement = row.age_band === '55_64' || row.age_band === '65_plus';
    return {
      staff_ref: row.staff_ref,
      sector: row.sector,
      employer_type: row.employer_type,
      role: row.role,
      fte: row.fte ?? 1,
      leave_date: random.dateBetween(nextDay(yearStart), nextDay(period)),
      reason: random.weighted({
        resignation: 55,
        retirement: nearRetirement ? 60 : 2,
        end_of_contract: row.contract === 'fixed_term' ? 60 : 5,
        dismissal: 3,
        redundancy: 2,
        career_break: 4,
        other: 3,
        not_known: 6,
      }),
      destination: random.chance(0.4) ? null : random.weighted({ same_sector_local: 30, other_local_authority: 20, agency: row.sector === 'social_care' ? 20 : 5, other_sector: 25, not_known: 10 }),
      age_band: row.age_band,
    };
  }

  private vacancies(period: string, index: number): VacancyRow[] {
    const random = this.random;
    const rows: VacancyRow[] = [];
    let post = 1;
    for (const profile of this.partner.roles) {
      if (profile.vacancy === 0) continue;
      const pressure = 1 + (profile.pressureTrend ?? 0) * index;
      const establishment = this.members.filter((m) => m.profile === profile && m.row.employment_basis === 'employee').reduce((sum, m) => sum + (m.row.fte ?? 0), 0);
      const rate = Math.min(0.6, profile.vacancy * pressure);
      let vacant = Math.round(((establishment * rate) / (1 - rate)) * 10) / 10;
      const agencyShare = profile.basis.agency ?? 0;
      while (vacant > 0.05) {
        const size = Math.min(vacant, random.pick([0.5, 1, 1, 1, 2, 3]));
        const hard = random.chance(Math.min(0.98, profile.hardToFill * pressure));
        rows.push({
          post_ref: `V${period.slice(2, 4)}-${String(post++).padStart(3, '0')}`,
          sector: profile.sector,
          employer_type: this.partner.employerType,
          role: profile.role,
          role_title: profile.roleTitle ?? null,
          setting: profile.setting,
          locality: random.pick(LOCALITIES),
          vacancies_fte: round2(size),
          agency_cover_fte: agencyShare > 0 && random.chance(agencyShare * 3) ? round2(size * random.pick([0.5, 1, 1])) : null,
          hard_to_fill: hard ? 'yes' : 'no',
          hard_to_fill_reason: hard ? random.weighted({ skills_shortage: 45, pay: 25, competition: 15, location: 5, conditions: 7, other: 3 }) : null,
          date_opened: random.dateBetween(twelveMonthsBefore(period), period),
        });
        vacant = round2(vacant - size);
      }
    }
    return rows;
  }
}

function fte(random: Random, mean: number, employee: boolean): number {
  if (employee && random.chance(0.01)) return 1.2;
  return Math.min(1, Math.max(0.2, random.around(mean, 0.25)));
}

function sickness(random: Random): number {
  return random.chance(0.4) ? 0 : Math.min(120, Math.round(-Math.log(1 - random.next()) * 9));
}

function lowerLevel(level: WorkforceRow['qualification_level']): WorkforceRow['qualification_level'] {
  const number = Number(level);
  return Number.isInteger(number) && number > 0 ? (String(number - 1) as WorkforceRow['qualification_level']) : level;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

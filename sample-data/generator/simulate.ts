import type { LeaverRow, VacancyRow, WorkforceRow } from '../../transforms/contract/datasets/index.ts';
import { twelveMonthsBefore } from '../../transforms/contract/dates.ts';
import { ETHNIC_GROUP_OF } from '../../transforms/contract/code-lists.ts';
import { roleYear, type RoleYear } from './market.ts';
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

/** How much likelier than average a member of an age band is to leave: the young move on, the old retire. */
const LEAVING_BY_AGE: Record<AgeBand, number> = {
  '16_24': 1.3,
  '25_34': 1.1,
  '35_44': 0.85,
  '45_54': 0.75,
  '55_64': 1.2,
  '65_plus': 2.5,
  not_known: 1,
};
/** Starters are younger than the staff they join. */
const STARTER_AGE: Record<AgeProfile, AgeProfile> = { young: 'young', mid: 'young', older: 'mid' };

/**
 * One partner's workforce over successive periods. Each period, each role gets its rates for the
 * year (market.ts): employees leave at the year's turnover (likelier when young or near
 * retirement) and the employer recruits towards its establishment less the year's vacancies;
 * agency workers come and go to the year's agency rate; volunteers, carers and the self-employed
 * are replaced as they leave; everyone else grows a year older.
 */
export class PartnerSimulation {
  private members: Member[] = [];
  private nextRef = 1;
  /** Funded posts (headcount) of each role: the employees it would have with no vacancies. */
  private readonly posts = new Map<RoleProfile, number>();
  private year = new Map<RoleProfile, RoleYear>();
  private sicknessFactor = 1;

  constructor(
    private readonly partner: PartnerProfile,
    private readonly random: Random,
  ) {}

  /** The partner's files for a period; `index` 0 is the first period simulated. */
  advance(period: string, index: number): PeriodFiles {
    const random = this.random;
    const partnerFactor = random.around(1, 0.05, 0.001);
    this.sicknessFactor = random.around(1, 0.15, 0.001);
    this.year = new Map(this.partner.roles.map((role) => [role, roleYear(role, index, partnerFactor, random)]));
    const leavers: LeaverRow[] = [];
    const next: Member[] = [];
    for (const profile of this.partner.roles) {
      const rates = this.year.get(profile) as RoleYear;
      const before = this.members.filter((m) => m.profile === profile);
      const staff =
        index === 0
          ? this.firstStaff(profile, rates, period, leavers)
          : this.nextStaff(profile, rates, before, period, leavers);
      next.push(...staff, ...this.agencyWorkers(profile, before, staff, rates, period));
    }
    this.members = next;
    return { workforce: this.members.map((m) => m.row), leavers, vacancies: this.vacancies(period) };
  }

  /** The role's staff at the first period (agency workers apart), and those who left in the year before. */
  private firstStaff(profile: RoleProfile, rates: RoleYear, period: string, leavers: LeaverRow[]): Member[] {
    const random = this.random;
    const yearStart = twelveMonthsBefore(period);
    const staff: Member[] = [];
    for (let i = 0; i < Math.round(profile.headcount * (1 - (profile.basis.agency ?? 0))); i++) {
      const basis = random.weighted(nonAgencyBasis(profile));
      staff.push({ profile, row: this.person(profile, period, random.chance(rates.turnover), basis) });
    }
    const employees = staff.filter((m) => m.row.employment_basis === 'employee').length;
    this.posts.set(profile, employees / (1 - rates.vacancy));
    // Those who left in the year before the first period: people no longer on the books.
    for (let i = 0; i < employees; i++) {
      if (!random.chance(rates.turnover)) continue;
      leavers.push(this.leaver(this.person(profile, yearStart, false, 'employee'), yearStart, period));
    }
    return staff;
  }

  /** The role's staff a year on (agency workers apart): leavers go, the rest grow older, starters join. */
  private nextStaff(
    profile: RoleProfile,
    rates: RoleYear,
    before: readonly Member[],
    period: string,
    leavers: LeaverRow[],
  ): Member[] {
    const random = this.random;
    const staff: Member[] = [];
    let othersLeft = 0;
    for (const member of before.filter((m) => m.row.employment_basis !== 'agency')) {
      const employee = member.row.employment_basis === 'employee';
      if (!random.chance(Math.min(0.9, rates.turnover * (employee ? LEAVING_BY_AGE[member.row.age_band] : 1)))) {
        staff.push({ profile, row: this.carriedForward(profile, member.row) });
      } else if (employee) {
        leavers.push(this.leaver(member.row, twelveMonthsBefore(period), period));
      } else {
        othersLeft += 1;
      }
    }
    // Volunteers, carers and the self-employed who left are replaced, give or take.
    const another = (): Member => {
      const basis = random.weighted(nonAgencyBasis(profile));
      return { profile, row: this.person(profile, period, true, basis) };
    };
    for (let i = 0; i < othersLeft; i++) if (random.chance(rates.growth * 0.97)) staff.push(another());
    if (random.chance(Math.max(0, rates.growth - 0.97) * 3)) staff.push(another());
    // Starters: recruitment towards the establishment less this year's vacancies.
    this.posts.set(profile, (this.posts.get(profile) ?? 0) * rates.growth);
    const employees = staff.filter((m) => m.row.employment_basis === 'employee').length;
    const target = Math.round((this.posts.get(profile) ?? 0) * (1 - rates.vacancy));
    for (let i = employees; i < target; i++) staff.push({ profile, row: this.starter(profile, period) });
    return staff;
  }

  /** Agency workers to the year's agency rate: some stay on from last year, the rest are new. */
  private agencyWorkers(
    profile: RoleProfile,
    before: readonly Member[],
    staff: readonly Member[],
    rates: RoleYear,
    period: string,
  ): Member[] {
    if (rates.agency === 0) return [];
    const employees = staff.filter((m) => m.row.employment_basis === 'employee').length;
    const target = Math.round((employees * rates.agency) / (1 - rates.agency));
    const kept = before.filter((m) => m.row.employment_basis === 'agency' && this.random.chance(0.6)).slice(0, target);
    const agency = kept.map((m) => ({ profile, row: this.carriedForward(profile, m.row) }));
    while (agency.length < target) agency.push({ profile, row: this.person(profile, period, true, 'agency') });
    return agency;
  }

  private starter(profile: RoleProfile, period: string): WorkforceRow {
    const row = this.person(profile, period, true, 'employee');
    if (!this.random.chance(0.5)) return row;
    return { ...row, age_band: this.random.weighted(AGE_WEIGHTS[STARTER_AGE[profile.age]]) };
  }

  private staffRef(): string {
    const { staffRefPrefix, staffRefDigits } = this.partner.style;
    return `${staffRefPrefix}${String(this.nextRef++).padStart(staffRefDigits, '0')}`;
  }

  /** A new member of staff; a starter began in the 12 months to the period. */
  person(
    profile: RoleProfile,
    period: string,
    starter: boolean,
    basis?: WorkforceRow['employment_basis'],
  ): WorkforceRow {
    const random = this.random;
    const employmentBasis = basis ?? random.weighted(profile.basis);
    const paid = employmentBasis === 'employee' || employmentBasis === 'agency';
    const employee = employmentBasis === 'employee';
    const yearStart = twelveMonthsBefore(period);
    const tenureStart = `${Number(period.slice(0, 4)) - random.pick([1, 2, 3, 5, 8, 12, 20])}${period.slice(4)}`;
    const startDate = starter
      ? random.dateBetween(nextDay(yearStart), nextDay(period))
      : random.dateBetween(tenureStart, nextDay(yearStart));
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
      contract: employee
        ? random.weighted({ permanent: 85, fixed_term: 10, bank: profile.role === 'early_years_practitioner' ? 15 : 5 })
        : null,
      fte: paid
        ? fte(random, profile.meanFte, employee)
        : employmentBasis === 'self_employed' && random.chance(0.5)
          ? random.around(0.6, 0.4, 0.1)
          : null,
      start_date: employee ? (random.chance(0.02) ? null : startDate) : random.chance(0.5) ? startDate : null,
      age_band: random.weighted(AGE_WEIGHTS[profile.age]),
      sex: random.weighted({
        female: profile.female * 1000,
        male: (1 - profile.female) * 1000,
        other: 2,
        not_known: 4,
        refused: 2,
      }),
      ethnicity: this.ethnicity(),
      disability: random.weighted({ yes: 7, no: 80, not_known: 10, refused: 3 }),
      qualification_level: paid
        ? random.chance(0.03)
          ? 'not_known'
          : qualificationGap
            ? lowerLevel(profile.qualification)
            : profile.qualification
        : null,
      meets_role_qualification: paid ? (qualificationGap ? random.weighted({ no: 60, in_training: 40 }) : 'yes') : null,
      locality: this.partner.id === 'riverside-police' ? null : random.pick(LOCALITIES),
      days_sick: style.recordsSickness && employee ? sickness(random, this.sicknessFactor) : null,
    };
  }

  private carriedForward(profile: RoleProfile, row: WorkforceRow): WorkforceRow {
    const random = this.random;
    const band = AGE_BANDS.indexOf(row.age_band);
    const older =
      band >= 0 && band < AGE_BANDS.length - 1 && random.chance(0.1) ? (AGE_BANDS[band + 1] as AgeBand) : row.age_band;
    const stillInTraining = row.meets_role_qualification === 'in_training' && random.chance(0.5);
    return {
      ...row,
      age_band: older,
      meets_role_qualification:
        row.meets_role_qualification === 'in_training' && !stillInTraining ? 'yes' : row.meets_role_qualification,
      days_sick: row.days_sick === null ? null : sickness(random, this.sicknessFactor),
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
      destination: random.chance(0.4)
        ? null
        : random.weighted({
            same_sector_local: 30,
            other_local_authority: 20,
            agency: row.sector === 'social_care' ? 20 : 5,
            other_sector: 25,
            not_known: 10,
          }),
      age_band: row.age_band,
    };
  }

  private vacancies(period: string): VacancyRow[] {
    const random = this.random;
    const rows: VacancyRow[] = [];
    let post = 1;
    for (const profile of this.partner.roles) {
      const rates = this.year.get(profile) as RoleYear;
      if (rates.vacancy === 0) continue;
      const staff = this.members.filter((m) => m.profile === profile);
      const fteOf = (basis: string) =>
        staff.filter((m) => m.row.employment_basis === basis).reduce((sum, m) => sum + (m.row.fte ?? 0), 0);
      let vacant = Math.round(((fteOf('employee') * rates.vacancy) / (1 - rates.vacancy)) * 10) / 10;
      // Most agency workers cover vacancies (the DfE's agency cover rate is 74-80% of agency FTE).
      let cover = fteOf('agency') * random.around(0.78, 0.12);
      while (vacant > 0.05) {
        const size = Math.min(vacant, random.pick([0.5, 1, 1, 1, 1, 2]));
        const covered = cover > 0.05 && random.chance(0.85) ? round2(Math.min(size, cover)) : null;
        cover -= covered ?? 0;
        const hard = random.chance(rates.hardToFill);
        rows.push({
          post_ref: `V${period.slice(2, 4)}-${String(post++).padStart(3, '0')}`,
          sector: profile.sector,
          employer_type: this.partner.employerType,
          role: profile.role,
          role_title: profile.roleTitle ?? null,
          setting: profile.setting,
          locality: random.pick(LOCALITIES),
          vacancies_fte: round2(size),
          agency_cover_fte: covered,
          hard_to_fill: hard ? 'yes' : 'no',
          hard_to_fill_reason: hard
            ? random.weighted({ skills_shortage: 45, pay: 25, competition: 15, location: 5, conditions: 7, other: 3 })
            : null,
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

/** Days lost in a year: none for many, a long tail for a few; the factor moves a partner's year up or down. */
function sickness(random: Random, factor: number): number {
  return random.chance(0.4) ? 0 : Math.min(120, Math.round(-Math.log(1 - random.next()) * 9 * factor));
}

/** The role's employment bases other than agency (agency workers come and go by the year's agency rate). */
function nonAgencyBasis(profile: RoleProfile): Partial<Record<WorkforceRow['employment_basis'], number>> {
  const others = Object.entries(profile.basis).filter(([basis]) => basis !== 'agency');
  return others.length > 0 ? Object.fromEntries(others) : { employee: 1 };
}

function lowerLevel(level: WorkforceRow['qualification_level']): WorkforceRow['qualification_level'] {
  const number = Number(level);
  return Number.isInteger(number) && number > 0 ? String(number - 1) : level;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

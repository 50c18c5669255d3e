import type { WorkforceRow } from '../../transforms/contract/datasets/index.ts';
import { SOCIAL_WORK, type Conditions } from './market.ts';

/**
 * Riverside Children's Trust: fictional partners, with a realistic shape and the pressures the
 * sector reports (social workers and early-years practitioners often hard to fill, an ageing
 * health-visitor workforce, high turnover in children's homes). The community is Medway's
 * (E06000035), so the built-in Census 2021 profile applies. Base rates are for the first period;
 * market.ts moves them year by year. Where a national series exists the base rates sit near it:
 * children's social workers near the DfE's (turnover 14-17%, vacancies 17-20%, agency 16-18% in
 * 2022-2024, a Trust under rather more pressure than England), teachers near the School workforce
 * statistics (vacancies under 1%, leaving about 10%), police officers near the Home Office's
 * (leaving 6-7%), residential care near Skills for Care's adult social care figures (turnover
 * about 25-30%, vacancies about 8-10%). The hard-to-fill shares are assumptions: employer surveys
 * put about a third of all vacancies, and more in health and care, as hard to fill.
 */
export const TRUST = {
  trust: "Riverside Children's Trust",
  communityAreas: ['E06000035'],
  periods: ['2024-09-30', '2025-09-30', '2026-09-30'],
  baselinePeriod: '2024-09-30',
  suppressionThreshold: 5,
  reportSchedule: 'cron(0 6 1 * ? *)',
} as const;

export const LOCALITIES = ['Chatham', 'Gillingham', 'Rochester', 'Strood', 'Rainham', 'Hoo Peninsula'] as const;

type Basis = WorkforceRow['employment_basis'];
type Role = WorkforceRow['role'];
type Sector = WorkforceRow['sector'];
type Setting = NonNullable<WorkforceRow['setting']>;
export type AgeProfile = 'young' | 'mid' | 'older';

export interface RoleProfile {
  readonly role: Role;
  readonly roleTitle?: string;
  readonly sector: Sector;
  readonly setting: Setting;
  /** Headcount at the first period. */
  readonly headcount: number;
  readonly basis: Readonly<Partial<Record<Basis, number>>>;
  /** Share of employees who leave in a year. */
  readonly turnover: number;
  /** Vacant FTE as a share of the establishment. */
  readonly vacancy: number;
  /** The chance that a vacant post is hard to fill. */
  readonly hardToFill: number;
  readonly age: AgeProfile;
  readonly female: number;
  readonly meanFte: number;
  /** Share of staff who do not (yet) hold the role's qualification. */
  readonly qualificationGap: number;
  readonly qualification: WorkforceRow['qualification_level'];
  /** The role's own market, period by period, where it departs from its sector's (market.ts). */
  readonly conditions?: readonly Conditions[];
}

/** How a partner's HR system or spreadsheet writes its files. */
export interface FileStyle {
  readonly codes: 'canonical' | 'labels';
  readonly ethnicity: 'canonical' | 'ons' | 'dfe' | 'nhs';
  readonly dates: 'iso' | 'uk';
  readonly lineEnding: '\n' | '\r\n';
  readonly bom: boolean;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly header: 'snake' | 'title';
  readonly sexLetters?: boolean;
  readonly employerTypeAlias?: string;
  readonly extraColumn?: { readonly name: string; readonly values: readonly string[] };
  readonly staffRefPrefix: string;
  readonly staffRefDigits: number;
  readonly recordsSickness: boolean;
}

export interface PartnerProfile {
  readonly id: string;
  readonly name: string;
  readonly employerType: WorkforceRow['employer_type'];
  readonly style: FileStyle;
  readonly roles: readonly RoleProfile[];
  /** Multipliers on the community's ethnic-group shares: how this workforce differs. */
  readonly ethnicTilt: Readonly<Partial<Record<'asian' | 'black' | 'mixed' | 'white' | 'other', number>>>;
  /** The first period (index) the partner submits for. */
  readonly joins?: number;
  /** Datasets a partner did not submit for a period (index). */
  readonly gaps?: readonly { readonly dataset: 'vacancies' | 'leavers' | 'workforce'; readonly period: number }[];
}

const employeesOnly = { employee: 1 };

/**
 * Health visiting against the health sector's easing: the number of health visitors in England
 * has fallen year on year (NHS workforce statistics; the Institute of Health Visiting's surveys).
 */
const HEALTH_VISITING: readonly Conditions[] = [
  { turnover: 1, vacancy: 1, agency: 1, growth: 1 },
  { turnover: 1.08, vacancy: 1.15, agency: 1.1, growth: 0.98 },
  { turnover: 1.12, vacancy: 1.25, agency: 1.2, growth: 0.97 },
];

/** Codes, ISO dates, LF, UTF-8: the contract's own spelling. */
export const CANONICAL_STYLE: Omit<FileStyle, 'staffRefPrefix' | 'staffRefDigits'> = {
  codes: 'canonical',
  ethnicity: 'canonical',
  dates: 'iso',
  lineEnding: '\n',
  bom: false,
  encoding: 'utf-8',
  header: 'snake',
  recordsSickness: true,
};

const role = (
  profile: Omit<RoleProfile, 'qualification' | 'qualificationGap' | 'meanFte' | 'female'> & Partial<RoleProfile>,
): RoleProfile => ({
  qualification: '3',
  qualificationGap: 0.05,
  meanFte: 0.9,
  female: 0.8,
  ...profile,
});

export const PARTNERS: readonly PartnerProfile[] = [
  {
    id: 'riverside-council',
    name: "Riverside Council Children's Services",
    employerType: 'statutory',
    style: { ...CANONICAL_STYLE, staffRefPrefix: 'RC', staffRefDigits: 5 },
    ethnicTilt: { asian: 0.5, black: 1.8, mixed: 1.1 },
    roles: [
      role({
        role: 'social_worker',
        sector: 'social_care',
        setting: 'office_locality',
        headcount: 180,
        basis: { employee: 0.8, agency: 0.2 },
        turnover: 0.17,
        vacancy: 0.18,
        hardToFill: 0.7,
        age: 'mid',
        female: 0.86,
        qualification: '6',
        qualificationGap: 0.02,
        conditions: SOCIAL_WORK,
      }),
      role({
        role: 'senior_social_worker',
        sector: 'social_care',
        setting: 'office_locality',
        headcount: 60,
        basis: { employee: 0.9, agency: 0.1 },
        turnover: 0.12,
        vacancy: 0.12,
        hardToFill: 0.5,
        age: 'mid',
        female: 0.84,
        qualification: '6',
        qualificationGap: 0.01,
        conditions: SOCIAL_WORK,
      }),
      role({
        role: 'social_work_manager',
        sector: 'social_care',
        setting: 'office_locality',
        headcount: 35,
        basis: { employee: 0.94, agency: 0.06 },
        turnover: 0.1,
        vacancy: 0.1,
        hardToFill: 0.45,
        age: 'older',
        female: 0.8,
        qualification: '7',
        qualificationGap: 0.01,
        conditions: SOCIAL_WORK,
      }),
      role({
        role: 'family_support_worker',
        sector: 'social_care',
        setting: 'family_hub',
        headcount: 90,
        basis: employeesOnly,
        turnover: 0.13,
        vacancy: 0.06,
        hardToFill: 0.2,
        age: 'mid',
        female: 0.88,
        qualification: '3',
        qualificationGap: 0.12,
      }),
      role({
        role: 'residential_care_worker',
        sector: 'social_care',
        setting: 'residential_home',
        headcount: 60,
        basis: { employee: 0.75, agency: 0.25 },
        turnover: 0.25,
        vacancy: 0.1,
        hardToFill: 0.45,
        age: 'young',
        female: 0.62,
        qualification: '3',
        qualificationGap: 0.25,
      }),
      role({
        role: 'personal_adviser',
        sector: 'social_care',
        setting: 'office_locality',
        headcount: 25,
        basis: employeesOnly,
        turnover: 0.12,
        vacancy: 0.08,
        hardToFill: 0.3,
        age: 'mid',
        female: 0.7,
      }),
      role({
        role: 'educational_psychologist',
        sector: 'education',
        setting: 'office_locality',
        headcount: 14,
        basis: { employee: 0.7, self_employed: 0.3 },
        turnover: 0.14,
        vacancy: 0.2,
        hardToFill: 0.75,
        age: 'mid',
        female: 0.85,
        qualification: '8',
        qualificationGap: 0.0,
      }),
      role({
        role: 'education_welfare_officer',
        sector: 'education',
        setting: 'school',
        headcount: 12,
        basis: employeesOnly,
        turnover: 0.1,
        vacancy: 0.05,
        hardToFill: 0.2,
        age: 'older',
        female: 0.75,
      }),
      role({
        role: 'youth_justice_worker',
        sector: 'justice',
        setting: 'custody_court',
        headcount: 25,
        basis: employeesOnly,
        turnover: 0.12,
        vacancy: 0.08,
        hardToFill: 0.4,
        age: 'mid',
        female: 0.6,
        qualification: '4',
      }),
      role({
        role: 'foster_carer',
        sector: 'social_care',
        setting: 'family_home',
        headcount: 140,
        basis: { carer: 1 },
        turnover: 0.1,
        vacancy: 0,
        hardToFill: 0,
        age: 'older',
        female: 0.7,
      }),
      role({
        role: 'business_support',
        sector: 'social_care',
        setting: 'office_locality',
        headcount: 70,
        basis: employeesOnly,
        turnover: 0.11,
        vacancy: 0.05,
        hardToFill: 0.1,
        age: 'mid',
        female: 0.82,
        qualification: '2',
      }),
      role({
        role: 'senior_leader',
        sector: 'social_care',
        setting: 'office_locality',
        headcount: 12,
        basis: { employee: 0.85, agency: 0.15 },
        turnover: 0.15,
        vacancy: 0.1,
        hardToFill: 0.5,
        age: 'older',
        female: 0.6,
        qualification: '7',
      }),
    ],
  },
  {
    id: 'riverside-community-health',
    name: 'Riverside Community Health NHS Trust',
    employerType: 'statutory',
    style: {
      ...CANONICAL_STYLE,
      codes: 'labels',
      ethnicity: 'nhs',
      dates: 'uk',
      lineEnding: '\r\n',
      bom: true,
      staffRefPrefix: 'E',
      staffRefDigits: 6,
    },
    ethnicTilt: { black: 1.6, asian: 1.2 },
    roles: [
      role({
        role: 'health_visitor',
        sector: 'health',
        setting: 'community_health',
        headcount: 85,
        basis: { employee: 0.92, agency: 0.08 },
        turnover: 0.12,
        vacancy: 0.12,
        hardToFill: 0.55,
        age: 'older',
        female: 0.97,
        qualification: '6',
        meanFte: 0.82,
        conditions: HEALTH_VISITING,
      }),
      role({
        role: 'school_nurse',
        sector: 'health',
        setting: 'school',
        headcount: 30,
        basis: employeesOnly,
        turnover: 0.1,
        vacancy: 0.1,
        hardToFill: 0.5,
        age: 'older',
        female: 0.96,
        qualification: '6',
        meanFte: 0.8,
      }),
      role({
        role: 'camhs_practitioner',
        sector: 'health',
        setting: 'community_health',
        headcount: 45,
        basis: { employee: 0.85, agency: 0.15 },
        turnover: 0.16,
        vacancy: 0.16,
        hardToFill: 0.6,
        age: 'mid',
        female: 0.8,
        qualification: '7',
      }),
      role({
        role: 'allied_health_professional',
        roleTitle: 'Speech and language therapist',
        sector: 'health',
        setting: 'community_health',
        headcount: 40,
        basis: employeesOnly,
        turnover: 0.11,
        vacancy: 0.1,
        hardToFill: 0.5,
        age: 'mid',
        female: 0.93,
        qualification: '6',
      }),
      role({
        role: 'nurse',
        roleTitle: "Children's community nurse",
        sector: 'health',
        setting: 'family_home',
        headcount: 25,
        basis: employeesOnly,
        turnover: 0.1,
        vacancy: 0.08,
        hardToFill: 0.4,
        age: 'mid',
        female: 0.92,
        qualification: '6',
      }),
      role({
        role: 'paediatrician',
        roleTitle: 'Community paediatrician',
        sector: 'health',
        setting: 'community_health',
        headcount: 6,
        basis: employeesOnly,
        turnover: 0.08,
        vacancy: 0.15,
        hardToFill: 0.7,
        age: 'mid',
        female: 0.6,
        qualification: '8',
      }),
    ],
  },
  {
    id: 'riverside-hospitals',
    name: 'Riverside University Hospitals NHS Foundation Trust',
    employerType: 'statutory',
    style: { ...CANONICAL_STYLE, ethnicity: 'nhs', lineEnding: '\r\n', staffRefPrefix: 'RUH', staffRefDigits: 6 },
    ethnicTilt: { black: 2.2, asian: 2.0, white: 0.9 },
    roles: [
      role({
        role: 'midwife',
        sector: 'health',
        setting: 'hospital',
        headcount: 120,
        basis: { employee: 0.88, agency: 0.12 },
        turnover: 0.11,
        vacancy: 0.1,
        hardToFill: 0.5,
        age: 'mid',
        female: 0.99,
        qualification: '6',
        meanFte: 0.84,
      }),
      role({
        role: 'nurse',
        roleTitle: "Children's nurse",
        sector: 'health',
        setting: 'hospital',
        headcount: 150,
        basis: { employee: 0.9, agency: 0.1 },
        turnover: 0.1,
        vacancy: 0.08,
        hardToFill: 0.4,
        age: 'mid',
        female: 0.9,
        qualification: '6',
        meanFte: 0.86,
      }),
      role({
        role: 'paediatrician',
        sector: 'health',
        setting: 'hospital',
        headcount: 30,
        basis: employeesOnly,
        turnover: 0.07,
        vacancy: 0.06,
        hardToFill: 0.5,
        age: 'mid',
        female: 0.55,
        qualification: '8',
      }),
      role({
        role: 'allied_health_professional',
        roleTitle: 'Paediatric physiotherapist',
        sector: 'health',
        setting: 'hospital',
        headcount: 20,
        basis: employeesOnly,
        turnover: 0.09,
        vacancy: 0.05,
        hardToFill: 0.3,
        age: 'mid',
        female: 0.85,
        qualification: '6',
      }),
    ],
  },
  {
    id: 'riverside-police',
    name: 'Riverside Police — Public Protection',
    employerType: 'statutory',
    style: { ...CANONICAL_STYLE, ethnicity: 'ons', staffRefPrefix: 'P', staffRefDigits: 5, recordsSickness: false },
    ethnicTilt: { asian: 0.4, black: 0.4, white: 1.05 },
    gaps: [{ dataset: 'vacancies', period: 1 }],
    roles: [
      role({
        role: 'police_officer',
        sector: 'justice',
        setting: 'office_locality',
        headcount: 70,
        basis: employeesOnly,
        turnover: 0.08,
        vacancy: 0.07,
        hardToFill: 0.3,
        age: 'mid',
        female: 0.48,
        qualification: '4',
        meanFte: 0.97,
      }),
      role({
        role: 'police_staff',
        sector: 'justice',
        setting: 'office_locality',
        headcount: 30,
        basis: employeesOnly,
        turnover: 0.1,
        vacancy: 0.05,
        hardToFill: 0.1,
        age: 'mid',
        female: 0.7,
      }),
    ],
  },
  {
    id: 'riverside-schools',
    name: 'Riverside Schools Partnership',
    employerType: 'statutory',
    style: {
      ...CANONICAL_STYLE,
      ethnicity: 'dfe',
      dates: 'uk',
      lineEnding: '\r\n',
      encoding: 'windows-1252',
      staffRefPrefix: '',
      staffRefDigits: 6,
    },
    ethnicTilt: { asian: 0.45, black: 0.5 },
    roles: [
      role({
        role: 'teacher',
        roleTitle: 'Class teacher – primary',
        sector: 'education',
        setting: 'school',
        headcount: 600,
        basis: { employee: 0.95, agency: 0.05 },
        turnover: 0.1,
        vacancy: 0.01,
        hardToFill: 0.3,
        age: 'mid',
        female: 0.76,
        qualification: '6',
        meanFte: 0.9,
      }),
      role({
        role: 'teaching_assistant',
        sector: 'education',
        setting: 'school',
        headcount: 420,
        basis: employeesOnly,
        turnover: 0.14,
        vacancy: 0.04,
        hardToFill: 0.3,
        age: 'mid',
        female: 0.92,
        qualification: '3',
        meanFte: 0.75,
        qualificationGap: 0.1,
      }),
      role({
        role: 'school_leader',
        sector: 'education',
        setting: 'school',
        headcount: 60,
        basis: employeesOnly,
        turnover: 0.08,
        vacancy: 0.04,
        hardToFill: 0.5,
        age: 'older',
        female: 0.68,
        qualification: '7',
      }),
      role({
        role: 'senco',
        sector: 'education',
        setting: 'school',
        headcount: 35,
        basis: employeesOnly,
        turnover: 0.1,
        vacancy: 0.08,
        hardToFill: 0.6,
        age: 'mid',
        female: 0.9,
        qualification: '7',
        qualificationGap: 0.15,
      }),
      role({
        role: 'school_support_staff',
        roleTitle: 'Midday supervisor',
        sector: 'education',
        setting: 'school',
        headcount: 150,
        basis: { employee: 0.9, volunteer: 0.1 },
        turnover: 0.16,
        vacancy: 0.04,
        hardToFill: 0.2,
        age: 'older',
        female: 0.9,
        qualification: '2',
        meanFte: 0.45,
      }),
    ],
  },
  {
    id: 'brightstart-nurseries',
    name: 'BrightStart Nurseries Ltd',
    employerType: 'private',
    style: {
      ...CANONICAL_STYLE,
      codes: 'labels',
      header: 'title',
      sexLetters: true,
      employerTypeAlias: 'Independent',
      staffRefPrefix: 'BS-',
      staffRefDigits: 4,
      recordsSickness: false,
    },
    ethnicTilt: { asian: 0.5, black: 1.3, white: 1.0 },
    roles: [
      role({
        role: 'early_years_practitioner',
        sector: 'early_years',
        setting: 'early_years_setting',
        headcount: 260,
        basis: { employee: 0.93, agency: 0.07 },
        turnover: 0.24,
        vacancy: 0.12,
        hardToFill: 0.55,
        age: 'young',
        female: 0.97,
        qualification: '3',
        qualificationGap: 0.22,
      }),
      role({
        role: 'early_years_teacher',
        sector: 'early_years',
        setting: 'early_years_setting',
        headcount: 25,
        basis: employeesOnly,
        turnover: 0.2,
        vacancy: 0.15,
        hardToFill: 0.6,
        age: 'mid',
        female: 0.96,
        qualification: '6',
      }),
      role({
        role: 'nursery_manager',
        sector: 'early_years',
        setting: 'early_years_setting',
        headcount: 18,
        basis: employeesOnly,
        turnover: 0.15,
        vacancy: 0.1,
        hardToFill: 0.6,
        age: 'mid',
        female: 0.97,
        qualification: '5',
      }),
    ],
  },
  {
    id: 'riverside-childminding',
    name: 'Riverside Childminding Network',
    employerType: 'private',
    style: { ...CANONICAL_STYLE, staffRefPrefix: 'CM', staffRefDigits: 4, recordsSickness: false },
    ethnicTilt: { black: 1.4, asian: 1.1 },
    joins: 1,
    roles: [
      role({
        role: 'childminder',
        sector: 'early_years',
        setting: 'family_home',
        headcount: 90,
        basis: { self_employed: 1 },
        turnover: 0.12,
        vacancy: 0,
        hardToFill: 0,
        age: 'older',
        female: 0.97,
        qualification: '3',
      }),
    ],
  },
  {
    id: 'harbour-family-action',
    name: 'Harbour Family Action',
    employerType: 'voluntary',
    style: {
      ...CANONICAL_STYLE,
      dates: 'uk',
      extraColumn: { name: 'Team', values: ['Early help', 'Family hub North', 'Family hub South'] },
      staffRefPrefix: 'HFA',
      staffRefDigits: 3,
    },
    ethnicTilt: { black: 1.3, mixed: 1.5 },
    roles: [
      role({
        role: 'family_support_worker',
        roleTitle: 'Support worker, early help',
        sector: 'social_care',
        setting: 'family_hub',
        headcount: 45,
        basis: employeesOnly,
        turnover: 0.18,
        vacancy: 0.08,
        hardToFill: 0.3,
        age: 'mid',
        female: 0.9,
      }),
      role({
        role: 'childrens_centre_worker',
        sector: 'social_care',
        setting: 'childrens_centre',
        headcount: 30,
        basis: employeesOnly,
        turnover: 0.15,
        vacancy: 0.06,
        hardToFill: 0.2,
        age: 'mid',
        female: 0.95,
      }),
      role({
        role: 'play_worker',
        sector: 'early_years',
        setting: 'community_venue',
        headcount: 15,
        basis: { employee: 0.6, volunteer: 0.4 },
        turnover: 0.2,
        vacancy: 0.05,
        hardToFill: 0.1,
        age: 'young',
        female: 0.75,
        qualification: '2',
      }),
      role({
        role: 'other',
        roleTitle: 'Befriender',
        sector: 'social_care',
        setting: 'community_venue',
        headcount: 60,
        basis: { volunteer: 1 },
        turnover: 0.2,
        vacancy: 0,
        hardToFill: 0,
        age: 'older',
        female: 0.75,
      }),
    ],
  },
  {
    id: 'riverside-youth-trust',
    name: 'Riverside Youth Trust',
    employerType: 'voluntary',
    style: { ...CANONICAL_STYLE, header: 'title', staffRefPrefix: 'RYT', staffRefDigits: 4, recordsSickness: false },
    ethnicTilt: { black: 1.5, mixed: 1.4, asian: 0.8 },
    roles: [
      role({
        role: 'youth_worker',
        sector: 'youth',
        setting: 'youth_centre',
        headcount: 35,
        basis: { employee: 0.7, volunteer: 0.3 },
        turnover: 0.2,
        vacancy: 0.1,
        hardToFill: 0.5,
        age: 'young',
        female: 0.55,
      }),
      role({
        role: 'sports_coach',
        sector: 'sport_culture',
        setting: 'community_venue',
        headcount: 40,
        basis: { employee: 0.3, self_employed: 0.2, volunteer: 0.5 },
        turnover: 0.2,
        vacancy: 0.05,
        hardToFill: 0.2,
        age: 'young',
        female: 0.4,
        qualification: '2',
      }),
      role({
        role: 'arts_culture_worker',
        sector: 'sport_culture',
        setting: 'community_venue',
        headcount: 12,
        basis: { employee: 0.5, self_employed: 0.5 },
        turnover: 0.15,
        vacancy: 0.05,
        hardToFill: 0.1,
        age: 'mid',
        female: 0.6,
        qualification: '4',
      }),
      role({
        role: 'youth_worker',
        roleTitle: 'Detached youth worker',
        sector: 'youth',
        setting: 'mobile_remote',
        headcount: 40,
        basis: { volunteer: 1 },
        turnover: 0.25,
        vacancy: 0,
        hardToFill: 0,
        age: 'young',
        female: 0.5,
      }),
    ],
  },
  {
    id: 'meadowbank-care',
    name: 'Meadowbank Care Homes',
    employerType: 'private',
    style: { ...CANONICAL_STYLE, dates: 'uk', ethnicity: 'dfe', staffRefPrefix: 'MB', staffRefDigits: 4 },
    ethnicTilt: { black: 2.4, asian: 1.2 },
    roles: [
      role({
        role: 'residential_care_worker',
        sector: 'social_care',
        setting: 'residential_home',
        headcount: 140,
        basis: { employee: 0.75, agency: 0.25 },
        turnover: 0.3,
        vacancy: 0.12,
        hardToFill: 0.6,
        age: 'young',
        female: 0.6,
        qualificationGap: 0.3,
      }),
      role({
        role: 'senior_leader',
        roleTitle: 'Registered manager',
        sector: 'social_care',
        setting: 'residential_home',
        headcount: 6,
        basis: employeesOnly,
        turnover: 0.2,
        vacancy: 0.15,
        hardToFill: 0.6,
        age: 'mid',
        female: 0.6,
        qualification: '5',
      }),
      role({
        role: 'other',
        roleTitle: 'Therapeutic practitioner',
        sector: 'social_care',
        setting: 'residential_home',
        headcount: 8,
        basis: employeesOnly,
        turnover: 0.15,
        vacancy: 0.1,
        hardToFill: 0.5,
        age: 'mid',
        female: 0.75,
        qualification: '6',
      }),
    ],
  },
];

/** Medway's Census 2021 (TS021) ethnic-group counts: the community the sample workforce serves. */
export const MEDWAY_ETHNICITY: Readonly<Record<Exclude<WorkforceRow['ethnicity'], 'not_known' | 'refused'>, number>> = {
  asian_bangladeshi: 1962,
  asian_chinese: 1273,
  asian_indian: 7693,
  asian_pakistani: 2125,
  asian_other: 3431,
  black_african: 11266,
  black_caribbean: 2552,
  black_other: 1905,
  mixed_white_asian: 2158,
  mixed_white_black_african: 1394,
  mixed_white_black_caribbean: 2425,
  mixed_other: 1882,
  white_british: 218953,
  white_irish: 1866,
  white_gypsy_irish_traveller: 749,
  white_roma: 469,
  white_other: 13710,
  other_arab: 452,
  other_any: 3508,
};

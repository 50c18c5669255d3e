/**
 * The code lists of the partner data contract (v1). Canonical code first; every code also
 * accepts its label and aliases, matched without regard to case or surrounding spaces.
 */
export interface CodeEntry {
  readonly code: string;
  readonly label: string;
  readonly aliases?: readonly string[];
}

export interface CodeList {
  readonly name: string;
  readonly description: string;
  readonly entries: readonly CodeEntry[];
}

const entry = <const Code extends string>(code: Code, label: string, ...aliases: string[]) =>
  ({ code, label, aliases }) as const;

export const SECTOR = {
  name: 'sector',
  description: "The part of the children's workforce the post belongs to.",
  entries: [
    entry('early_years', 'Early years and childcare'),
    entry('education', 'Education'),
    entry('health', 'Health'),
    entry('social_care', 'Social care, family and community support'),
    entry('youth', 'Youth'),
    entry('justice', 'Justice and crime prevention'),
    entry('sport_culture', 'Sport and culture'),
    entry('other', 'Other'),
  ],
} as const satisfies CodeList;

export const EMPLOYER_TYPE = {
  name: 'employer_type',
  description: 'Who employs or engages the worker.',
  entries: [
    entry('statutory', 'Statutory'),
    entry('voluntary', 'Voluntary'),
    entry('private', 'Private', 'independent'),
  ],
} as const satisfies CodeList;

export const EMPLOYMENT_BASIS = {
  name: 'employment_basis',
  description: 'On what basis the person works.',
  entries: [
    entry('employee', 'Employee'),
    entry('agency', 'Agency worker'),
    entry('self_employed', 'Self-employed'),
    entry('volunteer', 'Volunteer'),
    entry('carer', 'Carer (foster, kinship and other carers)'),
  ],
} as const satisfies CodeList;

export const CONTRACT = {
  name: 'contract',
  description: 'Contract type, for employees only.',
  entries: [
    entry('permanent', 'Permanent'),
    entry('fixed_term', 'Fixed term'),
    entry('bank', 'Bank (sessional, casual, zero-hours)', 'sessional', 'casual', 'zero_hours'),
  ],
} as const satisfies CodeList;

export const ROLE = {
  name: 'role',
  description: 'The role, whatever the sector. With `other`, give a role_title.',
  entries: [
    entry('early_years_practitioner', 'Early years practitioner'),
    entry('early_years_teacher', 'Early years teacher'),
    entry('nursery_manager', 'Nursery manager'),
    entry('childminder', 'Childminder'),
    entry('childrens_centre_worker', "Children's centre worker"),
    entry('play_worker', 'Play worker'),
    entry('teacher', 'Teacher'),
    entry('school_leader', 'School leader'),
    entry('teaching_assistant', 'Teaching assistant'),
    entry('senco', 'Special educational needs co-ordinator (SENCO)'),
    entry('educational_psychologist', 'Educational psychologist'),
    entry('education_welfare_officer', 'Education welfare officer'),
    entry('school_support_staff', 'School support staff'),
    entry('health_visitor', 'Health visitor'),
    entry('school_nurse', 'School nurse'),
    entry('midwife', 'Midwife'),
    entry('paediatrician', 'Paediatrician'),
    entry('gp', 'General practitioner (GP)'),
    entry('nurse', 'Nurse'),
    entry('camhs_practitioner', 'CAMHS practitioner'),
    entry('allied_health_professional', 'Allied health professional'),
    entry('social_worker', 'Social worker'),
    entry('senior_social_worker', 'Senior social worker'),
    entry('social_work_manager', 'Social work manager'),
    entry('family_support_worker', 'Family support worker'),
    entry('residential_care_worker', 'Residential care worker'),
    entry('foster_carer', 'Foster carer'),
    entry('personal_adviser', 'Personal adviser'),
    entry('youth_worker', 'Youth worker'),
    entry('youth_justice_worker', 'Youth justice worker'),
    entry('police_officer', 'Police officer'),
    entry('police_staff', 'Police staff'),
    entry('probation_officer', 'Probation officer'),
    entry('sports_coach', 'Sports coach'),
    entry('arts_culture_worker', 'Arts and culture worker'),
    entry('librarian', 'Librarian'),
    entry('senior_leader', 'Senior leader'),
    entry('business_support', 'Business support'),
    entry('other', 'Other'),
  ],
} as const satisfies CodeList;

export const SETTING = {
  name: 'setting',
  description: 'Where the work is mainly done.',
  entries: [
    entry('school', 'School'),
    entry('early_years_setting', 'Early years setting'),
    entry('childrens_centre', "Children's centre"),
    entry('family_hub', 'Family hub'),
    entry('hospital', 'Hospital'),
    entry('community_health', 'Community health'),
    entry('residential_home', 'Residential home'),
    entry('family_home', 'Family home'),
    entry('youth_centre', 'Youth centre'),
    entry('custody_court', 'Custody or court'),
    entry('office_locality', 'Office or locality base'),
    entry('community_venue', 'Community venue'),
    entry('mobile_remote', 'Mobile or remote'),
    entry('other', 'Other'),
  ],
} as const satisfies CodeList;

export const AGE_BAND = {
  name: 'age_band',
  description: 'Age on the period date.',
  entries: [
    entry('16_24', '16 to 24'),
    entry('25_34', '25 to 34'),
    entry('35_44', '35 to 44'),
    entry('45_54', '45 to 54'),
    entry('55_64', '55 to 64'),
    entry('65_plus', '65 and over'),
    entry('not_known', 'Not known'),
  ],
} as const satisfies CodeList;

export const SEX = {
  name: 'sex',
  description: 'Sex as recorded by the employer.',
  entries: [
    entry('female', 'Female', 'F'),
    entry('male', 'Male', 'M'),
    entry('other', 'Other', 'X'),
    entry('not_known', 'Not known', 'U'),
    entry('refused', 'Refused'),
  ],
} as const satisfies CodeList;

export const DISABILITY = {
  name: 'disability',
  description: 'Whether the person considers themselves disabled (Equality Act 2010).',
  entries: [
    entry('yes', 'Yes', 'Y'),
    entry('no', 'No', 'N'),
    entry('not_known', 'Not known'),
    entry('refused', 'Refused'),
  ],
} as const satisfies CodeList;

export const YES_NO = {
  name: 'yes_no',
  description: 'Yes or no.',
  entries: [entry('yes', 'Yes', 'Y', 'true', '1'), entry('no', 'No', 'N', 'false', '0')],
} as const satisfies CodeList;

/** ONS Census 2021 ethnic group (TS021) code, DfE code, NHS Data Dictionary letter, broad group. */
const ethnicity = <const Code extends string>(
  code: Code,
  label: string,
  ons: number | null,
  dfe: string | null,
  nhs: string | null,
) =>
  entry(
    code,
    label,
    ...[ons === null ? null : String(ons), dfe, nhs].filter((alias): alias is string => alias !== null),
  );

export const ETHNICITY = {
  name: 'ethnicity',
  description:
    'The ONS Census 2021 ethnic groups, so the workforce compares with the census. Aliases: the ONS TS021 code (1–19), the DfE 4-letter code, the NHS Data Dictionary letter.',
  entries: [
    ethnicity('asian_bangladeshi', 'Asian, Asian British or Asian Welsh: Bangladeshi', 1, 'ABAN', 'K'),
    ethnicity('asian_chinese', 'Asian, Asian British or Asian Welsh: Chinese', 2, 'CHNE', 'R'),
    ethnicity('asian_indian', 'Asian, Asian British or Asian Welsh: Indian', 3, 'AIND', 'H'),
    ethnicity('asian_pakistani', 'Asian, Asian British or Asian Welsh: Pakistani', 4, 'APKN', 'J'),
    ethnicity('asian_other', 'Asian, Asian British or Asian Welsh: Other Asian', 5, 'AOTH', 'L'),
    ethnicity('black_african', 'Black, Black British, Black Welsh, Caribbean or African: African', 6, 'BAFR', 'N'),
    ethnicity('black_caribbean', 'Black, Black British, Black Welsh, Caribbean or African: Caribbean', 7, 'BCRB', 'M'),
    ethnicity('black_other', 'Black, Black British, Black Welsh, Caribbean or African: Other Black', 8, 'BOTH', 'P'),
    ethnicity('mixed_white_asian', 'Mixed or Multiple ethnic groups: White and Asian', 9, 'MWAS', 'F'),
    ethnicity('mixed_white_black_african', 'Mixed or Multiple ethnic groups: White and Black African', 10, 'MWBA', 'E'),
    ethnicity(
      'mixed_white_black_caribbean',
      'Mixed or Multiple ethnic groups: White and Black Caribbean',
      11,
      'MWBC',
      'D',
    ),
    ethnicity('mixed_other', 'Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups', 12, 'MOTH', 'G'),
    ethnicity('white_british', 'White: English, Welsh, Scottish, Northern Irish or British', 13, 'WBRI', 'A'),
    ethnicity('white_irish', 'White: Irish', 14, 'WIRI', 'B'),
    ethnicity('white_gypsy_irish_traveller', 'White: Gypsy or Irish Traveller', 15, 'WIRT', null),
    ethnicity('white_roma', 'White: Roma', 16, 'WROM', null),
    ethnicity('white_other', 'White: Other White', 17, 'WOTH', 'C'),
    ethnicity('other_arab', 'Other ethnic group: Arab', 18, null, null),
    ethnicity('other_any', 'Other ethnic group: Any other ethnic group', 19, 'OOTH', 'S'),
    ethnicity('not_known', 'Not known', null, 'NOBT', 'Z'),
    ethnicity('refused', 'Refused', null, 'REFU', null),
  ],
} as const satisfies CodeList;

/** Broad ethnic group of each census category, for the `ethnic_group` dimension. */
export const ETHNIC_GROUP_OF: Readonly<Record<string, string>> = Object.fromEntries(
  ETHNICITY.entries
    .filter((e) => e.code !== 'not_known' && e.code !== 'refused')
    .map((e) => [e.code, e.code.split('_')[0] as string]),
);

export const QUALIFICATION_LEVEL = {
  name: 'qualification_level',
  description: 'Highest qualification held, as a Regulated Qualifications Framework (RQF) level.',
  entries: [
    ...['0', '1', '2', '3', '4', '5', '6', '7', '8'].map((level) =>
      entry(level, `RQF level ${level}`, `level ${level}`, `level_${level}`),
    ),
    entry('not_known', 'Not known'),
  ],
} as const satisfies CodeList;

export const MEETS_ROLE_QUALIFICATION = {
  name: 'meets_role_qualification',
  description: 'Whether the person holds the qualification the role requires.',
  entries: [entry('yes', 'Yes', 'Y'), entry('no', 'No', 'N'), entry('in_training', 'In training')],
} as const satisfies CodeList;

export const HARD_TO_FILL_REASON = {
  name: 'hard_to_fill_reason',
  description: 'The main reason a vacancy is hard to fill.',
  entries: [
    entry('skills_shortage', 'Skills shortage'),
    entry('pay', 'Pay'),
    entry('location', 'Location'),
    entry('competition', 'Competition from other employers'),
    entry('conditions', 'Terms and conditions'),
    entry('other', 'Other'),
  ],
} as const satisfies CodeList;

export const LEAVING_REASON = {
  name: 'reason',
  description: 'Why the employee left.',
  entries: [
    entry('resignation', 'Resignation'),
    entry('retirement', 'Retirement'),
    entry('end_of_contract', 'End of contract'),
    entry('dismissal', 'Dismissal'),
    entry('redundancy', 'Redundancy'),
    entry('career_break', 'Career break'),
    entry('death', 'Death'),
    entry('other', 'Other'),
    entry('not_known', 'Not known'),
  ],
} as const satisfies CodeList;

export const DESTINATION = {
  name: 'destination',
  description: 'Where the leaver went, when known.',
  entries: [
    entry('same_sector_local', 'Same sector, locally'),
    entry('other_local_authority', 'Another local authority'),
    entry('agency', 'Agency work'),
    entry('other_sector', 'Another sector'),
    entry('not_known', 'Not known'),
  ],
} as const satisfies CodeList;

export const DIMENSION = {
  name: 'dimension',
  description: 'Which characteristic a community profile row counts.',
  entries: [
    entry('ethnicity', 'Ethnicity'),
    entry('sex', 'Sex'),
    entry('age_band', 'Age band'),
    entry('disability', 'Disability'),
  ],
} as const satisfies CodeList;

/** The code list each community-profile dimension draws its categories from. */
export const DIMENSION_CATEGORIES = {
  ethnicity: ETHNICITY,
  sex: SEX,
  age_band: AGE_BAND,
  disability: DISABILITY,
} as const satisfies Record<(typeof DIMENSION.entries)[number]['code'], CodeList>;

export type CodesOf<L extends CodeList> = L['entries'][number]['code'];

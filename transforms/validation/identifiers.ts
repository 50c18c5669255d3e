/**
 * Guards against direct identifiers. The Trust must never receive names, contact details, dates
 * of birth, National Insurance or NHS numbers: a column named like one is refused, and a value
 * that looks like an NI number or an email address is refused wherever it appears.
 */
const IDENTIFIER_COLUMNS: readonly [RegExp, string][] = [
  [
    /^((first|last|given|family|middle|full|preferred|maiden|staff|employee|person|worker|child|parent)_?)?(name|names|forenames?|surname)$/,
    "a person's name",
  ],
  [/^known_as$/, "a person's name"],
  [/(^|_)e_?mail(_address)?$/, 'an email address'],
  [/(^|_)(phone|telephone|tel|mobile)(_no|_number)?$/, 'a phone number'],
  [/^(home_|postal_|correspondence_)?address(_line)?(_?\d)?$/, 'an address'],
  [/^(post_?code|postal_code|zip|zip_code)$/, 'a postcode'],
  [/^(dob|d_o_b|date_of_birth|birth_date|birthdate|birthday)$/, 'a date of birth'],
  [/^(ni|nino|ni_no|ni_number|national_insurance(_number|_no)?)$/, 'a National Insurance number'],
  [/^nhs_?(number|no)$/, 'an NHS number'],
];

/** What identifier a (normalised) column name suggests, if any. */
export function identifierColumnKind(normalizedName: string): string | undefined {
  return IDENTIFIER_COLUMNS.find(([pattern]) => pattern.test(normalizedName))?.[1];
}

// The NI number's shape, prefix letters unrestricted: HMRC's own example, QQ123456C, must be caught too.
const NI_NUMBER = /(?:^|[^A-Za-z0-9])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?:$|[^A-Za-z0-9])/i;
const EMAIL = /[^\s@,;<>"]+@[^\s@,;<>"]+\.[A-Za-z]{2,}/;

/** What identifier a value looks like, if any. Cheap for the common case: most values are short codes. */
export function identifierValueKind(value: string): 'an email address' | 'a National Insurance number' | undefined {
  if (value.length >= 9 && NI_NUMBER.test(value)) return 'a National Insurance number';
  if (value.includes('@') && EMAIL.test(value)) return 'an email address';
  return undefined;
}

/** Shows enough of an identifier for the partner to find it, without copying it into the report. */
export function maskIdentifier(value: string): string {
  return value.length <= 2 ? '••' : `${value.slice(0, 2)}${'•'.repeat(Math.min(value.length - 2, 10))}`;
}

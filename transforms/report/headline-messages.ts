import { PARTNER_DATASETS } from '../contract/datasets/registry.ts';
import { WITHHELD } from '../disclosure/tables.ts';
import { countChangeZ, rateChangeZ, trendOf } from './change-tests.ts';
import { humanDate } from './dates.ts';
import type { Finding, PublishedTables } from './model.ts';
import type { CellValue, PublishedTable } from './report-table.ts';
import { largestNeed } from './sections-forward.ts';
import { publishedTable, shown } from './section-helpers.ts';

/**
 * The report's story in three to six plain messages, chosen from the published figures alone: the
 * size of the workforce, the largest real change in its pressures since the previous period and
 * since the baseline, the role under most pressure, the groups under-represented, the largest
 * recruitment need, and who has not sent their files. Each says whether it is better, worse or no
 * real change, by the tests of change-tests.ts.
 */
export interface HeadlineContext {
  readonly period: string;
  readonly previousPeriod: string | null;
  readonly baselinePeriod: string | null;
  readonly partners: number;
}

/** The rates the story follows; a fall is better for each. */
const PRESSURES = [
  { key: 'turnover_rate', words: 'turnover' },
  { key: 'vacancy_rate', words: 'the vacancy rate' },
  { key: 'agency_rate', words: 'the agency rate' },
] as const;

const pct = (value: number) => `${value.toFixed(1)}%`;
const people = (value: number) => value.toLocaleString('en-GB');
const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export function headlineMessages(tables: PublishedTables, context: HeadlineContext): Finding[] {
  const headline = publishedTable(tables, 'headline');
  const at = (period: string | null) =>
    period === null ? undefined : headline.rows.find((row) => row.period === period);
  const now = at(context.period);
  if (now === undefined || !shown(now.workforce_headcount)) return [];
  const messages: Finding[] = [size(now.workforce_headcount, at(context.previousPeriod)?.workforce_headcount, context)];

  const since = (period: string | null, what: string): Finding | undefined => {
    const then = at(period);
    if (!then || period === null) return undefined;
    const changes = PRESSURES.flatMap(({ key, words }) => {
      const [a, b, n1, n2] = [then[key], now[key], then.employees_headcount, now.employees_headcount];
      if (!shown(a) || !shown(b) || !shown(n1) || !shown(n2)) return [];
      return [{ words, from: a, to: b, z: rateChangeZ(a, n1, b, n2) }];
    });
    if (changes.length === 0) return undefined;
    const largest = [...changes].sort((x, y) => Math.abs(y.z) - Math.abs(x.z))[0]!;
    const trend = trendOf(largest.z, false);
    if (trend === 'no real change') {
      return {
        text: `Turnover, vacancy and agency rates are much as they were ${what} (${humanDate(period)}): no change beyond what chance alone would give.`,
        trend,
      };
    }
    return {
      text: `${capital(largest.words)} ${largest.to < largest.from ? 'fell' : 'rose'} to ${pct(largest.to)}, from ${pct(largest.from)} ${what} (${humanDate(period)}).`,
      trend,
    };
  };
  const sincePrevious = since(context.previousPeriod, 'at the previous period');
  const sinceBaseline =
    context.baselinePeriod !== context.previousPeriod ? since(context.baselinePeriod, 'at the baseline') : undefined;
  const pressure = rolePressure(publishedTable(tables, 'rates-by-role'), now);
  const diversity = underRepresented(tables);
  const need = largestNeed(publishedTable(tables, 'need-by-role'));
  const coverage = coverageMessage(publishedTable(tables, 'coverage'), context);
  // In order of what a board most needs to hear, up to six messages in all.
  for (const message of [sincePrevious, pressure, need, diversity, coverage, sinceBaseline]) {
    if (message && messages.length < 6) messages.push(message);
  }
  return messages;
}

function size(count: number, before: CellValue | undefined, context: HeadlineContext): Finding {
  const base = `On ${humanDate(context.period)} the children's workforce numbered ${people(count)} people`;
  if (!shown(before) || context.previousPeriod === null) return { text: `${base}.` };
  const trend = trendOf(countChangeZ(before, count), true);
  const change =
    trend === 'no real change'
      ? `much as a year before (${people(before)})`
      : `${count > before ? 'up' : 'down'} from ${people(before)} a year before`;
  return { text: `${base}, ${change}.`, trend };
}

/** The role whose vacancy rate is furthest above the Trust's, beyond chance (roles of 10 employees or more). */
function rolePressure(roles: PublishedTable, trust: PublishedTable['rows'][number]): Finding | undefined {
  const [rate, n] = [trust.vacancy_rate, trust.employees_headcount];
  if (!shown(rate) || !shown(n)) return undefined;
  const scored = roles.rows
    .filter((row) => shown(row.vacancy_rate) && shown(row.employees_headcount) && row.employees_headcount >= 10)
    .map((row) => ({ row, z: rateChangeZ(rate, n, row.vacancy_rate as number, row.employees_headcount as number) }))
    .sort((a, b) => b.z - a.z);
  const top = scored[0];
  if (!top) return undefined;
  const trend = trendOf(top.z, false);
  const verdict = trend === 'worse' ? 'well above' : 'not clearly above';
  return {
    text: `The highest vacancy rate is for ${String(top.row.role).toLowerCase()}s: ${pct(top.row.vacancy_rate as number)}, ${verdict} the Trust's ${pct(rate)}.`,
    trend,
  };
}

function underRepresented(tables: PublishedTables): Finding | undefined {
  const groups = publishedTable(tables, 'diversity-ethnic-group').rows.filter(
    (row) => row.assessment === 'Under-represented' && shown(row.workforce_share) && shown(row.community_share),
  );
  if (groups.length === 0)
    return {
      text: 'No ethnic group is under-represented in the workforce beyond what chance alone would give.',
      trend: 'no real change',
    };
  const named = groups.map(
    (row) =>
      `${String(row.category)} (${pct(row.workforce_share as number)} of the workforce, ${pct(row.community_share as number)} of residents)`,
  );
  return { text: `Under-represented against the community: ${named.join('; ')}.`, trend: 'worse' };
}

function coverageMessage(coverage: PublishedTable, context: HeadlineContext): Finding {
  const files = PARTNER_DATASETS.map((dataset) => `${dataset}_status`);
  const short = coverage.rows.filter((row) => files.some((f) => row[f] !== 'accepted' && row[f] !== WITHHELD));
  if (short.length === 0)
    return {
      text: `All ${context.partners} partners sent every file for ${humanDate(context.period)}.`,
      trend: 'better',
    };
  const verb = short.length === 1 ? 'has' : 'have';
  return {
    text: `${short.length} of the ${context.partners} partners ${verb} a file missing or rejected for ${humanDate(context.period)}: ${short.map((row) => String(row.partner)).join(', ')}.`,
    trend: 'worse',
  };
}

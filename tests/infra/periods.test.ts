import { SAMPLE_STACK_NOW, sampleStack } from '../support/cdk-app.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { NAMED_QUERIES } from '../../infra/constructs/catalog.ts';
import { collectionStep, periodProjection } from '../../infra/partition-projection.ts';
import {
  collectionDatesUntil,
  nextCollectionDate,
  type CollectionRule,
} from '../../transforms/config/collection-periods.ts';
import { parseTrustConfig, type TrustConfig } from '../../transforms/config/trust-config.ts';
import { todayInLondon } from '../../transforms/contract/dates.ts';
import { routeUploadKey } from '../../transforms/ingest/routing.ts';
import { COMMUNITY_PROFILE, SUBMISSIONS, TABLES, WORKFORCE_BY_TYPE } from '../../transforms/tables/definitions.ts';
import { FIRST_REFERENCE_DATE, TABLE_PERIODS, tableHoldsPeriod } from '../../transforms/tables/table-periods.ts';
import { temporaryFolder, writeLakeFile } from '../lake-helpers.ts';
import { projectedPeriods } from '../support/athena-projection.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
const SAMPLE = parseTrustConfig(JSON.parse(readFileSync(CONFIG_FILE, 'utf8')));
const NOW = SAMPLE_STACK_NOW; // the day the shared sample stack is written for
const DAY_MS = 86_400_000;

/** The Glue parameters of each lake table, as synthesised from the sample config. */
async function projections(): Promise<Map<string, Record<string, string>>> {
  const { template } = await sampleStack();
  type TableInput = { Name: string; TableType: string; Parameters: Record<string, string> };
  type GlueTable = { Type: string; Properties: { TableInput: TableInput } };
  const resources = template.toJSON().Resources as Record<string, GlueTable>;
  const tables = Object.values(resources)
    .filter((r) => r.Type === 'AWS::Glue::Table' && r.Properties.TableInput.TableType === 'EXTERNAL_TABLE')
    .map((r) => r.Properties.TableInput);
  return new Map(tables.map((t) => [t.Name, t.Parameters]));
}

/** Every period a table can hold on a day: what the pipeline may have written there by then. */
function held(table: string, rule: CollectionRule, today: string): string[] {
  if (TABLE_PERIODS[table] === 'collection') return collectionDatesUntil(rule, today);
  const days: string[] = [];
  const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
  for (let t = Date.parse(`${FIRST_REFERENCE_DATE}T00:00:00Z`); dayOf(t) <= today; t += DAY_MS) days.push(dayOf(t));
  return days.filter((day) => tableHoldsPeriod(table, rule, day, today));
}

/** Query instants: each day's start in UTC, and the hour before it (just after midnight in the UK in summer). */
function instants(from: string, to: string, everyDays: number): Date[] {
  const out: Date[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += everyDays * DAY_MS) {
    out.push(new Date(t - 50 * 60_000), new Date(t + 10 * 60_000));
  }
  return out;
}

describe("Periods: Athena's partition projection covers exactly the periods the pipeline writes", () => {
  let sample: Map<string, Record<string, string>>;
  beforeAll(async () => {
    sample = await projections();
  });

  it('says for every table which periods it holds', () => {
    expect(Object.keys(TABLE_PERIODS).sort()).toEqual(TABLES.map((t) => t.name).sort());
  });

  it('projects each collection table onto the collection dates to date, and nothing else the pipeline writes', () => {
    for (const table of TABLES.filter((t) => TABLE_PERIODS[t.name] === 'collection')) {
      const parameters = sample.get(table.name) as Record<string, string>;
      // Every query from the day the stack is written for, over the next five collections.
      for (const at of instants('2026-11-29', '2031-12-31', 1)) {
        const today = todayInLondon(at);
        const projected = projectedPeriods(parameters, at);
        const missing = held(table.name, SAMPLE, today).filter((p) => !projected.includes(p));
        const extra = projected.filter((p) => !held(table.name, SAMPLE, today).includes(p));
        expect(missing, `${table.name} at ${at.toISOString()}: invisible to Athena`).toEqual([]);
        // At most the next collection date, projected (empty) from the UTC day before it opens.
        const next = nextCollectionDate(SAMPLE, today);
        const aheadOnly = extra.every((p) => p === next && Date.parse(p) - at.getTime() <= DAY_MS);
        expect(aheadOnly, `${table.name} at ${at.toISOString()}: ${extra.join(', ')}`).toBe(true);
      }
    }
  });

  it('probes a handful of prefixes per collection table, not one a day', () => {
    const parameters = sample.get(WORKFORCE_BY_TYPE.name) as Record<string, string>;
    expect(projectedPeriods(parameters, NOW)).toEqual(['2024-09-30', '2025-09-30', '2026-09-30']);
  });

  it("keeps the community profile visible from Census day 2021, the built-in profile's date, on every day", () => {
    const parameters = sample.get(COMMUNITY_PROFILE.name) as Record<string, string>;
    for (const at of instants('2026-01-01', '2028-12-31', 37)) {
      const today = todayInLondon(at);
      const projected = new Set(projectedPeriods(parameters, at));
      const invisible = held(COMMUNITY_PROFILE.name, SAMPLE, today).filter((p) => !projected.has(p));
      expect(invisible, at.toISOString()).toEqual([]);
      expect([...projected].filter((p) => p > today).length).toBeLessThanOrEqual(1);
      expect(projected.has('2021-03-21') && !projected.has('2021-03-20')).toBe(true);
    }
  });

  it('projects listed collection dates, stepping over none of them, before their day as well as after', () => {
    const collectionDates = ['2024-09-30', '2025-09-30', '2027-09-30'];
    const rule = { baselinePeriod: '2024-09-30', collectionDates };
    const parameters = periodProjection(SUBMISSIONS.name, rule, todayInLondon(NOW));
    for (const at of instants('2024-09-01', '2029-01-01', 3)) {
      const projected = projectedPeriods(parameters, at);
      expect(held(SUBMISSIONS.name, rule, todayInLondon(at)).filter((p) => !projected.includes(p))).toEqual([]);
      expect(projected).toEqual(['2024-09-30', '2025-09-30', '2026-09-30', '2027-09-30']);
    }
  });

  it('steps as widely as lands on every listed date: years when they share a day, else days', () => {
    const everyOther = ['2024-09-30', '2026-09-30', '2030-09-30'];
    const yearly = collectionStep({ baselinePeriod: '2024-09-30', collectionDates: everyOther });
    expect(yearly).toEqual({ interval: 2, unit: 'YEARS' });
    const halfYearly = ['2025-03-31', '2025-09-30'];
    const step = collectionStep({ baselinePeriod: '2025-03-31', collectionDates: halfYearly });
    expect(step).toEqual({ interval: 183, unit: 'DAYS' });
    expect(collectionStep({ baselinePeriod: '2024-09-30' })).toEqual({ interval: 1, unit: 'YEARS' });
  });

  it('writes a range Athena accepts when the first collection date is still to come (empty till then)', () => {
    const parameters = periodProjection(SUBMISSIONS.name, { baselinePeriod: '2027-09-30' }, todayInLondon(NOW));
    expect(projectedPeriods(parameters, NOW)).toEqual(['2027-09-30']);
    expect(projectedPeriods(parameters, new Date('2028-09-29T23:10:00Z'))).toEqual(['2027-09-30', '2028-09-30']);
  });
});

describe('Periods: the pipeline writes only what the projection covers', () => {
  it('refuses a community profile dated before Census day 2021, which no engine would show, saying so', () => {
    const today = todayInLondon(NOW);
    const early = routeUploadKey('uploads/_trust/community_profile/2011-03-27/census-2011.csv', SAMPLE, today);
    const census = routeUploadKey('uploads/_trust/community_profile/2021-03-21/census.csv', SAMPLE, today);

    const message = expect.stringMatching(/2011-03-27 is before 2021-03-21, Census day 2021/);
    expect(early).toMatchObject({ ok: false, code: 'PERIOD_INVALID', message });
    expect(census).toMatchObject({ ok: true, period: '2021-03-21' });
  });
});

describe('Periods: DuckDB and Athena see the same lake', () => {
  const partitions = {
    ok: '2025-09-30',
    notCollected: '2025-11-27',
    beforeBaseline: '2023-09-30',
    future: '2099-09-30',
  };
  const settings: TrustConfig = { ...SAMPLE, partners: SAMPLE.partners.slice(0, 2) };
  let lake: DuckDbLake;
  let athena: Map<string, Record<string, string>>;

  beforeAll(async () => {
    const out = temporaryFolder();
    const partner = settings.partners[0]?.id as string;
    for (const period of Object.values(partitions)) {
      const staff = { partner_id: partner, sector: 'social_care', employer_type: 'statutory', role: 'social_worker' };
      const counts = { employment_basis: 'employee', headcount: 10, fte: 10 };
      writeLakeFile(out, WORKFORCE_BY_TYPE, period, partner, [{ ...staff, ...counts }]);
      const file = { object_key: 'k', object_version: 'v', sha256: 's', processed_at: 'x', report_key: 'r' };
      const outcome = { status: 'accepted', rows: 10, error_count: 0, warning_count: 0 };
      writeLakeFile(out, SUBMISSIONS, period, `${partner}.workforce.u-${period}`, [
        {
          upload_id: `u-${period}`,
          partner_id: partner,
          dataset: 'workforce',
          received_at: period,
          ...file,
          ...outcome,
        },
      ]);
    }
    for (const period of ['2021-03-21', '2019-06-30']) {
      const area = { area_code: 'E06000035', area_name: 'Medway' };
      writeLakeFile(out, COMMUNITY_PROFILE, period, 'ons', [
        { partner_id: 'ons', ...area, dimension: 'sex', category: 'female', population: 1, source: 's' },
      ]);
    }
    lake = await DuckDbLake.open(join(out, 'lake'), settings, { today: todayInLondon(NOW) });
    athena = await projections();
  });

  const duckdbPeriods = async (table: string) =>
    (await lake.query(`SELECT DISTINCT CAST(period AS VARCHAR) AS p FROM ${table} ORDER BY p`)).rows.map((r) => r.p);
  const athenaSees = (table: string, periods: readonly string[]) =>
    periods.filter((p) => projectedPeriods(athena.get(table) as Record<string, string>, NOW).includes(p));

  const tables = [WORKFORCE_BY_TYPE.name, SUBMISSIONS.name];
  it.each(tables)('%s: a period the pipeline cannot write is seen by neither engine', async (table) => {
    const written = Object.values(partitions).sort();
    expect(await duckdbPeriods(table)).toEqual([partitions.ok]);
    expect(athenaSees(table, written)).toEqual([partitions.ok]);
  });

  it("community_profile: the built-in profile's date is seen by both, a date before it by neither", async () => {
    expect(await duckdbPeriods(COMMUNITY_PROFILE.name)).toEqual(['2021-03-21']);
    expect(athenaSees(COMMUNITY_PROFILE.name, ['2019-06-30', '2021-03-21'])).toEqual(['2021-03-21']);
  });

  it('picks the same latest period as Athena would for data_quality and the saved query on it', async () => {
    const saved = NAMED_QUERIES.find((q) => q.name === 'Partners yet to submit, latest period')?.sql as string;
    const latest = await lake.query('SELECT CAST(max(period) AS VARCHAR) AS p FROM data_quality');
    const rows = await lake.query(saved);

    expect(latest.rows).toEqual([{ p: partitions.ok }]);
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(athenaSees(SUBMISSIONS.name, Object.values(partitions)).sort().at(-1)).toBe(partitions.ok);
  });
});

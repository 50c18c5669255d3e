import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditReportFolder } from '../../functions/local/local-audit.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import type { AuditResult } from '../../transforms/disclosure/audit.ts';
import { precisionOf, WITHHELD } from '../../transforms/disclosure/tables.ts';
import type { PublishedReport } from '../../transforms/report/model.ts';
import type { ReadReport } from '../../transforms/report/published-files.ts';
import { SAMPLE_PERIODS, sampleTrust } from '../support/sample-trust-fixture.ts';

const CONFIG = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));
const PERIODS = SAMPLE_PERIODS;

describe("Disclosure control: the sample Trust's reports, every period", () => {
  const reports = new Map<string, { report: PublishedReport; read: ReadReport; audit: AuditResult }>();

  beforeAll(async () => {
    const { run, reportsDir } = await sampleTrust();
    for (const period of PERIODS) {
      const folder = join(reportsDir, period);
      const report = JSON.parse(readFileSync(join(folder, 'needs-analysis.json'), 'utf8')) as PublishedReport;
      reports.set(period, { report, ...(await auditReportFolder(folder, run.lakeDir, CONFIG)) });
    }
  }, 300_000);

  it.each(PERIODS)(
    'protects every withheld count of %s: each could be anything from 0 to the threshold or more',
    (period) => {
      const { audit } = reports.get(period)!;
      expect(audit.cells.length).toBeGreaterThan(10);
      expect(audit.breaches.map((b) => `${b.cell.figure} [${b.min}, ${b.max}]`)).toEqual([]);
    },
  );

  it.each(PERIODS)('says the same in the HTML, every CSV and the JSON of %s', (period) => {
    expect(reports.get(period)!.read.disagreements).toEqual([]);
  });

  it.each(PERIODS)('publishes every number of %s at the precision shown, and withheld ones with one mark', (period) => {
    const { read } = reports.get(period)!;
    for (const table of read.tables) {
      for (const column of table.columns.filter((c) => c.kind !== 'label')) {
        for (const row of table.rows) {
          const value = row[column.key];
          if (typeof value === 'number')
            expect(Number(value.toFixed(precisionOf(column))), `${table.id}.${column.key}`).toBe(value);
          if (typeof value === 'string' && column.kind !== 'plain' && column.key !== 'assessment')
            expect(value, `${table.id}.${column.key}`).toBe(WITHHELD);
        }
      }
    }
  });

  it('orders rows only by shown figures: withheld ones come after, by name', () => {
    const skills = reports.get('2026-09-30')!.read.tables.find((t) => t.id === 'skills-gaps')!;
    const rates = skills.rows.map((row) => row.qualification_gap_rate);
    const firstWithheld = rates.indexOf(WITHHELD);
    expect(firstWithheld).toBeGreaterThan(0);
    const shown = rates.slice(0, firstWithheld) as number[];
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    expect(rates.slice(firstWithheld).every((r) => r === WITHHELD)).toBe(true);
    const names = skills.rows.slice(firstWithheld).map((row) => String(row.role));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('writes findings only from published figures: no withheld figure is quoted', () => {
    const { report } = reports.get('2026-09-30')!;
    const findings = report.sections.flatMap((s) => s.findings.map((f) => f.text)).join('\n');
    expect(findings).toMatch(/children's workforce numbered [\d,]+ people/);
    expect(findings).not.toContain(WITHHELD);
  });
});

import { LeaversDataset, VacanciesDataset, WorkforceDataset } from '../../transforms/contract/datasets/index.ts';
import type { DatasetDefinition } from '../../transforms/contract/dataset.ts';
import type { LeaverRow } from '../../transforms/contract/datasets/index.ts';
import { twelveMonthsBefore } from '../../transforms/contract/dates.ts';
import { brokenFiles, type BrokenFile } from './broken.ts';
import { Random } from './random.ts';
import { renderFile } from './render.ts';
import { PartnerSimulation, type PeriodFiles } from './simulate.ts';
import { PARTNERS, TRUST } from './trust.ts';

export const SAMPLE_SEED = 20_260_930;

/**
 * Landing files a partner got wrong and never corrected, so the pipeline rejects them and the
 * report has a rejected file to show: the Youth Trust's latest leavers include someone who left on
 * the day the year began (the year is the 12 months after it), so no leavers are in force for
 * that period.
 */
export const LANDING_REJECTED = [
  {
    path: 'landing/riverside-youth-trust/leavers/2026-09-30/leavers.csv',
    expect: [{ code: 'DATE_OUTSIDE_YEAR', row: 2 }],
    spoil: (rows: LeaverRow[], period: string): LeaverRow[] =>
      rows.map((row, i) => (i === 0 ? { ...row, leave_date: twelveMonthsBefore(period) } : row)),
  },
] as const;
/** The datasets the simulation writes for each partner: every partner dataset of the registry (a test holds it to it). */
export const SAMPLE_DATASETS: Record<keyof PeriodFiles, DatasetDefinition> = {
  workforce: WorkforceDataset,
  vacancies: VacanciesDataset,
  leavers: LeaversDataset,
};

/** Every file of the sample data, by path under sample-data/. The same on every run. */
export function sampleDataFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let brokenBase: PeriodFiles | undefined;
  PARTNERS.forEach((partner, index) => {
    const simulation = new PartnerSimulation(partner, new Random(SAMPLE_SEED + index));
    TRUST.periods.forEach((period, periodIndex) => {
      const periodFiles = simulation.advance(period, periodIndex);
      if (partner.id === 'riverside-youth-trust' && periodIndex === TRUST.periods.length - 1) brokenBase = periodFiles;
      if (periodIndex < (partner.joins ?? 0)) return;
      for (const dataset of Object.keys(SAMPLE_DATASETS) as (keyof PeriodFiles)[]) {
        if (partner.gaps?.some((gap) => gap.dataset === dataset && gap.period === periodIndex)) continue;
        const path = `landing/${partner.id}/${dataset}/${period}/${dataset}.csv`;
        const rejected = LANDING_REJECTED.find((r) => r.path === path);
        const rows = rejected ? rejected.spoil(periodFiles[dataset] as LeaverRow[], period) : periodFiles[dataset];
        if (rows.length === 0) continue;
        files.set(path, renderFile(SAMPLE_DATASETS[dataset], partner.style, rows));
      }
    });
  });
  files.set('trust.config.json', Buffer.from(`${JSON.stringify(trustConfig(), null, 2)}\n`));

  const latest = TRUST.periods.at(-1) as string;
  const base = brokenBase as PeriodFiles;
  const broken: BrokenFile[] = brokenFiles(base.workforce, base.vacancies, base.leavers, latest);
  const youthTrust = PARTNERS.find((p) => p.id === BROKEN_PARTNER) as (typeof PARTNERS)[number];
  broken.push({
    file: 'future-period.csv',
    dataset: 'workforce',
    period: '2099-09-30',
    problem: 'Good rows, uploaded for a period in the future',
    bytes: renderFile(SAMPLE_DATASETS.workforce, youthTrust.style, base.workforce.slice(0, 5)),
    expect: [{ code: 'PERIOD_IN_FUTURE', row: null }],
  });
  const manifest = broken.map((f) => ({
    path: brokenPath(f),
    dataset: f.dataset,
    period: f.period,
    problem: f.problem,
    expect: f.expect,
  }));
  for (const f of broken) files.set(brokenPath(f), f.bytes);
  files.set('broken/manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  files.set('broken/README.md', Buffer.from(brokenReadme(manifest)));
  return files;
}

const BROKEN_PARTNER = 'riverside-youth-trust';
const brokenPath = (f: Pick<BrokenFile, 'dataset' | 'period' | 'file'>) =>
  `broken/${BROKEN_PARTNER}/${f.dataset}/${f.period}/${f.file}`;

const EXAMPLE_ACCOUNT = '111122223333';

export function trustConfig() {
  return {
    trust: TRUST.trust,
    communityAreas: [...TRUST.communityAreas],
    baselinePeriod: TRUST.baselinePeriod,
    // Example principals (an AWS documentation account): a real Trust names the IAM roles or users
    // of the people who upload for each partner, and of its analysts.
    partners: PARTNERS.map((p) => ({
      id: p.id,
      name: p.name,
      principalArns: [`arn:aws:iam::${EXAMPLE_ACCOUNT}:role/${p.id}-uploader`],
    })),
    analystPrincipalArns: [`arn:aws:iam::${EXAMPLE_ACCOUNT}:role/riverside-analysts`],
    suppressionThreshold: TRUST.suppressionThreshold,
    reportSchedule: TRUST.reportSchedule,
    limits: { maxFileBytes: 268435456, maxRows: 2000000 },
  };
}

function brokenReadme(
  manifest: { path: string; problem: string; expect: readonly { code: string; row: number | null }[] }[],
): string {
  const rows = manifest.map(
    (m) =>
      `| \`${m.path.replace('broken/', '')}\` | ${m.problem} | ${m.expect.map((e) => `${e.code}${e.row === null ? '' : ` (row ${e.row})`}`).join(', ')} |`,
  );
  return `# Broken partner files

Generated by \`npm run generate\`; do not edit. One file for each main class of error a partner
makes, laid out as uploads are (\`<partner>/<dataset>/<period>/<file>.csv\`), so the dataset and
period come from the path. Every one is rejected:

\`\`\`
npx workforce validate sample-data/broken/${BROKEN_PARTNER}/workforce/2026-09-30/unknown-codes.csv
\`\`\`

| file | problem | issues it must produce |
|---|---|---|
${rows.join('\n')}
`;
}

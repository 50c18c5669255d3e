import { once } from 'node:events';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { WorkforceDataset } from '../../transforms/contract/datasets/index.ts';
import { Random } from './random.ts';
import { renderHeader, renderRow } from './render.ts';
import { sampleDataFiles, SAMPLE_SEED } from './sample-files.ts';
import { PartnerSimulation } from './simulate.ts';
import { PARTNERS, TRUST, type PartnerProfile, type RoleProfile } from './trust.ts';

const HELP = `Writes the sample data (seeded, the same on every run).
  tsx sample-data/generator/main.ts                     the sample Trust into sample-data/
  tsx sample-data/generator/main.ts --rows N --file F   one workforce file of N rows, for benchmarks`;

const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    file: { type: 'string' },
    out: { type: 'string', default: 'sample-data' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(HELP);
} else if (values.rows !== undefined) {
  if (!values.file) throw new Error(`Say where to write the file with --file.\n${HELP}`);
  await writeLargeWorkforceFile(values.file, Number(values.rows));
} else {
  for (const folder of ['landing', 'broken']) rmSync(join(values.out, folder), { recursive: true, force: true });
  const files = sampleDataFiles();
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(values.out, path)), { recursive: true });
    writeFileSync(join(values.out, path), bytes);
  }
  console.log(`Wrote ${files.size} files under ${values.out}/`);
}

/** A single large partner's workforce file, streamed to disk: every role of every sample partner. */
export async function writeLargeWorkforceFile(path: string, rows: number): Promise<void> {
  const roles: RoleProfile[] = PARTNERS.flatMap((p) => p.roles);
  const partner: PartnerProfile = {
    ...(PARTNERS[0] as PartnerProfile),
    id: 'bench-partner',
    roles,
    style: { ...(PARTNERS[0] as PartnerProfile).style, staffRefPrefix: 'B', staffRefDigits: 8 },
  };
  const random = new Random(SAMPLE_SEED);
  const simulation = new PartnerSimulation(partner, random);
  const weights = Object.fromEntries(roles.map((r, i) => [String(i), r.headcount]));
  const period = TRUST.periods.at(-1) as string;
  const dataset = WorkforceDataset;
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  out.write(`${renderHeader(dataset, partner.style)}\n`);
  const block: string[] = [];
  for (let i = 0; i < rows; i++) {
    const profile = roles[Number(random.weighted(weights))] as RoleProfile;
    block.push(
      renderRow(dataset, partner.style, simulation.person(profile, period, random.chance(profile.turnover)), i),
    );
    if (block.length === 10_000 || i === rows - 1) {
      if (!out.write(`${block.join('\n')}\n`)) await once(out, 'drain');
      block.length = 0;
    }
  }
  out.end();
  await once(out, 'finish');
}

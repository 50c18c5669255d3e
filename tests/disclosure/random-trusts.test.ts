import { describe, expect, it } from 'vitest';
import { auditTables } from '../../transforms/disclosure/audit.ts';
import { protectTables } from '../../transforms/disclosure/protect.ts';
import { VariableSpace } from '../../transforms/disclosure/variables.ts';
import { randomTrust } from '../support/random-trust.ts';

/**
 * Disclosure control on random small Trusts (seeded, so a failure can be replayed): the published
 * tables must pass the audit, whatever the data. `npm test` runs 60 (about 12 s here, each Trust
 * a few hundred integer programs); `npm run test:deep` runs 1,000, and RANDOM_TRUSTS sets any number.
 */
const TRUSTS = Number(process.env.RANDOM_TRUSTS ?? 60);
const SHARDS = 4;

describe.each(Array.from({ length: SHARDS }, (_, shard) => shard))(
  'Disclosure control on random Trusts, shard %i',
  (shard) => {
    it(`protects every withheld count of ${TRUSTS / SHARDS} random Trusts`, async () => {
      let audited = 0;
      let tiny = 0;
      for (let seed = shard; seed < TRUSTS; seed += SHARDS) {
        const { base, tables } = randomTrust(seed);
        const space = new VariableSpace(base);
        const published = await protectTables(tables, space, 5);
        const total = tables.find((t) => t.id === 'headline')?.rows[0]?.workforce_headcount;
        if (typeof total === 'number' && total < 5) {
          // The whole workforce is smaller than the threshold: its published total pins every count,
          // so nothing can protect them, and the report refuses to publish (publish.ts) rather than
          // give them away.
          expect(published.unprotectable.length, `seed ${seed}`).toBeGreaterThan(0);
          tiny++;
          continue;
        }
        expect(published.unprotectable, `seed ${seed}`).toEqual([]);
        const audit = await auditTables(published.tables, space, 5, { ranges: 'interval' });
        expect(audit.breaches.map((b) => `seed ${seed}: ${b.cell.figure} [${b.min}, ${b.max}]`)).toEqual([]);
        audited += audit.cells.length;
      }
      expect(audited).toBeGreaterThan(TRUSTS - tiny);
    }, 300_000);
  },
);

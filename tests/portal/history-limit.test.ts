import { describe, expect, it } from 'vitest';
import { partnerCoverage } from '../../transforms/portal/coverage.ts';
import { HISTORY_LIMIT, partnerHistory } from '../../transforms/portal/history.ts';
import type { ListedObject, PortalReader } from '../../transforms/portal/ports.ts';
import { ledgerKey, validationKey } from '../../transforms/storage/object-layout.ts';

const BUCKETS = { landingBucket: 'landing', lakeBucket: 'lake' };
const PARTNER = 'riverside-council';

/** A bucket pair in memory, behind the portal's read port: enough to count what a history reads. */
function buckets() {
  const objects = new Map<string, { body: string; lastModified: Date }>();
  let reads = 0;
  const reader: PortalReader = {
    list: (bucket, prefix) =>
      Promise.resolve(
        [...objects]
          .filter(([key]) => key.startsWith(`${bucket}/${prefix}`))
          .map(([key, o]): ListedObject => ({ key: key.slice(bucket.length + 1), lastModified: o.lastModified })),
      ),
    getText: (bucket, key) => {
      reads++;
      return Promise.resolve(objects.get(`${bucket}/${key}`)?.body);
    },
  };
  const report = (dataset: string, period: string, n: number, outcome: string) => {
    const uploadId = n.toString(16).padStart(24, '0');
    const key = `uploads/${PARTNER}/${dataset}/${period}/file-${n}.csv`;
    const body = JSON.stringify({
      dataset,
      period,
      outcome,
      upload: { key, versionId: null },
      rows: { read: 10 },
      issueCounts: {},
      errors: [],
      warnings: [],
    });
    objects.set(`landing/${validationKey({ partnerId: PARTNER, dataset, period }, uploadId)}`, {
      body,
      lastModified: new Date(Date.UTC(2026, 9, 1) + n * 1000),
    });
  };
  return { reader, report, objects, reads: () => reads };
}

describe("A partner's history when a form is sent over and over", () => {
  it('reads and shows only the newest uploads, however many were sent', async () => {
    const store = buckets();
    for (let n = 1; n <= HISTORY_LIMIT * 5; n++) store.report('workforce', '2026-09-30', n, 'rejected');

    const history = await partnerHistory(store.reader, BUCKETS, PARTNER);

    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]?.fileName).toBe(`file-${HISTORY_LIMIT * 5}.csv`);
    expect(history.at(-1)?.fileName).toBe(`file-${HISTORY_LIMIT * 4 + 1}.csv`);
    expect(store.reads()).toBe(HISTORY_LIMIT);
  });

  it("still shows the Trust an older slot's rejected upload that the history no longer reaches", async () => {
    const store = buckets();
    store.report('vacancies', '2026-09-30', 1, 'rejected');
    for (let n = 2; n <= HISTORY_LIMIT + 50; n++) store.report('workforce', '2026-09-30', n, 'superseded');
    store.objects.set(`lake/${ledgerKey({ partnerId: PARTNER, dataset: 'workforce', period: '2026-09-30' })}`, {
      body: '{}',
      lastModified: new Date(),
    });

    const history = await partnerHistory(store.reader, BUCKETS, PARTNER);
    const cells = await partnerCoverage(store.reader, BUCKETS, PARTNER, '2026-09-30', history);
    const cell = (dataset: string) => cells.find((c) => c.dataset === dataset);

    expect(history.some((h) => h.dataset === 'vacancies')).toBe(false);
    expect(cell('vacancies')).toMatchObject({ status: 'rejected', latest: { fileName: 'file-1.csv' } });
    expect(cell('workforce')?.status).toBe('accepted');
    expect(cell('leavers')).toMatchObject({ status: 'missing', latest: null });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeUploadKey } from '../../transforms/ingest/routing.ts';
import {
  CENSUS_PROFILE_STATE_KEY,
  LATEST_REPORT_FOLDER,
  ledgerKey,
  periodOfPartition,
  reportFolder,
  slotMarkerKey,
  submissionStateKey,
  tableFileKey,
  tablePrefix,
  TRUST_UPLOADER,
  UPLOAD_KEY_FORM,
  uploadDoneKey,
  uploadKey,
  uploadsPrefix,
  unroutedValidationKey,
  validationKey,
  validationPrefix,
} from '../../transforms/storage/object-layout.ts';

const ROOT = join(import.meta.dirname, '../..');
const slot = { partnerId: 'riverside-council', dataset: 'workforce', period: '2026-09-30' };

describe('the object layout', () => {
  // Written out in full: partners, their IAM policies, Glue's table locations and people's
  // bookmarks rely on these keys, so a change here is a change of contract, not a refactor.
  it('puts every object where partners, Glue and the IAM policies expect it', () => {
    expect(uploadKey('riverside-council', 'workforce', '2026-09-30', 'staff.csv')).toBe(
      'uploads/riverside-council/workforce/2026-09-30/staff.csv',
    );
    expect(uploadsPrefix('riverside-council')).toBe('uploads/riverside-council/');
    expect(uploadsPrefix(TRUST_UPLOADER, 'community_profile')).toBe('uploads/_trust/community_profile/');
    expect(UPLOAD_KEY_FORM).toBe('uploads/<partner_id>/<dataset>/<period>/<file>.csv');
    expect(validationPrefix('riverside-council')).toBe('validation/riverside-council/');
    expect(validationKey(slot, 'abc')).toBe('validation/riverside-council/workforce/2026-09-30/abc.json');
    expect(unroutedValidationKey(undefined, 'abc')).toBe('validation/_unrouted/_unrouted/abc.json');
    expect(unroutedValidationKey('riverside-council', 'abc')).toBe('validation/riverside-council/_unrouted/abc.json');
    expect(tablePrefix('workforce_by_type')).toBe('lake/workforce_by_type/');
    expect(tableFileKey('workforce_by_type', '2026-09-30', 'p.workforce')).toBe(
      'lake/workforce_by_type/period=2026-09-30/p.workforce.parquet',
    );
    expect(periodOfPartition('period=2026-09-30')).toBe('2026-09-30');
    expect(periodOfPartition('_slots')).toBeUndefined();
    expect(slotMarkerKey(slot)).toBe('lake/_slots/riverside-council/workforce/2026-09-30.json');
    expect(ledgerKey(slot)).toBe('state/ledger/riverside-council/workforce/2026-09-30.json');
    expect(uploadDoneKey('abc')).toBe('state/uploads/abc.json');
    expect(submissionStateKey('abc')).toBe('state/submissions/abc.json');
    expect(CENSUS_PROFILE_STATE_KEY).toBe('state/reference/community-profile.json');
    expect(reportFolder('2026-09-30')).toBe('reports/2026-09-30');
    expect(LATEST_REPORT_FOLDER).toBe('reports/latest');
  });

  it('routes the keys it makes', () => {
    const rules = { partners: [{ id: 'riverside-council' }], baselinePeriod: '2024-09-30' };
    const partner = routeUploadKey(
      uploadKey('riverside-council', 'workforce', '2025-09-30', 'staff.csv'),
      rules,
      '2026-11-28',
    );
    expect(partner).toMatchObject({
      ok: true,
      partnerId: 'riverside-council',
      dataset: 'workforce',
      period: '2025-09-30',
    });
    const trust = routeUploadKey(
      uploadKey(TRUST_UPLOADER, 'community_profile', '2021-03-21', 'census.csv'),
      rules,
      '2026-11-28',
    );
    expect(trust).toMatchObject({ ok: true, uploader: 'trust', dataset: 'community_profile' });
  });

  // The drift guard: a key spelled by hand somewhere else goes stale silently when a folder moves.
  it('is the only place a key or prefix is spelled out in the product code', () => {
    const spelled = /['"`](uploads|validation|state|reports|lake)\//;
    const offenders: string[] = [];
    for (const folder of ['transforms', 'functions', 'cli', 'infra', 'portal']) {
      for (const file of sourceFiles(join(ROOT, folder))) {
        if (file.endsWith(join('storage', 'object-layout.ts'))) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            const code = line.trim();
            if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
            if (spelled.test(code)) offenders.push(`${relative(ROOT, file)}:${index + 1}: ${code}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });
});

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|tsx)$/.test(entry.name)) yield path;
  }
}

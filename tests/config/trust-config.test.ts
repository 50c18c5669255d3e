import { describe, expect, it } from 'vitest';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';

const GOOD = {
  trust: "Riverside Children's Trust",
  communityAreas: ['E06000035'],
  baselinePeriod: '2024-09-30',
  partners: [{ id: 'riverside-council', name: 'Riverside Council' }],
};

describe('Function: parseTrustConfig', () => {
  it('fills the documented defaults', () => {
    expect(parseTrustConfig(GOOD)).toMatchObject({
      suppressionThreshold: 5,
      limits: { maxFileBytes: 268435456, maxRows: 2_000_000 },
    });
  });

  it('reserves no concurrency for the ingest unless asked: reserving it can fail a deploy on a small account', () => {
    expect(parseTrustConfig(GOOD).ingest).toEqual({ memorySize: 1769 });
    expect(parseTrustConfig({ ...GOOD, ingest: { reservedConcurrency: 4 } }).ingest.reservedConcurrency).toBe(4);
  });

  it.each([
    [
      { ...GOOD, partners: [{ id: 'Riverside Council', name: 'x' }] },
      'partners.0.id',
      "'Riverside Council' is not a partner id",
    ],
    [{ ...GOOD, partners: [GOOD.partners[0], GOOD.partners[0]] }, 'partners.1.id', 'appears twice'],
    [{ ...GOOD, baselinePeriod: '30/09/2024' }, 'baselinePeriod', 'YYYY-MM-DD'],
    [{ ...GOOD, communityAreas: [] }, 'communityAreas', 'community area'],
    [{ ...GOOD, limits: { maxRows: 0 } }, 'limits.maxRows', ''],
    [{ ...GOOD, ingest: { reservedConcurrency: 1 } }, 'ingest.reservedConcurrency', '>=2'],
  ])('names the bad field and what is allowed', (config, path, hint) => {
    expect(() => parseTrustConfig(config, 'test config')).toThrow(
      new RegExp(`${path.replaceAll('.', '\\.')}: .*${hint}`),
    );
  });
});

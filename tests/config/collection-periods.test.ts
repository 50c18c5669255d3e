import { describe, expect, it } from 'vitest';
import {
  checkPeriod,
  collectionDatesUntil,
  isCollectionDate,
  nextCollectionDate,
  openPeriods,
} from '../../transforms/config/collection-periods.ts';
import { compareSequencers, orderOf } from '../../transforms/ingest/upload-order.ts';

const YEARLY = { baselinePeriod: '2024-09-30' };
const LISTED = { baselinePeriod: '2024-03-31', collectionDates: ['2024-03-31', '2024-09-30', '2025-09-30'] };

describe('Function: the collection-period rule', () => {
  it("repeats the baseline's day and month every year by default", () => {
    expect(openPeriods(YEARLY, '2026-11-28')).toEqual(['2024-09-30', '2025-09-30', '2026-09-30']);
    expect(openPeriods(YEARLY, '2026-09-29')).toEqual(['2024-09-30', '2025-09-30']);
    expect(nextCollectionDate(YEARLY, '2026-11-28')).toBe('2027-09-30');
    expect(nextCollectionDate(YEARLY, '2020-01-01')).toBe('2024-09-30');
    expect(collectionDatesUntil(YEARLY, '2023-12-31')).toEqual([]);
  });

  it('takes a listed set of dates as they are', () => {
    expect(openPeriods(LISTED, '2025-01-01')).toEqual(['2024-03-31', '2024-09-30']);
    expect(isCollectionDate(LISTED, '2025-03-31')).toBe(false);
    expect(nextCollectionDate(LISTED, '2025-10-01')).toBeUndefined();
  });

  it.each([
    ['2025-09-30', true, undefined],
    ['2026-09-30', true, undefined],
    ['30/09/2025', false, 'PERIOD_INVALID'],
    ['2025-09-31', false, 'PERIOD_INVALID'],
    ['2025-06-30', false, 'PERIOD_NOT_COLLECTED'],
    ['2023-09-30', false, 'PERIOD_NOT_COLLECTED'],
    ['2027-09-30', false, 'PERIOD_IN_FUTURE'],
  ])('judges %s', (period, ok, code) => {
    const check = checkPeriod(YEARLY, period, '2026-11-28');
    expect(check.ok).toBe(ok);
    if (!check.ok) {
      expect(check.code).toBe(code);
      expect(check.message).toContain(
        'The periods open for upload are 2024-09-30, 2025-09-30 and 2026-09-30; the next opens on 2027-09-30.',
      );
    }
  });

  it('calls an impossible date impossible and a date before the first collection early', () => {
    expect(checkPeriod(YEARLY, '2025-02-30', '2026-11-28')).toMatchObject({
      message: expect.stringMatching(/^'2025-02-30' is an impossible date/),
    });
    expect(checkPeriod(YEARLY, '2023-09-30', '2026-11-28')).toMatchObject({
      message: expect.stringMatching(/before the first collection \(2024-09-30\)/),
    });
  });
});

describe('Function: orderOf', () => {
  const stamp = (key: string, lastModified: string, sequencer?: string) => ({ key, lastModified, sequencer });

  it('orders writes to one key by the sequencer, padded on the right as S3 says', () => {
    expect(compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E6')).toBeLessThan(0);
    expect(compareSequencers('0055AED6DCD9028', '0055AED6DCD90281E5')).toBeLessThan(0);
    expect(compareSequencers('0055AED6DCD90290', '0055AED6DCD90281E5')).toBeGreaterThan(0);
    expect(orderOf(stamp('k', '2026-09-30T10:00:00.000Z', '0B'), stamp('k', '2026-09-30T10:00:00.000Z', '0A'))).toBe(
      'later',
    );
    expect(orderOf(stamp('k', '2026-09-30T10:00:00.000Z', '0A'), stamp('k', '2026-09-30T10:00:00.000Z', '0B'))).toBe(
      'earlier',
    );
  });

  it('orders different keys by the time stored, and calls the same second uncertain', () => {
    expect(orderOf(stamp('a', '2026-09-30T10:00:01.000Z', '01'), stamp('b', '2026-09-30T10:00:00.000Z', '02'))).toBe(
      'later',
    );
    expect(orderOf(stamp('a', '2026-09-30T10:00:00.000Z', '01'), stamp('b', '2026-09-30T10:00:00.000Z', '02'))).toBe(
      'uncertain',
    );
  });
});

import { KpiDimension } from '../../src/domain/enums';
import { countersFrom, dayRange, emptyCounters, KPI_COUNTERS, KPI_RATES, KpiCounters, KpiCounterSeries, kpiRates, kpiSeriesRates, localDay, timeBucket } from '../../src/domain/kpi';

describe('KPI rates', () => {
  test('the four rates from their counters', () => {
    const c = { ...emptyCounters(), dispatched: 10, acceptedOnTime: 8, followedUp: 4, resolved: 3, satisfied: 2, replied: 6, repliedOnTime: 3, overdueOpen: 2 };
    expect(kpiRates(c)).toEqual({ responseRate: 0.8, resolutionRate: 0.75, satisfactionRate: 0.5, onTimeReplyRate: 3 / 8 });
  });

  test('a zero divisor gives null, not 0 or NaN', () => {
    expect(kpiRates(emptyCounters())).toEqual({ responseRate: null, resolutionRate: null, satisfactionRate: null, onTimeReplyRate: null });
  });

  test('open overdue work counts against the on-time rate even with no reply', () => {
    expect(kpiRates({ ...emptyCounters(), overdueOpen: 3 }).onTimeReplyRate).toBe(0);
  });
});

describe('counters of a row of values', () => {
  test('every counter from its position in KPI_COUNTERS order after the key, as a number', () => {
    const values: unknown[] = ['URBAN', '2026-03-02', ...KPI_COUNTERS.map((_, i) => (i % 2 ? i : String(i)))];
    const counters = countersFrom(values, 2);
    expect(Object.keys(counters).sort()).toEqual([...KPI_COUNTERS].sort());
    KPI_COUNTERS.forEach((c, i) => expect([c, counters[c]]).toEqual([c, i]));
  });
});

describe('rates of a series', () => {
  const seriesOf = (rows: KpiCounters[]) => Object.fromEntries(KPI_COUNTERS.map((c) => [c, rows.map((r) => r[c])])) as KpiCounterSeries;

  test('element i of each rate list is kpiRates of row i, zero divisors included', () => {
    const rows = [
      { ...emptyCounters(), dispatched: 10, acceptedOnTime: 8, followedUp: 4, resolved: 3, satisfied: 2, replied: 6, repliedOnTime: 3, overdueOpen: 2 },
      emptyCounters(),
      { ...emptyCounters(), overdueOpen: 3 },
      Object.fromEntries(KPI_COUNTERS.map((c, i) => [c, i + 1])) as KpiCounters,
    ];
    const rates = kpiSeriesRates(seriesOf(rows));
    expect(Object.keys(rates).sort()).toEqual([...KPI_RATES].sort());
    rows.forEach((row, i) => {
      const expected = kpiRates(row);
      for (const rate of KPI_RATES) expect([i, rate, rates[rate][i]]).toEqual([i, rate, expected[rate]]);
    });
    expect(rates.responseRate[1]).toBeNull();
    expect(rates.onTimeReplyRate[2]).toBe(0);
  });

  test('no rows: empty lists', () => {
    expect(kpiSeriesRates(seriesOf([]))).toEqual({ responseRate: [], resolutionRate: [], satisfactionRate: [], onTimeReplyRate: [] });
  });
});

describe('time buckets', () => {
  test.each([
    ['2026-03-04', KpiDimension.DAY, '2026-03-04'],
    ['2026-03-04', KpiDimension.WEEK, '2026-03-02'],
    ['2026-03-01', KpiDimension.WEEK, '2026-02-23'],
    ['2026-03-31', KpiDimension.MONTH, '2026-03-01'],
    ['2027-01-01', KpiDimension.WEEK, '2026-12-28'],
  ])('%s by %s is %s', (day, dim, bucket) => expect(timeBucket(day, dim)).toBe(bucket));

  test('days are local to the hotline', () => {
    expect(localDay(new Date('2026-03-01T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
  });

  test('a [from, to) window of local midnights covers whole days', () => {
    expect(dayRange(new Date('2026-02-28T16:00:00Z'), new Date('2026-03-31T16:00:00Z'), 'Asia/Shanghai')).toEqual({ firstDay: '2026-03-01', lastDay: '2026-03-31' });
    expect(dayRange(new Date('2026-03-01T00:00:00+08:00'), new Date('2026-03-01T12:00:00+08:00'), 'Asia/Shanghai')).toEqual({ firstDay: '2026-03-01', lastDay: '2026-03-01' });
    expect(dayRange(new Date('2026-03-02T00:00:00+08:00'), new Date('2026-03-01T00:00:00+08:00'), 'Asia/Shanghai')).toBeNull();
  });
});

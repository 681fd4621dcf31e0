import { KpiDimension } from '../../src/domain/enums';
import { countersFrom, dayRange, emptyCounters, KPI_COUNTERS, KPI_RATES, kpiRates, KpiRow, kpiSeries, localDay, timeBucket } from '../../src/domain/kpi';

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

describe('counters of a SQL row', () => {
  test('every counter, by name, as a number; other columns left out', () => {
    const row: Record<string, unknown> = { k0: 'URBAN', k1: '2026-03-02' };
    KPI_COUNTERS.forEach((c, i) => { row[c] = i % 2 ? i : String(i); }); // pg answers bigint sums as strings
    const counters = countersFrom(row);
    expect(Object.keys(counters).sort()).toEqual([...KPI_COUNTERS].sort());
    KPI_COUNTERS.forEach((c, i) => expect(counters[c]).toBe(i));
  });
});

describe('series: the rows column by column', () => {
  const row = (key: string[], n: number): KpiRow => {
    const counters = Object.fromEntries(KPI_COUNTERS.map((c, i) => [c, n * 100 + i])) as unknown as KpiRow;
    return { ...counters, ...kpiRates(counters), key };
  };

  test('element i of every list is row i, for every field of a row', () => {
    const rows = [row(['2026-03-01', 'NOISE'], 1), row(['2026-03-01', 'WATER'], 2), { ...row(['2026-03-02', 'NOISE'], 0), ...kpiRates(emptyCounters()) }];
    const series = kpiSeries(rows);
    expect(Object.keys(series).sort()).toEqual(['keys', ...KPI_COUNTERS, ...KPI_RATES].sort());
    expect(series.keys).toEqual([['2026-03-01', 'NOISE'], ['2026-03-01', 'WATER'], ['2026-03-02', 'NOISE']]);
    rows.forEach((r, i) => {
      for (const c of KPI_COUNTERS) expect([c, series[c][i]]).toEqual([c, r[c]]);
      for (const rate of KPI_RATES) expect([rate, series[rate][i]]).toEqual([rate, r[rate]]);
    });
    expect(series.responseRate[2]).toBeNull(); // a zero divisor stays null in its series
  });

  test('no rows: every list is empty', () => {
    const series = kpiSeries([]);
    expect(Object.values(series).every((list) => Array.isArray(list) && list.length === 0)).toBe(true);
    expect(Object.keys(series)).toHaveLength(1 + KPI_COUNTERS.length + KPI_RATES.length);
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

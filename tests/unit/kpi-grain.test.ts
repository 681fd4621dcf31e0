import { KpiDimension as D } from '../../src/domain/enums';
import {
  chooseKpiGrain, COARSE_GRAINS, FINE_GRAIN, grainCovers, KpiFilters, requiredDimensions, ROLLUP_TABLES, sourceGrain,
} from '../../src/domain/kpi-grain';

// Which rollup table answers a KPI question: the smallest one that keeps every dimension the question groups by
// or filters on (time is always there: every table is per day).

const NONE: KpiFilters = {};
const table = (groupBy: D[], filters: KpiFilters = NONE) => chooseKpiGrain(groupBy, filters).table;

describe('choosing the rollup grain', () => {
  test.each([
    [[], NONE, 'kpi_rollup_day'],
    [[D.DAY], NONE, 'kpi_rollup_day'],
    [[D.WEEK], NONE, 'kpi_rollup_day'],
    [[D.MONTH], NONE, 'kpi_rollup_day'],
    [[D.REGION], NONE, 'kpi_rollup_region'],
    [[D.DAY], { region: true }, 'kpi_rollup_region'],
    [[D.DEPARTMENT], NONE, 'kpi_rollup_department'],
    [[D.MONTH, D.DEPARTMENT], NONE, 'kpi_rollup_department'],
    [[D.DEPARTMENT], { department: true }, 'kpi_rollup_department'],
    [[D.DAY], { department: true }, 'kpi_rollup_department'],
    [[], { department: true }, 'kpi_rollup_department'],
    [[D.CATEGORY], NONE, 'kpi_rollup_category'],
    [[D.DAY, D.CATEGORY], NONE, 'kpi_rollup_category'],
    [[D.WEEK], { category: true }, 'kpi_rollup_category'],
    [[D.CHANNEL], NONE, 'kpi_rollup_channel_type'],
    [[D.REQUEST_TYPE], NONE, 'kpi_rollup_channel_type'],
    [[D.CHANNEL, D.REQUEST_TYPE, D.MONTH], NONE, 'kpi_rollup_channel_type'],
    [[D.DEPARTMENT, D.CATEGORY], NONE, 'kpi_rollup_department_category'],
    [[D.CATEGORY], { department: true }, 'kpi_rollup_department_category'],
    [[D.DEPARTMENT], { category: true }, 'kpi_rollup_department_category'],
    [[D.DAY], { department: true, category: true }, 'kpi_rollup_department_category'],
    // Anything else needs the finest table.
    [[D.REGION], { department: true }, 'kpi_rollup'],
    [[D.CATEGORY, D.REGION], NONE, 'kpi_rollup'],
    [[D.CHANNEL], { department: true }, 'kpi_rollup'],
    [[D.DEPARTMENT, D.REQUEST_TYPE], NONE, 'kpi_rollup'],
    [[D.DEPARTMENT, D.CATEGORY, D.REGION, D.CHANNEL, D.REQUEST_TYPE, D.DAY], NONE, 'kpi_rollup'],
    [[], { department: true, category: true, region: true }, 'kpi_rollup'],
  ] as [D[], KpiFilters, string][])('groupBy %j with filters %j reads %s', (groupBy, filters, expected) => {
    expect(table(groupBy, filters)).toBe(expected);
  });

  test('time dimensions never need a finer table', () => {
    for (const time of [D.DAY, D.WEEK, D.MONTH]) {
      expect(requiredDimensions([time], NONE).size).toBe(0);
      expect(table([time, D.CATEGORY])).toBe(table([D.CATEGORY]));
    }
  });

  test('whatever the question, the grain chosen keeps every dimension it groups by or filters on', () => {
    const dims = [D.DEPARTMENT, D.CATEGORY, D.REGION, D.CHANNEL, D.REQUEST_TYPE, D.DAY];
    for (let mask = 0; mask < 1 << dims.length; mask++) {
      const groupBy = dims.filter((_, i) => mask & (1 << i));
      for (let f = 0; f < 8; f++) {
        const filters = { department: !!(f & 1), category: !!(f & 2), region: !!(f & 4) };
        const grain = chooseKpiGrain(groupBy, filters);
        expect(grainCovers(grain, requiredDimensions(groupBy, filters))).toBe(true);
        // …and no smaller grain would do.
        const smaller = COARSE_GRAINS.slice(0, grain === FINE_GRAIN ? COARSE_GRAINS.length : COARSE_GRAINS.indexOf(grain));
        for (const s of smaller) expect(grainCovers(s, requiredDimensions(groupBy, filters))).toBe(false);
      }
    }
  });

  test('each coarse grain is summed from a grain recomputed before it that keeps its dimensions', () => {
    for (const grain of COARSE_GRAINS) {
      const source = sourceGrain(grain);
      expect(grainCovers(source, grain.dimensions)).toBe(true);
      expect(source.dimensions.length).toBeGreaterThan(grain.dimensions.length);
      expect(ROLLUP_TABLES.indexOf(source.table)).toBeLessThan(ROLLUP_TABLES.indexOf(grain.table));
    }
    expect(sourceGrain(COARSE_GRAINS.find((g) => g.table === 'kpi_rollup_department')!).table).toBe('kpi_rollup_department_category');
    expect(ROLLUP_TABLES[0]).toBe('kpi_rollup');
    expect(new Set(ROLLUP_TABLES).size).toBe(COARSE_GRAINS.length + 1);
  });
});

import { BASELINE_WINDOWS, CountRange, HOUR_MS, WINDOW_MS, hotspotRanges, splitAtWholeHours } from '../../src/domain/hotspot-windows';

const t = (iso: string) => new Date(iso).getTime();
const iso = (r: CountRange) => [r.from.toISOString(), r.to.toISOString(), r.inWindow];

/** Every range, sorted, must tile [from, to) with no gap and no overlap. */
function expectTiles(ranges: CountRange[], from: number, to: number): void {
  const sorted = [...ranges].sort((a, b) => a.from.getTime() - b.from.getTime());
  let at = from;
  for (const r of sorted) {
    expect(r.from.getTime()).toBe(at);
    expect(r.to.getTime()).toBeGreaterThan(r.from.getTime());
    at = r.to.getTime();
  }
  expect(at).toBe(to);
}

describe('splitting a range at whole hours', () => {
  test('an unaligned range: a partial hour either side of the whole ones', () => {
    const s = splitAtWholeHours(t('2026-03-20T06:15:00Z'), t('2026-03-20T09:40:00Z'), true);
    expect(s.hourly.map(iso)).toEqual([['2026-03-20T07:00:00.000Z', '2026-03-20T09:00:00.000Z', true]]);
    expect(s.raw.map(iso)).toEqual([
      ['2026-03-20T06:15:00.000Z', '2026-03-20T07:00:00.000Z', true],
      ['2026-03-20T09:00:00.000Z', '2026-03-20T09:40:00.000Z', true],
    ]);
  });

  test('an aligned range is whole hours only', () => {
    const s = splitAtWholeHours(t('2026-03-20T06:00:00Z'), t('2026-03-20T09:00:00Z'), false);
    expect(s.hourly.map(iso)).toEqual([['2026-03-20T06:00:00.000Z', '2026-03-20T09:00:00.000Z', false]]);
    expect(s.raw).toEqual([]);
  });

  test('a range inside one hour, or across one hour boundary without a whole hour, is read raw', () => {
    expect(splitAtWholeHours(t('2026-03-20T06:10:00Z'), t('2026-03-20T06:50:00Z'), true)).toEqual({
      hourly: [], raw: [{ from: new Date('2026-03-20T06:10:00Z'), to: new Date('2026-03-20T06:50:00Z'), inWindow: true }],
    });
    const across = splitAtWholeHours(t('2026-03-20T06:50:00Z'), t('2026-03-20T07:10:00Z'), true);
    expect(across.hourly).toEqual([]);
    expectTiles(across.raw, t('2026-03-20T06:50:00Z'), t('2026-03-20T07:10:00Z'));
  });
});

describe('hotspot ranges', () => {
  test.each(['2026-03-20T06:00:00Z', '2026-03-20T06:00:00.001Z', '2026-03-20T06:37:12.345Z', '2026-03-20T06:59:59.999Z'])(
    'cover the 29 windows before %s exactly once, whole hours from the hourly counts',
    (now) => {
      const end = t(now);
      const r = hotspotRanges(new Date(now));
      expect(r.windowStart.getTime()).toBe(end - WINDOW_MS);
      expect(r.baselineStart.getTime()).toBe(end - (BASELINE_WINDOWS + 1) * WINDOW_MS);
      expectTiles([...r.hourly, ...r.raw], r.baselineStart.getTime(), end);
      for (const h of r.hourly) {
        expect(h.from.getTime() % HOUR_MS).toBe(0);
        expect(h.to.getTime() % HOUR_MS).toBe(0);
      }
      for (const x of r.raw) expect(x.to.getTime() - x.from.getTime()).toBeLessThan(HOUR_MS);
      for (const x of [...r.hourly, ...r.raw]) expect(x.inWindow).toBe(x.from.getTime() >= r.windowStart.getTime());
      expect(r.raw.length).toBe(now.endsWith(':00:00Z') ? 0 : 4);
    },
  );
});

import {
  bigramSimilarity, compareRules, explainScore, MIN_SCORE, rankRules, reliability, RuleCandidate, scoreDepartments, textBigrams,
} from '../../src/domain/routing';

const rule = (id: string, departmentId: string, over: Partial<RuleCandidate> = {}): RuleCandidate => ({
  id, departmentId, categoryDepth: 1, regionDepth: 0, priority: 0, autoDispatch: false, ...over,
});

describe('rule specificity', () => {
  test('a deeper category wins over priority', () => {
    const parent = rule('1', 'A', { categoryDepth: 1, priority: 100 });
    const child = rule('2', 'B', { categoryDepth: 2, priority: 0 });
    expect(rankRules([parent, child]).map((r) => r.departmentId)).toEqual(['B', 'A']);
  });

  test('at the same category a region-limited rule wins, and a deeper region more so', () => {
    const everywhere = rule('1', 'A', { priority: 9 });
    const district = rule('2', 'B', { regionDepth: 2 });
    const street = rule('3', 'C', { regionDepth: 3, priority: -5 });
    expect(rankRules([everywhere, district, street]).map((r) => r.departmentId)).toEqual(['C', 'B', 'A']);
  });

  test('equally specific rules are ordered by priority, then by age (smaller id)', () => {
    expect(rankRules([rule('1', 'A', { priority: 1 }), rule('2', 'B', { priority: 5 })])[0].departmentId).toBe('B');
    expect(rankRules([rule('10', 'A'), rule('9', 'B')])[0].departmentId).toBe('B');
    expect(compareRules(rule('3', 'A'), rule('3', 'A'))).toBe(0);
  });
});

describe('reliability', () => {
  test('no returns: full trust; mostly returns: almost none', () => {
    expect(reliability(5, 0)).toBe(1);
    expect(reliability(0, 0)).toBe(1);
    expect(reliability(20, 1)).toBeGreaterThan(0.9);
    expect(reliability(0, 3)).toBeLessThan(0.1);
  });
});

describe('scoring departments', () => {
  test('rules alone: the best rule first, fallbacks fading', () => {
    const scores = scoreDepartments({ rules: [rule('1', 'A'), rule('2', 'B'), rule('3', 'A')], history: [], text: [] });
    expect(scores.map((s) => s.departmentId)).toEqual(['A', 'B']);
    expect(scores[0].score).toBe(1);
    expect(scores[1].score).toBeCloseTo(1 / 3, 2);
  });

  test('no evidence at all: no suggestion', () => {
    expect(scoreDepartments({ rules: [], history: [], text: [] })).toEqual([]);
  });

  test('history outweighs a rule, and returns sink the rule department below the cut', () => {
    const scores = scoreDepartments({
      rules: [rule('1', 'RULE')],
      history: [{ departmentId: 'RULE', completed: 0, returned: 4 }, { departmentId: 'LOCAL', completed: 6, returned: 0 }],
      text: [],
    });
    expect(scores.map((s) => s.departmentId)).toEqual(['LOCAL']);
    expect(scores[0].score).toBeGreaterThan(0.4);
  });

  test('similar finished requests vote by similarity', () => {
    const scores = scoreDepartments({
      rules: [], history: [],
      text: [{ departmentId: 'X', similarity: 0.9 }, { departmentId: 'Y', similarity: 0.3 }, { departmentId: 'X', similarity: 0.6 }],
    });
    expect(scores.map((s) => [s.departmentId, s.similarCount])).toEqual([['X', 2], ['Y', 1]]);
    expect(scores[0].score + scores[1].score).toBeCloseTo(1, 2);
  });

  test('every score is within 0..1 and at least the cut', () => {
    const scores = scoreDepartments({
      rules: [rule('1', 'A'), rule('2', 'B')],
      history: [{ departmentId: 'A', completed: 3, returned: 1 }, { departmentId: 'C', completed: 9, returned: 0 }],
      text: [{ departmentId: 'C', similarity: 0.5 }, { departmentId: 'D', similarity: 0.2 }],
    });
    for (const s of scores) {
      expect(s.score).toBeGreaterThanOrEqual(MIN_SCORE);
      expect(s.score).toBeLessThanOrEqual(1);
    }
    expect(scores[0].departmentId).toBe('C');
  });

  test('the reason names the evidence', () => {
    const [s] = scoreDepartments({ rules: [rule('1', 'A')], history: [{ departmentId: 'A', completed: 4, returned: 1 }], text: [{ departmentId: 'A', similarity: 0.4 }] });
    expect(explainScore(s, { category: '路灯', district: '东城区' })).toBe(
      'routing rule for 路灯; 4 recent 路灯 in 东城区 requests completed here, 1 returned (90 days); 1 similar past request finished here',
    );
  });
});

describe('text similarity', () => {
  test('bigrams of letters and digits only, full-width folded', () => {
    expect([...textBigrams('路灯，不亮！')]).toEqual(['路灯', '灯不', '不亮']);
    expect([...textBigrams('ＡＢ1')]).toEqual(['ab', 'b1']);
    expect(textBigrams('灯').size).toBe(0);
  });

  test('the same matter in other words is closer than another matter', () => {
    const a = textBigrams('幸福路路灯坏了好几天，晚上看不见路');
    const same = textBigrams('幸福路的路灯不亮好几天了');
    const other = textBigrams('楼下烧烤店油烟直排');
    expect(bigramSimilarity(a, same)).toBeGreaterThan(0.3);
    expect(bigramSimilarity(a, other)).toBe(0);
    expect(bigramSimilarity(a, a)).toBe(1);
    expect(bigramSimilarity(new Set(), a)).toBe(0);
  });
});

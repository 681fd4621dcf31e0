import { CATEGORIES, DISTRICTS, streetCode } from '../seed/reference-catalog';
import { chance, intBetween, pick, Random } from '../seed/random';

// The generated city of `npm run eval:routing`: who really handles what. The center's routing rules
// (src/seed/routing-rules.seed.ts) are a fair first guess but not the whole truth, as in any real city:
// some districts handle some matters themselves, and within one category the words decide (construction
// noise is the housing bureau's, a neighbour's drill the street office's). A router that learns from
// history and from similar texts can find that out; rules alone cannot.

export interface HistoryRequest {
  seq: number;
  createdAt: Date;
  categoryCode: string;
  /** A street (街道): every request here happens somewhere. */
  regionCode: string;
  districtCode: string;
  title: string;
  content: string;
  /** The department that finally completed it; null: the one the routing rules name (resolved by the writer). */
  finalDepartmentCode: string | null;
  /** The center sent it to the right department at once; otherwise to the rules' department first. */
  centerKnew: boolean;
}

/** How a matter is worded, and who handles it when worded so (default: what the rules say). */
interface Variant { phrases: string[]; handler?: Handler; share: number }
type Handler = { kind: 'department'; code: string } | { kind: 'district' } | { kind: 'street' };

interface CategoryTruth {
  /** Relative volume. */
  weight: number;
  variants: Variant[];
  /** Districts where the district government handles it, whatever the rules say. */
  districtHandles?: string[];
  /** Districts where this city bureau handles it, whatever the rules say. */
  bureauHandles?: { code: string; districts: string[] };
}

const department = (code: string): Handler => ({ kind: 'department', code });

/** Matters whose truth departs from the rules; every other leaf category is handled as its rule says. */
const TRUTHS: Record<string, CategoryTruth> = {
  ENV_NOISE: { weight: 4, variants: [
    { share: 0.5, phrases: ['工地夜间施工噪音很大', '建筑工地凌晨还在打桩', '工地晚上施工机器轰鸣'], handler: department('HOUSING') },
    { share: 0.5, phrases: ['楼上邻居装修电钻声', '楼下商铺喇叭声音太大', '广场舞音响太吵'] },
  ] },
  WATER_LEAK: { weight: 4, variants: [
    { share: 0.5, phrases: ['市政供水主管道爆裂', '马路上水管破裂大量冒水', '路边消防栓漏水'] },
    { share: 0.5, phrases: ['小区楼道水管漏水', '楼内供水立管渗水', '单元楼地下室水管滴漏'], handler: { kind: 'street' } },
  ] },
  MARKET_PREPAID: { weight: 4, variants: [
    { share: 0.5, phrases: ['健身房倒闭预付卡无法退费', '美容店关门会员卡退不了', '理发店跑路充值卡作废'] },
    { share: 0.5, phrases: ['培训机构停课学费不退', '校外培训班跑路课时费不退', '少儿英语机构关门预交学费'], handler: department('EDU') },
  ] },
  HRSS_WAGE: { weight: 4, variants: [
    { share: 0.5, phrases: ['工厂拖欠工资', '公司三个月没发工资', '饭店老板拖欠服务员工资'] },
    { share: 0.5, phrases: ['工地包工头拖欠农民工工资', '建筑项目欠薪', '施工队结束后工钱没结'], handler: department('HOUSING') },
  ] },
  URBAN_GARBAGE: { weight: 4, bureauHandles: { code: 'URBAN', districts: ['D01', 'D02'] }, variants: [
    { share: 1, phrases: ['垃圾桶满了没人清运', '垃圾堆了好几天没人收', '生活垃圾散落一地发臭'] },
  ] },
  URBAN_LIGHT: { weight: 4, districtHandles: ['D05', 'D06'], variants: [
    { share: 1, phrases: ['路灯不亮', '好几盏路灯坏了', '路灯一直闪烁'] },
  ] },
  TRANSPORT_ROAD: { weight: 4, districtHandles: ['D03', 'D04'], variants: [
    { share: 1, phrases: ['路面塌陷出现大坑', '道路破损坑洼不平', '人行道地砖松动翘起'] },
  ] },
};

const ROADS = ['幸福路', '人民路', '解放路', '建设路', '和平路', '青年路', '长江路', '光明路', '新华街', '文化路'];
const WHEN = ['已经三天了', '好几天了', '从上周开始', '昨天晚上开始', '持续一个多月'];
const ASK = ['希望尽快处理', '请有关部门管一管', '居民意见很大', '多次反映无果', '影响正常生活'];

/** Plain wording for leaf categories without a TRUTHS entry: their name, said a few ways. */
function plainPhrases(name: string): string[] {
  return [`${name}问题`, `反映${name}`, `关于${name}的投诉`];
}

interface Leaf { code: string; name: string; truth: CategoryTruth }

function leaves(): Leaf[] {
  return CATEGORIES.flatMap((top) => (top.children ?? []).map((c) => ({
    code: c.code, name: c.name, truth: TRUTHS[c.code] ?? { weight: 1, variants: [{ share: 1, phrases: plainPhrases(c.name) }] },
  })));
}

function handlerDepartment(h: Handler, districtCode: string, street: string): string {
  if (h.kind === 'department') return h.code;
  return h.kind === 'district' ? districtCode : street;
}

function truthFor(leaf: Leaf, variant: Variant, districtCode: string, street: string): string | null {
  if (variant.handler) return handlerDepartment(variant.handler, districtCode, street);
  if (leaf.truth.districtHandles?.includes(districtCode)) return districtCode;
  if (leaf.truth.bureauHandles?.districts.includes(districtCode)) return leaf.truth.bureauHandles.code;
  return null;
}

const CITY_BUREAUS = ['URBAN', 'MARKET', 'TRANSPORT', 'HOUSING', 'ENV', 'WATER', 'HEALTH', 'EDU', 'HRSS'];

export interface WorldOptions {
  requests: number;
  start: Date;
  days: number;
  /** Share of requests whose handler is arbitrary (no router can learn those). */
  noise: number;
  /** Share of the requests the center sent straight to the right department (an agent who knew). */
  centerKnew: number;
}

/** The history in time order, the same for the same random source. */
export function generateHistory(random: Random, o: WorldOptions): HistoryRequest[] {
  const all = leaves();
  const totalWeight = all.reduce((s, l) => s + l.truth.weight, 0);
  const spanMs = o.days * 86_400_000;
  const times = Array.from({ length: o.requests }, () => o.start.getTime() + Math.floor(random() * spanMs)).sort((a, b) => a - b);
  return times.map((t, seq) => {
    const leaf = pickWeighted(random, all, totalWeight);
    const variant = pickVariant(random, leaf.truth.variants);
    const district = pick(random, DISTRICTS);
    const street = streetCode(district.code, intBetween(random, 0, district.streets.length - 1));
    const phrase = pick(random, variant.phrases);
    const road = pick(random, ROADS);
    const finalDepartmentCode = chance(random, o.noise) ? pick(random, CITY_BUREAUS) : truthFor(leaf, variant, district.code, street);
    return {
      seq, createdAt: new Date(t), categoryCode: leaf.code, regionCode: street, districtCode: district.code,
      title: phrase.slice(0, 30),
      content: `${district.name}${road}${intBetween(random, 1, 300)}号附近${phrase}，${pick(random, WHEN)}，${pick(random, ASK)}。`,
      finalDepartmentCode, centerKnew: chance(random, o.centerKnew),
    };
  });
}

function pickWeighted(random: Random, all: Leaf[], total: number): Leaf {
  let roll = random() * total;
  for (const leaf of all) {
    roll -= leaf.truth.weight;
    if (roll < 0) return leaf;
  }
  return all[all.length - 1];
}

function pickVariant(random: Random, variants: Variant[]): Variant {
  let roll = random();
  for (const v of variants) {
    roll -= v.share;
    if (roll < 0) return v;
  }
  return variants[variants.length - 1];
}

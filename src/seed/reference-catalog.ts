import { Role } from '../domain/enums';

// The demo city's organisation, map and category tree (DESIGN.md §9). Plain data: the seed writes it,
// the demo requests draw from it. Codes are what clients and tests use; names are what people read.

export interface CatalogNode {
  code: string;
  name: string;
  children?: CatalogNode[];
}

export const HOTLINE_CENTER: CatalogNode = { code: 'HOTLINE', name: '12345热线中心' };

/** City bureaus that receive dispatched requests. */
export const CITY_DEPARTMENTS: CatalogNode[] = [
  { code: 'URBAN', name: '市城市管理局' },
  { code: 'MARKET', name: '市市场监督管理局' },
  { code: 'TRANSPORT', name: '市交通运输局' },
  { code: 'HOUSING', name: '市住房和城乡建设局' },
  { code: 'ENV', name: '市生态环境局' },
  { code: 'WATER', name: '市水务局' },
  { code: 'HEALTH', name: '市卫生健康委员会' },
  { code: 'EDU', name: '市教育局' },
  { code: 'HRSS', name: '市人力资源和社会保障局' },
];

/** Districts and their streets (街道); each is both a region and a government department. */
export const DISTRICTS: { code: string; name: string; streets: string[] }[] = [
  { code: 'D01', name: '东城区', streets: ['和平街道', '建国街道', '朝阳门街道', '东华街道'] },
  { code: 'D02', name: '西城区', streets: ['金融街街道', '德胜街道', '月坛街道'] },
  { code: 'D03', name: '南湖区', streets: ['南湖街道', '长青街道', '新华街道', '解放路街道'] },
  { code: 'D04', name: '北山区', streets: ['北山街道', '龙泉街道', '青年路街道'] },
  { code: 'D05', name: '滨江区', streets: ['滨江街道', '江南街道', '沿河街道', '长安街道'] },
  { code: 'D06', name: '高新区', streets: ['科技园街道', '创新街道', '东湖街道'] },
];

export const CITY_REGION = { code: 'CITY', name: '江城市' };

/** `D01` + 1 → `D01S01`. */
export const streetCode = (districtCode: string, index: number) => `${districtCode}S${String(index + 1).padStart(2, '0')}`;

/** 东城区 → 东城区人民政府, 和平街道 → 和平街道办事处. */
export const districtGovernmentName = (district: string) => `${district}人民政府`;
export const streetOfficeName = (street: string) => `${street}办事处`;

export const CATEGORIES: CatalogNode[] = [
  { code: 'HOUSING', name: '城乡建设', children: [
    { code: 'HOUSING_PROPERTY', name: '物业管理' },
    { code: 'HOUSING_SITE', name: '建筑施工' },
    { code: 'HOUSING_OLD_COMMUNITY', name: '老旧小区改造' },
    { code: 'HOUSING_ELEVATOR', name: '电梯安全' },
    { code: 'HOUSING_DELIVERY', name: '商品房交付' },
  ] },
  { code: 'URBAN', name: '市容环境', children: [
    { code: 'URBAN_LIGHT', name: '路灯' },
    { code: 'URBAN_GARBAGE', name: '垃圾清运' },
    { code: 'URBAN_STALL', name: '占道经营' },
    { code: 'URBAN_ILLEGAL_BUILDING', name: '违章建筑' },
    { code: 'URBAN_MANHOLE', name: '井盖破损' },
    { code: 'URBAN_GREEN', name: '园林绿化' },
  ] },
  { code: 'TRANSPORT', name: '交通出行', children: [
    { code: 'TRANSPORT_PARKING', name: '违章停车' },
    { code: 'TRANSPORT_BUS', name: '公交线路' },
    { code: 'TRANSPORT_TAXI', name: '出租车与网约车' },
    { code: 'TRANSPORT_ROAD', name: '道路破损' },
    { code: 'TRANSPORT_SIGNAL', name: '交通信号灯' },
  ] },
  { code: 'MARKET', name: '市场监管', children: [
    { code: 'MARKET_FOOD', name: '食品安全' },
    { code: 'MARKET_PRICE', name: '价格收费' },
    { code: 'MARKET_PREPAID', name: '预付卡退费' },
    { code: 'MARKET_COUNTERFEIT', name: '假冒伪劣' },
  ] },
  { code: 'HRSS', name: '劳动保障', children: [
    { code: 'HRSS_WAGE', name: '拖欠工资' },
    { code: 'HRSS_SOCIAL_INSURANCE', name: '社保缴纳' },
    { code: 'HRSS_CONTRACT', name: '劳动合同' },
    { code: 'HRSS_EMPLOYMENT', name: '就业创业' },
  ] },
  { code: 'ENV', name: '生态环境', children: [
    { code: 'ENV_NOISE', name: '噪音扰民' },
    { code: 'ENV_FUMES', name: '餐饮油烟' },
    { code: 'ENV_WATER_POLLUTION', name: '水体污染' },
    { code: 'ENV_DUST', name: '扬尘污染' },
  ] },
  { code: 'WATER', name: '供水供电', children: [
    { code: 'WATER_CUT', name: '停水' },
    { code: 'WATER_QUALITY', name: '水质问题' },
    { code: 'WATER_LEAK', name: '管道漏水' },
    { code: 'WATER_POWER_CUT', name: '停电' },
  ] },
  { code: 'EDU_HEALTH', name: '教育卫生', children: [
    { code: 'EDU_FEES', name: '学校收费' },
    { code: 'EDU_ENROLLMENT', name: '入学招生' },
    { code: 'EDU_TRAINING', name: '校外培训' },
    { code: 'HEALTH_HOSPITAL', name: '医疗服务' },
    { code: 'HEALTH_VACCINE', name: '疫苗接种' },
  ] },
];

/** Center staff of the demo; every department but the center also gets `liaison_<code in lower case>`. */
export const CENTER_STAFF: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'admin', displayName: '系统管理员', roles: [Role.ADMIN] },
  { username: 'agent01', displayName: '话务员 张敏', roles: [Role.AGENT] },
  { username: 'agent02', displayName: '话务员 李强', roles: [Role.AGENT] },
  { username: 'supervisor01', displayName: '值班长 王芳', roles: [Role.SUPERVISOR] },
  { username: 'analyst01', displayName: '数据分析员 赵磊', roles: [Role.ANALYST] },
];

export const liaisonUsername = (departmentCode: string) => `liaison_${departmentCode.toLowerCase()}`;

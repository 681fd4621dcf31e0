import { RequestType } from '../domain/enums';

// What citizens tell the demo hotline and what departments answer, per category. Placeholders in
// braces are filled per request: {place} full address, {district}, {street}, {road}, {community},
// {shop}, {company}, {school}, {bus}, {hospital}, {months}, {amount}.

/** Who leads: a city bureau by code, or the district / street government of the request's location. */
export type LeadDepartment = string | 'DISTRICT' | 'STREET';

export interface RequestTemplate {
  category: string;
  types: RequestType[];
  lead: LeadDepartment;
  /** A department that is sometimes dispatched first by mistake and returns the request. */
  misroutedTo?: string;
  assist?: LeadDepartment[];
  title: string;
  content: string;
  reply: string;
  /** For consultations the center can answer on the spot (直接办结). */
  answer?: string;
}

const { CONSULTATION, HELP, COMPLAINT, REPORT, SUGGESTION, PRAISE } = RequestType;

export const REQUEST_TEMPLATES: RequestTemplate[] = [
  {
    category: 'URBAN_LIGHT', types: [HELP, COMPLAINT], lead: 'URBAN',
    title: '{road}路灯连续多晚不亮',
    content: '市民反映{place}附近的{road}有一排路灯已经连续一周晚上不亮，路面漆黑，老人孩子晚上出行不便，担心发生交通事故和治安问题，希望尽快维修。',
    reply: '经我局路灯管理所现场核查，{road}段路灯因地下电缆老化短路不亮，已更换电缆并恢复照明，后续将加强巡查。',
  },
  {
    category: 'URBAN_GARBAGE', types: [COMPLAINT], lead: 'STREET', assist: ['URBAN'],
    title: '{community}垃圾多日无人清运',
    content: '市民反映{place}的{community}垃圾桶已满溢三天无人清运，气味很大，招来蚊蝇，夏季容易滋生细菌，要求尽快清运并增加清运频次。',
    reply: '街道已联系环卫公司当日完成清运，并将该小区清运频次由每日一次调整为每日两次，同时督促物业做好垃圾分类桶站管理。',
  },
  {
    category: 'URBAN_STALL', types: [COMPLAINT, REPORT], lead: 'STREET', misroutedTo: 'MARKET',
    title: '{road}早市占道经营堵塞交通',
    content: '市民反映{place}一带每天早上六点至九点有大量摊贩占用人行道和非机动车道经营，行人只能走机动车道，存在安全隐患，希望管理。',
    reply: '街道综合执法队已对该路段开展整治，劝离占道摊贩，并在附近规划临时便民疏导点，安排专人早间值守。',
  },
  {
    category: 'URBAN_ILLEGAL_BUILDING', types: [REPORT], lead: 'DISTRICT', misroutedTo: 'HOUSING',
    title: '{community}顶楼住户违规加建阳光房',
    content: '市民举报{place}的{community}某栋顶楼住户正在楼顶违规搭建阳光房，施工噪音大，且可能影响楼体结构安全和楼下住户防水，请相关部门查处。',
    reply: '区城管执法部门已现场核查，确认该搭建未取得规划许可，已下达限期拆除通知书，当事人承诺七日内自行拆除，我们将跟踪复查。',
  },
  {
    category: 'URBAN_MANHOLE', types: [HELP], lead: 'URBAN',
    title: '{road}人行道井盖破损有安全隐患',
    content: '市民反映{place}人行道上有一个井盖破损塌陷，已经有行人差点踩空，晚上看不清很危险，请尽快处理。',
    reply: '接单后养护单位两小时内到场设置围挡警示，次日更换了防坠落井盖，现已恢复正常通行。',
  },
  {
    category: 'URBAN_GREEN', types: [SUGGESTION, HELP], lead: 'URBAN',
    title: '{community}门口行道树遮挡交通信号灯',
    content: '市民反映{place}路口的行道树枝叶过于茂密，遮挡了交通信号灯，司机看不清信号，建议修剪。',
    reply: '园林养护单位已对路口行道树进行修剪，信号灯已清晰可见，今后将纳入季度修剪计划。',
  },
  {
    category: 'HOUSING_PROPERTY', types: [COMPLAINT], lead: 'STREET', assist: ['HOUSING'],
    title: '{community}物业不作为电梯长期故障',
    content: '市民反映{place}的{community}物业公司收费后服务不到位，单元电梯经常故障停运，报修后一周无人处理，楼内有行动不便的老人，要求物业履职。',
    reply: '街道约谈了物业公司负责人，督促其三日内完成电梯维修并建立报修台账，住建部门将物业服务情况纳入信用考核。',
  },
  {
    category: 'HOUSING_SITE', types: [COMPLAINT], lead: 'HOUSING', misroutedTo: 'ENV',
    title: '{road}工地夜间违规施工',
    content: '市民反映{place}附近的在建工地每天晚上十点以后仍在浇筑混凝土，机械轰鸣，严重影响周边居民休息，请核实是否办理夜间施工许可。',
    reply: '经查该工地未办理夜间施工许可，已责令停止夜间施工并立案处罚，同时安排夜间巡查。',
  },
  {
    category: 'HOUSING_OLD_COMMUNITY', types: [SUGGESTION, HELP], lead: 'DISTRICT', assist: ['HOUSING'],
    title: '{community}老旧小区改造进度咨询及建议',
    content: '市民反映{place}的{community}已列入老旧小区改造计划，但施工进度缓慢，道路开挖后长期未恢复，建议加快进度并公示工期。',
    reply: '区改造办已督促施工单位增加人员，开挖路段将于本月底前恢复，工期计划已在小区公示栏公示。',
  },
  {
    category: 'HOUSING_ELEVATOR', types: [HELP], lead: 'MARKET', assist: ['STREET'],
    title: '{community}电梯困人后仍未检修',
    content: '市民反映{place}的{community}一部电梯上周发生困人事件，至今仍带病运行，居民担心安全，请特种设备部门检查。',
    reply: '市场监管局特种设备安全监察人员已现场检查，责令停用并由维保单位整改，经检验合格后恢复运行。',
  },
  {
    category: 'HOUSING_DELIVERY', types: [COMPLAINT], lead: 'HOUSING',
    title: '{community}新房逾期交付开发商不给说法',
    content: '市民反映购买的{community}商品房合同约定去年年底交付，至今已逾期{months}个月，开发商一直拖延，也不支付违约金，请求协调。',
    reply: '住建局已约谈开发企业，企业承诺下月底前分批交付，逾期违约金按合同约定在交付时一并结算。',
  },
  {
    category: 'TRANSPORT_PARKING', types: [COMPLAINT, REPORT], lead: 'TRANSPORT', misroutedTo: 'URBAN',
    title: '{road}车辆长期占用消防通道',
    content: '市民反映{place}的{community}门口消防通道长期被私家车占用，消防车无法通行，多次劝说无效，请求处理。',
    reply: '已会同交警部门对占用消防通道车辆进行贴单处罚，并协调物业施划禁停标线、安装警示牌。',
  },
  {
    category: 'TRANSPORT_BUS', types: [SUGGESTION, CONSULTATION], lead: 'TRANSPORT',
    title: '建议{bus}路公交延长末班时间',
    content: '市民建议{bus}路公交末班车从晚上九点延长到十点半，周边很多上班族下班较晚，末班车之后只能打车，成本较高。',
    reply: '公交集团已对该线路晚间客流进行调查，计划自下月起试行末班车延长至22:00，试行期间视客流调整。',
    answer: '已告知市民{bus}路现行首末班时间，并说明可通过"江城公交"APP提交线路优化建议，相关建议将转交公交集团研究。',
  },
  {
    category: 'TRANSPORT_TAXI', types: [COMPLAINT], lead: 'TRANSPORT',
    title: '网约车司机绕路多收费',
    content: '市民反映昨晚从{road}乘坐网约车到火车站，司机故意绕路，多收费约{amount}元，与平台沟通未果，请求处理。',
    reply: '交通执法部门已调取行程轨迹，确认存在绕路行为，已责令平台退还多收费用并对司机进行处罚。',
  },
  {
    category: 'TRANSPORT_ROAD', types: [HELP], lead: 'TRANSPORT', misroutedTo: 'URBAN',
    title: '{road}路面塌陷坑洼不平',
    content: '市民反映{place}的{road}路面出现多处坑槽，雨天积水看不清，已有电动车摔倒，请尽快修补。',
    reply: '道路养护单位已完成坑槽修补，并对该路段进行全面排查，发现的其他病害已列入维修计划。',
  },
  {
    category: 'TRANSPORT_SIGNAL', types: [HELP, SUGGESTION], lead: 'TRANSPORT',
    title: '{road}路口信号灯配时不合理',
    content: '市民反映{road}与建设路交叉口南北向绿灯时间过短，早高峰车辆排队很长，行人过街也很仓促，建议优化信号配时。',
    reply: '经交通流量观测，已将早高峰南北向绿灯时长由35秒调整为50秒，并增设行人过街二次等待区。',
  },
  {
    category: 'MARKET_FOOD', types: [COMPLAINT, REPORT], lead: 'MARKET',
    title: '{shop}销售过期食品',
    content: '市民反映在{place}的{shop}购买的牛奶已过保质期，商家拒绝退换，担心还有其他过期食品在售，请市场监管部门检查。',
    reply: '执法人员已对该店进行检查，查获过期食品若干，已立案调查并责令下架销毁，商家已为市民办理退款。',
  },
  {
    category: 'MARKET_PRICE', types: [COMPLAINT], lead: 'MARKET',
    title: '{community}停车场收费未明码标价',
    content: '市民反映{place}的{community}地下停车场收费标准未公示，临时停车两小时收费{amount}元，明显偏高，请核查。',
    reply: '经查该停车场未按规定公示收费标准，已责令整改并予以警告，目前已在入口处公示收费标准。',
  },
  {
    category: 'MARKET_PREPAID', types: [COMPLAINT, HELP], lead: 'MARKET', assist: ['EDU'],
    title: '{shop}关门跑路预付卡无法退费',
    content: '市民反映在{shop}办理预付卡充值{amount}元，近日门店突然关门，联系不上负责人，和市民情况类似的会员有几十人，请求帮助退费。',
    reply: '已联系到经营者，督促其制定退费方案，目前已为首批会员退费，其余会员将按登记顺序分批退还；涉嫌违法部分已移交公安机关。',
  },
  {
    category: 'MARKET_COUNTERFEIT', types: [REPORT], lead: 'MARKET',
    title: '{shop}疑似销售假冒品牌服装',
    content: '市民举报{place}的{shop}以低价销售知名品牌运动鞋服，标签做工粗糙，疑似假冒，请查处。',
    reply: '执法人员现场检查，经品牌方鉴定涉案商品为假冒注册商标商品，已依法扣押并立案查处。',
  },
  {
    category: 'HRSS_WAGE', types: [HELP, COMPLAINT], lead: 'HRSS', assist: ['DISTRICT'],
    title: '{company}拖欠工人工资{months}个月',
    content: '市民反映在{company}工作，公司已拖欠包括本人在内二十多名工人{months}个月工资，共计约{amount}元，老板一直推脱，年底急需用钱，请求帮助讨薪。',
    reply: '劳动保障监察大队已约谈企业负责人，责令其限期支付，企业已分两批结清全部拖欠工资，工人均已确认到账。',
  },
  {
    category: 'HRSS_SOCIAL_INSURANCE', types: [CONSULTATION, COMPLAINT], lead: 'HRSS',
    title: '{company}未给员工缴纳社保',
    content: '市民反映入职{company}已经{months}个月，公司一直未给缴纳社会保险，询问该如何维权以及能否补缴。',
    reply: '经查该公司存在未足额缴纳社保问题，已责令限期补缴，市民的社保关系已于本月完成补缴登记。',
    answer: '已告知市民用人单位应自用工之日起三十日内办理社保登记，可携劳动合同到区社保中心或通过"江城人社"APP投诉，并说明补缴流程。',
  },
  {
    category: 'HRSS_CONTRACT', types: [CONSULTATION, HELP], lead: 'HRSS',
    title: '试用期被辞退能否获得补偿',
    content: '市民反映在{company}试用期第三个月被口头辞退，公司未说明理由也不给任何补偿，询问是否合法。',
    reply: '已指导市民申请劳动仲裁，仲裁委已受理，同时劳动监察部门提醒企业依法解除劳动合同。',
    answer: '已向市民解释劳动合同法关于试用期解除的规定，告知可向区劳动人事争议仲裁委员会申请仲裁及所需材料。',
  },
  {
    category: 'HRSS_EMPLOYMENT', types: [CONSULTATION], lead: 'HRSS',
    title: '咨询高校毕业生就业补贴申领',
    content: '市民是应届高校毕业生，询问在本市小微企业就业能否申领就业补贴，需要什么条件和材料。',
    reply: '人社局已电话联系市民，说明补贴申领条件和材料，市民已通过网上办事大厅提交申请。',
    answer: '已告知市民在小微企业就业并签订一年以上劳动合同、缴纳社保满三个月可申领，材料及入口见"江城人社"网站。',
  },
  {
    category: 'ENV_NOISE', types: [COMPLAINT], lead: 'STREET', misroutedTo: 'ENV',
    title: '{community}楼下烧烤店深夜噪音扰民',
    content: '市民反映{place}的{community}楼下烧烤店每天营业到凌晨两点，客人喧哗、划拳声很大，严重影响居民休息，多次沟通无果。',
    reply: '街道联合派出所、城管对该店进行约谈，要求其晚上十一点后停止露天经营并加装隔音设施，近期夜间巡查未再发现扰民。',
  },
  {
    category: 'ENV_FUMES', types: [COMPLAINT], lead: 'ENV', assist: ['STREET'],
    title: '{shop}油烟直排熏到居民楼',
    content: '市民反映{place}的{shop}未安装油烟净化设施，油烟直接排向居民楼，窗户都不敢开，请求整改。',
    reply: '生态环境部门已责令该餐饮店限期安装油烟净化设施，经复查已安装到位并正常使用。',
  },
  {
    category: 'ENV_WATER_POLLUTION', types: [REPORT], lead: 'ENV', assist: ['WATER'],
    title: '{road}附近河道发黑发臭',
    content: '市民举报{place}附近河道近期水体发黑发臭，怀疑有企业偷排污水，请环保部门调查。',
    reply: '经溯源排查，发现一处雨污混接排口，已责令相关单位封堵整改，河道水质监测已恢复正常。',
  },
  {
    category: 'ENV_DUST', types: [COMPLAINT], lead: 'HOUSING', assist: ['ENV'],
    title: '{road}工地扬尘严重',
    content: '市民反映{place}附近工地渣土未覆盖，车辆进出不冲洗，刮风时扬尘很大，周边道路满是泥土。',
    reply: '已责令工地落实裸土覆盖和车辆冲洗措施，并对施工单位处以罚款，安排每日巡查。',
  },
  {
    category: 'WATER_CUT', types: [HELP, CONSULTATION], lead: 'WATER',
    title: '{community}突然停水没有提前通知',
    content: '市民反映{place}的{community}从今天早上开始停水，事先没有任何通知，家里有老人小孩，询问什么时候恢复供水。',
    reply: '因供水主管爆裂抢修导致临时停水，已于当日恢复供水；已要求供水公司今后计划停水须提前24小时通知。',
    answer: '经查询供水公司抢修信息，该片区因管道抢修停水，预计今晚八点前恢复，已告知市民并提供临时送水点位置。',
  },
  {
    category: 'WATER_QUALITY', types: [COMPLAINT], lead: 'WATER',
    title: '{community}自来水发黄有异味',
    content: '市民反映{place}的{community}近几天自来水发黄，有铁锈味，不敢饮用，请求检测水质。',
    reply: '供水公司对该小区二次供水设施进行清洗消毒，水质检测合格，已向居民公示检测报告。',
  },
  {
    category: 'WATER_LEAK', types: [HELP], lead: 'WATER', misroutedTo: 'URBAN',
    title: '{road}地下水管漏水路面冒水',
    content: '市民反映{place}的{road}路面一直在冒水，已经持续两天，浪费水资源，冬天结冰也容易滑倒。',
    reply: '供水公司抢修人员已对破损管道进行更换，路面已恢复，漏水问题已解决。',
  },
  {
    category: 'WATER_POWER_CUT', types: [HELP], lead: 'DISTRICT',
    title: '{community}频繁停电',
    content: '市民反映{place}的{community}本月已经停电四次，每次几个小时，冰箱里食物都坏了，请求协调供电公司排查线路。',
    reply: '区政府协调供电公司对小区配电设施进行检修，更换老化变压器，近期未再出现停电。',
  },
  {
    category: 'EDU_FEES', types: [COMPLAINT, REPORT], lead: 'EDU',
    title: '{school}违规收取资料费',
    content: '市民反映孩子就读的{school}要求每名学生缴纳{amount}元教辅资料费，未说明依据，家长认为属于违规收费。',
    reply: '教育局已责令学校停止收取并退还已收费用，对学校负责人进行约谈，并在全区开展收费专项检查。',
  },
  {
    category: 'EDU_ENROLLMENT', types: [CONSULTATION], lead: 'EDU',
    title: '咨询随迁子女入学所需材料',
    content: '市民是外地来江城务工人员，孩子今年九月上小学，询问随迁子女入学需要准备哪些材料、何时报名。',
    reply: '教育局已电话告知市民报名时间和材料清单，并指导其在线完成预登记。',
    answer: '已告知市民需准备居住证、务工证明、户口簿及儿童出生证明，5月中旬在"江城入学"平台登记，并提供区教育局咨询电话。',
  },
  {
    category: 'EDU_TRAINING', types: [REPORT], lead: 'EDU', assist: ['MARKET'],
    title: '{shop}违规开展学科类培训',
    content: '市民举报{place}的{shop}以"托管"名义周末开展初中数学英语学科类培训，收费较高，请核查。',
    reply: '教育局联合市场监管部门检查，确认该机构无证开展学科类培训，已责令停止并依法处理。',
  },
  {
    category: 'HEALTH_HOSPITAL', types: [COMPLAINT], lead: 'HEALTH',
    title: '{hospital}门诊排队时间过长',
    content: '市民反映{hospital}门诊挂号后排队等了三个多小时才就诊，叫号系统混乱，部分人插队，希望改进。',
    reply: '卫健委已督促医院优化分时段预约和叫号流程，增加高峰时段出诊医生，并加强现场秩序管理。',
  },
  {
    category: 'HEALTH_HOSPITAL', types: [PRAISE], lead: 'HEALTH',
    title: '表扬{hospital}急诊科医护人员',
    content: '市民来电表扬{hospital}急诊科医护人员，上周深夜家中老人突发心梗，医护人员快速抢救，态度耐心细致，希望转达感谢并予以表彰。',
    reply: '卫健委已将市民的感谢转达医院，医院对急诊科团队进行了通报表扬。',
  },
  {
    category: 'URBAN_GARBAGE', types: [PRAISE], lead: 'URBAN',
    title: '表扬{road}环卫工人拾金不昧',
    content: '市民来电表扬{road}的一名环卫工人，捡到市民遗失的钱包后在原地等候一个多小时归还，钱包内现金和证件分文未少。',
    reply: '市城管局已将表扬转达环卫作业单位，并对该环卫工人予以通报表扬和奖励。',
  },
  {
    category: 'HEALTH_VACCINE', types: [CONSULTATION], lead: 'HEALTH',
    title: '咨询老人流感疫苗接种地点',
    content: '市民询问家中七十岁老人在哪里可以接种流感疫苗，是否免费，需要预约吗。',
    reply: '社区卫生服务中心已电话联系市民，预约了本周接种时间。',
    answer: '已告知市民60岁以上本市户籍老人可免费接种，就近社区卫生服务中心均可接种，建议通过"健康江城"公众号预约。',
  },
];

export const ROADS = ['建设路', '解放大道', '中山路', '人民路', '新华路', '友谊大街', '和平路', '长江路', '黄河路', '光明街', '胜利路', '青年大街'];
export const COMMUNITIES = ['阳光花园', '幸福里', '锦绣家园', '翠湖苑', '和谐小区', '金色港湾', '丽景嘉园', '书香门第', '春晖小区', '东方名苑'];
export const SHOPS = ['老王烧烤', '鑫鑫超市', '好又多便利店', '味道川菜馆', '美滋滋火锅', '优学教育', '健身之家', '丽人美容院', '潮流服饰店', '便民早餐店'];
export const COMPANIES = ['江城宏达建筑工程有限公司', '江城恒通物流有限公司', '江城锦程装饰工程有限公司', '江城新锐科技有限公司', '江城顺发餐饮管理有限公司'];
export const SCHOOLS = ['江城市第三中学', '实验小学', '育才中学', '东方红小学', '江城外国语学校'];
export const HOSPITALS = ['市第一人民医院', '市中心医院', '市妇幼保健院', '区人民医院'];

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢'.split('');
export const GIVEN_NAMES = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '文', '辉', '鑫', '玉兰', '志强', '海燕'];

export const SUPERVISION_NOTES = ['请加快办理进度，按时反馈', '该件已超期，请主办单位高度重视', '群众反映强烈，请限期办结'];
export const VOID_REASONS = ['测试工单，误登记', '来电人表示拨错号码，非有效诉求', '重复登记的无效工单'];
export const CLOSE_REASONS = ['市民来电表示问题已自行解决，申请撤回诉求', '诉求人主动撤诉'];
export const NOTES = ['市民再次来电询问办理进度，已告知正在办理', '已与承办单位电话沟通，对方表示今日内答复', '交接班：该件需持续关注回访结果'];

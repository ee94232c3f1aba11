// Word lists for made-up but realistic sample data. County names are composed from common place-name
// characters, so they read like Zhejiang names without describing any real county; any resemblance to a
// real place is a coincidence. Person names are common surnames and given-name characters.

export const PROVINCE = { id: "330000", name: "浙江省" };

// The eleven cities (real names and codes: the sample data invents everything below them).
export const CITIES = [
  { id: "330100", name: "杭州市", counties: 13 },
  { id: "330200", name: "宁波市", counties: 10 },
  { id: "330300", name: "温州市", counties: 12 },
  { id: "330400", name: "嘉兴市", counties: 7 },
  { id: "330500", name: "湖州市", counties: 5 },
  { id: "330600", name: "绍兴市", counties: 6 },
  { id: "330700", name: "金华市", counties: 9 },
  { id: "330800", name: "衢州市", counties: 6 },
  { id: "330900", name: "舟山市", counties: 4 },
  { id: "331000", name: "台州市", counties: 9 },
  { id: "331100", name: "丽水市", counties: 9 },
];

export const PLACE_FIRST = [
  "青", "云", "安", "临", "松", "桐", "龙", "江", "永", "德", "武", "泰", "新", "长", "开", "平", "宁", "海",
  "天", "仙", "乐", "文", "景", "遂", "庆", "浦", "常", "玉", "瑞", "东", "南", "西", "北", "上", "兰", "义",
  "富", "建", "淳", "秀", "越", "嵊", "苍", "洞", "岱", "鹿", "柯", "金", "余", "象", "奉", "镇", "鄞", "慈",
  "缙", "丹", "溪", "桃", "梅", "竹", "石", "白", "清", "凤", "兴", "华", "明", "昌", "湖", "岩",
];
export const PLACE_SECOND = [
  "溪", "山", "阳", "江", "川", "源", "城", "湖", "泉", "和", "安", "宁", "昌", "平", "居", "兴", "德", "化",
  "清", "林", "门", "海", "塘", "州", "岭", "田", "岙", "浦", "口", "桥", "渚", "港", "坞", "河",
];

export const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
  "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘",
  "袁", "蔡", "蒋", "余", "叶", "程", "魏", "苏", "吕", "丁", "任", "沈", "姚", "卢", "傅", "钟", "姜", "崔",
  "陆", "范", "汪", "金", "夏", "方", "邹", "孟", "邱", "江", "尹", "顾", "毛", "钱", "戴", "严", "孔", "应",
  "楼", "俞", "章", "裘", "虞", "屠",
];
export const GIVEN = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
  "霞", "平", "刚", "桂", "建", "华", "国", "红", "志", "文", "斌", "辉", "晓", "海", "燕", "鹏", "宇", "浩",
  "俊", "峰", "婷", "雪", "琳", "振", "東", "春", "卫", "新", "忠", "荣", "林", "波", "群", "毅", "健", "青",
  "立", "宏", "嘉", "慧", "颖", "晨", "航", "帆", "昊", "骏", "铭", "岚", "越", "潮",
];

// Member domains (一岗双责) and the departments that carry them.
export const DOMAINS = [
  "education", "safety_production", "health", "transport", "emergency", "economy", "public_security",
  "civil_affairs", "ecology", "agriculture", "urban_management", "culture_tourism", "market_regulation",
  "housing_construction", "natural_resources", "finance",
];

// Department codes used in `sector` (e.g. "330106-YJ": the county's emergency-management bureau).
export const SECTOR_OF_DOMAIN = {
  education: "JY", safety_production: "YJ", health: "WJ", transport: "JT", emergency: "YJ", economy: "FG",
  public_security: "GA", civil_affairs: "MZ", ecology: "HB", agriculture: "NY", urban_management: "CG",
  culture_tourism: "WL", market_regulation: "SJ", housing_construction: "ZJ", natural_resources: "ZR",
  finance: "JR",
};

// Which domains an incident of each category usually falls in.
export const CATEGORY_DOMAINS = {
  national_security: ["public_security"],
  mass_incident: ["civil_affairs", "housing_construction", "natural_resources", "economy"],
  criminal_case: ["public_security", "finance"],
  economic_order: ["market_regulation", "finance", "economy"],
  safety_accident: ["safety_production", "transport", "housing_construction", "emergency"],
  public_safety: ["health", "market_regulation", "emergency", "ecology"],
  cyber_security: ["public_security", "culture_tourism"],
};

export const MEMBER_POSTS = [
  "executive_deputy_head", "deputy_head", "deputy_head", "deputy_head", "standing_committee_member",
  "organization_head", "propaganda_head", "united_front_head", "deputy_secretary",
];

export const BONUS_ITEMS = [
  "exemplary_practice", "fengqiao_experience", "grid_governance", "digital_governance", "national_recognition",
  "innovation_case", "provincial_pilot",
];

export const HOTSPOT_WHAT = [
  "城中村治安乱点", "车站周边秩序", "夜市周边秩序", "拆迁安置信访", "涉众型金融风险", "校园周边环境",
  "农贸市场周边", "工业园区外来人口集聚区",
];

export const REFERRAL_REASONS = [
  "上级交办:群众反映基层矛盾化解不力",
  "纪委监委移送:平安建设专项资金使用问题",
  "督查组发现:重大决策未开展社会稳定风险评估",
];

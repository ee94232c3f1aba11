// Generated from the vocabularies of the library (src/model.rs, src/policy.rs) by
// `PINGAN_REGENERATE=1 cargo test --test generated`: do not edit. The engine's `vocabularies()` answers
// the same; this module has no side effect on import.

/** The labels of every vocabulary value: `{ vocabulary: { value: { zh, en } } }`. */
export const LABELS = {
  "unit_kind": {
    "locality": { zh: "地方党委政府", en: "locality (party committee and government)" },
    "party": { zh: "党委工作机关", en: "party organ" },
    "congress": { zh: "人大机关", en: "people's congress" },
    "administrative": { zh: "政府工作部门", en: "government department" },
    "cppcc": { zh: "政协机关", en: "CPPCC" },
    "court": { zh: "人民法院", en: "court" },
    "procuratorate": { zh: "人民检察院", en: "procuratorate" },
    "people_org": { zh: "人民团体", en: "people's organisation" },
    "public_institution": { zh: "事业单位", en: "public institution" },
    "soe": { zh: "国有企业", en: "state-owned enterprise" },
    "private_enterprise": { zh: "非公有制企业", en: "private enterprise" },
    "social_organization": { zh: "社会组织", en: "social organisation" },
    "other": { zh: "其他", en: "other" },
  },
  "level": {
    "province": { zh: "省", en: "province" },
    "city": { zh: "市", en: "city" },
    "county": { zh: "县（市、区）", en: "county" },
    "township": { zh: "乡镇（街道）", en: "township" },
  },
  "role": {
    "principal": { zh: "主要负责同志", en: "principal" },
    "in_charge": { zh: "分管负责同志", en: "leader in charge" },
    "member": { zh: "班子成员", en: "member" },
  },
  "post": {
    "party_secretary": { zh: "党委书记", en: "party secretary" },
    "deputy_party_secretary": { zh: "党委副书记", en: "deputy party secretary" },
    "deputy_secretary": { zh: "副书记", en: "deputy secretary" },
    "government_head": { zh: "政府主要负责人", en: "head of government" },
    "executive_deputy_head": { zh: "常务副职", en: "executive deputy head" },
    "deputy_head": { zh: "副职", en: "deputy head" },
    "political_legal_secretary": { zh: "政法委书记", en: "political-legal committee secretary" },
    "political_legal_deputy_secretary": { zh: "政法委副书记", en: "political-legal committee deputy secretary" },
    "standing_committee_member": { zh: "党委常委", en: "standing committee member" },
    "organization_head": { zh: "组织部长", en: "head of the organisation department" },
    "propaganda_head": { zh: "宣传部长", en: "head of the publicity department" },
    "united_front_head": { zh: "统战部长", en: "head of the united front department" },
  },
  "domain": {
    "public_security": { zh: "社会治安", en: "public security" },
    "safety_production": { zh: "安全生产", en: "work safety" },
    "housing_construction": { zh: "住房和城乡建设", en: "housing and construction" },
    "transport": { zh: "交通运输", en: "transport" },
    "culture_tourism": { zh: "文化和旅游", en: "culture and tourism" },
    "education": { zh: "教育", en: "education" },
    "health": { zh: "卫生健康", en: "health" },
    "emergency": { zh: "应急管理", en: "emergency management" },
    "ecology": { zh: "生态环境", en: "ecology and environment" },
    "finance": { zh: "金融", en: "finance" },
    "economy": { zh: "经济", en: "economy" },
    "civil_affairs": { zh: "民政", en: "civil affairs" },
    "cyberspace": { zh: "网络安全", en: "cyberspace" },
    "petition": { zh: "信访", en: "petitions" },
    "market_regulation": { zh: "市场监管", en: "market regulation" },
    "natural_resources": { zh: "自然资源", en: "natural resources" },
    "agriculture": { zh: "农业农村", en: "agriculture and rural affairs" },
    "urban_management": { zh: "城市管理", en: "urban management" },
  },
  "activity": {
    "team_meeting": { zh: "班子会议", en: "team meeting" },
    "special_research": { zh: "专题调研", en: "special research" },
    "situation_analysis": { zh: "形势分析研判", en: "situation analysis" },
    "handover": { zh: "工作交接", en: "handover" },
    "duty_report": { zh: "述职报告", en: "duty report" },
    "annual_summary": { zh: "年度总结", en: "annual summary" },
    "on_scene": { zh: "到场处置", en: "on the scene" },
    "report_to_principal": { zh: "向第一责任人报告", en: "report to principal" },
    "risk_assessment": { zh: "风险评估", en: "risk assessment" },
    "emergency_response": { zh: "应急处置", en: "emergency response" },
    "annual_plan": { zh: "年度计划", en: "annual plan" },
    "assessment_rules": { zh: "考核奖惩制度", en: "assessment rules" },
    "special_campaign": { zh: "专项整治", en: "special campaign" },
    "leader_case": { zh: "领导包案", en: "leader takes a case" },
    "risk_screening": { zh: "风险排查", en: "risk screening" },
    "internal_security": { zh: "内部安全", en: "internal security" },
    "plenary_report": { zh: "全会报告", en: "plenary report" },
    "supervision": { zh: "督导检查", en: "supervision" },
    "other": { zh: "其他", en: "other" },
  },
  "recipient": {
    "party_committee": { zh: "同级党委", en: "same-level party committee" },
    "government": { zh: "同级政府", en: "same-level government" },
    "superior_leading_group": { zh: "上级平安建设领导小组", en: "leading group one level up" },
  },
  "together": {
    "planning": { zh: "同谋划", en: "planning" },
    "deployment": { zh: "同部署", en: "deployment" },
    "inspection": { zh: "同检查", en: "inspection" },
    "implementation": { zh: "同落实", en: "implementation" },
  },
  "category": {
    "national_security": { zh: "危害国家安全事件", en: "national security" },
    "mass_incident": { zh: "群体性事件", en: "mass incident" },
    "criminal_case": { zh: "刑事犯罪案件", en: "criminal case" },
    "economic_order": { zh: "影响经济秩序案件", en: "economic order" },
    "safety_accident": { zh: "安全事故", en: "safety accident" },
    "public_safety": { zh: "公共安全事件", en: "public safety" },
    "cyber_security": { zh: "网络安全事件", en: "cyber security" },
  },
  "severity": {
    "general": { zh: "一般", en: "general" },
    "larger": { zh: "较大", en: "larger" },
    "major": { zh: "重大", en: "major" },
    "especially_major": { zh: "特别重大", en: "especially major" },
  },
  "impact": {
    "severe": { zh: "危害严重", en: "severe" },
    "especially_severe": { zh: "危害特别严重", en: "especially severe" },
  },
  "finding": {
    "issue": { zh: "一般问题", en: "issue" },
    "serious_disorder": { zh: "治安严重混乱", en: "serious disorder" },
  },
  "concern": {
    "strong": { zh: "强烈", en: "strong" },
    "moderate": { zh: "一般", en: "moderate" },
    "low": { zh: "较低", en: "low" },
  },
  "alleges": {
    "violation": { zh: "涉嫌违纪违法", en: "violation" },
    "crime": { zh: "涉嫌犯罪", en: "crime" },
  },
  "circumstance_kind": {
    "aggravating": { zh: "从重情节", en: "aggravating" },
    "mitigating": { zh: "从轻情节", en: "mitigating" },
  },
  "circumstance_what": {
    "obstruction": { zh: "干扰阻碍调查", en: "obstruction" },
    "concealment": { zh: "隐瞒不报", en: "concealment" },
    "falsification": { zh: "弄虚作假", en: "falsification" },
    "retaliation": { zh: "打击报复", en: "retaliation" },
    "prompt_action": { zh: "主动采取措施", en: "prompt action" },
    "cooperation": { zh: "主动配合调查", en: "cooperation" },
    "other": { zh: "其他", en: "other" },
  },
  "grade": {
    "excellent": { zh: "优秀", en: "excellent" },
    "good": { zh: "良好", en: "good" },
    "pass": { zh: "合格", en: "pass" },
    "fail": { zh: "不合格", en: "fail" },
  },
  "award": {
    "commendation": { zh: "嘉奖", en: "commendation" },
    "third_class_merit": { zh: "记三等功", en: "third-class merit" },
    "second_class_merit": { zh: "记二等功", en: "second-class merit" },
  },
  "status": {
    "met": { zh: "已落实", en: "met" },
    "unmet": { zh: "未落实", en: "unmet" },
    "not_checkable": { zh: "无法核查", en: "not checkable" },
  },
  "measure": {
    "circular": { zh: "通报", en: "circular" },
    "yellow_card": { zh: "黄牌警告", en: "yellow card" },
    "interview": { zh: "约谈", en: "interview" },
    "listed_supervision": { zh: "挂牌督办", en: "listed supervision" },
    "one_vote_veto": { zh: "一票否决", en: "one-vote veto" },
    "personnel_measures_recommended": { zh: "建议组织处理", en: "personnel measures recommended" },
  },
  "what": {
    "honours": { zh: "综合性荣誉", en: "honours" },
    "commendation": { zh: "评优评先", en: "commendation" },
    "promotion": { zh: "提拔", en: "promotion" },
  },
  "case_status": {
    "open": { zh: "进行中", en: "open" },
    "closed": { zh: "已整改销案", en: "closed" },
  },
  "tripod": {
    "none": { zh: "暂无", en: "none" },
    "pingan": { zh: "平安鼎", en: "Ping'an tripod" },
    "bronze": { zh: "平安铜鼎", en: "bronze tripod" },
    "silver": { zh: "平安银鼎", en: "silver tripod" },
    "gold": { zh: "平安金鼎", en: "gold tripod" },
  },
  "kind": {
    "result": { zh: "结果性", en: "result" },
    "process": { zh: "过程性", en: "process" },
    "bonus": { zh: "加分", en: "bonus" },
    "deduction": { zh: "扣分", en: "deduction" },
  },
  "clause": {
    "25.1": { zh: "平安建设不重视、基层基础薄弱、治安严重混乱", en: "Ping'an work neglected, public order seriously disordered" },
    "25.2": { zh: "较短时间内连续发生较大案（事）件", en: "repeated larger incidents within a short time" },
    "25.3": { zh: "发生重大或特别重大案（事）件", en: "a major or especially major incident" },
    "25.4": { zh: "年度考核不合格", en: "the annual assessment was failed" },
    "25.5": { zh: "群众反映强烈的治安热点未有效整治或反弹", en: "a hotspot of strong public concern not dealt with, or rebounding" },
    "25.6": { zh: "其他需要追究的情形", en: "another matter the committees decided to pursue" },
  },
  "origin": {
    "measures": { zh: "实施办法规定", en: "fixed by the measures" },
    "neighbouring_rule": { zh: "参照相关规定", en: "borrowed from a neighbouring rule" },
    "practice": { zh: "工作惯例", en: "practice" },
    "policy_choice": { zh: "政策选择", en: "policy choice" },
  },
  "indicator_kind": {
    "result": { zh: "结果性指标", en: "result indicator" },
    "process": { zh: "过程性指标", en: "process indicator" },
  },
  "check": {
    "activity_count": { zh: "活动次数", en: "activity count" },
    "designation": { zh: "明确分管", en: "designation" },
    "incident_response": { zh: "案（事）件处置", en: "incident response" },
    "handover": { zh: "离任交接", en: "handover" },
    "decision_assessment": { zh: "重大决策稳评", en: "decision risk assessment" },
  },
  "by": {
    "self": { zh: "本人", en: "the leader" },
    "unit": { zh: "本单位", en: "anyone in the unit" },
  },
  "scope": {
    "year": { zh: "本年度", en: "in the year" },
    "ever": { zh: "截至统计截止日期", en: "up to the as-of date" },
  },
  "flag": {
    "covers_pingan": { zh: "涉及平安建设", en: "covers Ping'an work" },
    "includes_plan": { zh: "含年度计划", en: "includes the plan" },
    "four_together": { zh: "四同", en: "four together" },
    "to_leading_group": { zh: "向领导小组报告", en: "made to the leading group" },
    "reported_up": { zh: "报送同级党委政府和上级领导小组", en: "reported up" },
  },
  "units": {
    "locality": { zh: "地方党委政府", en: "localities" },
    "department": { zh: "部门和其他单位", en: "departments and other bodies" },
  },
};

/** The same as the engine's `vocabularies()`: `{ vocabulary: [{ value, zh, en }] }`, in order. */
export function vocabularies() {
  const out = {};
  for (const name of Object.keys(LABELS)) {
    out[name] = Object.keys(LABELS[name]).map((value) => ({ value, zh: LABELS[name][value].zh, en: LABELS[name][value].en }));
  }
  return out;
}

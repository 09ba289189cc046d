/**
 * Fixed reference data of the demo district: the real names from the news report and
 * DESIGN.md, the case categories the article lists, departments, facility categories and
 * point rules. Everything else is generated from these lists by generate.ts.
 */

export const DISTRICT = { id: "410103", name: "二七区", city: "郑州市" } as const;

/** Other districts of the city, used only by the `city` size (benchmarks). */
export const CITY_DISTRICTS = [
  ["410102", "中原区"], ["410104", "管城回族区"], ["410105", "金水区"], ["410106", "上街区"],
  ["410108", "惠济区"], ["410122", "中牟县"], ["410171", "郑东新区"], ["410172", "高新区"],
  ["410173", "航空港区"], ["410174", "经开区"], ["410181", "巩义市"], ["410182", "荥阳市"],
  ["410183", "新密市"], ["410184", "新郑市"], ["410185", "登封市"],
] as const;

/**
 * The streets (街道) and towns of 二七区, laid out in bands from north to south.
 * West-to-east order inside a band; the southern band is the rural part.
 */
export const STREET_BANDS: { lat: [number, number]; lng: [number, number]; streets: [string, "street" | "town" | "township"][] }[] = [
  { lat: [34.735, 34.762], lng: [113.600, 113.690], streets: [["铭功路街道", "street"], ["一马路街道", "street"], ["德化街街道", "street"], ["解放路街道", "street"], ["蜜蜂张街道", "street"]] },
  { lat: [34.710, 34.735], lng: [113.600, 113.690], streets: [["五里堡街道", "street"], ["建中街街道", "street"], ["福华街街道", "street"], ["淮河路街道", "street"], ["大学路街道", "street"]] },
  { lat: [34.680, 34.710], lng: [113.600, 113.690], streets: [["嵩山路街道", "street"], ["京广路街道", "street"], ["长江路街道", "street"], ["人和路街道", "street"]] },
  { lat: [34.600, 34.680], lng: [113.520, 113.690], streets: [["马寨镇", "town"], ["侯寨乡", "township"]] },
];

/** Communities the article names, with the street they belong to. */
export const NAMED_COMMUNITIES: Record<string, string[]> = {
  "福华街街道": ["福华南街社区", "永安东街社区"],
  "淮河路街道": ["淮河社区"],
  "大学路街道": ["苗圃花园社区"],
};

export const COMMUNITY_STEMS = [
  "兴华", "政通", "航海", "陇海", "齐礼阎", "幸福", "汝河", "建新", "铁路", "连云", "保全", "敦睦",
  "大同", "钱塘", "碧云", "交通", "工人", "兴隆", "民主", "杏园", "升龙", "康桥", "帝湖", "祥云",
  "南岗", "长兴", "桥南", "菜王", "航海东", "华山", "淮南", "绿云", "王立寨", "芦庄", "冯庄", "小李庄",
  "二七新村", "长江东", "郑飞", "百花", "湖光", "庆丰", "佛岗", "大学南", "工农", "嵩山", "福寿", "青年",
  "春晖", "阳光", "明珠", "翠竹", "金沙", "文化", "建云", "人和", "五里堡", "建中", "德化", "一马",
];
export const COMMUNITY_SUFFIXES = ["社区", "东社区", "西社区", "南社区", "北社区", "路社区", "街社区", "里社区"];
export const VILLAGE_STEMS = [
  "刘胡垌", "樱桃沟", "尖岗", "郭小寨", "三李", "侯寨", "常庄", "大石桥", "冯湾", "罗沟", "南屏", "马寨",
  "庙李", "钱庄", "新庄", "后庄", "东韩", "瓦屋孙", "皇帝岭", "北岗", "申河", "沟赵", "曹洼", "柳林",
];
export const ROAD_STEMS = [
  "大学", "航海西", "陇海中", "兴华南", "政通", "京广南", "保全", "永安", "福华", "淮河西", "长江", "嵩山南",
  "连云", "交通", "汝河", "敦睦", "幸福", "铭功", "德化", "解放", "一马", "民主", "大同", "钱塘",
  "碧云", "杏园", "齐礼阎", "升龙", "棉纺", "人和", "建中", "工人", "帝湖", "马寨", "侯寨", "郑密",
];
export const ROAD_SUFFIXES = ["路", "街", "南街", "北路", "巷"];
export const COMPOUND_STEMS = [
  "锦绣", "康桥", "华府", "绿城", "正商", "建业", "永威", "鑫苑", "亚星", "升龙", "名门", "恒大",
  "金色", "阳光", "翠园", "南苑", "北苑", "福寿", "安居", "和谐", "御景", "天伦", "静雅", "怡和",
];
export const COMPOUND_SUFFIXES = ["小区", "家园", "花园", "家属院", "新村", "公寓"];

export const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭",
  "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁", "邓", "许", "傅", "沈",
  "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏",
  "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白",
  "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "万", "段", "雷", "钱", "汤", "尹", "常",
];
export const COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛"];
export const GIVEN_CHARS = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
  "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "红", "建", "国", "志", "文", "海", "燕", "鹏", "辉", "玲",
  "丹", "萍", "鑫", "宇", "浩", "凯", "博", "欣", "怡", "梅", "琳", "雪", "婷", "晨", "阳", "峰", "亮", "斌",
  "波", "宁", "倩", "颖", "慧", "佳", "俊", "帅", "飞", "瑞", "思", "雨", "天", "成", "康", "安", "永", "春",
];

/** Departments (委局) that receive dispatched cases and send sunk-down staff. */
export const DEPARTMENTS: [string, string][] = [
  ["cgj", "区城市管理局"], ["gaj", "公安二七分局"], ["scj", "区市场监督管理局"], ["yjj", "区应急管理局"],
  ["sthj", "市生态环境局二七分局"], ["zjj", "区住房和城乡建设局"], ["jrj", "区金融工作局"],
  ["wgl", "区文化广电和旅游局"], ["mzj", "区民政局"], ["wjw", "区卫生健康委员会"], ["sfj", "区司法局"],
  ["swj", "区水利局"],
];

export type CategorySpec = {
  id: string; name: string; kind: "problem" | "service" | "consultation"; grp: string; dept: string;
  dueHours: number; medianHours: number; weight: number; winter?: number; description: string; summary: string[];
};

/** Case categories: the article's groups (城市管理提升, 安全生产, 市场监管, …) and what residents report. */
export const CATEGORIES: CategorySpec[] = [
  { id: "manhole", name: "窨井盖破损塌陷", kind: "problem", grp: "城市管理提升", dept: "cgj", dueHours: 12, medianHours: 4, weight: 3, description: "窨井盖缺失、破损、塌陷或松动", summary: ["{road}窨井盖塌陷，已更换新井盖", "{road}窨井盖松动，已加固"] },
  { id: "road", name: "道路破损", kind: "problem", grp: "城市管理提升", dept: "cgj", dueHours: 72, medianHours: 30, weight: 7, description: "路面坑洼、人行道砖松动破损", summary: ["{road}人行道砖松动，已修补", "{road}路面坑洼，已修复"] },
  { id: "vending", name: "占道经营", kind: "problem", grp: "城市管理提升", dept: "cgj", dueHours: 24, medianHours: 6, weight: 12, description: "摊贩占用道路、店外经营", summary: ["{road}流动摊贩占道经营，已劝离", "{road}店外经营，已督促整改"] },
  { id: "garbage", name: "垃圾堆放与清运", kind: "problem", grp: "城市管理提升", dept: "cgj", dueHours: 24, medianHours: 8, weight: 14, description: "垃圾乱堆乱放、清运不及时", summary: ["{compound}垃圾堆放，已清运", "{road}建筑垃圾乱倒，已清理"] },
  { id: "streetlight", name: "路灯损坏", kind: "problem", grp: "城市管理提升", dept: "cgj", dueHours: 48, medianHours: 20, weight: 4, description: "路灯不亮、灯杆倾斜", summary: ["{road}路灯不亮，已维修", "{road}灯杆倾斜，已扶正加固"] },
  { id: "parking", name: "车辆乱停乱放", kind: "problem", grp: "城市管理提升", dept: "gaj", dueHours: 24, medianHours: 5, weight: 8, description: "占用消防通道、盲道停车", summary: ["{road}车辆占用盲道，已劝离", "{compound}车辆堵塞消防通道，已清理"] },
  { id: "greenery", name: "绿化损毁", kind: "problem", grp: "城市管理提升", dept: "cgj", dueHours: 72, medianHours: 36, weight: 3, description: "绿地毁坏、树木倒伏", summary: ["{road}树木倒伏，已扶正修剪", "{road}绿地被毁，已补植"] },
  { id: "safety", name: "安全生产隐患", kind: "problem", grp: "安全生产", dept: "yjj", dueHours: 48, medianHours: 24, weight: 7, description: "生产经营场所安全隐患、燃气与消防隐患", summary: ["{road}商户燃气使用不规范，已整改", "{compound}楼道堆放杂物，已清理"] },
  { id: "market", name: "市场监管", kind: "problem", grp: "市场监管", dept: "scj", dueHours: 72, medianHours: 40, weight: 6, description: "无照经营、食品安全、价格问题", summary: ["{road}商户无照经营，已责令整改", "{road}超市过期食品，已下架处理"] },
  { id: "air", name: "大气污染防治", kind: "problem", grp: "大气污染防治", dept: "sthj", dueHours: 48, medianHours: 18, weight: 7, winter: 1.8, description: "扬尘、露天焚烧、油烟污染", summary: ["{road}工地扬尘，已督促覆盖洒水", "{road}露天焚烧，已制止"] },
  { id: "construction", name: "非法建设", kind: "problem", grp: "非法建设", dept: "zjj", dueHours: 240, medianHours: 160, weight: 4, description: "违法建设、私搭乱建", summary: ["{compound}楼顶违建，已拆除", "{compound}私搭乱建，已责令拆除"] },
  { id: "fundraising", name: "非法集资", kind: "problem", grp: "非法集资", dept: "jrj", dueHours: 168, medianHours: 120, weight: 1, description: "非法集资宣传与线索", summary: ["{road}非法集资宣传单页，已收缴并移交", "{road}可疑理财宣传，已核查"] },
  { id: "amusement", name: "游乐场所安全隐患", kind: "problem", grp: "游乐场所安全", dept: "wgl", dueHours: 72, medianHours: 48, weight: 1, description: "游乐设施、健身器材安全隐患", summary: ["{compound}健身器材损坏，已停用维修", "{road}游乐设施安全隐患，已整改"] },
  { id: "noise", name: "噪声扰民", kind: "problem", grp: "生态环境", dept: "sthj", dueHours: 24, medianHours: 10, weight: 4, description: "施工、商业噪声", summary: ["{road}夜间施工噪声，已制止", "{road}商铺音响扰民，已劝导"] },
  { id: "water", name: "供排水问题", kind: "problem", grp: "城市管理提升", dept: "swj", dueHours: 24, medianHours: 9, weight: 3, description: "污水外溢、管道破裂", summary: ["{compound}污水外溢，已疏通", "{road}供水管道破裂，已抢修"] },
  { id: "dispute", name: "矛盾纠纷调解", kind: "problem", grp: "矛盾调解", dept: "sfj", dueHours: 72, medianHours: 30, weight: 5, description: "邻里、物业、家庭纠纷", summary: ["{compound}邻里纠纷，已调解", "{compound}物业纠纷，已组织协商"] },
  { id: "elderly_service", name: "助老服务", kind: "service", grp: "按需点菜", dept: "mzj", dueHours: 72, medianHours: 26, weight: 3, description: "为老人提供助餐、理发、陪诊等上门服务", summary: ["{compound}老人申请上门理发，已服务", "{compound}独居老人助餐，已安排"] },
  { id: "repair_service", name: "便民维修", kind: "service", grp: "按需点菜", dept: "mzj", dueHours: 72, medianHours: 22, weight: 2, description: "家电、水电的便民维修", summary: ["{compound}居民申请水电维修，已上门", "{compound}便民维修，已完成"] },
  { id: "agency_service", name: "代办服务", kind: "service", grp: "按需点菜", dept: "mzj", dueHours: 120, medianHours: 48, weight: 2, description: "证件、补贴等事项代办", summary: ["{compound}居民申请代办养老认证，已办结", "代办居住证事项，已办结"] },
  { id: "consultation", name: "在线咨询", kind: "consultation", grp: "在线咨询", dept: "mzj", dueHours: 48, medianHours: 12, weight: 3, description: "政策、办事流程咨询", summary: ["居民咨询社保办理流程，已答复", "居民咨询入学政策，已答复"] },
];

/** Special campaigns (专项排查) of 2015, as in the article (“10余项”). */
export const CAMPAIGNS_2015: [string, string, string, string][] = [
  ["大气污染防治专项排查", "air", "2015-01-05", "2015-03-31"],
  ["安全生产大检查", "safety", "2015-03-01", "2015-05-31"],
  ["打击非法集资专项排查", "fundraising", "2015-04-01", "2015-06-30"],
  ["违法建设专项治理", "construction", "2015-04-15", "2015-10-31"],
  ["游乐场所安全隐患排查", "amusement", "2015-05-15", "2015-08-31"],
  ["窨井盖专项整治", "manhole", "2015-06-01", "2015-07-31"],
  ["夏季扬尘治理攻坚", "air", "2015-06-15", "2015-09-15"],
  ["食品安全专项检查", "market", "2015-07-01", "2015-09-30"],
  ["消防通道集中清理", "parking", "2015-09-01", "2015-10-31"],
  ["燃气安全隐患排查", "safety", "2015-10-15", "2015-12-15"],
  ["冬季大气污染防治攻坚", "air", "2015-11-01", "2015-12-31"],
];

/** 15-minute service circle categories (GB 50180-2018, TD/T 1062-2021) with score weights. */
export const FACILITY_CATEGORIES: [string, string, number][] = [
  ["service_centre", "社区服务中心", 3], ["health", "卫生服务站", 3], ["elderly", "养老服务", 2],
  ["childcare", "托育与幼儿园", 2], ["primary_school", "小学", 2], ["middle_school", "中学", 1],
  ["market", "菜市场与超市", 3], ["park", "公园与运动场", 2], ["culture", "文化活动室", 1],
  ["police", "警务室", 1], ["daily", "便民生活服务", 2],
];
export const FACILITY_NAMES: Record<string, string[]> = {
  service_centre: ["党群服务中心", "便民服务中心"],
  health: ["社区卫生服务站", "社区卫生服务中心"],
  elderly: ["日间照料中心", "养老服务站", "老年食堂"],
  childcare: ["幼儿园", "托育中心"],
  primary_school: ["小学"],
  middle_school: ["中学", "初级中学"],
  market: ["农贸市场", "生鲜超市", "便民菜店"],
  park: ["游园", "健身广场", "口袋公园"],
  culture: ["文化活动室", "书屋"],
  police: ["警务室"],
  daily: ["家政服务点", "便民维修点", "快递柜", "理发店"],
};

/** Community points rules (社区积分制). */
export const POINT_RULES: [string, string, number, string][] = [
  ["patrol", "网格巡查值守", 2, "小时"], ["event", "社区活动服务", 5, "次"], ["mediation", "矛盾纠纷调解", 10, "次"],
  ["care_visit", "关爱探访独居老人", 3, "次"], ["cleanup", "环境卫生整治", 3, "次"], ["civility", "文明交通劝导", 2, "小时"],
  ["training", "培训授课", 8, "次"], ["blood", "无偿献血", 20, "次"],
];

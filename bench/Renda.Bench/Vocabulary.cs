namespace Renda.Bench;

/// <summary>The words generated opinions and suggestions are made of: real problem phrases as citizens write them to
/// 民意直通车 and 12345, per category, with the places of the province and a few openings and requests. Phrases are
/// drawn with a Zipf-like skew (the first of a list far more often than the last), so that some terms are common
/// (停车, 噪音) and others rare, as in real inboxes.</summary>
public static class Vocabulary
{
    public sealed record Topic(string Category, string[] Objects, string[] Problems, string[] Requests);

    public static readonly Topic[] Topics =
    [
        new("urban_construction", ["小区", "老旧小区", "路灯", "人行道", "公厕", "垃圾分类点", "电梯", "排水管网", "违章建筑", "菜市场"],
            ["年久失修", "长期损坏无人维修", "私搭乱建严重", "下雨天严重积水", "污水外溢", "加装电梯进展缓慢", "路面坑洼不平", "夜间照明不足"],
            ["希望尽快安排维修", "建议纳入老旧小区改造计划", "请有关部门依法拆除", "建议加装电梯并给予补贴"]),
        new("transport", ["公交线路", "停车位", "红绿灯", "斑马线", "乡村道路", "桥梁", "学校门口", "共享单车", "高速出口"],
            ["停车难问题突出", "高峰期拥堵严重", "班次太少等车时间长", "路口没有红绿灯存在安全隐患", "道路狭窄会车困难", "乱停乱放占用盲道", "桥面出现裂缝"],
            ["建议增设公交站点", "建议规划建设停车场", "请交警部门加强管理", "建议拓宽道路"]),
        new("environment", ["河道", "工厂", "餐馆油烟", "工地", "垃圾中转站", "养殖场", "山林", "池塘"],
            ["噪音扰民", "夜间施工噪音扰民", "异味严重影响生活", "河水发黑发臭", "油烟直排", "偷排污水", "扬尘污染严重", "焚烧秸秆"],
            ["请环保部门调查处理", "建议加强执法检查", "希望尽快整治", "建议安装在线监测设备"]),
        new("agriculture", ["农田", "灌溉渠", "茶园", "农村饮用水", "高标准农田", "土地流转", "农产品销售"],
            ["水渠堵塞影响灌溉", "土地流转租金迟迟不付", "农产品滞销", "补贴发放不及时", "田间道路损毁", "抛荒现象较多"],
            ["建议疏通水渠", "请协调发放补贴", "建议搭建农产品销售平台", "希望加强农技指导"]),
        new("education", ["幼儿园", "小学", "初中", "校车", "课后服务", "学区划分", "食堂"],
            ["入园难", "学位紧张", "上学路途远", "课后服务收费不透明", "校车数量不足", "学区划分不合理", "食堂卫生存在隐患"],
            ["建议新建幼儿园", "建议增加学位供给", "希望公开收费标准", "建议增加校车班次"]),
        new("health", ["社区卫生服务中心", "村卫生室", "乡镇卫生院", "医保报销", "家庭医生", "药店", "急救站"],
            ["看病难", "医生不足", "药品种类少", "医保报销流程繁琐", "排队时间长", "家庭医生签约后无服务", "急救车到达慢"],
            ["建议增加医务人员", "建议简化报销流程", "希望开通异地结算", "建议增设急救站点"]),
        new("social_security", ["低保", "养老保险", "医疗保险", "残疾人补贴", "就业培训", "失业金", "临时救助"],
            ["申请审批时间过长", "补贴标准偏低", "政策宣传不到位", "办理手续繁琐", "社保缴费基数不合理", "欠薪问题"],
            ["建议提高补贴标准", "建议简化办理流程", "希望加强政策宣传", "请劳动监察部门介入"]),
        new("elderly_care", ["养老院", "居家养老服务中心", "老年食堂", "适老化改造", "老年活动室", "助餐点"],
            ["床位紧张", "收费过高", "服务质量差", "高龄老人无人照料", "老年食堂停办", "活动场所不足"],
            ["建议增加养老床位", "建议开办老年食堂", "希望推进适老化改造", "建议给予运营补贴"]),
        new("public_safety", ["小区门禁", "监控探头", "电动车充电", "消防通道", "夜市", "网吧", "出租房"],
            ["电动车楼道充电存在火灾隐患", "消防通道被占用", "监控设施损坏", "治安状况差", "电信诈骗多发", "群租房安全隐患"],
            ["建议建设集中充电桩", "请消防部门检查", "建议增设监控探头", "希望加强巡逻"]),
        new("economy", ["营商环境", "小微企业", "个体户", "专业市场", "产业园区", "招商引资", "融资"],
            ["融资难融资贵", "审批环节多", "企业用工难", "园区配套不完善", "市场摊位费上涨", "政策兑现慢"],
            ["建议优化审批流程", "建议加大金融支持", "希望政策尽快兑现", "建议完善园区配套"]),
        new("utilities", ["自来水", "天然气", "供电线路", "宽带网络", "水压", "变压器", "燃气管道"],
            ["经常停水", "水压不足", "频繁停电", "管道天然气未通", "网络信号差", "水质浑浊", "变压器噪音大"],
            ["建议尽快通气", "请供水公司检修", "建议改造供电线路", "希望提高网络覆盖"]),
        new("other", ["政务服务", "办事窗口", "12345热线", "村务公开", "物业公司", "便民服务"],
            ["办事排队时间长", "工作人员态度差", "热线打不通", "村务不公开", "物业费收取不合理", "证明材料要求过多"],
            ["建议增加窗口", "希望改进服务态度", "建议推行一网通办", "请街道协调处理"]),
    ];

    public static readonly string[] Openings = ["我是", "本人住在", "反映一下", "我们", "您好，我是", "作为"];
    public static readonly string[] Residents = ["居民", "村民", "业主", "家长", "老党员", "退休职工", "个体户"];
    public static readonly string[] Villages = ["幸福", "新华", "光明", "前进", "和平", "东方", "红星", "长乐", "永安", "兴隆", "青山", "白塔"];
    public static readonly string[] Suffixes = ["村", "社区", "小区", "街", "路"];
    public static readonly string[] Durations = ["多年来", "近半年", "最近一个月", "今年以来", "长期以来", "去年开始"];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    public static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国", "志强", "海燕"];

    /// <summary>An index into a list of n, skewed toward the start (roughly Zipf with s = 1).</summary>
    public static int Skewed(Random rnd, int n) => Math.Min(n - 1, (int)Math.Floor(Math.Exp(rnd.NextDouble() * Math.Log(n + 1)) - 1));

    public static T Pick<T>(Random rnd, T[] items) => items[rnd.Next(items.Length)];

    public static T PickSkewed<T>(Random rnd, T[] items) => items[Skewed(rnd, items.Length)];

    /// <summary>One opinion: who, where, what is wrong since when, what they ask.</summary>
    public static string Opinion(Random rnd, Topic t, string township)
    {
        var place = $"{township}{Pick(rnd, Villages)}{Pick(rnd, Suffixes)}";
        var obj = PickSkewed(rnd, t.Objects);
        return rnd.Next(3) switch
        {
            0 => $"{Pick(rnd, Openings)}{place}的{Pick(rnd, Residents)}，{Pick(rnd, Durations)}{obj}{PickSkewed(rnd, t.Problems)}，{PickSkewed(rnd, t.Requests)}。",
            1 => $"{place}{obj}{PickSkewed(rnd, t.Problems)}，{PickSkewed(rnd, t.Problems)}，群众意见很大，{PickSkewed(rnd, t.Requests)}。",
            _ => $"关于{place}{obj}{PickSkewed(rnd, t.Problems)}的问题：{Pick(rnd, Durations)}多次反映未解决，{PickSkewed(rnd, t.Requests)}，谢谢！",
        };
    }

    public static string Name(Random rnd) => Pick(rnd, Surnames) + PickSkewed(rnd, GivenNames);
}

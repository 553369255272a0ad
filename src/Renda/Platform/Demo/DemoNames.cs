namespace Renda.Platform.Demo;

/// <summary>The word lists the demo county is made from. Changing any list changes every demo name
/// (the generator draws from them in order), so tests compare two loads, not fixed names.</summary>
internal static class DemoNames
{
    /// <summary>Common surnames, the most common in Zhejiang first (drawn three times as often).</summary>
    public static readonly string[] CommonSurnames =
        ["王", "陈", "张", "李", "吴", "徐", "刘", "周", "朱", "杨", "沈", "黄", "胡", "金", "何", "郑", "林", "钱", "潘", "汪"];

    public static readonly string[] OtherSurnames =
    [
        "孙", "高", "郭", "马", "罗", "梁", "宋", "谢", "韩", "唐", "冯", "董", "程", "曹", "袁", "许", "彭", "吕", "蒋", "蔡",
        "丁", "魏", "叶", "余", "杜", "夏", "田", "任", "姜", "范", "方", "石", "姚", "章", "陆", "邵", "俞", "施", "严", "应",
        "毛", "戴", "鲍", "诸", "费", "邱", "孔", "卢", "傅", "屠",
    ];

    /// <summary>The She (畲族) people's own surnames.</summary>
    public static readonly string[] SheSurnames = ["雷", "蓝", "钟"];

    public static readonly string[] MaleFirst = ["建", "国", "志", "永", "海", "晓", "伟", "立", "文", "春", "金", "德", "明", "家", "俊", "宏", "振", "浩"];
    public static readonly string[] MaleLast =
    [
        "伟", "强", "军", "明", "华", "平", "林", "杰", "涛", "斌", "勇", "磊", "峰", "俊", "东", "荣", "新", "刚", "辉", "鹏",
        "亮", "超", "忠", "成", "良", "兵", "宇", "健", "波", "锋", "松", "江", "龙", "祥", "根", "民", "飞", "彬",
    ];

    public static readonly string[] FemaleFirst = ["秀", "晓", "丽", "美", "玉", "雪", "春", "海", "佳", "静", "慧", "小", "素", "月"];
    public static readonly string[] FemaleLast =
    [
        "芳", "娟", "敏", "静", "丽", "艳", "霞", "燕", "玲", "红", "英", "萍", "慧", "琴", "婷", "梅", "兰", "凤", "洁", "颖",
        "莉", "倩", "丹", "琳", "薇", "雯", "珍", "芬", "娜", "蓉",
    ];

    /// <summary>First and second characters of invented enterprise names (no real firm intended).</summary>
    public static readonly string[] FirmFirst = ["天", "华", "竹", "安", "鑫", "恒", "宏", "立", "振", "博", "荣", "昌", "瑞", "德", "丰", "绿", "翠", "嘉", "永", "正"];
    public static readonly string[] FirmSecond = ["源", "峰", "盛", "达", "林", "泰", "新", "远", "茂", "辉", "隆", "信", "越", "和", "韵", "禾"];

    /// <summary>What a firm in Anji makes: bamboo, office chairs, white tea, tourism.</summary>
    public static readonly string[] FirmTrades =
    [
        "竹业有限公司", "椅业有限公司", "家具有限公司", "白茶有限公司", "竹木制品有限公司", "生态农业开发有限公司",
        "旅游发展有限公司", "新材料科技有限公司", "机械制造有限公司", "纺织有限公司", "建设工程有限公司", "物流有限公司",
    ];

    public static readonly string[] Roads = ["人民路", "文化路", "振兴路", "迎宾路", "健康路", "园区路", "新民路", "中心街", "解放路", "天目路", "竹乡大道", "白茶街"];

    /// <summary>County departments that answer opinions and suggestions (承办单位).</summary>
    public static readonly string[] Departments =
    [
        "安吉县住房和城乡建设局", "安吉县交通运输局", "安吉县自然资源和规划局", "安吉县教育局", "安吉县卫生健康局",
        "安吉县农业农村局", "湖州市生态环境局安吉分局", "安吉县水利局", "安吉县民政局", "安吉县人力资源和社会保障局",
        "安吉县市场监督管理局", "安吉县综合行政执法局", "安吉县公安局", "安吉县财政局", "安吉县发展和改革局",
    ];

    /// <summary>How many county representatives each township elects (by population); others get 15.</summary>
    public static readonly Dictionary<string, int> Seats = new(StringComparer.Ordinal)
    {
        ["递铺街道"] = 46, ["昌硕街道"] = 32, ["灵峰街道"] = 24, ["孝源街道"] = 18, ["鄣吴镇"] = 12, ["杭垓镇"] = 16,
        ["孝丰镇"] = 30, ["报福镇"] = 16, ["章村镇"] = 14, ["天荒坪镇"] = 18, ["梅溪镇"] = 26, ["天子湖镇"] = 24,
        ["溪龙乡"] = 12, ["上墅乡"] = 12, ["山川乡"] = 10,
    };

    /// <summary>The mountain townships of the south-west, where most of Anji's She community lives.</summary>
    public static readonly HashSet<string> SheTownships = new(StringComparer.Ordinal) { "章村镇", "报福镇", "杭垓镇", "山川乡" };
}

namespace Renda.UnitTests.Opinions;

/// <summary>Opinions as citizens write them: five about parking (停车难) from three stations, in different
/// words, and others about street lights, schools, rivers, water, care for the elderly and roads.</summary>
public static class HotTopicSamples
{
    public static readonly string[] Parking =
    [
        "阳光小区停车难，晚上下班回来根本找不到停车位，希望增加停车位。",
        "我们小区停车位太少，停车难问题越来越严重，很多车只能停在路边。",
        "建议在菜市场附近规划建设公共停车场，缓解周边小区停车难。",
        "老旧小区停车位严重不足，车辆乱停乱放，消防通道被占用，停车难亟待解决。",
        "小区里停车难，私家车越来越多，停车位远远不够，请求解决。",
    ];

    public const string StreetLight = "村口的路灯坏了好几个月，晚上出行很不安全，希望尽快修好。";

    public static readonly string[] Others =
    [
        StreetLight,
        "学校门口上下学时段交通拥堵，建议增加交警疏导。",
        "河道里垃圾漂浮，水体发臭，希望环保部门清理整治。",
        "农村自来水水压不足，高处的住户经常停水。",
        "村里老人多，希望建设居家养老服务中心，解决老人吃饭难。",
        "通往镇上的公路坑坑洼洼，下雨天积水严重，建议修缮。",
        "菜市场卫生条件差，地面脏乱，污水横流。",
    ];
}

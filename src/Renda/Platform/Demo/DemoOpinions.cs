using System.Text.Json;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Opinions;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Workflow;
using static Renda.Platform.Demo.DemoNames;

namespace Renda.Platform.Demo;

/// <summary>A year of citizen opinions in the demo county (民意直通车), deterministic like the rest: real problem
/// phrases × the county's roads, stations and villages, across stations, receiving representatives, categories
/// and every state of the loop, with history rows that tell the same story as the row (submitted → triaged →
/// assigned → acknowledged → replied → rated…, each step dated after the one before). Old ones are mostly
/// closed and many published; some went back for another round after an 不满意; recent ones wait at every
/// step, and those past their deadline carry the overdue flag.</summary>
internal static class DemoOpinions
{
    public const int Count = 900;
    private const string Staff = "demo-staff", Leader = "demo-leader";

    /// <summary>(category, unit keyword, problems): what people actually write, by theme.</summary>
    private static readonly (string Category, string Unit, string[] Problems)[] Themes =
    [
        ("urban_construction", "住房和城乡建设", [
            "路灯坏了好几个月，晚上出行很不安全", "老旧小区想加装电梯，资金分摊谈不拢", "小区停车位严重不足，乱停车堵住消防通道",
            "雨污管网堵塞，一下雨路面就积水", "小区外墙瓷砖脱落，存在安全隐患", "公共厕所长期无人保洁", "违章搭建占用公共绿地"]),
        ("transport", "交通运输", [
            "公交班次太少，早晚高峰等车要半小时以上", "学校门口上下学时段交通拥堵", "村道路面破损坑洼，电瓶车容易摔倒",
            "路口缺少红绿灯，车辆抢行很危险", "农村客运站台没有遮雨棚", "货车超载压坏乡村道路", "停车收费标准不清楚，乱收费"]),
        ("environment", "生态环境", [
            "竹制品加工厂排放废水，河水发黑发臭", "夜间施工噪音扰民，影响休息", "垃圾分类投放点气味大，夏天苍蝇多",
            "河道里漂浮垃圾没人清理", "餐饮店油烟直排，居民无法开窗", "露天焚烧秸秆，烟雾很大"]),
        ("agriculture", "农业农村", [
            "白茶收购价格波动大，希望帮助拓宽销路", "农田灌溉水渠年久失修", "村里的文化礼堂平时不开放",
            "土地流转租金迟迟没有兑付", "山林防火通道杂草丛生", "农家乐污水处理设施不够"]),
        ("education", "教育", [
            "学校食堂饭菜价格偏高", "幼儿园入园名额紧张，报名难", "校车线路没有覆盖我们村",
            "课后托管时间太短，双职工接不了孩子", "学校周边有流动摊贩卖三无食品"]),
        ("health", "卫生健康", [
            "村卫生室医生不够，看病要跑到镇上", "医院挂号排队时间太长", "社区卫生服务中心药品种类太少",
            "希望开通老年人就医绿色通道", "家庭医生签约后很少上门随访"]),
        ("social_security", "人力资源和社会保障", [
            "医保报销比例偏低，大病负担重", "灵活就业人员社保缴费流程复杂", "被征地农民养老保险待遇偏低",
            "拖欠农民工工资，多次讨要无果"]),
        ("elderly_care", "民政", [
            "居家养老服务中心助餐点太远", "养老院床位紧张，排队一年多", "独居老人缺少定期探访",
            "老年食堂饭菜不合口味，希望改进"]),
        ("public_safety", "公安", [
            "小区监控探头坏了很久没人修", "电动自行车在楼道充电，有火灾隐患", "夜市周边治安较差，经常有人酗酒闹事",
            "电信诈骗宣传不到位，老人容易上当"]),
        ("economy", "市场监督管理", [
            "菜市场缺斤短两现象时有发生", "小微企业贷款难，希望出台扶持政策", "农贸市场周边占道经营，影响通行",
            "网购售后投诉渠道不畅"]),
        ("utilities", "水利", [
            "自来水水压不稳，高楼层经常停水", "饮用水有异味，担心水质", "山塘水库堤坝有裂缝", "雨季溪沟排洪不畅，农田被淹"]),
    ];

    private static readonly string[] Asks =
    [
        "希望有关部门尽快解决。", "请相关单位来现场看一看。", "群众反映多次，希望给个答复。", "建议统一规划、分步实施。",
        "希望代表帮忙反映。", "", "恳请予以重视。",
    ];

    private static readonly string[] Replies =
    [
        "经现场核实，已安排施工队维修，目前已恢复正常。", "已会同属地乡镇现场踏勘，列入今年整改计划，预计年底前完成。",
        "已联系责任单位整改，并加强日常巡查，后续将持续跟踪。", "经研究，因资金和规划条件限制，暂无法实施，已向反映人作出解释。",
        "已督促相关企业整改到位，并开展复查，群众反映的问题已解决。", "已纳入民生实事项目候选，待代表票决后实施。",
    ];

    public static async Task AddAsync(AppDbContext db, DemoCounty world, PersonalData personal, TimeProvider clock, CancellationToken ct)
    {
        var rnd = new Random(DemoSeeder.Seed + 4);
        var calendar = WorkingDayCalendar.FromEmbeddedData();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var stations = world.Stations.Where(s => s.JurisdictionCode.StartsWith(DemoSeeder.CountyCode, StringComparison.Ordinal)).ToList();
        var reps = world.Representatives;
        var unitsByKeyword = Themes.ToDictionary(t => t.Unit, t => world.HandlingUnits.FirstOrDefault(u => u.Name.Contains(t.Unit, StringComparison.Ordinal))
            ?? world.HandlingUnits[0]);
        var demoUnit = world.HandlingUnits.First(u => u.Name.Contains("住房和城乡建设", StringComparison.Ordinal));
        var definition = OpinionWorkflow.Definition;

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var plans = new List<(Opinion Opinion, List<WorkflowHistoryEntry> History, HashSet<long> Units)>();
            for (var i = 0; i < Count; i++)
            {
                var theme = Themes[rnd.Next(Themes.Length)];
                var station = stations[rnd.Next(stations.Count)];
                var township = station.JurisdictionCode.Length >= 9 ? station.JurisdictionCode[..9] : station.JurisdictionCode;
                var local = station.Representatives.Count > 0
                    ? station.Representatives.Select(r => r.RepresentativeId).ToList()
                    : reps.Where(r => r.JurisdictionCode.StartsWith(township, StringComparison.Ordinal)).Select(r => r.Id).ToList();
                long? repId = rnd.NextDouble() < 0.7 && local.Count > 0 ? local[rnd.Next(local.Count)] : null;
                var rep = repId is { } rid ? reps.First(r => r.Id == rid) : null;
                var place = rnd.Next(3) switch
                {
                    0 => Roads[rnd.Next(Roads.Length)] + "附近",
                    1 => PlaceOf(station.Name) + "一带",
                    _ => "我们小区",
                };
                var problem = theme.Problems[rnd.Next(theme.Problems.Length)];
                var content = $"{place}{problem}。{Asks[rnd.Next(Asks.Length)]}".Trim();
                // Older ones more often; the newest weeks hold the open queue.
                var age = (int)Math.Floor(Math.Pow(rnd.NextDouble(), 1.3) * 365);
                var created = now.AddDays(-age).AddMinutes(-rnd.Next(0, 600));
                var phone = $"1{PickDigit(rnd, "3578")}{rnd.Next(0, 1_000_000_000):D9}";
                string? name = rnd.NextDouble() < 0.3 ? null
                    : CommonSurnames[rnd.Next(CommonSurnames.Length)] + (rnd.Next(2) == 0
                        ? MaleFirst[rnd.Next(MaleFirst.Length)] + MaleLast[rnd.Next(MaleLast.Length)]
                        : FemaleFirst[rnd.Next(FemaleFirst.Length)] + FemaleLast[rnd.Next(FemaleLast.Length)]);
                var channel = rnd.Next(10) switch
                {
                    < 4 => OpinionChannels.StationCode,
                    < 6 => repId is null ? OpinionChannels.Web : OpinionChannels.RepresentativeCode,
                    < 8 => OpinionChannels.Reception,
                    < 9 => OpinionChannels.Hotline,
                    _ => OpinionChannels.Web,
                };
                var o = new Opinion
                {
                    JurisdictionCode = rep?.JurisdictionCode ?? station.JurisdictionCode,
                    TrackingCode = TrackingCodes.New(),
                    Content = content,
                    Category = rnd.NextDouble() < 0.6 ? theme.Category : null,
                    Channel = channel,
                    StationId = channel == OpinionChannels.Hotline ? null : station.Id,
                    RepresentativeId = repId,
                    Anonymous = name is null,
                    SubmitterNameCipher = personal.Protect(name),
                    PhoneCipher = personal.Protect(phone),
                    PhoneIndex = personal.BlindIndex(phone),
                    PhoneMasked = Masking.Phone(phone),
                    ConsentGiven = true,
                    ExternalSource = channel == OpinionChannels.Hotline ? "12345" : null,
                    ExternalId = channel == OpinionChannels.Hotline ? $"AJ{created:yyyyMMdd}{i:D5}" : null,
                    CreatedAt = created,
                    CreatedBy = channel == OpinionChannels.Reception ? "demo-station" : channel == OpinionChannels.Hotline ? "12345-feed" : "anonymous",
                    State = "submitted",
                };
                var unit = unitsByKeyword[theme.Unit];
                var story = new Story(o, definition, rnd, created, now);
                story.Step("", "submit", "submitted", o.CreatedBy, "anyone", data: new { channel, stationId = o.StationId, representativeId = repId });
                var wrong = world.HandlingUnits.First(u => u.Id != unit.Id);
                Play(story, theme.Category, unit, unit.Id == demoUnit.Id ? "demo-unit" : UnitActor(unit), wrong, age, calendar, today, rnd);
                plans.Add((o, story.History, story.Units));
            }
            db.AddRange(plans.Select(p => p.Opinion));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            foreach (var (o, history, units) in plans)
            {
                foreach (var h in history) { h.EntityId = o.Id; h.JurisdictionCode = o.JurisdictionCode; }
                db.WorkflowHistory.AddRange(history);
                foreach (var u in units)
                    db.Add(new OpinionUnitLink { OpinionId = o.Id, UnitId = u, JurisdictionCode = o.JurisdictionCode,
                        FirstAssignedAt = history.First(h => h.Action == "assign").At });
            }
            // Merges point at an open opinion of the same jurisdiction created earlier.
            var open = plans.Select(p => p.Opinion).Where(o => definition.OpenStates.Contains(o.State)).ToList();
            foreach (var merged in plans.Select(p => p.Opinion).Where(o => o.State == "merged"))
            {
                var target = open.Where(o => o.JurisdictionCode == merged.JurisdictionCode && o.Id != merged.Id).OrderBy(o => Math.Abs((o.CreatedAt - merged.CreatedAt).Ticks)).FirstOrDefault()
                    ?? open.First(o => o.Id != merged.Id);
                merged.MergedIntoId = target.Id;
                var step = plans.First(p => p.Opinion == merged).History.Last();
                step.Data = JsonSerializer.Serialize(new { targetId = target.Id, target = TrackingCodes.Display(target.TrackingCode) }, Json);
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The place a station stands for: its name without the kind of station (孝丰镇人大代表联络站 → 孝丰镇).</summary>
    private static string PlaceOf(string stationName)
    {
        foreach (var suffix in new[] { "人大代表联络站", "人大代表之家", "代表联络站", "代表联络点", "代表之家", "联络站", "联络点" })
            if (stationName.EndsWith(suffix, StringComparison.Ordinal)) return stationName[..^suffix.Length];
        return stationName;
    }

    private static string UnitActor(HandlingUnit unit) => unit.Name + "办理员";

    private static char PickDigit(Random rnd, string digits) => digits[rnd.Next(digits.Length)];

    /// <summary>Walks one opinion through the loop as far as its age and luck take it.</summary>
    private static void Play(Story s, string category, HandlingUnit unit, string unitActor, HandlingUnit wrong, int age, WorkingDayCalendar calendar,
        DateOnly today, Random rnd)
    {
        var o = s.Opinion;
        var roll = rnd.NextDouble();
        // A few never get past the first look: merged as duplicates, declined, or escalated.
        if (roll < 0.04) { s.Step("submitted", "merge", "merged", Staff, "congress_staff", hours: 20); return; }
        if (roll < 0.07)
        {
            o.DeclineReason = "所反映事项属于司法程序范围，请依法向人民法院反映。";
            s.Step("submitted", "decline", "declined", Staff, "congress_staff", hours: 24, comment: o.DeclineReason);
            return;
        }
        if (age < 2 && roll < 0.6) return;                                   // still waiting for triage
        o.Category ??= category;
        o.Urgency = rnd.NextDouble() < 0.1 ? OpinionUrgency.Urgent : OpinionUrgency.Normal;
        s.Step("submitted", "triage", "triaged", Staff, "congress_staff", hours: 18, data: new { category = o.Category, urgency = o.Urgency });
        if (roll < 0.09)
        {
            o.EscalatedTo = EscalationKinds.UpperLevel;
            s.Step("triaged", "escalate", "escalated", Staff, "congress_staff", hours: 30, comment: "涉及跨县域事项，报请市人大常委会协调。", data: new { kind = o.EscalatedTo });
            return;
        }
        if (age < 4 && roll < 0.7) return;                                   // triaged, not yet assigned
        if (roll > 0.97 && s.CanAdvance(30))
        {
            // Sent to a unit that returned it, then to the right one.
            Assign(s, wrong, calendar, rnd);
            s.Step("assigned", "return", "triaged", UnitActor(wrong), "assigned_unit", hours: 26, comment: "该事项不属于本单位职责范围，建议交由相关部门办理。", data: new { unitId = wrong.Id });
            o.UnitId = null; o.DueDate = null; o.AssignedAt = null;
        }
        Assign(s, unit, calendar, rnd);
        if (!s.CanAdvance(20)) return;
        s.Step("assigned", "acknowledge", "in_progress", unitActor, "assigned_unit", hours: 20);
        o.AcknowledgedAt = s.At;
        if (rnd.NextDouble() < 0.12 && s.CanAdvance(100))
            s.Step("in_progress", "supervise", "in_progress", rnd.Next(2) == 0 ? Staff : Leader, "congress_staff", hours: 90,
                comment: "群众反映较为集中，请抓紧办理并按期答复。", data: new { count = ++o.SupervisionCount });
        var rounds = rnd.NextDouble() < 0.12 ? 1 : 0;
        for (var round = 0; ; round++)
        {
            var handling = 24 * (3 + rnd.Next(0, 25));
            if (!s.CanAdvance(handling))
            {
                o.Overdue = o.DueDate is { } due && due < today;
                return;
            }
            s.Advance(handling);
            o.ReplyContent = Replies[rnd.Next(Replies.Length)];
            o.RepliedAt = s.At;
            o.RepliedLate = o.DueDate is { } d && DateOnly.FromDateTime(s.At + ChinaTime.Offset) > d;
            s.Step("in_progress", "reply", "replied", unitActor, "assigned_unit", hours: 1, data: new { late = o.RepliedLate, round = o.Round });
            if (!s.CanAdvance(24 * 5)) return;                                // waiting for the rating
            var unsatisfied = round < rounds;
            var rating = unsatisfied ? OpinionRatings.Unsatisfied : rnd.NextDouble() < 0.75 ? OpinionRatings.Satisfied : OpinionRatings.BasicallySatisfied;
            var byRep = o.RepresentativeId is not null && rnd.Next(3) == 0;
            o.Rating = rating;
            if (unsatisfied)
            {
                o.RatingComment = "问题没有根本解决，希望再跟进。";
                o.Round++;
                s.Step("replied", "rate", "in_progress", byRep ? "demo-rep" : "citizen", byRep ? "receiving_representative" : "submitter",
                    hours: 72, data: new { rating, round = o.Round });
                o.RatedAt = s.At;
                o.DueDate = calendar.Deadline(DateOnly.FromDateTime(s.At + ChinaTime.Offset), 15).Date;
                continue;
            }
            o.RatingComment = null;
            s.Step("replied", "rate", "closed", byRep ? "demo-rep" : "citizen", byRep ? "receiving_representative" : "submitter",
                hours: 72, data: new { rating, round = o.Round });
            o.RatedAt = o.ClosedAt = s.At;
            o.ClosedReason = "rated";
            if (s.CanAdvance(24 * 10) && rnd.NextDouble() < 0.55)
            {
                s.Step("closed", "publish", "closed", Staff, "congress_staff", hours: 24 * 7);
                o.PublishedAt = s.At;
            }
            return;
        }
    }

    private static void Assign(Story s, HandlingUnit unit, WorkingDayCalendar calendar, Random rnd)
    {
        var o = s.Opinion;
        s.Advance(6 + rnd.Next(0, 40));
        o.UnitId = unit.Id;
        o.AssignedAt = s.At;
        o.DueDate = calendar.Deadline(DateOnly.FromDateTime(s.At + ChinaTime.Offset), 15).Date;
        o.Overdue = false;
        s.Units.Add(unit.Id);
        s.Step("triaged", "assign", "assigned", Staff, "congress_staff", hours: 0,
            data: new { unitId = unit.Id, unit = unit.Name, deadline = ChinaTime.Format(o.DueDate.Value) });
    }

    /// <summary>The dated steps of one opinion; never later than now.</summary>
    private sealed class Story(Opinion opinion, WorkflowDefinition<Opinion> definition, Random rnd, DateTime start, DateTime now)
    {
        public Opinion Opinion { get; } = opinion;
        public List<WorkflowHistoryEntry> History { get; } = [];
        public DateTime At { get; private set; } = start;
        public HashSet<long> Units { get; } = [];

        public bool CanAdvance(int hours) => At.AddHours(hours) < now;

        public void Advance(int hours)
        {
            var next = At.AddHours(hours).AddMinutes(rnd.Next(0, 50));
            At = next < now ? next : now;
        }

        public void Step(string from, string action, string to, string actor, string role, int hours = 0, string? comment = null, object? data = null)
        {
            if (hours > 0)
            {
                var next = At.AddHours(hours).AddMinutes(rnd.Next(0, 50));
                At = next < now ? next : now;
            }
            Opinion.State = to;
            History.Add(new WorkflowHistoryEntry
            {
                Workflow = definition.Name, FromState = from, Action = action, ToState = to, Actor = actor, ActorRole = role,
                At = At, Comment = comment, Data = data is null ? null : JsonSerializer.Serialize(data, Json),
            });
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Renda.Modules.Performance;
using Renda.Modules.Suggestions;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Workflow;

namespace Renda.Platform.Demo;

/// <summary>The latest session's suggestions and motions, in every state of the workflow, so that the lists,
/// the unit board, the rates and the compilation have something real to show. Written directly (with their
/// history rows and duty records), as seeding does; dates of open items follow the day of loading, so that
/// deadlines and overdue flags look current. The demo representative (demo-rep) has a draft with a co-signer,
/// a reply to evaluate and a closed one; the demo unit (住建局) holds items to acknowledge and to answer.</summary>
internal static class DemoSuggestions
{
    private static readonly (string Title, string Category, string Problem)[] Topics =
    [
        ("关于加快县城老旧小区加装电梯的建议", "城乡建设", "老旧小区多为六层以下住宅，老年住户上下楼困难，加装电梯意见难统一、审批环节多。"),
        ("关于缓解县城学校周边上下学交通拥堵的建议", "交通运输", "上下学高峰学校周边道路拥堵，接送车辆乱停乱放，存在安全隐患。"),
        ("关于提升农村饮用水水压和水质的建议", "农业农村", "部分山区村饮用水水压不足，雨季浑浊，群众反映强烈。"),
        ("关于完善竹林作业道路建设的建议", "农业农村", "竹林作业道路多为土路，雨天无法通行，竹农运输成本高。"),
        ("关于优化城乡公交线路和班次的建议", "交通运输", "部分乡镇公交班次少、末班车早，群众出行不便。"),
        ("关于加强西苕溪流域水环境治理的建议", "生态环保", "西苕溪部分河段存在生活污水直排，水质季节性波动。"),
        ("关于推进集镇污水管网全覆盖的建议", "生态环保", "部分集镇污水管网未接通，雨污混流问题突出。"),
        ("关于完善居家养老服务体系的建议", "社会保障", "居家养老服务站活动少、专业护理人员不足。"),
        ("关于简化民宿消防审批流程的建议", "计划财经", "民宿消防审批流程繁琐、标准不一，经营者反映办理时间长。"),
        ("关于加强白茶品牌保护和销售渠道建设的建议", "农业农村", "安吉白茶冒牌产品多，茶农销售渠道单一。"),
        ("关于解决县城停车难问题的建议", "城乡建设", "县城中心区停车位缺口大，占道停车现象普遍。"),
        ("关于提升村级文化礼堂使用效率的建议", "教科文卫", "部分文化礼堂建成后使用率低，活动内容单一。"),
        ("关于加强山塘水库安全管理的建议", "城乡建设", "雨季部分山塘水库存在安全隐患，管护责任不清。"),
        ("关于推进快递进村“最后一公里”的建议", "交通运输", "山区村快递需到镇上自取，群众收寄不便。"),
        ("关于缩短农房翻建审批时间的建议", "城乡建设", "农房翻建审批环节多、时间长，群众多次往返。"),
        ("关于改善农贸市场环境卫生的建议", "城乡建设", "部分农贸市场环境脏乱，排水不畅。"),
        ("关于加强中小学心理健康教育的建议", "教科文卫", "中小学心理健康专职教师不足，学生心理问题发现不及时。"),
        ("关于方便异地就医医保报销的建议", "社会保障", "异地就医备案和报销手续复杂，群众跑腿多。"),
        ("关于加强茶园病虫害绿色防控技术指导的建议", "农业农村", "茶农缺少病虫害绿色防控技术指导，农药使用不规范。"),
        ("关于完善乡村医生队伍建设的建议", "教科文卫", "乡村医生年龄偏大、后继乏人。"),
        ("关于加快数字乡村建设的建议", "计划财经", "部分偏远村网络信号弱，数字化服务难以覆盖。"),
        ("关于加强河道日常保洁的建议", "生态环保", "部分河道保洁不及时，汛后垃圾堆积。"),
        ("关于规范电动自行车停放充电管理的建议", "政法监察", "小区电动自行车楼道充电现象仍然存在，消防隐患大。"),
        ("关于支持竹产业转型升级的建议", "计划财经", "竹产业加工附加值低，企业转型资金不足。"),
    ];

    private static readonly string[] Replies =
    [
        "经研究，已将该事项列入年度重点工作，组织专班推进，目前已完成主体工程，群众反映的问题已基本解决。",
        "该建议已列入下一年度实施计划，将分批推进，我局将及时向代表反馈进展。",
        "受资金和用地条件限制，目前暂不具备实施条件，我局将在编制相关规划时予以统筹考虑。",
    ];

    private sealed record Plan(string State, int Round = 1, string? Result = null, string? Rating = null, bool Key = false,
        bool CarriedOver = false, bool Overdue = false, string Kind = SuggestionTerms.Suggestion);

    public static async Task AddAsync(AppDbContext db, DemoCounty world, TimeProvider clock, CancellationToken ct)
    {
        var calendar = WorkingDayCalendar.FromEmbeddedData();
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var term = world.CurrentTerm;
        var session = term.Sessions.OrderBy(s => s.Number).Last();
        var reps = world.Representatives.Where(r => r.TermId == term.Id).OrderBy(r => r.Id).ToList();
        var demoRep = reps[0];
        var units = world.HandlingUnits.OrderBy(u => u.Id).ToList();
        var housing = units.First(u => u.Name.Contains("住房和城乡建设", StringComparison.Ordinal));
        DateTime At(DateOnly day, int hour) => DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, 0)) - ChinaTime.Offset, DateTimeKind.Utc);
        var filedAt = At(session.StartsOn, 10);

        Plan[] plans =
        [
            new("draft"), new("submitted"), new("submitted", Kind: SuggestionTerms.Motion), new("returned"),
            new("registered"), new("registered"), new("assigned"), new("assigned"), new("assigned", Overdue: true),
            new("in_progress"), new("in_progress", Key: true), new("in_progress", Overdue: true), new("in_progress", CarriedOver: true, Overdue: true),
            new("in_progress", Round: 2, Rating: SuggestionTerms.Unsatisfied, Result: SuggestionTerms.InProgressPlan),
            new("replied", Result: SuggestionTerms.Solved), new("replied", Result: SuggestionTerms.InProgressPlan), new("replied", Result: SuggestionTerms.Explained),
            new("closed", Result: SuggestionTerms.Solved, Rating: SuggestionTerms.Satisfied), new("closed", Result: SuggestionTerms.Solved, Rating: SuggestionTerms.Satisfied, Key: true),
            new("closed", Result: SuggestionTerms.Solved, Rating: SuggestionTerms.BasicallySatisfied), new("closed", Result: SuggestionTerms.InProgressPlan, Rating: SuggestionTerms.BasicallySatisfied),
            new("closed", Result: SuggestionTerms.InProgressPlan, Rating: SuggestionTerms.Satisfied), new("closed", Result: SuggestionTerms.Explained, Rating: SuggestionTerms.BasicallySatisfied),
            new("closed", Round: 2, Result: SuggestionTerms.Solved, Rating: SuggestionTerms.Satisfied),
        ];
        var list = new List<(Suggestion S, Plan P)>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < plans.Length; i++)
        {
            var p = plans[i];
            var (title, category, problem) = Topics[i % Topics.Length];
            if (p.Kind == SuggestionTerms.Motion) title = title.Replace("的建议", "的议案", StringComparison.Ordinal);
            // The demo representative files the draft, the first reply to evaluate and the first closed one.
            var filer = i == 0 || p.State == "replied" && !list.Any(x => x.P.State == "replied") || p.State == "closed" && !list.Any(x => x.P.State == "closed")
                ? demoRep : reps[(i * 7 + 3) % reps.Count];
            var s = new Suggestion
            {
                JurisdictionCode = term.JurisdictionCode, TermId = term.Id, Kind = p.Kind, FilerId = filer.Id, Title = title, Category = category,
                Body = $"{problem}建议相关部门深入调研，统筹资金和政策，明确责任和时限，切实解决群众反映的问题。", Problem = problem,
                Proposal = "一是加强统筹协调；二是加大资金投入；三是建立长效机制。", State = p.State, Round = p.Round, CreatedAt = filedAt,
                Period = p.State == "draft" ? SuggestionTerms.Recess : SuggestionTerms.Session,
                SessionId = p.State == "draft" ? null : session.Id, SubmittedAt = p.State == "draft" ? null : filedAt,
                IsKey = p.Key, KeyLeaderUserName = p.Key ? "demo-leader" : null, CarriedOver = p.CarriedOver,
                CarriedIntoYear = p.CarriedOver ? today.Year + 1 : null,
            };
            if (p.State == "draft") s.CreatedAt = now.AddDays(-1);
            var coSigner = reps[(i * 11 + 5) % reps.Count];
            if (coSigner.Id != filer.Id)
                s.CoSigners.Add(new SuggestionCoSigner { RepresentativeId = coSigner.Id, JurisdictionCode = s.JurisdictionCode, InvitedAt = filedAt,
                    ConfirmedAt = p.State == "draft" ? null : filedAt });
            if (p.Kind == SuggestionTerms.Motion)
                foreach (var extra in reps.Skip(20 + i).Take(9).Where(r => r.Id != filer.Id && r.Id != coSigner.Id))
                    s.CoSigners.Add(new SuggestionCoSigner { RepresentativeId = extra.Id, JurisdictionCode = s.JurisdictionCode, InvitedAt = filedAt, ConfirmedAt = filedAt });
            if (p.State == "returned") s.ReturnReason = "所提事项属个人诉求，建议通过信访渠道反映";
            if (p.State is not ("draft" or "submitted" or "returned"))
            {
                numbers[s.Kind] = numbers.GetValueOrDefault(s.Kind) + 1;
                s.Number = numbers[s.Kind];
                s.RegisteredAt = At(session.EndsOn, 9);
            }
            if (p.State is "assigned" or "in_progress" or "replied" or "closed")
            {
                var lead = p.State is "assigned" or "in_progress" && i % 2 == 0 ? housing : units[(i * 5) % units.Count];
                var co = units[(i * 5 + 3) % units.Count];
                var open = p.State is "assigned" or "in_progress";
                var assignedOn = open ? today.AddDays(p.Overdue ? -120 : p.Round > 1 ? -80 : -(10 + i)) : session.EndsOn.AddDays(14);
                s.FirstAssignedAt = s.AssignedAt = At(assignedOn, 9);
                s.LeadUnitId = lead.Id;
                s.Deadline = calendar.Deadline(assignedOn, 60).Date;
                if (p.Overdue && s.Deadline >= today) s.Deadline = today.AddDays(-3);
                s.Units.Add(new SuggestionUnit { HandlingUnitId = lead.Id, Role = SuggestionTerms.Lead, JurisdictionCode = s.JurisdictionCode });
                if (co.Id != lead.Id && i % 3 == 0)
                    s.Units.Add(new SuggestionUnit { HandlingUnitId = co.Id, Role = SuggestionTerms.Co, JurisdictionCode = s.JurisdictionCode,
                        Opinion = p.State == "assigned" ? null : "我局将积极配合主办单位，在职责范围内做好相关工作。", OpinionAt = p.State == "assigned" ? null : s.AssignedAt.Value.AddDays(10) });
                if (p.State != "assigned") s.AcknowledgedAt = s.AssignedAt.Value.AddDays(2);
                if (p.Result is { } result)
                {
                    var repliedOn = open ? assignedOn.AddDays(40) : assignedOn.AddDays(45 + i % 20);
                    s.FirstRepliedAt = s.RepliedAt = At(repliedOn, 15);
                    s.RepliedOnTime = repliedOn <= s.Deadline;
                    s.ResultClass = result;
                    s.ReplyContent = Replies[Array.IndexOf(SuggestionTerms.ResultClasses, result)];
                }
                if (p.State == "closed")
                {
                    s.Rating = p.Rating;
                    s.EvaluatedAt = s.ClosedAt = s.RepliedAt!.Value.AddDays(p.Round > 1 ? 40 : 7);
                }
                if (p.Rating == SuggestionTerms.Unsatisfied)
                {
                    s.Rating = p.Rating;
                    s.EvaluatedAt = s.RepliedAt!.Value.AddDays(5);
                    s.Deadline = calendar.Deadline(DateOnly.FromDateTime(s.EvaluatedAt.Value + ChinaTime.Offset), 22).Date;
                }
                if (p.Overdue || p.Key) { s.SupervisionCount = 1; s.LastSupervisedAt = now.AddDays(-2); }
            }
            list.Add((s, p));
            db.Add(s);
        }
        await db.SaveChangesAsync(ct);

        foreach (var (s, p) in list)
        {
            foreach (var h in History(s, p, filedAt)) db.WorkflowHistory.Add(h);
            if (s.State == "draft") continue;
            var id = s.Id.ToString(CultureInfo.InvariantCulture);
            var day = DateOnly.FromDateTime(filedAt + ChinaTime.Offset);
            await DutyArchive.RecordAsync(db, new DutyEntry(s.FilerId, s.Kind == SuggestionTerms.Motion ? DutyKinds.MotionFiled : DutyKinds.SuggestionFiled,
                day, $"领衔提出{SuggestionTerms.KindLabel(s.Kind, false)}：{s.Title}", SuggestionActions.DutySource, id), ct);
            foreach (var c in s.CoSigners.Where(c => c.ConfirmedAt is not null))
                await DutyArchive.RecordAsync(db, new DutyEntry(c.RepresentativeId, DutyKinds.CoSigned, day,
                    $"联名{SuggestionTerms.KindLabel(s.Kind, false)}：{s.Title}", SuggestionActions.DutySource, id), ct);
            if (s.EvaluatedAt is { } evaluated)
                await DutyArchive.RecordAsync(db, new DutyEntry(s.FilerId, DutyKinds.SuggestionEvaluated, DateOnly.FromDateTime(evaluated + ChinaTime.Offset),
                    $"评价建议办理（{SuggestionTerms.RatingLabel(s.Rating, false)}）：{s.Title}", SuggestionActions.DutySource, $"{id}-r1"), ct);
        }
        var key = list.First(x => x.P.Key && x.S.State == "in_progress").S;
        var meetingDay = ChinaTime.Today(clock).AddDays(-5);
        db.Add(new SuggestionMeeting { SuggestionId = key.Id, JurisdictionCode = key.JurisdictionCode, HeldOn = meetingDay, Place = "县人大常委会第二会议室",
            Participants = "领衔代表、主办单位分管负责人、县人大常委会代表工委", Notes = "就实施方案和时间节点交换意见", RecordedAt = now, RecordedBy = "demo-staff" });
        await DutyArchive.RecordAsync(db, new DutyEntry(key.FilerId, DutyKinds.SuggestionMeeting, meetingDay, $"就建议“{key.Title}”与承办单位见面沟通",
            SuggestionActions.DutySource, "meeting-demo-" + key.Id.ToString(CultureInfo.InvariantCulture)), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The history rows the workflow would have written on the way to the item's state.</summary>
    private static IEnumerable<WorkflowHistoryEntry> History(Suggestion s, Plan p, DateTime filedAt)
    {
        WorkflowHistoryEntry H(string from, string action, string to, DateTime at, string actor, string role, string? comment = null, object? data = null) => new()
        {
            Workflow = SuggestionWorkflow.Definition.Name, EntityId = s.Id, FromState = from, Action = action, ToState = to, At = at, Actor = actor,
            ActorRole = role, Comment = comment, Data = data is null ? null : JsonSerializer.Serialize(data, JsonSerializerOptions.Web), JurisdictionCode = s.JurisdictionCode,
        };
        yield return H("", "draft", "draft", s.CreatedAt, "demo-seeder", "representative");
        if (p.State == "draft") yield break;
        yield return H("draft", "submit", "submitted", filedAt, "demo-seeder", "filer");
        if (p.State == "submitted") yield break;
        if (p.State == "returned") { yield return H("submitted", "return", "returned", filedAt.AddDays(2), "demo-staff", "congress_staff", s.ReturnReason); yield break; }
        yield return H("submitted", "register", "registered", s.RegisteredAt!.Value, "demo-staff", "congress_staff", data: new { number = s.Number });
        if (p.State == "registered") yield break;
        yield return H("registered", "assign", "assigned", s.AssignedAt!.Value, "demo-staff", "congress_staff",
            data: new { leadUnitId = s.LeadUnitId, deadline = s.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        if (p.Key) yield return H("assigned", "designate_key", "assigned", s.AssignedAt.Value.AddHours(1), "demo-staff", "congress_staff", data: new { leader = "demo-leader" });
        if (p.State == "assigned") yield break;
        yield return H("assigned", "acknowledge", "in_progress", s.AcknowledgedAt!.Value, "demo-unit", "lead_unit");
        if (p.Overdue) yield return H("in_progress", "supervise", "in_progress", s.LastSupervisedAt!.Value, "demo-leader", "leader", "已超过答复期限，请抓紧办理并与代表沟通");
        if (p.CarriedOver) yield return H("in_progress", "carry_over", "in_progress", s.LastSupervisedAt!.Value.AddHours(1), "demo-staff", "congress_staff");
        if (s.FirstRepliedAt is { } replied)
        {
            yield return H("in_progress", "reply", "replied", replied, "demo-unit", "lead_unit", data: new { resultClass = p.Round > 1 ? SuggestionTerms.InProgressPlan : s.ResultClass, round = 1 });
            if (p.Round > 1)
            {
                var evaluated = replied.AddDays(5);
                yield return H("replied", "evaluate", "in_progress", evaluated, "demo-seeder", "filer", "进展不明显，希望加快推进", new { rating = SuggestionTerms.Unsatisfied, round = 1 });
                if (p.State == "closed")
                {
                    yield return H("in_progress", "reply", "replied", evaluated.AddDays(20), "demo-unit", "lead_unit", data: new { resultClass = s.ResultClass, round = 2 });
                    yield return H("replied", "evaluate", "closed", s.EvaluatedAt!.Value, "demo-seeder", "filer", data: new { rating = s.Rating, round = 2 });
                }
            }
            else if (p.State == "closed")
                yield return H("replied", "evaluate", "closed", s.EvaluatedAt!.Value, "demo-seeder", "filer", data: new { rating = s.Rating, round = 1 });
        }
    }
}

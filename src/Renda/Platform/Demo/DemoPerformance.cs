using Microsoft.EntityFrameworkCore;
using Renda.Modules.Performance;
using Renda.Modules.Representatives;
using Renda.Platform.Calendar;
using Renda.Platform.Data;

namespace Renda.Platform.Demo;

/// <summary>履职 in the demo county, deterministic: the county's 100-point rulebook (12 criteria and a
/// deduction) for this year and last, a year of activities back from the load day with invitations and
/// attendance (some representatives never invited: the picker shows them first), the duty records of
/// those present, self-registered records (approved, pending, returned), and one closed 述职 with its
/// 民主测评. demo-rep (the first representative) takes part in several kinds.</summary>
internal static class DemoPerformance
{
    public static readonly (string Code, string Name, string Counts, decimal Points, decimal? Cap)[] Book =
    [
        ("JD", "接待选民", DutyKinds.Reception, 2m, 15m),
        ("HY", "参加会议（含列席、专题询问）", DutyKinds.Meeting, 3m, 15m),
        ("SC", "视察、调研、执法检查", DutyKinds.Inspection, 3m, 10m),
        ("JY", "提出建议、议案", $"{DutyKinds.SuggestionFiled},{DutyKinds.MotionFiled}", 5m, 10m),
        ("FY", "联名附议", DutyKinds.CoSigned, 1m, 5m),
        ("YJ", "处理选民意见", DutyKinds.OpinionHandled, 1m, 10m),
        ("LX", "联系选民（双联）", DutyKinds.VoterContact, 1m, 10m),
        ("PX", "参加培训", DutyKinds.Training, 2m, 6m),
        ("XZ", "代表小组活动", DutyKinds.GroupActivity, 2m, 6m),
        ("YZ", "应知应会答卷", DutyKinds.Quiz, 1m, 3m),
        ("ZZ", "自主登记履职活动", DutyKinds.SelfReported, 1m, 5m),
        ("SZ", "述职并接受测评", DutyKinds.Evaluation, 5m, 5m),
        ("KQ", "无故缺席（扣分）", ScoreCalculator.UnexcusedAbsence, -2m, 10m),
    ];

    private static readonly string[] Places = ["县人大常委会会议室", "递铺街道代表联络站", "孝丰镇人民政府", "县行政中心", "天荒坪镇余村", "灵峰街道代表之家"];

    private static readonly (string Type, string Title)[] Topics =
    [
        ("attend_meeting", "列席县人大常委会会议"), ("inspection", "视察白茶产业发展情况"), ("research", "调研农村养老服务"),
        ("law_enforcement_check", "《食品安全法》执法检查"), ("special_inquiry", "生态环境保护专题询问"), ("training", "代表履职能力培训"),
        ("group_activity", "代表小组集中活动"), ("meeting_day", "代表联络站统一见面日"), ("inspection", "视察重点工程建设"),
        ("research", "调研竹产业转型升级"),
    ];

    public static async Task AddAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var rnd = new Random(DemoSeeder.Seed + 4);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var year in new[] { today.Year - 1, today.Year })
            db.Add(new ScoringRulebook
            {
                JurisdictionCode = DemoSeeder.CountyCode, Year = year, Version = 1, Name = $"安吉县人大代表{year}年度履职积分办法",
                Note = "百分制，各项封顶；无故缺席扣分", CreatedAt = now, CreatedBy = "demo-staff",
                Criteria = Book.Select((c, i) => new ScoringCriterion
                {
                    Position = i + 1, Code = c.Code, Name = c.Name, Counts = c.Counts, PointsPerRecord = c.Points, Cap = c.Cap,
                }).ToList(),
            });

        var reps = await db.Set<Representative>().Where(r => r.JurisdictionCode.StartsWith(DemoSeeder.CountyCode) && r.Status == RepresentativeStatus.InOffice)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.JurisdictionCode }).ToListAsync(ct);
        var demoRep = reps[0];
        // A sixth of the representatives is never invited: the invitation picker lists them first.
        var invitable = reps.Where((r, i) => i == 0 || i % 6 != 5).ToList();
        var records = new List<DutyRecord>();
        DutyRecord Record(long rep, string code, string kind, DateOnly date, string title, string source, string sourceId, string? detail = null,
            DutyRecordState state = DutyRecordState.Approved) => new()
        {
            RepresentativeId = rep, JurisdictionCode = code, Kind = kind, Date = date, Title = title, Detail = detail, SourceModule = source,
            SourceId = sourceId, State = state, RecordedAt = now, RecordedBy = "demo-staff",
        };

        var activities = new List<Activity>();
        for (var i = 0; i < 36; i++)
        {
            var (type, title) = Topics[i % Topics.Length];
            var date = today.AddDays(-(i * 10 + 3));
            var a = new Activity
            {
                JurisdictionCode = DemoSeeder.CountyCode, Type = type, Title = title, Date = date, Place = Places[i % Places.Length],
                Organiser = "县人大常委会代表工作委员会", CreatedAt = now,
            };
            var invited = invitable.OrderBy(_ => rnd.Next()).Take(12 + rnd.Next(14)).ToList();
            if (i % 3 == 0 && !invited.Contains(demoRep)) invited.Add(demoRep);
            foreach (var r in invited)
            {
                var roll = rnd.Next(100);
                var attendance = r == demoRep || roll < 80 ? Attendance.Present : roll < 90 ? Attendance.Excused : Attendance.Absent;
                a.Invitations.Add(new ActivityInvitation
                {
                    RepresentativeId = r.Id, JurisdictionCode = r.JurisdictionCode, Attendance = date > today ? Attendance.Invited : attendance,
                    Reason = attendance == Attendance.Excused ? "工作冲突，已向代表工委请假" : null,
                });
            }
            activities.Add(a);
        }
        db.AddRange(activities);
        await db.SaveChangesAsync(ct);
        foreach (var a in activities)
        {
            var t = ActivityTypes.Find(a.Type)!;
            foreach (var inv in a.Invitations.Where(x => x.Attendance == Attendance.Present))
                records.Add(Record(inv.RepresentativeId, inv.JurisdictionCode, t.DutyKind, a.Date, $"{t.Zh}：{a.Title}", Activities.SourceModule,
                    $"activity:{a.Id}", $"{a.Place} · {a.Organiser}"));
        }

        // Records of kinds no module writes yet, so that every criterion has real shapes: quizzes and opinions
        // handled, a few representatives each (suggestions and co-signatures come from the suggestions demo).
        (string Kind, string Title, int Share)[] others =
        [
            (DutyKinds.Quiz, "应知应会知识答卷", 2), (DutyKinds.OpinionHandled, "处理选民反映的意见", 3),
        ];
        foreach (var (r, idx) in reps.Select((r, idx) => (r, idx)))
            foreach (var (kind, title, share) in others)
            {
                var n = r == demoRep ? 2 : rnd.Next(share + 1) - 1;
                for (var k = 0; k < n; k++)
                    records.Add(Record(r.Id, r.JurisdictionCode, kind, today.AddDays(-rnd.Next(1, 300)), title, "demo", $"{kind}:{idx}:{k}"));
            }
        db.AddRange(records);
        await db.SaveChangesAsync(ct);

        // 自主登记: demo-rep has one approved and one pending (with a photo); some others too.
        var self = new List<(DutyRecord Record, SelfReport Report)>();
        void SelfReported(long rep, string code, DateOnly date, string text, string state, string? reason = null)
        {
            var rec = Record(rep, code, DutyKinds.SelfReported, date, text, SelfRegistration.SourceModule, $"self:demo-{self.Count}", text,
                state == "approved" ? DutyRecordState.Approved : state == "pending" ? DutyRecordState.Pending : DutyRecordState.Rejected);
            self.Add((rec, new SelfReport
            {
                RepresentativeId = rep, JurisdictionCode = code, State = state, Date = date, Description = text, ReturnReason = reason,
                SubmittedAt = now, Evidence = state == "pending" ? TinyPng : null, EvidenceType = state == "pending" ? "image/png" : null,
                EvidenceName = state == "pending" ? "现场照片.png" : null,
            }));
        }
        SelfReported(demoRep.Id, demoRep.JurisdictionCode, today.AddDays(-20), "走访县内白茶企业，了解用工和销售情况", "approved");
        SelfReported(demoRep.Id, demoRep.JurisdictionCode, today.AddDays(-5), "在村文化礼堂为村民宣讲新修订的《村民委员会组织法》", "pending");
        for (var i = 1; i < 8; i++)
            SelfReported(reps[i * 11].Id, reps[i * 11].JurisdictionCode, today.AddDays(-i * 9), "参加乡镇组织的防汛巡查", i % 3 == 0 ? "returned" : i % 2 == 0 ? "approved" : "pending",
                i % 3 == 0 ? "请补充活动照片或通知文件" : null);
        db.AddRange(self.Select(s => s.Record));
        await db.SaveChangesAsync(ct);
        foreach (var (rec, rep) in self) rep.Id = rec.Id;
        db.AddRange(self.Select(s => s.Report));

        // 述职: demo-rep reported to voters last month; 30 codes, 26 votes.
        var meeting = new ReportingMeeting
        {
            RepresentativeId = demoRep.Id, JurisdictionCode = demoRep.JurisdictionCode, Date = today.AddDays(-30), Place = "递铺街道代表联络站",
            Audience = "选区选民", PublicCode = Reporting.NewCode(10), Draft = "各位选民：现将我一年来履行代表职责的情况报告如下。",
        };
        for (var i = 0; i < 30; i++)
            meeting.Ballots.Add(new EvaluationBallot
            {
                Code = $"D{i:00}{Reporting.NewCode(3)}", Rating = i >= 26 ? null : i < 20 ? "satisfied" : i < 25 ? "basically_satisfied" : "unsatisfied",
                Channel = i >= 26 ? null : i % 2 == 0 ? "paper" : "phone", CastAt = i >= 26 ? null : now,
            });
        meeting.Satisfied = 20;
        meeting.BasicallySatisfied = 5;
        meeting.Unsatisfied = 1;
        meeting.ClosedAt = now;
        db.Add(meeting);
        await db.SaveChangesAsync(ct);
        db.Add(Record(demoRep.Id, demoRep.JurisdictionCode, DutyKinds.Evaluation, meeting.Date, "向选区选民述职并接受民主测评", Reporting.SourceModule,
            $"meeting:{meeting.Id}", $"{meeting.Place}；测评 26 票：满意 20，基本满意 5，不满意 1，满意率 96.2%"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A 1×1 PNG as the demo's evidence photo.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}

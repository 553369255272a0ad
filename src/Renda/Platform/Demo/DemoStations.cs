using Microsoft.EntityFrameworkCore;
using Renda.Modules.Performance;
using Renda.Modules.Stations;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using static Renda.Platform.Demo.DemoNames;

namespace Renda.Platform.Demo;

/// <summary>The life of the demo stations: each gets a named contact, its opening rules, the history of
/// its assignments, a reception schedule and the receptions of the three months before the demo was
/// loaded, with their duty records (一人一档). Deterministic from the seed, except that the dates follow
/// the day of loading so the calendar and the log look current.</summary>
internal static class DemoStations
{
    private static readonly string[] Topics =
    [
        "村道路灯损坏，夜间出行不便", "垃圾分类投放点设置不合理", "老旧小区加装电梯进展", "农村饮用水水压不足", "小区周边停车难",
        "竹林作业道路需要硬化", "民宿消防审批流程繁琐", "茶园病虫害防治缺少技术指导", "异地就医医保报销手续复杂", "学校周边上下学交通拥堵",
        "河道保洁不及时", "公交班次少、末班车太早", "居家养老服务站活动少", "快递进村“最后一公里”", "农房翻建审批时间长",
        "菜市场环境脏乱", "村里文化礼堂使用率低", "白茶销售渠道单一", "雨季山塘水库安全隐患", "集镇污水管网未接通",
    ];

    private static readonly (OpeningRule Rule, string Note)[] RuleNotes =
    [
        (OpeningRule.DoorOpen, "工作日 8:30–17:00 开放，节假日预约接待"),
        (OpeningRule.RepresentativesResident, "每周安排代表轮流值班"),
        (OpeningRule.VotersVisit, "群众可扫家站码随时反映意见"),
        (OpeningRule.ActivitiesRegular, "每月统一接待日，每季度主题活动"),
    ];

    /// <summary>The demo station manager's account runs the station its <c>StationId</c> names.</summary>
    public static async Task AddAsync(AppDbContext db, int seed, TimeProvider clock, CancellationToken ct)
    {
        var rnd = new Random(seed);
        var holidays = WorkingDayCalendar.FromEmbeddedData();
        var today = ChinaTime.Today(clock);
        var termStart = new DateOnly(2022, 1, 5);
        var stations = await db.Set<Station>().Include(s => s.Representatives).OrderBy(s => s.Id).ToListAsync(ct);
        var manager = db.Users.Local.FirstOrDefault(u => u.StationId is not null);

        var receptions = new List<(Station Station, ReceptionScheduleRule Rule, Reception Reception)>();
        foreach (var station in stations)
        {
            station.ContactName = Pick(rnd, CommonSurnames) + Pick(rnd, rnd.Next(2) == 0 ? MaleFirst : FemaleFirst) + Pick(rnd, rnd.Next(2) == 0 ? MaleLast : FemaleLast);
            if (manager is not null && manager.StationId == station.Id) station.ManagerUserId = manager.Id;
            var met = station.Grade >= 4 ? 4 : station.Grade == 3 ? 3 : 2;
            for (var i = 0; i < RuleNotes.Length; i++)
                station.SetRule(RuleNotes[i].Rule, i < met, i < met ? RuleNotes[i].Note : "");

            var reps = station.Representatives.Select(x => x.RepresentativeId).Order().ToList();
            foreach (var id in reps)
                db.Add(new StationAssignment
                {
                    StationId = station.Id, RepresentativeId = id, JurisdictionCode = station.JurisdictionCode,
                    StartedOn = termStart, AssignedBy = DemoSeeder.Actor,
                });

            var rules = new List<ReceptionScheduleRule>();
            if (station.Kind == StationKind.Point)
                rules.Add(Rule(station, "联络点接待日", ScheduleRecurrence.MonthlyOn(1, DayOfWeek.Monday), new(9, 0), new(11, 0), reps.Take(2)));
            else
                rules.Add(Rule(station, "统一接待日", ScheduleRecurrence.MonthlyOn(10), new(9, 0), new(11, 30), reps.Take(2)));
            if (station.Kind == StationKind.Station)
                rules.Add(Rule(station, "代表值班接待", ScheduleRecurrence.WeeklyOn(DayOfWeek.Friday), new(14, 30), new(17, 0),
                    reps.Take(1).Concat(reps.Skip(2).Take(1))));
            db.AddRange(rules);

            foreach (var rule in rules)
            {
                var weekly = rule.Kind == ScheduleRuleKind.Weekly;
                foreach (var occurrence in ReceptionCalendar.Generate([rule], today.AddDays(-91), today.AddDays(-1), holidays))
                {
                    // Monthly reception days are always held; a weekly duty is now and then called off.
                    if (weekly && rnd.NextDouble() < 0.15) continue;
                    var reception = new Reception
                    {
                        StationId = station.Id, JurisdictionCode = station.JurisdictionCode, Kind = ReceptionKind.ReceptionDay,
                        Date = occurrence.Date, StartTime = occurrence.StartTime, EndTime = occurrence.EndTime,
                        CitizenCount = weekly ? rnd.Next(1, 9) : rnd.Next(5, 31),
                        RecordedAt = DateTime.SpecifyKind(occurrence.Date.ToDateTime(occurrence.EndTime).AddHours(1) - ChinaTime.Offset, DateTimeKind.Utc),
                        RecordedBy = DemoSeeder.Actor,
                    };
                    var raised = Sample(rnd, Topics, weekly ? rnd.Next(1, 3) : rnd.Next(2, 5));
                    for (var i = 0; i < raised.Count; i++)
                        reception.Items.Add(new ReceptionItem { JurisdictionCode = station.JurisdictionCode, Ordinal = i + 1, Text = raised[i] });
                    reception.Summary = $"接待群众 {reception.CitizenCount} 人次，反映问题 {raised.Count} 件，已当场答复 {rnd.Next(0, raised.Count + 1)} 件，其余梳理后转交办理。";
                    foreach (var id in occurrence.RepresentativeIds)
                        reception.Receivers.Add(new ReceptionReceiver { RepresentativeId = id, JurisdictionCode = station.JurisdictionCode });
                    receptions.Add((station, rule, reception));
                }
            }
        }
        await db.SaveChangesAsync(ct);

        // Rule ids exist now; link each reception to its rule, save, then write the duty records through
        // the archive's one way in (as the reception use case does, within the seeder's transaction).
        foreach (var (_, rule, reception) in receptions)
        {
            reception.ScheduleRuleId = rule.Id;
            db.Add(reception);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (station, _, reception) in receptions)
            foreach (var receiver in reception.Receivers)
                await DutyArchive.RecordAsync(db, StationReceptions.DutyEntryFor(station, reception, receiver.RepresentativeId), ct);
        await db.SaveChangesAsync(ct);
    }

    private static ReceptionScheduleRule Rule(Station station, string title, ScheduleRecurrence recurrence, TimeOnly start, TimeOnly end,
        IEnumerable<long> onDuty)
    {
        var rule = new ReceptionScheduleRule
        {
            StationId = station.Id, JurisdictionCode = station.JurisdictionCode, Title = title, Kind = recurrence.Kind,
            DayOfMonth = recurrence.DayOfMonth, Weekday = recurrence.Weekday, WeekOfMonth = recurrence.WeekOfMonth,
            StartTime = start, EndTime = end, ValidFrom = new DateOnly(2025, 1, 1), SkipHolidays = true,
        };
        foreach (var id in onDuty)
            rule.OnDuty.Add(new ReceptionRuleRepresentative { Rule = rule, RepresentativeId = id, JurisdictionCode = station.JurisdictionCode });
        return rule;
    }

    private static T Pick<T>(Random rnd, IReadOnlyList<T> list) => list[rnd.Next(list.Count)];

    private static List<T> Sample<T>(Random rnd, IReadOnlyList<T> list, int count)
    {
        var copy = list.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = rnd.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy.Take(count).ToList();
    }
}

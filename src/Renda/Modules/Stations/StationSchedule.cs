using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Stations;

/// <summary>A schedule rule as the form or the API sends it. <see cref="Kind"/> is <c>monthly_day</c>,
/// <c>weekly</c>, <c>monthly_weekday</c> or <c>once</c>; <see cref="Weekday"/> is ISO (Monday 1 … Sunday 7);
/// <see cref="WeekOfMonth"/> 1–4 or -1 for the last; dates <c>yyyy-MM-dd</c>, times <c>H:mm</c>, China
/// Standard Time.</summary>
public sealed record ScheduleRuleInput(string? Title = null, string? Kind = null, int? DayOfMonth = null, int? Weekday = null,
    int? WeekOfMonth = null, string? Date = null, string? StartTime = null, string? EndTime = null, string? ValidFrom = null,
    string? ValidUntil = null, bool SkipHolidays = false, IReadOnlyList<long>? RepresentativeIds = null);

/// <summary>One day of the calendar with the names of those on duty.</summary>
public sealed record CalendarEntry(DateOnly Date, string Weekday, string StartTime, string EndTime, long RuleId, string Title,
    IReadOnlyList<NamedRepresentative> OnDuty);

public sealed record StationCalendar(long StationId, DateOnly From, DateOnly To, IReadOnlyList<CalendarEntry> Items);

/// <summary>A station's reception schedule: its rules (added and removed by staff or the station's own
/// manager) and the calendar generated from them.</summary>
public sealed class StationSchedule(AppDbContext db, StationAccess access, TimeProvider clock, WorkingDayCalendar holidays)
{
    public const int MaxRulesPerStation = 20;

    public static readonly IReadOnlyList<(string Id, ScheduleRuleKind Kind)> Kinds =
    [
        ("monthly_day", ScheduleRuleKind.MonthlyDay), ("weekly", ScheduleRuleKind.Weekly),
        ("monthly_weekday", ScheduleRuleKind.MonthlyWeekday), ("once", ScheduleRuleKind.Once),
    ];

    public async Task<UseCaseResult<long>> AddRuleAsync(long stationId, ScheduleRuleInput input, CancellationToken ct = default)
    {
        var station = await access.Visible(db.Set<Station>()).SingleOrDefaultAsync(s => s.Id == stationId, ct);
        if (station is null) return UseCaseResult<long>.NotFound();
        if (!access.CanEdit(station))
            return UseCaseResult<long>.Refused(403, "forbidden", "无权修改此家站点的接待安排", "You may not change this station's schedule");

        var errors = new Dictionary<string, string[]>();
        var title = StationInputs.Text(input.Title, 50, "title", errors, required: true);
        var kind = Kinds.FirstOrDefault(k => k.Id == input.Kind?.Trim()).Kind;
        if (kind == 0) errors["kind"] = ["应为 monthly_day、weekly、monthly_weekday 或 once / must be monthly_day, weekly, monthly_weekday or once"];
        DayOfWeek? weekday = null;
        if (input.Weekday is { } iso)
        {
            if (iso is >= 1 and <= 7) weekday = StationInputs.FromIso(iso);
            else errors["weekday"] = ["星期应为 1（周一）–7（周日） / weekday must be 1 (Monday) to 7 (Sunday)"];
        }
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(input.Date))
        {
            if (ChinaTime.TryDate(input.Date, out var d)) date = d;
            else errors["date"] = ["日期格式应为 yyyy-MM-dd / date as yyyy-MM-dd"];
        }
        var start = Time(input.StartTime, "startTime", errors);
        var end = Time(input.EndTime, "endTime", errors);
        if (start is { } s && end is { } e && e <= s) errors["endTime"] = ["结束时间应晚于开始时间 / must be after the start time"];
        var today = ChinaTime.Today(clock);
        var validFrom = today;
        if (!string.IsNullOrWhiteSpace(input.ValidFrom) && !ChinaTime.TryDate(input.ValidFrom, out validFrom))
            errors["validFrom"] = ["日期格式应为 yyyy-MM-dd / date as yyyy-MM-dd"];
        DateOnly? validUntil = null;
        if (!string.IsNullOrWhiteSpace(input.ValidUntil))
        {
            if (ChinaTime.TryDate(input.ValidUntil, out var u)) validUntil = u;
            else errors["validUntil"] = ["日期格式应为 yyyy-MM-dd / date as yyyy-MM-dd"];
        }
        if (kind == ScheduleRuleKind.Once && date is { } once) validFrom = once < validFrom ? once : validFrom;
        if (kind != 0)
        {
            var recurrence = new ScheduleRecurrence(kind,
                kind == ScheduleRuleKind.MonthlyDay ? input.DayOfMonth : null,
                kind is ScheduleRuleKind.Weekly or ScheduleRuleKind.MonthlyWeekday ? weekday : null,
                kind == ScheduleRuleKind.MonthlyWeekday ? input.WeekOfMonth : null,
                kind == ScheduleRuleKind.Once ? date : null, validFrom, validUntil);
            foreach (var (field, reason) in recurrence.Problems())
                if (!errors.ContainsKey(field)) errors[field] = [reason];
        }
        var ids = (input.RepresentativeIds ?? []).Distinct().ToList();
        if (ids.Count > 30) errors["representativeIds"] = ["最多 30 名 / at most 30"];
        else if (ids.Count > 0 && await db.Set<Representative>().CountAsync(r => ids.Contains(r.Id), ct) != ids.Count)
            errors["representativeIds"] = ["有代表不存在或不在本辖区 / unknown representative"];
        if (await db.Set<ReceptionScheduleRule>().CountAsync(r => r.StationId == stationId, ct) >= MaxRulesPerStation)
            errors["kind"] = [$"每个家站点最多 {MaxRulesPerStation} 条接待规则 / at most {MaxRulesPerStation} rules per station"];
        if (errors.Count > 0) return UseCaseResult<long>.Invalid(errors);

        var rule = new ReceptionScheduleRule
        {
            StationId = stationId, JurisdictionCode = station.JurisdictionCode, Title = title, Kind = kind,
            DayOfMonth = kind == ScheduleRuleKind.MonthlyDay ? input.DayOfMonth : null,
            Weekday = kind is ScheduleRuleKind.Weekly or ScheduleRuleKind.MonthlyWeekday ? weekday : null,
            WeekOfMonth = kind == ScheduleRuleKind.MonthlyWeekday ? input.WeekOfMonth : null,
            Date = kind == ScheduleRuleKind.Once ? date : null,
            StartTime = start!.Value, EndTime = end!.Value, ValidFrom = validFrom, ValidUntil = validUntil, SkipHolidays = input.SkipHolidays,
        };
        foreach (var id in ids)
            rule.OnDuty.Add(new ReceptionRuleRepresentative { Rule = rule, RepresentativeId = id, JurisdictionCode = station.JurisdictionCode });
        db.Add(rule);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<long>.Success(rule.Id, 201);
    }

    public async Task<UseCaseResult<bool>> RemoveRuleAsync(long stationId, long ruleId, CancellationToken ct = default)
    {
        var station = await access.Visible(db.Set<Station>()).SingleOrDefaultAsync(s => s.Id == stationId, ct);
        if (station is null) return UseCaseResult<bool>.NotFound();
        if (!access.CanEdit(station))
            return UseCaseResult<bool>.Refused(403, "forbidden", "无权修改此家站点的接待安排", "You may not change this station's schedule");
        var rule = await db.Set<ReceptionScheduleRule>().Include(r => r.OnDuty).SingleOrDefaultAsync(r => r.Id == ruleId && r.StationId == stationId, ct);
        if (rule is null) return UseCaseResult<bool>.NotFound();
        db.Remove(rule);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<bool>.Success(true, 204);
    }

    /// <summary>The station's calendar from <paramref name="from"/> to <paramref name="to"/> (inclusive, at
    /// most <see cref="ReceptionCalendar.MaxDays"/> days); by default today and the two months after it.</summary>
    public async Task<UseCaseResult<StationCalendar>> CalendarAsync(long stationId, string? from, string? to, bool english = false,
        CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var today = ChinaTime.Today(clock);
        var f = today;
        if (!string.IsNullOrWhiteSpace(from) && !ChinaTime.TryDate(from, out f)) errors["from"] = ["日期格式应为 yyyy-MM-dd / date as yyyy-MM-dd"];
        var t = f.AddMonths(2).AddDays(-1);
        if (!string.IsNullOrWhiteSpace(to) && !ChinaTime.TryDate(to, out t)) errors["to"] = ["日期格式应为 yyyy-MM-dd / date as yyyy-MM-dd"];
        if (errors.Count == 0 && t < f) errors["to"] = ["不能早于起始日期 / must not be before from"];
        else if (errors.Count == 0 && t.DayNumber - f.DayNumber + 1 > ReceptionCalendar.MaxDays)
            errors["to"] = [$"一次最多 {ReceptionCalendar.MaxDays} 天 / at most {ReceptionCalendar.MaxDays} days at a time"];
        if (errors.Count > 0) return UseCaseResult<StationCalendar>.Invalid(errors);
        if (!await access.Visible(db.Set<Station>()).AnyAsync(s => s.Id == stationId, ct)) return UseCaseResult<StationCalendar>.NotFound();

        var rules = await db.Set<ReceptionScheduleRule>().AsNoTracking().Where(r => r.StationId == stationId)
            .Include(r => r.OnDuty).ToListAsync(ct);
        var occurrences = ReceptionCalendar.Generate(rules, f, t, holidays);
        var repIds = occurrences.SelectMany(o => o.RepresentativeIds).Distinct().ToList();
        var names = await db.Set<Representative>().AsNoTracking().Where(r => repIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var items = occurrences.Select(o => new CalendarEntry(o.Date, WeekdayLabel(o.Date.DayOfWeek, english), ChinaTime.Format(o.StartTime),
            ChinaTime.Format(o.EndTime), o.RuleId, o.Title,
            o.RepresentativeIds.Where(names.ContainsKey).Select(id => new NamedRepresentative(id, names[id])).ToList())).ToList();
        return UseCaseResult<StationCalendar>.Success(new StationCalendar(stationId, f, t, items));
    }

    public static string WeekdayLabel(DayOfWeek d, bool english) => english ? d.ToString()[..3] : "周" + "日一二三四五六"[(int)d];

    private static TimeOnly? Time(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) { errors[field] = ["必填 / required"]; return null; }
        if (ChinaTime.TryTime(text, out var t)) return t;
        errors[field] = ["时间格式应为 H:mm，如 9:00 / time as H:mm, e.g. 9:00"];
        return null;
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Representatives;
using Renda.Platform.Calendar;
using Renda.Platform.Data;

namespace Renda.Modules.Stations;

/// <summary>How a reception rule repeats.</summary>
public enum ScheduleRuleKind
{
    /// <summary>Every month on a day, e.g. 每月10日; a day the month lacks (31 in April, 30 in February)
    /// falls on the month's last day.</summary>
    MonthlyDay = 1,
    /// <summary>Every week on a weekday, e.g. 每周五.</summary>
    Weekly = 2,
    /// <summary>Every month on the n-th (1–4) or last weekday, e.g. 每月第一个周一.</summary>
    MonthlyWeekday = 3,
    /// <summary>One date, e.g. a 统一见面日 called for 2026-03-15.</summary>
    Once = 4,
}

/// <summary>A rule of a station's reception schedule (接待日安排): when it repeats, from when to when of
/// the day, and who is on duty. Dates and times are China Standard Time, the station's local time.</summary>
public sealed class ReceptionScheduleRule : IJurisdictionScoped
{
    public long Id { get; set; }
    public long StationId { get; set; }
    public Station? Station { get; set; }
    /// <summary>The station's jurisdiction.</summary>
    public string JurisdictionCode { get; set; } = "";
    /// <summary>What the occasion is called, e.g. 每月接待日, 统一见面日.</summary>
    public string Title { get; set; } = "";
    public ScheduleRuleKind Kind { get; set; }
    public int? DayOfMonth { get; set; }
    public DayOfWeek? Weekday { get; set; }
    /// <summary>1 to 4, or -1 for the last one of the month.</summary>
    public int? WeekOfMonth { get; set; }
    public DateOnly? Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidUntil { get; set; }
    /// <summary>No reception on a public holiday (per <see cref="WorkingDayCalendar"/>).</summary>
    public bool SkipHolidays { get; set; }
    public List<ReceptionRuleRepresentative> OnDuty { get; set; } = [];

    public ScheduleRecurrence Recurrence => new(Kind, DayOfMonth, Weekday, WeekOfMonth, Date, ValidFrom, ValidUntil);
}

/// <summary>A representative on duty under a schedule rule.</summary>
public sealed class ReceptionRuleRepresentative : IJurisdictionScoped
{
    public long RuleId { get; set; }
    public ReceptionScheduleRule? Rule { get; set; }
    public long RepresentativeId { get; set; }
    public Representative? Representative { get; set; }
    public string JurisdictionCode { get; set; } = "";
}

/// <summary>When a rule repeats, as a value: the pure part of a schedule rule.</summary>
public sealed record ScheduleRecurrence(ScheduleRuleKind Kind, int? DayOfMonth = null, DayOfWeek? Weekday = null,
    int? WeekOfMonth = null, DateOnly? Date = null, DateOnly? ValidFrom = null, DateOnly? ValidUntil = null)
{
    public static ScheduleRecurrence MonthlyOn(int day) => new(ScheduleRuleKind.MonthlyDay, DayOfMonth: day);
    public static ScheduleRecurrence WeeklyOn(DayOfWeek weekday) => new(ScheduleRuleKind.Weekly, Weekday: weekday);
    public static ScheduleRecurrence MonthlyOn(int week, DayOfWeek weekday) => new(ScheduleRuleKind.MonthlyWeekday, Weekday: weekday, WeekOfMonth: week);
    public static ScheduleRecurrence On(DateOnly date) => new(ScheduleRuleKind.Once, Date: date);

    /// <summary>What is wrong with the rule, as (field, reason) pairs; empty when it is sound.</summary>
    public IReadOnlyList<(string Field, string Reason)> Problems()
    {
        var problems = new List<(string, string)>();
        switch (Kind)
        {
            case ScheduleRuleKind.MonthlyDay when DayOfMonth is not (>= 1 and <= 31):
                problems.Add(("dayOfMonth", "每月几日应为 1–31 / day of month must be 1–31"));
                break;
            case ScheduleRuleKind.Weekly when Weekday is null:
                problems.Add(("weekday", "请选择星期几 / choose a weekday"));
                break;
            case ScheduleRuleKind.MonthlyWeekday:
                if (Weekday is null) problems.Add(("weekday", "请选择星期几 / choose a weekday"));
                if (WeekOfMonth is not (1 or 2 or 3 or 4 or -1))
                    problems.Add(("weekOfMonth", "第几个应为 1–4 或 -1（最后一个） / week of month must be 1–4 or -1 (the last)"));
                break;
            case ScheduleRuleKind.Once when Date is null:
                problems.Add(("date", "请填写日期 / date required"));
                break;
        }
        if (ValidFrom is { } f && ValidUntil is { } u && u < f)
            problems.Add(("validUntil", "截止日期不能早于起始日期 / must not be before the start date"));
        return problems;
    }

    /// <summary>The dates in [<paramref name="from"/>, <paramref name="to"/>] (inclusive) on which the rule
    /// falls, within its validity, in order.</summary>
    public IEnumerable<DateOnly> DatesBetween(DateOnly from, DateOnly to)
    {
        if (ValidFrom is { } vf && vf > from) from = vf;
        if (ValidUntil is { } vu && vu < to) to = vu;
        if (to < from) yield break;
        switch (Kind)
        {
            case ScheduleRuleKind.Once:
                if (Date is { } d && d >= from && d <= to) yield return d;
                break;
            case ScheduleRuleKind.Weekly:
                var first = from.AddDays(((int)Weekday!.Value - (int)from.DayOfWeek + 7) % 7);
                for (var day = first; day <= to; day = day.AddDays(7)) yield return day;
                break;
            default:
                for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
                {
                    var day = Kind == ScheduleRuleKind.MonthlyDay
                        ? new DateOnly(month.Year, month.Month, Math.Min(DayOfMonth!.Value, DateTime.DaysInMonth(month.Year, month.Month)))
                        : NthWeekday(month, WeekOfMonth!.Value, Weekday!.Value);
                    if (day >= from && day <= to) yield return day;
                }
                break;
        }
    }

    private static DateOnly NthWeekday(DateOnly firstOfMonth, int week, DayOfWeek weekday)
    {
        if (week == -1)
        {
            var last = firstOfMonth.AddMonths(1).AddDays(-1);
            return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
        }
        var first = firstOfMonth.AddDays(((int)weekday - (int)firstOfMonth.DayOfWeek + 7) % 7);
        return first.AddDays(7 * (week - 1));
    }

    /// <summary>每月10日, 每周五, 每月第一个周一, 每月最后一个周五, 2026年3月15日 (or the English).</summary>
    public string Describe(bool english)
    {
        string Weekday(DayOfWeek d) => english ? d.ToString() : "周" + "日一二三四五六"[(int)d];
        return (Kind, english) switch
        {
            (ScheduleRuleKind.MonthlyDay, false) => $"每月{DayOfMonth}日",
            (ScheduleRuleKind.MonthlyDay, true) => $"Monthly on day {DayOfMonth}",
            (ScheduleRuleKind.Weekly, false) => "每" + Weekday(this.Weekday!.Value),
            (ScheduleRuleKind.Weekly, true) => "Every " + Weekday(this.Weekday!.Value),
            (ScheduleRuleKind.MonthlyWeekday, false) => WeekOfMonth == -1
                ? $"每月最后一个{Weekday(this.Weekday!.Value)}"
                : $"每月第{"一二三四"[WeekOfMonth!.Value - 1]}个{Weekday(this.Weekday!.Value)}",
            (ScheduleRuleKind.MonthlyWeekday, true) => WeekOfMonth == -1
                ? $"Last {Weekday(this.Weekday!.Value)} of each month"
                : $"{new[] { "First", "Second", "Third", "Fourth" }[WeekOfMonth!.Value - 1]} {Weekday(this.Weekday!.Value)} of each month",
            (_, false) => Date!.Value.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
            _ => "On " + Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>One reception day of a station's calendar, generated from a rule.</summary>
public sealed record ReceptionOccurrence(DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, long RuleId, string Title,
    IReadOnlyList<long> RepresentativeIds);

/// <summary>Turns schedule rules into the calendar of a date range: the pure generator behind the
/// station page, <c>/api/stations/{id}/calendar</c> and the public station page.</summary>
public static class ReceptionCalendar
{
    /// <summary>The longest range one call may ask for.</summary>
    public const int MaxDays = 366;

    /// <summary>The occurrences of the rules in [<paramref name="from"/>, <paramref name="to"/>], ordered by
    /// date and start time. A rule with <see cref="ReceptionScheduleRule.SkipHolidays"/> has no occurrence on
    /// a day <paramref name="holidays"/> lists as a public holiday (in a year the calendar does not cover,
    /// nothing is skipped: it cannot know).</summary>
    public static IReadOnlyList<ReceptionOccurrence> Generate(IEnumerable<ReceptionScheduleRule> rules, DateOnly from, DateOnly to,
        WorkingDayCalendar? holidays)
    {
        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
            throw new ArgumentOutOfRangeException(nameof(to), $"At most {MaxDays} days at a time.");
        var list = new List<ReceptionOccurrence>();
        foreach (var rule in rules)
        {
            var duty = rule.OnDuty.Select(d => d.RepresentativeId).ToList();
            foreach (var date in rule.Recurrence.DatesBetween(from, to))
            {
                if (rule.SkipHolidays && holidays?.HolidayName(date) is not null) continue;
                list.Add(new ReceptionOccurrence(date, rule.StartTime, rule.EndTime, rule.Id, rule.Title, duty));
            }
        }
        return list.OrderBy(o => o.Date).ThenBy(o => o.StartTime).ThenBy(o => o.RuleId).ToList();
    }
}

internal sealed class ReceptionScheduleRuleConfiguration : IEntityTypeConfiguration<ReceptionScheduleRule>
{
    public void Configure(EntityTypeBuilder<ReceptionScheduleRule> e)
    {
        e.ToTable("reception_schedule_rules", t => t.HasCheckConstraint("ck_reception_schedule_rules_times", "start_time < end_time"));
        e.Property(r => r.JurisdictionCode).HasMaxLength(12);
        e.Property(r => r.Title).HasMaxLength(50);
        e.HasOne(r => r.Station).WithMany().HasForeignKey(r => r.StationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => r.StationId);
    }
}

internal sealed class ReceptionRuleRepresentativeConfiguration : IEntityTypeConfiguration<ReceptionRuleRepresentative>
{
    public void Configure(EntityTypeBuilder<ReceptionRuleRepresentative> e)
    {
        e.ToTable("reception_rule_representatives");
        e.HasKey(x => new { x.RuleId, x.RepresentativeId });
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.HasOne(x => x.Rule).WithMany(r => r.OnDuty).HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Representative).WithMany().HasForeignKey(x => x.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.RepresentativeId);
    }
}

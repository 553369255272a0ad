using System.Globalization;
using Renda.Modules.Stations;
using Renda.Platform.Calendar;

namespace Renda.UnitTests.Stations;

/// <summary>The schedule generator: rules in, the dates of a range out — across month boundaries, on
/// month-end days, in leap years, and around public holidays when a rule skips them.</summary>
public class ReceptionCalendarTests
{
    private static readonly WorkingDayCalendar Holidays = WorkingDayCalendar.FromEmbeddedData();

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] Dates(ScheduleRecurrence r, string from, string to) =>
        r.DatesBetween(D(from), D(to)).Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();

    private static ReceptionScheduleRule Rule(long id, ScheduleRecurrence r, string start = "9:00", string end = "11:30", bool skipHolidays = false,
        params long[] onDuty)
    {
        var rule = new ReceptionScheduleRule
        {
            Id = id, Title = "rule " + id, Kind = r.Kind, DayOfMonth = r.DayOfMonth, Weekday = r.Weekday, WeekOfMonth = r.WeekOfMonth,
            Date = r.Date, ValidFrom = r.ValidFrom ?? D("2020-01-01"), ValidUntil = r.ValidUntil,
            StartTime = TimeOnly.Parse(start, CultureInfo.InvariantCulture), EndTime = TimeOnly.Parse(end, CultureInfo.InvariantCulture),
            SkipHolidays = skipHolidays,
        };
        foreach (var rep in onDuty) rule.OnDuty.Add(new ReceptionRuleRepresentative { RepresentativeId = rep });
        return rule;
    }

    [Fact]
    public void Monthly_on_the_10th_across_a_month_and_a_year_boundary()
    {
        Assert.Equal(["2025-12-10", "2026-01-10", "2026-02-10"], Dates(ScheduleRecurrence.MonthlyOn(10), "2025-11-11", "2026-02-10"));
        Assert.Empty(Dates(ScheduleRecurrence.MonthlyOn(10), "2026-03-11", "2026-04-09"));
    }

    [Fact]
    public void Every_Friday_across_a_month_boundary()
    {
        Assert.Equal(["2026-03-27", "2026-04-03", "2026-04-10"], Dates(ScheduleRecurrence.WeeklyOn(DayOfWeek.Friday), "2026-03-25", "2026-04-10"));
        // A range that starts on the weekday includes it.
        Assert.Equal(["2026-03-27"], Dates(ScheduleRecurrence.WeeklyOn(DayOfWeek.Friday), "2026-03-27", "2026-04-02"));
        Assert.Equal(["2026-03-29", "2026-04-05"], Dates(ScheduleRecurrence.WeeklyOn(DayOfWeek.Sunday), "2026-03-28", "2026-04-05"));
    }

    [Fact]
    public void The_31st_falls_on_the_last_day_of_a_shorter_month()
    {
        Assert.Equal(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"],
            Dates(ScheduleRecurrence.MonthlyOn(31), "2026-01-01", "2026-05-31"));
        Assert.Equal(["2026-02-28", "2026-03-30"], Dates(ScheduleRecurrence.MonthlyOn(30), "2026-02-01", "2026-03-31"));
    }

    [Fact]
    public void Leap_February_has_its_29th()
    {
        Assert.Equal(["2028-02-29"], Dates(ScheduleRecurrence.MonthlyOn(30), "2028-02-01", "2028-02-29"));
        Assert.Equal(["2028-02-29"], Dates(ScheduleRecurrence.MonthlyOn(29), "2028-02-01", "2028-02-29"));
        Assert.Equal(["2027-02-28"], Dates(ScheduleRecurrence.MonthlyOn(29), "2027-02-01", "2027-02-28"));
        Assert.Equal(["2028-02-25"], Dates(ScheduleRecurrence.MonthlyOn(-1, DayOfWeek.Friday), "2028-02-01", "2028-02-29"));
    }

    [Fact]
    public void The_first_Monday_and_the_last_Friday_of_each_month()
    {
        Assert.Equal(["2026-03-02", "2026-04-06", "2026-05-04", "2026-06-01"],
            Dates(ScheduleRecurrence.MonthlyOn(1, DayOfWeek.Monday), "2026-03-01", "2026-06-30"));
        Assert.Equal(["2026-01-30", "2026-02-27", "2026-03-27"], Dates(ScheduleRecurrence.MonthlyOn(-1, DayOfWeek.Friday), "2026-01-01", "2026-03-31"));
        Assert.Equal(["2026-07-31"], Dates(ScheduleRecurrence.MonthlyOn(-1, DayOfWeek.Friday), "2026-07-01", "2026-07-31"));
        Assert.Equal(["2026-03-19"], Dates(ScheduleRecurrence.MonthlyOn(3, DayOfWeek.Thursday), "2026-03-01", "2026-03-31"));
        Assert.Equal(["2026-04-27"], Dates(ScheduleRecurrence.MonthlyOn(4, DayOfWeek.Monday), "2026-04-01", "2026-04-30"));
    }

    [Fact]
    public void A_one_off_date_appears_only_inside_the_range()
    {
        var once = ScheduleRecurrence.On(D("2026-03-15"));
        Assert.Equal(["2026-03-15"], Dates(once, "2026-03-15", "2026-03-15"));
        Assert.Empty(Dates(once, "2026-03-16", "2026-04-30"));
        Assert.Empty(Dates(once, "2026-03-01", "2026-03-14"));
    }

    [Fact]
    public void A_rule_counts_only_within_its_validity()
    {
        var r = ScheduleRecurrence.MonthlyOn(10) with { ValidFrom = D("2026-02-11"), ValidUntil = D("2026-05-10") };
        Assert.Equal(["2026-03-10", "2026-04-10", "2026-05-10"], Dates(r, "2026-01-01", "2026-12-31"));
        Assert.Empty(Dates(r, "2026-05-11", "2026-12-31"));
    }

    [Fact]
    public void A_rule_that_skips_holidays_has_no_reception_on_National_Day_but_keeps_a_make_up_working_Saturday()
    {
        var fridays = Rule(1, ScheduleRecurrence.WeeklyOn(DayOfWeek.Friday), "14:30", "17:00", skipHolidays: true);
        var keeps = Rule(2, ScheduleRecurrence.WeeklyOn(DayOfWeek.Friday), "14:30", "17:00", skipHolidays: false);
        var tenth = Rule(3, ScheduleRecurrence.MonthlyOn(10), skipHolidays: true);

        var skipping = ReceptionCalendar.Generate([fridays, tenth], D("2026-09-28"), D("2026-10-16"), Holidays);
        var keeping = ReceptionCalendar.Generate([keeps], D("2026-09-28"), D("2026-10-16"), Holidays);

        // 2026-10-02 is a Friday inside 国庆节 (10-01..10-07); 2026-10-10 is a Saturday make-up working day.
        Assert.Equal([D("2026-10-09"), D("2026-10-10"), D("2026-10-16")], skipping.Select(o => o.Date));
        Assert.Equal([D("2026-10-02"), D("2026-10-09"), D("2026-10-16")], keeping.Select(o => o.Date));
    }

    [Fact]
    public void Spring_Festival_skips_the_monthly_day_inside_it()
    {
        var rule = Rule(1, ScheduleRecurrence.MonthlyOn(16), skipHolidays: true);
        Assert.Equal([D("2026-01-16"), D("2026-03-16")], ReceptionCalendar.Generate([rule], D("2026-01-01"), D("2026-03-31"), Holidays).Select(o => o.Date));
        Assert.Equal(3, ReceptionCalendar.Generate([rule], D("2026-01-01"), D("2026-03-31"), null).Count);
    }

    [Fact]
    public void In_a_year_without_holiday_data_nothing_is_skipped()
    {
        var rule = Rule(1, ScheduleRecurrence.MonthlyOn(1), skipHolidays: true);
        Assert.Equal([D("2030-10-01")], ReceptionCalendar.Generate([rule], D("2030-10-01"), D("2030-10-31"), Holidays).Select(o => o.Date));
    }

    [Fact]
    public void Occurrences_of_several_rules_come_in_date_and_time_order_with_who_is_on_duty()
    {
        var afternoon = Rule(1, ScheduleRecurrence.WeeklyOn(DayOfWeek.Friday), "14:30", "17:00", onDuty: [7, 8]);
        var morning = Rule(2, ScheduleRecurrence.MonthlyOn(10), "9:00", "11:30", onDuty: [9]);

        var list = ReceptionCalendar.Generate([afternoon, morning], D("2026-04-01"), D("2026-04-10"), Holidays);

        Assert.Equal([(D("2026-04-03"), 1L), (D("2026-04-10"), 2L), (D("2026-04-10"), 1L)], list.Select(o => (o.Date, o.RuleId)));
        Assert.Equal([7L, 8L], list[0].RepresentativeIds);
        Assert.Equal(new TimeOnly(9, 0), list[1].StartTime);
        Assert.Equal(new TimeOnly(17, 0), list[2].EndTime);
    }

    [Fact]
    public void A_range_longer_than_a_year_is_refused()
    {
        var rule = Rule(1, ScheduleRecurrence.MonthlyOn(10));
        Assert.Equal(12, ReceptionCalendar.Generate([rule], D("2026-01-01"), D("2027-01-01"), null).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceptionCalendar.Generate([rule], D("2026-01-01"), D("2027-01-02"), null));
    }

    [Theory]
    [InlineData(ScheduleRuleKind.MonthlyDay, 0, null, null, "dayOfMonth")]
    [InlineData(ScheduleRuleKind.MonthlyDay, 32, null, null, "dayOfMonth")]
    [InlineData(ScheduleRuleKind.MonthlyDay, null, null, null, "dayOfMonth")]
    [InlineData(ScheduleRuleKind.Weekly, null, null, null, "weekday")]
    [InlineData(ScheduleRuleKind.MonthlyWeekday, null, DayOfWeek.Monday, 5, "weekOfMonth")]
    [InlineData(ScheduleRuleKind.MonthlyWeekday, null, DayOfWeek.Monday, 0, "weekOfMonth")]
    [InlineData(ScheduleRuleKind.MonthlyWeekday, null, null, 1, "weekday")]
    [InlineData(ScheduleRuleKind.Once, null, null, null, "date")]
    public void An_unsound_rule_names_the_field(ScheduleRuleKind kind, int? day, DayOfWeek? weekday, int? week, string field)
    {
        var problems = new ScheduleRecurrence(kind, day, weekday, week).Problems();
        Assert.Contains(problems, p => p.Field == field);
    }

    [Fact]
    public void A_sound_rule_has_no_problems_and_an_end_before_its_start_has_one()
    {
        Assert.Empty(ScheduleRecurrence.MonthlyOn(-1, DayOfWeek.Friday).Problems());
        Assert.Empty(ScheduleRecurrence.MonthlyOn(31).Problems());
        var backwards = ScheduleRecurrence.MonthlyOn(10) with { ValidFrom = D("2026-05-01"), ValidUntil = D("2026-04-30") };
        Assert.Equal("validUntil", Assert.Single(backwards.Problems()).Field);
    }

    [Theory]
    [InlineData("monthly10", "每月10日", "Monthly on day 10")]
    [InlineData("friday", "每周五", "Every Friday")]
    [InlineData("firstMonday", "每月第一个周一", "First Monday of each month")]
    [InlineData("lastFriday", "每月最后一个周五", "Last Friday of each month")]
    [InlineData("once", "2026年3月15日", "On 2026-03-15")]
    public void Rules_describe_themselves_in_both_languages(string which, string zh, string en)
    {
        var r = which switch
        {
            "monthly10" => ScheduleRecurrence.MonthlyOn(10),
            "friday" => ScheduleRecurrence.WeeklyOn(DayOfWeek.Friday),
            "firstMonday" => ScheduleRecurrence.MonthlyOn(1, DayOfWeek.Monday),
            "lastFriday" => ScheduleRecurrence.MonthlyOn(-1, DayOfWeek.Friday),
            _ => ScheduleRecurrence.On(D("2026-03-15")),
        };
        Assert.Equal(zh, r.Describe(false));
        Assert.Equal(en, r.Describe(true));
    }

    [Fact]
    public void China_time_decides_the_day_not_UTC()
    {
        var lateUtc = new FixedClock(new DateTimeOffset(2026, 3, 1, 16, 30, 0, TimeSpan.Zero)); // 00:30 on 03-02 in Beijing
        Assert.Equal(D("2026-03-02"), ChinaTime.Today(lateUtc));
        Assert.True(ChinaTime.TryTime("9:00", out var t) && t == new TimeOnly(9, 0));
        Assert.True(ChinaTime.TryTime("14:30", out _));
        Assert.False(ChinaTime.TryTime("9点", out _));
        Assert.False(ChinaTime.TryTime("25:00", out _));
        Assert.False(ChinaTime.TryDate("2026/03/01", out _));
        Assert.False(ChinaTime.TryDate("2026-02-30", out _));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

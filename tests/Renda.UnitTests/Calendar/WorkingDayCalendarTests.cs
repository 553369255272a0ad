using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Renda.Platform.Calendar;

namespace Renda.UnitTests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Cal = WorkingDayCalendar.FromEmbeddedData();

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void The_embedded_data_covers_2023_to_2027_with_2027_provisional()
    {
        Assert.Equal([2023, 2024, 2025, 2026, 2027], Cal.CoveredYears);
        Assert.False(Cal.IsProvisional(2023));
        Assert.False(Cal.IsProvisional(2024));
        Assert.Contains("国办发明电〔2022〕16号", Cal.Year(2023).Source);
        Assert.Contains("国办发明电〔2023〕7号", Cal.Year(2024).Source);
        Assert.False(Cal.IsProvisional(2025));
        Assert.False(Cal.IsProvisional(2026));
        Assert.True(Cal.IsProvisional(2027));
        Assert.All(Cal.CoveredYears, y => Assert.False(string.IsNullOrWhiteSpace(Cal.Year(y).Source)));
        Assert.Contains("国办发明电〔2024〕12号", Cal.Year(2025).Source);
        Assert.Contains("国办发明电〔2025〕7号", Cal.Year(2026).Source);
    }

    [Fact]
    public void No_date_is_both_a_holiday_and_a_make_up_day_and_every_make_up_day_is_a_weekend()
    {
        var data = HolidayData.LoadEmbedded();
        var holidays = data.Years.SelectMany(y => y.Holidays)
            .SelectMany(h => Enumerable.Range(0, h.To.DayNumber - h.From.DayNumber + 1).Select(h.From.AddDays)).ToList();
        var makeUps = data.Years.SelectMany(y => y.MakeUpWorkingDays).Select(m => m.Date).ToList();

        Assert.Empty(holidays.Intersect(makeUps));
        Assert.Equal(holidays.Count, holidays.Distinct().Count());
        Assert.All(makeUps, d => Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{d} is a weekday"));
        Assert.Equal(7 + 8 + 11, makeUps.Count);
    }

    [Theory]
    [InlineData(2023, 26)]   // 2 (from 01-01) + 7 + 1 + 5 + 3 + 8
    [InlineData(2024, 28)]   // 1 + 8 + 3 + 5 + 1 + 3 + 7
    [InlineData(2025, 28)]   // 1 + 8 + 3 + 5 + 3 + 8 (Mid-Autumn inside National Day)
    [InlineData(2026, 33)]   // 3 + 9 + 3 + 5 + 3 + 3 + 7
    [InlineData(2027, 13)]   // the 13 statutory days alone, pending the official notice
    public void Each_year_has_the_announced_number_of_days_off(int year, int days)
    {
        Assert.Equal(days, Cal.Year(year).Holidays.Sum(h => h.To.DayNumber - h.From.DayNumber + 1));
    }

    [Theory]
    [InlineData("2024-02-18", DayKind.MakeUpWorkingDay)]   // the Sunday after Spring Festival 2024
    [InlineData("2024-02-16", DayKind.Holiday)]
    [InlineData("2023-10-07", DayKind.MakeUpWorkingDay)]   // a make-up Saturday after 中秋国庆 2023
    [InlineData("2023-06-23", DayKind.Holiday)]            // 端午 2023, a Friday
    [InlineData("2025-03-03", DayKind.WorkingDay)]         // an ordinary Monday
    [InlineData("2025-03-01", DayKind.Weekend)]            // an ordinary Saturday
    [InlineData("2025-10-08", DayKind.Holiday)]            // a Wednesday off (National Day)
    [InlineData("2025-10-04", DayKind.Holiday)]            // a Saturday inside a holiday
    [InlineData("2025-01-28", DayKind.Holiday)]            // 除夕 2025
    [InlineData("2025-09-28", DayKind.MakeUpWorkingDay)]   // a make-up Sunday
    [InlineData("2025-10-11", DayKind.MakeUpWorkingDay)]   // a make-up Saturday
    [InlineData("2026-01-04", DayKind.MakeUpWorkingDay)]   // the Sunday after New Year 2026
    [InlineData("2026-02-23", DayKind.Holiday)]            // last day of Spring Festival 2026, a Monday
    [InlineData("2026-02-24", DayKind.WorkingDay)]
    [InlineData("2026-02-21", DayKind.Holiday)]
    [InlineData("2027-02-05", DayKind.Holiday)]            // 除夕 2027 (provisional)
    [InlineData("2027-05-03", DayKind.WorkingDay)]         // provisional: no compensation day known yet
    public void Each_kind_of_day(string date, DayKind kind)
    {
        Assert.Equal(kind, Cal.KindOf(D(date)));
        Assert.Equal(kind is DayKind.WorkingDay or DayKind.MakeUpWorkingDay, Cal.IsWorkingDay(D(date)));
    }

    [Fact]
    public void A_holiday_has_its_name()
    {
        Assert.Equal("春节", Cal.HolidayName(D("2026-02-17")));
        Assert.Null(Cal.HolidayName(D("2026-02-24")));
    }

    [Theory]
    // Spring Festival 2025: 01-26 (Sun) works, 01-28..02-04 off, 02-08 (Sat) works.
    [InlineData("2025-01-24", 1, "2025-01-26")]
    [InlineData("2025-01-24", 2, "2025-01-27")]
    [InlineData("2025-01-24", 3, "2025-02-05")]
    [InlineData("2025-01-24", 6, "2025-02-08")]
    [InlineData("2025-01-24", 7, "2025-02-10")]
    [InlineData("2025-02-08", 1, "2025-02-10")]   // start on the make-up Saturday
    [InlineData("2025-02-08", 0, "2025-02-08")]
    [InlineData("2025-01-30", 0, "2025-02-05")]   // start inside the holiday
    [InlineData("2025-01-30", 1, "2025-02-05")]
    // Spring Festival 2026: 02-14 (Sat) works, 02-15..02-23 off, 02-28 (Sat) works.
    [InlineData("2026-02-13", 1, "2026-02-14")]
    [InlineData("2026-02-13", 2, "2026-02-24")]
    [InlineData("2026-02-13", 6, "2026-02-28")]
    [InlineData("2026-02-13", 7, "2026-03-02")]
    [InlineData("2026-02-14", 1, "2026-02-24")]   // start on the make-up Saturday
    [InlineData("2026-02-16", 0, "2026-02-24")]
    // National Day 2025: 09-28 (Sun) works, 10-01..10-08 off, 10-11 (Sat) works.
    [InlineData("2025-09-26", 1, "2025-09-28")]
    [InlineData("2025-09-26", 3, "2025-09-30")]
    [InlineData("2025-09-26", 4, "2025-10-09")]
    [InlineData("2025-09-26", 6, "2025-10-11")]
    [InlineData("2025-09-26", 7, "2025-10-13")]
    [InlineData("2025-10-11", 1, "2025-10-13")]   // start on the make-up Saturday
    [InlineData("2025-09-30", 15, "2025-10-28")]
    // National Day 2026: 09-20 (Sun) works, Mid-Autumn 09-25..09-27 off, 10-01..10-07 off, 10-10 (Sat) works.
    [InlineData("2026-09-18", 1, "2026-09-20")]
    [InlineData("2026-09-18", 6, "2026-09-28")]
    [InlineData("2026-09-18", 9, "2026-10-08")]
    [InlineData("2026-09-18", 11, "2026-10-10")]
    [InlineData("2026-09-18", 12, "2026-10-12")]
    [InlineData("2026-10-10", 1, "2026-10-12")]   // start on the make-up Saturday
    [InlineData("2026-10-10", 0, "2026-10-10")]
    [InlineData("2026-09-30", 15, "2026-10-27")]
    // Across the year end, into New Year 2026 with its make-up Sunday.
    [InlineData("2025-12-31", 1, "2026-01-04")]
    public void Add_working_days(string start, int n, string expected)
    {
        Assert.Equal(D(expected), Cal.AddWorkingDays(D(start), n));
    }

    [Fact]
    public void Working_days_between_undoes_add_working_days()
    {
        for (var start = D("2025-01-01"); start < D("2026-12-01"); start = start.AddDays(3))
            foreach (var n in new[] { 1, 2, 5, 15, 20 })
                Assert.Equal(n, Cal.WorkingDaysBetween(start, Cal.AddWorkingDays(start, n)));
    }

    [Fact]
    public void Working_days_between_counts_after_the_first_date_up_to_the_second()
    {
        Assert.Equal(0, Cal.WorkingDaysBetween(D("2025-10-01"), D("2025-10-08")));   // all holiday
        Assert.Equal(1, Cal.WorkingDaysBetween(D("2025-10-08"), D("2025-10-09")));
        Assert.Equal(3, Cal.WorkingDaysBetween(D("2025-10-08"), D("2025-10-11")));   // Thu, Fri, make-up Sat
        Assert.Equal(-3, Cal.WorkingDaysBetween(D("2025-10-11"), D("2025-10-08")));
        Assert.Equal(0, Cal.WorkingDaysBetween(D("2025-10-09"), D("2025-10-09")));
    }

    [Fact]
    public void A_negative_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cal.AddWorkingDays(D("2025-03-03"), -1));
    }

    [Fact]
    public void A_date_outside_the_covered_years_is_a_clear_error()
    {
        var e = Assert.Throws<CalendarNotCoveredException>(() => Cal.IsWorkingDay(D("2022-12-30")));
        Assert.Equal(2022, e.Year);
        Assert.Contains("2023, 2024, 2025, 2026, 2027", e.Message);
        Assert.Equal(2028, Assert.Throws<CalendarNotCoveredException>(() => Cal.AddWorkingDays(D("2027-12-30"), 5)).Year);
        Assert.Throws<CalendarNotCoveredException>(() => Cal.IsProvisional(2028));
    }

    [Fact]
    public void A_deadline_past_the_covered_years_falls_back_to_weekdays_and_says_it_is_an_estimate()
    {
        Assert.Equal(new WorkingDayDeadline(D("2028-01-06"), IsEstimate: true), Cal.Deadline(D("2027-12-30"), 5));
        Assert.Equal(new WorkingDayDeadline(D("2025-10-13"), IsEstimate: false), Cal.Deadline(D("2025-09-26"), 7));
        Assert.True(Cal.Deadline(D("2027-03-01"), 1).IsEstimate);   // 2027 is provisional
        Assert.False(Cal.Deadline(D("2026-12-30"), 1).IsEstimate);  // 2026-12-31 is still in 2026
    }

    [Fact]
    public void Inconsistent_data_is_refused_when_loaded()
    {
        static HolidayData One(HolidayRange[] holidays, MakeUpWorkingDay[] makeUps) =>
            new([new HolidayYear(2025, false, "test", null, holidays, makeUps)]);
        var newYear = new HolidayRange("元旦", "New Year's Day", D("2025-01-01"), D("2025-01-01"));

        var both = Assert.Throws<InvalidDataException>(() => new WorkingDayCalendar(
            One([new HolidayRange("春节", "Spring Festival", D("2025-01-25"), D("2025-01-27"))], [new MakeUpWorkingDay(D("2025-01-26"), "春节")])));
        Assert.Contains("2025-01-26 is both a holiday and a make-up working day", both.Message);

        var weekday = Assert.Throws<InvalidDataException>(() => new WorkingDayCalendar(One([newYear], [new MakeUpWorkingDay(D("2025-01-02"), "元旦")])));
        Assert.Contains("not a Saturday or Sunday", weekday.Message);

        var wrongYear = Assert.Throws<InvalidDataException>(() => new WorkingDayCalendar(
            One([new HolidayRange("元旦", "New Year's Day", D("2026-01-01"), D("2026-01-01"))], [])));
        Assert.Contains("listed under 2025", wrongYear.Message);

        var backwards = Assert.Throws<InvalidDataException>(() => new WorkingDayCalendar(
            One([new HolidayRange("春节", "Spring Festival", D("2025-02-04"), D("2025-01-28"))], [])));
        Assert.Contains("ends before it starts", backwards.Message);
    }

    [Fact]
    public void Data_in_the_json_shape_parses()
    {
        var data = HolidayData.Parse("""
            { "years": [ { "year": 2030, "provisional": true, "source": "test",
                "holidays": [ { "name": "元旦", "nameEn": "New Year's Day", "from": "2030-01-01", "to": "2030-01-01" } ],
                "makeUpWorkingDays": [ { "date": "2030-01-05", "for": "元旦" } ] } ] }
            """);
        var cal = new WorkingDayCalendar(data);

        Assert.Equal(DayKind.Holiday, cal.KindOf(D("2030-01-01")));
        Assert.Equal(DayKind.MakeUpWorkingDay, cal.KindOf(D("2030-01-05")));
        Assert.True(cal.IsProvisional(2030));
    }

    [Fact]
    public void The_app_registers_one_calendar_loaded_from_the_embedded_data()
    {
        using var services = new ServiceCollection().AddRendaCalendar().BuildServiceProvider();

        var cal = services.GetRequiredService<WorkingDayCalendar>();

        Assert.Same(cal, services.GetRequiredService<WorkingDayCalendar>());
        Assert.Equal(DayKind.MakeUpWorkingDay, cal.KindOf(D("2026-02-28")));
    }
}

namespace Renda.Platform.Calendar;

public enum DayKind
{
    /// <summary>Monday to Friday, not a holiday.</summary>
    WorkingDay,
    /// <summary>Saturday or Sunday, not a make-up working day.</summary>
    Weekend,
    /// <summary>A day off announced for a holiday (whatever the weekday).</summary>
    Holiday,
    /// <summary>A Saturday or Sunday that is a working day (调休上班).</summary>
    MakeUpWorkingDay,
}

/// <summary>A deadline computed by <see cref="WorkingDayCalendar.Deadline"/>. <see cref="IsEstimate"/> is
/// true when the count crossed a provisional year or a year the calendar does not cover (counted as Monday to Friday).</summary>
public readonly record struct WorkingDayDeadline(DateOnly Date, bool IsEstimate);

/// <summary>Thrown for a date in a year the calendar has no data for.</summary>
public sealed class CalendarNotCoveredException(int year, IReadOnlyList<int> covered)
    : InvalidOperationException($"The working-day calendar has no holiday data for {year} (it covers {string.Join(", ", covered)}). " +
        $"Add the State Council's holiday notice for {year} to Platform/Calendar/holidays.json.")
{
    public int Year { get; } = year;
}

/// <summary>Working days of mainland China: Monday to Friday, minus the announced holidays, plus the
/// make-up working days (调休). Deadlines count working days (<see cref="AddWorkingDays"/>); a date
/// outside the covered years is an error (<see cref="CalendarNotCoveredException"/>), except through
/// <see cref="Deadline"/>, which falls back to Monday–Friday and says the result is an estimate.</summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, string> _holidays = [];
    private readonly Dictionary<DateOnly, string> _makeUpDays = [];
    private readonly Dictionary<int, HolidayYear> _years = [];

    public WorkingDayCalendar(HolidayData data)
    {
        var problems = new List<string>();
        foreach (var y in data.Years)
        {
            if (!_years.TryAdd(y.Year, y)) { problems.Add($"{y.Year} is listed twice"); continue; }
            if (string.IsNullOrWhiteSpace(y.Source)) problems.Add($"{y.Year} has no source");
            foreach (var h in y.Holidays)
            {
                if (h.To < h.From) problems.Add($"{h.Name} {h.From:yyyy-MM-dd}..{h.To:yyyy-MM-dd} ends before it starts");
                for (var d = h.From; d <= h.To; d = d.AddDays(1))
                {
                    if (d.Year != y.Year) problems.Add($"{d:yyyy-MM-dd} ({h.Name}) is listed under {y.Year}");
                    if (!_holidays.TryAdd(d, h.Name)) problems.Add($"{d:yyyy-MM-dd} is in two holidays");
                }
            }
            foreach (var m in y.MakeUpWorkingDays)
            {
                if (m.Date.Year != y.Year) problems.Add($"make-up day {m.Date:yyyy-MM-dd} is listed under {y.Year}");
                if (!IsWeekend(m.Date)) problems.Add($"make-up day {m.Date:yyyy-MM-dd} is not a Saturday or Sunday");
                if (!_makeUpDays.TryAdd(m.Date, m.For)) problems.Add($"make-up day {m.Date:yyyy-MM-dd} is listed twice");
            }
        }
        foreach (var d in _makeUpDays.Keys.Where(_holidays.ContainsKey))
            problems.Add($"{d:yyyy-MM-dd} is both a holiday and a make-up working day");
        if (_years.Count == 0) problems.Add("no year is covered");
        if (problems.Count > 0)
            throw new InvalidDataException($"The holiday data is inconsistent: {string.Join("; ", problems)}.");
        CoveredYears = _years.Keys.Order().ToArray();
    }

    /// <summary>The calendar of the embedded <c>holidays.json</c>.</summary>
    public static WorkingDayCalendar FromEmbeddedData() => new(HolidayData.LoadEmbedded());

    public IReadOnlyList<int> CoveredYears { get; }

    public bool Covers(int year) => _years.ContainsKey(year);

    /// <summary>True when the year's dates are an estimate awaiting the official notice; false for an
    /// announced year. Throws for a year that is not covered.</summary>
    public bool IsProvisional(int year) => Year(year).Provisional;

    /// <summary>The year's data (source, note, holidays, make-up days).</summary>
    public HolidayYear Year(int year) =>
        _years.TryGetValue(year, out var y) ? y : throw new CalendarNotCoveredException(year, CoveredYears);

    public DayKind KindOf(DateOnly date)
    {
        if (!Covers(date.Year)) throw new CalendarNotCoveredException(date.Year, CoveredYears);
        return Classify(date);
    }

    /// <summary>The holiday's name (e.g. 春节) for a day off, else null.</summary>
    public string? HolidayName(DateOnly date) => _holidays.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date) => KindOf(date) is DayKind.WorkingDay or DayKind.MakeUpWorkingDay;

    /// <summary>The deadline <paramref name="workingDays"/> working days after <paramref name="start"/>:
    /// for n ≥ 1 the n-th working day after the start day (the start day itself never counts, whatever
    /// it is); for n = 0 the start day if it is a working day, else the next working day.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays) => Add(start, workingDays, lenient: false).Date;

    /// <summary>Like <see cref="AddWorkingDays"/>, but a year outside the calendar counts Monday to Friday
    /// instead of throwing; the result says whether it is an estimate (an uncovered or provisional year was crossed).</summary>
    public WorkingDayDeadline Deadline(DateOnly start, int workingDays) => Add(start, workingDays, lenient: true);

    /// <summary>The working days d with <paramref name="from"/> &lt; d ≤ <paramref name="to"/>, negated when
    /// <paramref name="to"/> is before <paramref name="from"/>; so <c>WorkingDaysBetween(s, AddWorkingDays(s, n)) == n</c>
    /// for n ≥ 1, and <c>WorkingDaysBetween(deadline, today)</c> is how many working days late an item is.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }

    private WorkingDayDeadline Add(DateOnly start, int n, bool lenient)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(n));
        var estimate = false;
        bool Working(DateOnly d)
        {
            if (_years.TryGetValue(d.Year, out var y)) estimate |= y.Provisional;
            else if (lenient) { estimate = true; return !IsWeekend(d); }
            else throw new CalendarNotCoveredException(d.Year, CoveredYears);
            return Classify(d) is DayKind.WorkingDay or DayKind.MakeUpWorkingDay;
        }

        var day = start;
        if (n == 0)
        {
            while (!Working(day)) day = day.AddDays(1);
            return new WorkingDayDeadline(day, estimate);
        }
        for (var counted = 0; counted < n;)
        {
            day = day.AddDays(1);
            if (Working(day)) counted++;
        }
        return new WorkingDayDeadline(day, estimate);
    }

    private DayKind Classify(DateOnly date) =>
        _holidays.ContainsKey(date) ? DayKind.Holiday
        : _makeUpDays.ContainsKey(date) ? DayKind.MakeUpWorkingDay
        : IsWeekend(date) ? DayKind.Weekend
        : DayKind.WorkingDay;

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}

using System.Globalization;

namespace Renda.Platform.Calendar;

/// <summary>China Standard Time (UTC+8, no daylight saving): the local time of every station.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>9:00 or 09:00 or 14:30.</summary>
    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string Format(TimeOnly t) => t.ToString("H:mm", CultureInfo.InvariantCulture);
    public static string Format(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    /// <summary>A stored UTC instant as China time to the minute: 2026-03-02 09:05.</summary>
    public static string FormatInstant(DateTime utc) => (utc + Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    /// <summary>A stored UTC instant's China day: 2026-03-02 (16:00 UTC is already the next day).</summary>
    public static string FormatDay(DateTime utc) => (utc + Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Text.Json;

namespace Renda.Platform.Calendar;

/// <summary>The holiday calendar as data: per year, the days off (放假) and the weekend days that are
/// working days (调休上班). Loaded from the embedded <c>holidays.json</c>; a later admin-edited table
/// only has to produce the same shape.</summary>
public sealed record HolidayData(IReadOnlyList<HolidayYear> Years)
{
    public const string ResourceName = "holidays.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static HolidayData Parse(string json) =>
        JsonSerializer.Deserialize<HolidayData>(json, Json) ?? throw new InvalidDataException("The holiday data is empty.");

    /// <summary>The <c>Platform/Calendar/holidays.json</c> embedded in this assembly.</summary>
    public static HolidayData LoadEmbedded()
    {
        var assembly = typeof(HolidayData).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

/// <param name="Provisional">True when the year is estimated from the statutory holidays and awaits the State Council's notice.</param>
/// <param name="Source">The notice the dates come from (or how they were derived).</param>
public sealed record HolidayYear(
    int Year,
    bool Provisional,
    string Source,
    string? Note,
    IReadOnlyList<HolidayRange> Holidays,
    IReadOnlyList<MakeUpWorkingDay> MakeUpWorkingDays);

/// <summary>Consecutive days off, both ends included.</summary>
public sealed record HolidayRange(string Name, string NameEn, DateOnly From, DateOnly To);

/// <summary>A Saturday or Sunday that is a working day (调休上班), and the holiday it pays for.</summary>
public sealed record MakeUpWorkingDay(DateOnly Date, string For);

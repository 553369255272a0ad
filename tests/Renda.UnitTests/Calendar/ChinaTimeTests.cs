using Renda.Platform.Calendar;

namespace Renda.UnitTests.Calendar;

public class ChinaTimeTests
{
    [Theory]
    [InlineData("2026-03-01T15:59:59Z", "2026-03-01", "2026-03-01 23:59")]
    [InlineData("2026-03-01T16:00:00Z", "2026-03-02", "2026-03-02 00:00")] // China midnight
    [InlineData("2025-12-31T16:05:00Z", "2026-01-01", "2026-01-01 00:05")] // and a new year
    public void A_stored_instant_is_shown_as_China_day_and_minute(string utc, string day, string minute)
    {
        var at = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(day, ChinaTime.FormatDay(at));
        Assert.Equal(minute, ChinaTime.FormatInstant(at));
    }
}

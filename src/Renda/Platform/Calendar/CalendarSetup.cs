namespace Renda.Platform.Calendar;

public static class CalendarSetup
{
    /// <summary>One <see cref="WorkingDayCalendar"/> for the app, loaded (and checked) from the embedded
    /// holidays.json at first use.</summary>
    public static IServiceCollection AddRendaCalendar(this IServiceCollection services)
    {
        services.AddSingleton(_ => WorkingDayCalendar.FromEmbeddedData());
        return services;
    }
}

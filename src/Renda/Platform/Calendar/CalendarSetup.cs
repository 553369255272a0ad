namespace Renda.Platform.Calendar;

public static class CalendarSetup
{
    public static IServiceCollection AddRendaCalendar(this IServiceCollection services) => services;
}

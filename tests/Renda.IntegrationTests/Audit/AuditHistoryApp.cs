using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Audit;

/// <summary>An app with a known audit history in two counties on two days, and an auditor in each:
/// on 2026-03-02 staff-a (330523) signs in and fails once and staff-b (110101) signs in; on
/// 2026-03-10 staff-a signs in, fails once and signs out. The auditors sign in last.</summary>
public sealed class AuditHistoryApp : RendaApp, IAsyncLifetime
{
    public const string CountyA = "330523", CountyB = "110101";
    public static readonly DateTimeOffset Day1 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Day2 = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public HttpClient AuditorA { get; private set; } = null!;
    public HttpClient AuditorB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await this.CreateUserAsync("aud-a", CountyA, Roles.Auditor);
        await this.CreateUserAsync("aud-b", CountyB, Roles.Auditor);
        await this.CreateUserAsync("staff-a", CountyA, Roles.CongressStaff);
        await this.CreateUserAsync("staff-b", CountyB, Roles.CongressStaff);

        Clock.Set(Day1);
        await this.SignedInFromAsync("staff-a", "203.0.113.1");
        await this.ClientFrom("203.0.113.1").LoginAsync("staff-a", "Wrong-Secret-1");
        await this.SignedInFromAsync("staff-b", "203.0.113.2");

        Clock.Set(Day2);
        var a = await this.SignedInFromAsync("staff-a", "203.0.113.1");
        await this.ClientFrom("203.0.113.1").LoginAsync("staff-a", "Wrong-Secret-2");
        await a.PostAsync("/api/auth/logout", null);

        AuditorA = await this.SignedInAsync("aud-a");
        AuditorB = await this.SignedInAsync("aud-b");
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

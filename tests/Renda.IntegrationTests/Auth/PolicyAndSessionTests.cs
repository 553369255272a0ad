using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Auth;

public sealed class PolicyAndSessionTests(RendaApp app) : IClassFixture<RendaApp>
{
    [Fact]
    public async Task Policy_below_the_national_floor_is_refused()
    {
        await app.CreateUserAsync("sec-p1", "330523", Roles.SecurityAdmin);
        var sec = await app.SignedInAsync("sec-p1");
        var res = await sec.PutAsJsonAsync("/api/admin/policy",
            new { minPasswordLength = 6, minCharacterClasses = 2, lockoutThreshold = 10, lockoutMinutes = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        foreach (var f in new[] { "minPasswordLength", "minCharacterClasses", "lockoutThreshold", "lockoutMinutes" })
            Assert.True(errors.TryGetProperty(f, out _), f);
    }

    [Fact]
    public async Task A_stricter_policy_takes_effect_at_once()
    {
        await app.CreateUserAsync("sec-p2", "330523", Roles.SecurityAdmin);
        await app.CreateUserAsync("staff-p2", "330523", Roles.CongressStaff);
        var sec = await app.SignedInAsync("sec-p2");
        try
        {
            var res = await sec.PutAsJsonAsync("/api/admin/policy",
                new { minPasswordLength = 8, minCharacterClasses = 3, lockoutThreshold = 3, lockoutMinutes = 30 });
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);

            var http = app.CreateClient();
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.LoginAsync("staff-p2", "wrong-Password-1")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.LoginAsync("staff-p2", "wrong-Password-1")).StatusCode);
            Assert.Equal(HttpStatusCode.Locked, (await http.LoginAsync("staff-p2", "wrong-Password-1")).StatusCode);

            await using var scope = app.Scope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var end = await users.GetLockoutEndDateAsync((await users.FindByNameAsync("staff-p2"))!);
            Assert.InRange((end!.Value - DateTimeOffset.UtcNow).TotalMinutes, 28, 31);
        }
        finally
        {
            await sec.PutAsJsonAsync("/api/admin/policy",
                new { minPasswordLength = 8, minCharacterClasses = 3, lockoutThreshold = 5, lockoutMinutes = 15 });
        }
    }

    [Fact]
    public async Task Lockout_lasts_fifteen_minutes_by_default()
    {
        await app.CreateUserAsync("staff-p3", "330523", Roles.CongressStaff);
        var http = app.CreateClient();
        for (var i = 0; i < 5; i++) await http.LoginAsync("staff-p3", "wrong-Password-1");
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var end = await users.GetLockoutEndDateAsync((await users.FindByNameAsync("staff-p3"))!);
        Assert.InRange((end!.Value - DateTimeOffset.UtcNow).TotalMinutes, 14, 16);
    }

    [Fact]
    public async Task A_bearer_token_stops_working_after_thirty_minutes()
    {
        await app.CreateUserAsync("staff-p4", "330523", Roles.CongressStaff);
        var http = await app.SignedInAsync("staff-p4");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/me")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        try
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/me")).StatusCode);
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromMinutes(-31));
        }
    }

    [Fact]
    public async Task A_web_session_ends_after_thirty_idle_minutes_but_not_while_in_use()
    {
        await app.CreateUserAsync("staff-p5", "330523", Roles.CongressStaff);
        var web = app.PageClient();
        var start = app.Clock.GetUtcNow();
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await web.SignInWithFormAsync("staff-p5")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/workbench")).StatusCode);
            for (var i = 0; i < 3; i++)
            {
                app.Clock.Advance(TimeSpan.FromMinutes(20));
                Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/workbench")).StatusCode);
            }
            app.Clock.Advance(TimeSpan.FromMinutes(31));
            var idle = await web.GetAsync("/workbench");
            Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
            Assert.StartsWith("/account/login", idle.Headers.Location?.AbsolutePath ?? "");
        }
        finally
        {
            app.Clock.Set(start);
        }
    }
}

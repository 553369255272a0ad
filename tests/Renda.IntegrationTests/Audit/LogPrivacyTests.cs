using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Audit;

/// <summary>Application logs carry no personal information: every log line of a flow of sign-ins,
/// failures, a lockout and audited changes is searched for the passwords, names and phone number used.</summary>
public sealed class LogPrivacyTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    private const string Password = "Log-Secret-2026x", WrongPassword = "Wrong-Log-Secret-1", NewPassword = "Init-Log-Secret-2";
    private const string DisplayName = "司马相如", NewDisplayName = "诸葛孔明", Phone = "13812348000";

    [Fact]
    public async Task Signing_in_failing_and_audited_changes_log_no_password_name_or_phone()
    {
        await app.EnsureJurisdictionAsync("330523", "测试县");
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = new AppUser { UserName = "log-admin", DisplayName = DisplayName, PhoneNumber = Phone, JurisdictionCode = "330523" };
            Assert.True((await users.CreateAsync(admin, Password)).Succeeded);
            await users.AddToRoleAsync(admin, Roles.SystemAdmin);
            await users.CreateAsync(new AppUser { UserName = "log-victim", DisplayName = NewDisplayName, JurisdictionCode = "330523" }, Password);
        }

        var http = await app.SignedInAsync("log-admin", Password);                                      // sign-in (API)
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().LoginAsync("log-admin", WrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().LoginAsync(Phone, Password)).StatusCode); // a phone typed as user name
        for (var i = 0; i < 6; i++) await app.CreateClient().LoginAsync("log-victim", WrongPassword);    // lockout
        var created = await http.PostAsJsonAsync("/api/admin/users",                                   // audited create
            new { userName = "log-new", displayName = NewDisplayName, jurisdictionCode = "330523", password = NewPassword });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var refused = await http.PostAsJsonAsync("/api/admin/users",                                    // refused: duplicate name
            new { userName = "log-new", displayName = NewDisplayName, jurisdictionCode = "330523", password = NewPassword });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var web = app.PageClient();
        Assert.Equal(HttpStatusCode.Redirect, (await web.SignInWithFormAsync("log-admin", Password)).StatusCode); // sign-in (page)
        await web.SignInWithFormAsync("log-admin", WrongPassword);
        await http.PostAsync("/api/auth/logout", null);

        var lines = app.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("/api/auth/login", StringComparison.Ordinal)); // the capture saw the flow
        Assert.Contains(lines, l => l.Contains("/account/login", StringComparison.Ordinal));
        foreach (var secret in new[] { Password, WrongPassword, NewPassword, DisplayName, NewDisplayName, Phone })
        {
            var leak = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A log line carries '{secret}': {leak}");
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using Renda.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Auth;

/// <summary>Accounts created by the system admin, the password policy and the first sign-in.</summary>
public sealed class AccountAdminTests(RendaApp app) : IClassFixture<RendaApp>
{
    private async Task<HttpClient> SystemAdminAsync(string name, string jurisdiction = "330523")
    {
        await app.CreateUserAsync(name, jurisdiction, Roles.SystemAdmin);
        return await app.SignedInAsync(name);
    }

    [Fact]
    public async Task Created_account_must_change_its_password_before_using_the_api()
    {
        var admin = await SystemAdminAsync("sys-first");
        var created = await admin.PostAsJsonAsync("/api/admin/users",
            new { userName = "new-staff", displayName = "王小明", jurisdictionCode = "330523" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.True(body.GetProperty("mustChangePassword").GetBoolean());
        var temporary = body.GetProperty("temporaryPassword").GetString()!;
        Assert.True(CharacterClassPasswordValidator.Classes(temporary) >= 3);

        var user = await app.SignedInAsync("new-staff", temporary);
        var blocked = await user.GetAsync("/api/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("password-change-required", await blocked.Content.ReadAsStringAsync());
        var me = await (await user.GetAsync("/api/me")).JsonAsync();
        Assert.True(me.GetProperty("mustChangePassword").GetBoolean());

        var weak = await user.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = temporary, newPassword = "abcdefgh12" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var changed = await user.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = temporary, newPassword = "Anji-Staff-2026" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        var again = await app.SignedInAsync("new-staff", "Anji-Staff-2026");
        var meAgain = await (await again.GetAsync("/api/me")).JsonAsync();
        Assert.False(meAgain.GetProperty("mustChangePassword").GetBoolean());
    }

    [Fact]
    public async Task Created_account_signing_in_on_the_web_is_sent_to_the_password_page()
    {
        var admin = await SystemAdminAsync("sys-web");
        var body = await (await admin.PostAsJsonAsync("/api/admin/users",
            new { userName = "web-staff", displayName = "李华", jurisdictionCode = "330523" })).JsonAsync();
        var web = app.PageClient();

        var signIn = await web.SignInWithFormAsync("web-staff", body.GetProperty("temporaryPassword").GetString()!);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/account/change-password", signIn.Headers.Location?.OriginalString);
        var workbench = await web.GetAsync("/workbench");
        Assert.Equal("/account/change-password", workbench.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("short1A", "password")]            // 7 characters
    [InlineData("alllowercase1", "password")]      // 2 classes
    [InlineData("", "userName")]
    public async Task Bad_new_accounts_are_refused_with_the_field_named(string password, string field)
    {
        var admin = await SystemAdminAsync("sys-bad-" + field + password.Length);
        var res = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = field == "userName" ? "" : "bad-" + password.Length,
            displayName = "张三",
            jurisdictionCode = "330523",
            password,
        });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_county_admin_cannot_create_accounts_in_the_neighbouring_county()
    {
        await app.EnsureJurisdictionAsync("330522", "长兴县");
        var admin = await SystemAdminAsync("sys-anji");
        var res = await admin.PostAsJsonAsync("/api/admin/users",
            new { userName = "cx-new", displayName = "赵六", jurisdictionCode = "330522" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("jurisdictionCode", out _));
    }

    [Fact]
    public async Task The_account_list_shows_only_the_admins_jurisdiction()
    {
        await app.CreateUserAsync("list-cx-staff", "330522", Roles.CongressStaff);
        await app.CreateUserAsync("list-anji-staff", "330523001", Roles.CongressStaff);
        var admin = await SystemAdminAsync("sys-list");
        var list = await (await admin.GetAsync("/api/admin/users?q=list-&pageSize=200")).JsonAsync();
        var names = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("userName").GetString()).ToList();
        Assert.Contains("list-anji-staff", names);
        Assert.DoesNotContain("list-cx-staff", names);
    }

    [Fact]
    public async Task Unlocking_an_account_lets_it_sign_in_again_and_is_audited()
    {
        await app.CreateUserAsync("locked-1", "330523", Roles.CongressStaff);
        var http = app.CreateClient();
        for (var i = 0; i < 5; i++) await http.LoginAsync("locked-1", "wrong-Password-1");
        Assert.Equal(HttpStatusCode.Locked, (await http.LoginAsync("locked-1", Api.Password)).StatusCode);

        var admin = await SystemAdminAsync("sys-unlock");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/admin/users/locked-1/unlock", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.LoginAsync("locked-1", Api.Password)).StatusCode);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Renda.Platform.Data.AppDbContext>();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == Renda.Platform.Audit.AuditActions.Unlocked);
        Assert.Equal(("sys-unlock", "330523"), (entry.Actor, entry.JurisdictionCode));
    }
}

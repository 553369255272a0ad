using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using static Renda.IntegrationTests.Audit.AuditTestKit;

namespace Renda.IntegrationTests.Audit;

/// <summary>Each audited event appends exactly the entries it should: who, in which role, from which
/// address, what, on which object, with which outcome — and no summary carries personal data.</summary>
public sealed class AuditEventsTests(RendaApp app) : IClassFixture<RendaApp>
{
    private const string Ip = "203.0.113.7";
    private const string County = "330523";

    [Fact]
    public async Task A_sign_in_appends_one_success_entry()
    {
        var user = await app.CreateUserAsync("ev-in", County, Roles.CongressStaff);
        var before = await app.LastAuditIdAsync();

        var res = await app.ClientFrom(Ip).LoginAsync("ev-in", Api.Password);

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var e = Assert.Single(await app.AuditSinceAsync(before));
        // The request is anonymous until the password is checked; the entry names the account and its roles.
        Assert.Equal((AuditActions.SignIn, "ev-in", Roles.CongressStaff, Ip, nameof(AppUser), user.Id, AuditOutcomes.Success, County),
            (e.Action, e.Actor, e.ActorRole, e.ClientIp, e.EntityType, e.EntityId, e.Outcome, e.JurisdictionCode));
        Assert.Equal("""{"channel":"api","reason":"ok"}""", e.Summary);
        AssertNoSecretsIn([e], Api.Password, "测试 ev-in");
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_account_each_append_one_failure()
    {
        var user = await app.CreateUserAsync("ev-bad", County, Roles.CongressStaff);
        var before = await app.LastAuditIdAsync();
        var http = app.ClientFrom(Ip);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.LoginAsync("ev-bad", "Wrong-Secret-99")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.LoginAsync("nobody-here", "Other-Secret-77")).StatusCode);

        var entries = await app.AuditSinceAsync(before);
        Assert.Equal(2, entries.Count);
        Assert.Equal((AuditActions.SignInFailed, "ev-bad", Ip, user.Id, AuditOutcomes.Failure, County),
            (entries[0].Action, entries[0].Actor, entries[0].ClientIp, entries[0].EntityId, entries[0].Outcome, entries[0].JurisdictionCode));
        Assert.Contains("bad_password", entries[0].Summary);
        Assert.Equal((AuditActions.SignInFailed, "no***", Ip, "", AuditOutcomes.Failure),
            (entries[1].Action, entries[1].Actor, entries[1].ClientIp, entries[1].EntityId, entries[1].Outcome));
        Assert.Contains("unknown_user", entries[1].Summary);
        AssertNoSecretsIn(entries, "Wrong-Secret-99", "Other-Secret-77", Api.Password);
    }

    [Fact]
    public async Task Lockout_appends_four_failures_then_a_denied_entry_for_each_locked_attempt()
    {
        var user = await app.CreateUserAsync("ev-lock", County, Roles.CongressStaff);
        var before = await app.LastAuditIdAsync();
        var http = app.ClientFrom(Ip);

        for (var i = 0; i < 4; i++) await http.LoginAsync("ev-lock", "Wrong-Secret-99");
        var fifth = await http.LoginAsync("ev-lock", "Wrong-Secret-99");
        var right = await http.LoginAsync("ev-lock", Api.Password);

        Assert.Equal((HttpStatusCode.Locked, HttpStatusCode.Locked), (fifth.StatusCode, right.StatusCode));
        var entries = await app.AuditSinceAsync(before);
        Assert.Equal(
            [.. Enumerable.Repeat((AuditActions.SignInFailed, AuditOutcomes.Failure), 4),
             (AuditActions.LockedOut, AuditOutcomes.Denied), (AuditActions.LockedOut, AuditOutcomes.Denied)],
            entries.Select(e => (e.Action, e.Outcome)));
        Assert.All(entries, e => Assert.Equal(("ev-lock", user.Id, Ip, County), (e.Actor, e.EntityId, e.ClientIp, e.JurisdictionCode)));
        AssertNoSecretsIn(entries, "Wrong-Secret-99", Api.Password);
    }

    [Fact]
    public async Task Sign_out_appends_one_entry_with_the_role()
    {
        var user = await app.CreateUserAsync("ev-out", County, Roles.CongressStaff);
        var http = await app.SignedInFromAsync("ev-out", Ip);
        var before = await app.LastAuditIdAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/api/auth/logout", null)).StatusCode);

        var e = Assert.Single(await app.AuditSinceAsync(before));
        Assert.Equal((AuditActions.SignOut, "ev-out", Roles.CongressStaff, Ip, nameof(AppUser), user.Id, AuditOutcomes.Success, County),
            (e.Action, e.Actor, e.ActorRole, e.ClientIp, e.EntityType, e.EntityId, e.Outcome, e.JurisdictionCode));
    }

    [Fact]
    public async Task A_role_grant_appends_one_entry_and_a_self_grant_one_denied_entry()
    {
        var sec = await app.CreateUserAsync("ev-sec", County, Roles.SecurityAdmin);
        var target = await app.CreateUserAsync("ev-target", County + "001");
        var http = await app.SignedInFromAsync("ev-sec", Ip);
        var before = await app.LastAuditIdAsync();

        var grant = await http.PostAsJsonAsync("/api/admin/users/ev-target/roles", new { role = Roles.Leader });
        var afterGrant = await app.LastAuditIdAsync();
        var self = await http.PostAsJsonAsync("/api/admin/users/ev-sec/roles", new { role = Roles.Leader });

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Forbidden), (grant.StatusCode, self.StatusCode));
        var granted = Assert.Single(await app.AuditSinceAsync(before), e => e.Id <= afterGrant);
        Assert.Equal((AuditActions.RoleGranted, "ev-sec", Roles.SecurityAdmin, Ip, nameof(AppUser), target.Id, AuditOutcomes.Success, County + "001"),
            (granted.Action, granted.Actor, granted.ActorRole, granted.ClientIp, granted.EntityType, granted.EntityId, granted.Outcome, granted.JurisdictionCode));
        Assert.Equal("""{"role":"leader"}""", granted.Summary);
        var denied = Assert.Single(await app.AuditSinceAsync(afterGrant));
        Assert.Equal((AuditActions.RoleGranted, "ev-sec", sec.Id, AuditOutcomes.Denied), (denied.Action, denied.Actor, denied.EntityId, denied.Outcome));
        Assert.Contains("self_grant", denied.Summary);
    }

    [Fact]
    public async Task A_policy_change_appends_the_row_change_and_the_policy_event()
    {
        await app.CreateUserAsync("ev-pol", County, Roles.SecurityAdmin);
        var http = await app.SignedInFromAsync("ev-pol", Ip);
        var first = await http.PutAsJsonAsync("/api/admin/policy", new { minPasswordLength = 10, minCharacterClasses = 3, lockoutThreshold = 5, lockoutMinutes = 15 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await app.LastAuditIdAsync();

        var second = await http.PutAsJsonAsync("/api/admin/policy", new { minPasswordLength = 12, minCharacterClasses = 3, lockoutThreshold = 5, lockoutMinutes = 15 });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var entries = await app.AuditSinceAsync(before);
        Assert.Equal([(AuditActions.Update, "SecurityPolicy"), (AuditActions.PolicyChanged, "SecurityPolicy")],
            entries.Select(e => (e.Action, e.EntityType)));
        Assert.All(entries, e => Assert.Equal(("ev-pol", Roles.SecurityAdmin, Ip, "1", AuditOutcomes.Success, County),
            (e.Actor, e.ActorRole, e.ClientIp, e.EntityId, e.Outcome, e.JurisdictionCode)));
        using var change = JsonDocument.Parse(entries[0].Summary);
        var length = change.RootElement.GetProperty("changed").GetProperty("minPasswordLength");
        Assert.Equal((10, 12), (length.GetProperty("from").GetInt32(), length.GetProperty("to").GetInt32()));
        using var policy = JsonDocument.Parse(entries[1].Summary);
        Assert.Equal(10, policy.RootElement.GetProperty("before").GetProperty("MinPasswordLength").GetInt32());
        Assert.Equal(12, policy.RootElement.GetProperty("after").GetProperty("MinPasswordLength").GetInt32());
    }

    [Fact]
    public async Task Creating_and_disabling_an_account_append_one_entry_each_without_the_name_or_password()
    {
        await app.CreateUserAsync("ev-sys", County, Roles.SystemAdmin);
        var http = await app.SignedInFromAsync("ev-sys", Ip);
        var before = await app.LastAuditIdAsync();

        var created = await http.PostAsJsonAsync("/api/admin/users",
            new { userName = "ev-new", displayName = "王小明", jurisdictionCode = County, password = "Xy-Secret-2026" });
        var afterCreate = await app.LastAuditIdAsync();
        var disabled = await http.PostAsync("/api/admin/users/ev-new/disable", null);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.NoContent), (created.StatusCode, disabled.StatusCode));
        var entries = await app.AuditSinceAsync(before);
        Assert.Equal([AuditActions.Create, AuditActions.Update], entries.Select(e => e.Action));
        Assert.Equal(afterCreate, entries[0].Id);
        Assert.All(entries, e => Assert.Equal((nameof(AppUser), "ev-sys", Roles.SystemAdmin, Ip, AuditOutcomes.Success, County),
            (e.EntityType, e.Actor, e.ActorRole, e.ClientIp, e.Outcome, e.JurisdictionCode)));
        Assert.Equal(entries[0].EntityId, entries[1].EntityId);
        using (var after = JsonDocument.Parse(entries[0].Summary))
        {
            var values = after.RootElement.GetProperty("after");
            Assert.Equal("ev-new", values.GetProperty("userName").GetString());
            Assert.Equal("[personal]", values.GetProperty("displayName").GetString());
            Assert.False(values.TryGetProperty("passwordHash", out _));
        }
        Assert.Equal("""{"changed":{"disabled":{"from":false,"to":true}}}""", entries[1].Summary);
        AssertNoSecretsIn(entries, "王小明", "Xy-Secret-2026");
    }

    [Fact]
    public async Task Phone_numbers_and_display_names_never_enter_a_change_summary()
    {
        await app.EnsureJurisdictionAsync(County, "测试县");
        var before = await app.LastAuditIdAsync();
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "ev-phone", DisplayName = "欧阳娜娜", JurisdictionCode = County, PhoneNumber = "13812348000" };
            Assert.True((await users.CreateAsync(user, Api.Password)).Succeeded);
            Assert.True((await users.SetPhoneNumberAsync(user, "13900001111")).Succeeded);
            user.DisplayName = "欧阳娜";
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        var entries = await app.AuditSinceAsync(before);
        Assert.Equal([AuditActions.Create, AuditActions.Update, AuditActions.Update], entries.Select(e => e.Action));
        Assert.Contains("phoneNumber", entries[1].Summary);
        Assert.Contains("displayName", entries[2].Summary);
        AssertNoSecretsIn(entries, "13812348000", "13900001111", "欧阳娜", Api.Password);
    }

    [Fact]
    public async Task No_summary_in_the_whole_trail_carries_a_password_or_a_display_name()
    {
        await app.CreateUserAsync("ev-all", County, Roles.CongressStaff);
        await app.ClientFrom(Ip).LoginAsync("ev-all", "Wrong-Secret-99");
        await (await app.SignedInAsync("ev-all")).PostAsync("/api/auth/logout", null);

        var all = await app.AuditSinceAsync();
        Assert.NotEmpty(all);
        AssertNoSecretsIn(all, Api.Password, "Wrong-Secret-99", "Xy-Secret-2026", "测试 ev-", "王小明", "欧阳娜", "13812348000");
    }
}

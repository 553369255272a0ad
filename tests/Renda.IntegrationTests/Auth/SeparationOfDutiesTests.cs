using System.Net;
using System.Net.Http.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Auth;

/// <summary>三员分立: the system admin manages accounts, the security admin grants roles and sets
/// policy (never to itself), the auditor only reads the audit trail.</summary>
public sealed class SeparationOfDutiesTests(RendaApp app) : IClassFixture<RendaApp>
{
    [Fact]
    public async Task Security_admin_grants_roles_to_others_but_not_to_itself()
    {
        await app.CreateUserAsync("sec-1", "330523", Roles.SecurityAdmin);
        await app.CreateUserAsync("target-1", "330523");
        var sec = await app.SignedInAsync("sec-1");

        var self = await sec.PostAsJsonAsync("/api/admin/users/sec-1/roles", new { role = Roles.SystemAdmin });
        var selfStaff = await sec.PostAsJsonAsync("/api/admin/users/sec-1/roles", new { role = Roles.CongressStaff });
        var other = await sec.PostAsJsonAsync("/api/admin/users/target-1/roles", new { role = Roles.CongressStaff });

        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("urn:renda:problem:self-grant", await self.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, selfStaff.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, other.StatusCode);
        var target = await app.SignedInAsync("target-1");
        var roles = (await (await target.GetAsync("/api/me")).JsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString());
        Assert.Equal([Roles.CongressStaff], roles);
        var mine = (await (await sec.GetAsync("/api/me")).JsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString());
        Assert.Equal([Roles.SecurityAdmin], mine);
    }

    [Fact]
    public async Task Security_admin_cannot_revoke_its_own_role()
    {
        await app.CreateUserAsync("sec-2", "330523", Roles.SecurityAdmin);
        var sec = await app.SignedInAsync("sec-2");
        var res = await sec.DeleteAsync($"/api/admin/users/sec-2/roles/{Roles.SecurityAdmin}");
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
    }

    [Fact]
    public async Task One_account_cannot_hold_two_admin_roles()
    {
        await app.CreateUserAsync("sec-3", "330523", Roles.SecurityAdmin);
        await app.CreateUserAsync("auditor-3", "330523", Roles.Auditor);
        var sec = await app.SignedInAsync("sec-3");
        var res = await sec.PostAsJsonAsync("/api/admin/users/auditor-3/roles", new { role = Roles.SystemAdmin });
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Contains("admin-roles-exclusive", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task System_admin_manages_accounts_but_cannot_grant_roles_or_set_policy()
    {
        await app.CreateUserAsync("sys-4", "330523", Roles.SystemAdmin);
        await app.CreateUserAsync("target-4", "330523");
        var sys = await app.SignedInAsync("sys-4");

        Assert.Equal(HttpStatusCode.OK, (await sys.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sys.PostAsJsonAsync("/api/admin/users/target-4/roles", new { role = Roles.CongressStaff })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sys.PostAsJsonAsync("/api/admin/users/sys-4/roles", new { role = Roles.Auditor })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sys.PutAsJsonAsync("/api/admin/policy",
            new { minPasswordLength = 10, minCharacterClasses = 3, lockoutThreshold = 5, lockoutMinutes = 15 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sys.GetAsync("/api/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task Auditor_reads_nothing_but_the_audit_trail()
    {
        await app.CreateUserAsync("aud-5", "330523", Roles.Auditor);
        var aud = await app.SignedInAsync("aud-5");

        Assert.Equal(HttpStatusCode.OK, (await aud.GetAsync("/api/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aud.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aud.GetAsync("/api/admin/policy")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aud.PostAsJsonAsync("/api/admin/users",
            new { userName = "x-5", displayName = "某某", jurisdictionCode = "330523" })).StatusCode);
    }

    [Fact]
    public async Task Role_pages_follow_the_same_separation()
    {
        await app.CreateUserAsync("sys-6", "330523", Roles.SystemAdmin);
        await app.CreateUserAsync("sec-6", "330523", Roles.SecurityAdmin);
        var sysWeb = app.PageClient();
        await sysWeb.SignInWithFormAsync("sys-6");
        var secWeb = app.PageClient();
        await secWeb.SignInWithFormAsync("sec-6");

        Assert.Equal(HttpStatusCode.OK, (await sysWeb.GetAsync("/admin/users")).StatusCode);
        Assert.StartsWith("/account/denied", (await sysWeb.GetAsync("/admin/roles")).Headers.Location?.AbsolutePath ?? (await sysWeb.GetAsync("/admin/roles")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await secWeb.GetAsync("/admin/roles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secWeb.GetAsync("/admin/policy")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await secWeb.GetAsync("/admin/users")).StatusCode);
    }
}

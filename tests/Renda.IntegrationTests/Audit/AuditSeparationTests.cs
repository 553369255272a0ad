using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Audit;

/// <summary>三员分立 around the audit trail: only the auditor reads it, and the auditor can do nothing else.</summary>
public sealed class AuditSeparationTests(RendaApp app) : IClassFixture<RendaApp>
{
    private const string County = "330523";
    private static readonly string[] AuditEndpoints = ["/api/audit", "/api/audit/verify", "/api/audit/export.xlsx", "/api/audit?actor=x&outcome=failure"];
    private static readonly string[] AdminPages = ["/admin/users", "/admin/roles", "/admin/policy"];

    [Theory]
    [InlineData(Roles.SystemAdmin)]
    [InlineData(Roles.SecurityAdmin)]
    [InlineData(Roles.CongressStaff)]
    [InlineData(Roles.Leader)]
    public async Task Everyone_but_the_auditor_is_refused_the_audit_trail(string role)
    {
        await app.CreateUserAsync("not-aud-" + role, County, role);
        var api = await app.SignedInAsync("not-aud-" + role);
        var web = app.PageClient();
        await web.SignInWithFormAsync("not-aud-" + role);

        foreach (var path in AuditEndpoints)
        {
            var res = await api.GetAsync(path);
            Assert.True(res.StatusCode == HttpStatusCode.Forbidden, $"{role} {path}: {(int)res.StatusCode}");
            Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        }
        var page = await web.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/denied", RedirectPath(page));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/audit")).StatusCode); // with a bearer token: a plain 403
        var verify = await web.PostFormAsync("/audit?handler=verify", new Dictionary<string, string>(), tokenFrom: "/workbench");
        Assert.NotEqual(HttpStatusCode.OK, verify.StatusCode);
    }

    [Fact]
    public async Task Without_signing_in_the_api_says_401_and_the_page_sends_to_sign_in()
    {
        var anonymous = app.PageClient();
        foreach (var path in AuditEndpoints)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        var page = await anonymous.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", RedirectPath(page));
    }

    [Fact]
    public async Task The_auditor_reads_the_trail_and_opens_its_page()
    {
        await app.CreateUserAsync("aud-ok", County, Roles.Auditor);
        var api = await app.SignedInAsync("aud-ok");
        var web = app.PageClient();
        await web.SignInWithFormAsync("aud-ok");

        foreach (var path in AuditEndpoints)
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/audit")).StatusCode);
    }

    [Fact]
    public async Task The_auditor_cannot_manage_accounts_grant_roles_or_set_policy()
    {
        await app.CreateUserAsync("aud-no", County, Roles.Auditor);
        await app.CreateUserAsync("aud-target", County);
        var api = await app.SignedInAsync("aud-no");
        var policyBefore = await (await app.SignedInAsync(await SecurityAdminAsync())).GetStringAsync("/api/admin/policy");

        var attempts = new (string What, Task<HttpResponseMessage> Call)[]
        {
            ("GET users", api.GetAsync("/api/admin/users")),
            ("POST users", api.PostAsJsonAsync("/api/admin/users", new { userName = "made-by-auditor", displayName = "某某", jurisdictionCode = County })),
            ("POST roles", api.PostAsJsonAsync("/api/admin/users/aud-target/roles", new { role = Roles.Leader })),
            ("POST own roles", api.PostAsJsonAsync("/api/admin/users/aud-no/roles", new { role = Roles.SecurityAdmin })),
            ("DELETE roles", api.DeleteAsync($"/api/admin/users/aud-no/roles/{Roles.Auditor}")),
            ("GET policy", api.GetAsync("/api/admin/policy")),
            ("PUT policy", api.PutAsJsonAsync("/api/admin/policy", new { minPasswordLength = 8, minCharacterClasses = 3, lockoutThreshold = 5, lockoutMinutes = 15 })),
            ("POST unlock", api.PostAsync("/api/admin/users/aud-target/unlock", null)),
        };
        foreach (var (what, call) in attempts)
            Assert.True((await call).StatusCode == HttpStatusCode.Forbidden, what);

        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Null(await users.FindByNameAsync("made-by-auditor"));
            Assert.Empty(await users.GetRolesAsync((await users.FindByNameAsync("aud-target"))!));
            Assert.Equal([Roles.Auditor], await users.GetRolesAsync((await users.FindByNameAsync("aud-no"))!));
        }
        Assert.Equal(policyBefore, await (await app.SignedInAsync("sec-ref")).GetStringAsync("/api/admin/policy"));

        var web = app.PageClient();
        await web.SignInWithFormAsync("aud-no");
        foreach (var page in AdminPages)
        {
            var res = await web.GetAsync(page);
            Assert.True(res.StatusCode == HttpStatusCode.Redirect && RedirectPath(res).StartsWith("/account/denied", StringComparison.Ordinal),
                $"{page}: {(int)res.StatusCode} {res.Headers.Location}");
        }
    }

    private static string RedirectPath(HttpResponseMessage res) =>
        res.Headers.Location is { } to ? (to.IsAbsoluteUri ? to.PathAndQuery : to.OriginalString) : "";

    private async Task<string> SecurityAdminAsync()
    {
        await using var scope = app.Scope();
        if (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("sec-ref") is null)
            await app.CreateUserAsync("sec-ref", County, Roles.SecurityAdmin);
        return "sec-ref";
    }
}

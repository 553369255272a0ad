using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.PublicCodes;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.PublicCodes;

/// <summary>Revoke and regenerate through the API and the staff page: the old URL answers 410 politely,
/// the new one works, each act is one audit entry, and bad input changes nothing.</summary>
public sealed class CodeRevocationTests(RendaApp app) : IClassFixture<RendaApp>
{
    private static int _users;

    [Fact]
    public async Task Regenerating_revokes_the_old_code_and_the_new_one_opens_the_station_page()
    {
        var world = await CodeWorld.CreateAsync(app);
        var staff = await StaffAsync();
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/p/s/{world.StationCode}")).StatusCode);

        var res = await staff.PostAsJsonAsync($"/api/stations/{world.StationId}/public-code/regenerate", new { reason = "damaged" });

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var card = await res.JsonAsync();
        var code = card.GetProperty("code").GetString()!;
        Assert.NotEqual(world.StationCode, code);
        Assert.Matches("^[0-9a-z]{12}$", code);
        Assert.True(card.GetProperty("active").GetBoolean());
        Assert.Equal($"http://localhost/p/s/{code}", card.GetProperty("url").GetString());
        var history = card.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(code, history[0].GetProperty("code").GetString());
        Assert.Equal(world.StationCode, history[1].GetProperty("code").GetString());
        Assert.Equal("damaged", history[1].GetProperty("reason").GetString());
        Assert.StartsWith("qr-staff-", history[1].GetProperty("revokedBy").GetString());

        var old = await anonymous.GetAsync($"/p/s/{world.StationCode}");
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        var oldHtml = await old.Content.ReadAsStringAsync();
        Assert.Contains("此二维码已停用", oldHtml);
        Assert.DoesNotContain(world.StationName, oldHtml);
        Assert.Contains("href=\"/\"", oldHtml);

        var fresh = await anonymous.GetAsync($"/p/s/{code}");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Contains(world.StationName, await fresh.Content.ReadAsStringAsync());

        // The station's own column carries the new code, so the stations list shows it.
        var list = await (await staff.GetAsync("/api/stations?pageSize=100")).JsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("id").GetInt64() == world.StationId && i.GetProperty("publicCode").GetString() == code);
    }

    [Fact]
    public async Task Revoking_leaves_no_working_code_until_regenerated()
    {
        var world = await CodeWorld.CreateAsync(app);
        var staff = await StaffAsync();
        var url = $"/api/representatives/{world.RepresentativeId}/public-code";

        var revoked = await staff.PostAsJsonAsync(url + "/revoke", new { reason = "ended" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False((await revoked.JsonAsync()).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Gone, (await app.CreateClient().GetAsync($"/p/r/{world.RepresentativeCode}")).StatusCode);

        var again = await staff.PostAsJsonAsync(url + "/revoke", new { reason = "ended" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("urn:renda:problem:code-already-revoked", (await again.JsonAsync()).GetProperty("type").GetString());

        // No reason is needed to issue a code for one already revoked.
        var regenerated = await (await staff.PostAsJsonAsync(url + "/regenerate", new { })).JsonAsync();
        var code = regenerated.GetProperty("code").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/p/r/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await app.CreateClient().GetAsync($"/p/r/{world.RepresentativeCode}")).StatusCode);
        Assert.Equal(2, regenerated.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Each_act_is_one_explicit_audit_entry_naming_the_codes_and_the_reason()
    {
        var world = await CodeWorld.CreateAsync(app);
        var staff = await StaffAsync();
        var card = await (await staff.PostAsJsonAsync($"/api/stations/{world.StationId}/public-code/regenerate", new { reason = "misused" })).JsonAsync();

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entries = await db.AuditEntries.Where(a => a.EntityType == nameof(Station) && a.EntityId == world.StationId.ToString()
            && a.Action != "entity.create").ToListAsync();
        var entry = Assert.Single(entries);
        Assert.Equal(PublicCodeRegistry.RegeneratedAction, entry.Action);
        Assert.StartsWith("qr-staff-", entry.Actor);
        Assert.Equal(CodeWorld.Township, entry.JurisdictionCode);
        var summary = JsonDocument.Parse(entry.Summary).RootElement;
        Assert.Equal(world.StationCode, summary.GetProperty("revoked").GetString());
        Assert.Equal(card.GetProperty("code").GetString(), summary.GetProperty("issued").GetString());
        Assert.Equal("misused", summary.GetProperty("reason").GetString());
        Assert.Equal("station", summary.GetProperty("kind").GetString());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(PublicCode)), "no second, automatic entry for the registry rows");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\":\"\"}")]
    [InlineData("{\"reason\":\"<script>\"}")]
    [InlineData("{\"reason\":3}")]
    public async Task A_missing_or_unknown_reason_is_refused_field_by_field_and_changes_nothing(string body)
    {
        var world = await CodeWorld.CreateAsync(app);
        var staff = await StaffAsync();

        var res = await staff.PostAsync($"/api/stations/{world.StationId}/public-code/regenerate",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var problem = await res.JsonAsync();
        if (problem.TryGetProperty("errors", out var errors)) Assert.True(errors.TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/p/s/{world.StationCode}")).StatusCode);
        var card = await (await staff.GetAsync($"/api/stations/{world.StationId}/public-code")).JsonAsync();
        Assert.Equal(world.StationCode, card.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Staff_of_another_county_and_other_roles_cannot_revoke()
    {
        var world = await CodeWorld.CreateAsync(app);
        var url = $"/api/stations/{world.StationId}/public-code/revoke";

        Assert.Equal(HttpStatusCode.NotFound, (await (await StaffAsync(CodeWorld.OtherCounty)).PostAsJsonAsync(url, new { reason = "misused" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await UserAsync(CodeWorld.County, Roles.StationManager)).PostAsJsonAsync(url, new { reason = "misused" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync(url, new { reason = "misused" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/p/s/{world.StationCode}")).StatusCode);
    }

    [Fact]
    public async Task The_staff_page_shows_the_code_and_regenerates_it_with_a_reason()
    {
        var world = await CodeWorld.CreateAsync(app);
        var name = $"qr-staff-{Interlocked.Increment(ref _users)}";
        await app.CreateUserAsync(name, CodeWorld.County, Roles.CongressStaff);
        var browser = app.PageClient();
        await browser.SignInWithFormAsync(name);
        var page = $"/qr/station/{world.StationId}";

        var html = await browser.GetStringAsync(page);
        Assert.Contains($"src=\"/api/stations/{world.StationId}/qr.svg?v={world.StationCode}\"", html);
        Assert.Contains($"http://localhost/p/s/{world.StationCode}", html);
        Assert.Contains($"href=\"/api/stations/{world.StationId}/qr.png\" download=", html);
        Assert.Contains("data-print", html);
        Assert.Contains("<script src=\"/js/qr.js", html);
        Assert.Contains("data-confirm=", html);

        var missingReason = await browser.PostFormAsync(page + "?handler=Regenerate", new Dictionary<string, string> { ["Reason"] = "" }, page);
        Assert.Equal(HttpStatusCode.OK, missingReason.StatusCode);
        Assert.Contains("class=\"error\"", await missingReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/p/s/{world.StationCode}")).StatusCode);

        var done = await browser.PostFormAsync(page + "?handler=Regenerate", new Dictionary<string, string> { ["Reason"] = "damaged" }, page);
        var after = await done.Content.ReadAsStringAsync();
        Assert.Contains("class=\"success\"", after);
        Assert.Contains("损毁或遗失", after); // the history names the reason
        Assert.Equal(HttpStatusCode.Gone, (await app.CreateClient().GetAsync($"/p/s/{world.StationCode}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/qr/station/987654321")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/qr/unit/{world.StationId}")).StatusCode);
    }

    [Fact]
    public async Task The_staff_page_is_for_congress_staff_only()
    {
        var world = await CodeWorld.CreateAsync(app);
        var anonymous = await app.PageClient().GetAsync($"/qr/station/{world.StationId}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.OriginalString.Replace("http://localhost", ""));

        var name = $"qr-station-{Interlocked.Increment(ref _users)}";
        await app.CreateUserAsync(name, CodeWorld.County, Roles.StationManager);
        var manager = app.PageClient();
        await manager.SignInWithFormAsync(name);
        var denied = await manager.GetAsync($"/qr/station/{world.StationId}");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.OriginalString);
    }

    private Task<HttpClient> StaffAsync(string county = CodeWorld.County) => UserAsync(county, Roles.CongressStaff, "qr-staff-");

    private async Task<HttpClient> UserAsync(string county, string role, string prefix = "qr-user-")
    {
        var name = prefix + Interlocked.Increment(ref _users);
        await app.CreateUserAsync(name, county, role);
        return await app.SignedInAsync(name);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Opinions;
using Renda.IntegrationTests.PublicCodes;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.IntegrationTests.PublicPages;

/// <summary>The output cache of the anonymous citizen pages (docs/adr/0032): a response served from the cache
/// carries an <c>Age</c> header; one that is not, does not.</summary>
public static class CacheSupport
{
    public static bool FromCache(this HttpResponseMessage res) => res.Headers.Age is not null;

    /// <summary>A client with no cookie jar: every request is a new anonymous visitor.</summary>
    public static HttpClient Visitor(this RendaApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
}

/// <summary>The station and representative pages: cached for anonymous visitors, gone from the cache as soon as
/// staff change what they show, never served to or stored from a signed-in user.</summary>
public sealed class ProfilePageCacheTests(RendaApp app) : IClassFixture<RendaApp>
{
    [Fact]
    public async Task A_cached_station_page_shows_the_edit_right_after_the_station_is_saved()
    {
        var world = await CodeWorld.CreateAsync(app, stationName: "缓存测试联络站");
        var path = $"/p/s/{world.StationCode}";
        Assert.False((await app.Visitor().GetAsync(path)).FromCache());
        var cached = await app.Visitor().GetAsync(path);
        Assert.True(cached.FromCache());
        Assert.Contains("<h1>缓存测试联络站</h1>", await cached.Content.ReadAsStringAsync());

        await app.CreateUserAsync("cache-staff", CodeWorld.County, Roles.CongressStaff);
        var staff = await app.SignedInAsync("cache-staff");
        var detail = await (await staff.GetAsync($"/api/stations/{world.StationId}")).JsonAsync();
        var put = await staff.PutAsJsonAsync($"/api/stations/{world.StationId}", new
        {
            name = "缓存测试联络站（新址）", kind = "station", jurisdictionCode = CodeWorld.Township, address = "安吉县递铺街道天目路8号",
            grade = 4, version = detail.GetProperty("version").GetInt64(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await app.Visitor().GetAsync(path);
        Assert.False(after.FromCache());
        var html = await after.Content.ReadAsStringAsync();
        Assert.Contains("<h1>缓存测试联络站（新址）</h1>", html);
        Assert.Contains("安吉县递铺街道天目路8号", html);
    }

    [Fact]
    public async Task A_cached_representative_page_follows_a_revoked_station_code_at_once()
    {
        var world = await CodeWorld.CreateAsync(app, stationName: "撤码测试联络站", representativeName: "缓存代表");
        var repPath = $"/p/r/{world.RepresentativeCode}";
        await app.Visitor().GetAsync(repPath);
        var cached = await app.Visitor().GetAsync(repPath);
        Assert.True(cached.FromCache());
        Assert.Contains($"href=\"/p/s/{world.StationCode}\"", await cached.Content.ReadAsStringAsync());

        await app.CreateUserAsync("revoke-staff", CodeWorld.County, Roles.CongressStaff);
        var staff = await app.SignedInAsync("revoke-staff");
        var revoke = await staff.PostAsJsonAsync($"/api/stations/{world.StationId}/public-code/revoke", new { reason = "damaged" });
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        Assert.Equal(HttpStatusCode.Gone, (await app.Visitor().GetAsync($"/p/s/{world.StationCode}")).StatusCode);
        var html = await app.Visitor().GetStringAsync(repPath);
        Assert.Contains("撤码测试联络站", html);
        Assert.DoesNotContain($"href=\"/p/s/{world.StationCode}\"", html);   // no link to a dead code
    }

    [Fact]
    public async Task A_signed_in_user_is_never_served_from_the_cache_nor_fills_it()
    {
        var world = await CodeWorld.CreateAsync(app, stationName: "登录测试联络站");
        var path = $"/p/s/{world.StationCode}";
        await app.CreateUserAsync("cache-reader", CodeWorld.County, Roles.CongressStaff);
        var staff = await app.SignedInAsync("cache-reader");

        var first = await staff.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False((await app.Visitor().GetAsync(path)).FromCache());   // the signed-in view was not stored
        Assert.True((await app.Visitor().GetAsync(path)).FromCache());
        var again = await staff.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.FromCache());

        using var bearer = new HttpRequestMessage(HttpMethod.Get, path);
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.False((await app.Visitor().SendAsync(bearer)).FromCache());
    }

    [Fact]
    public async Task Each_language_has_its_own_entry()
    {
        var world = await CodeWorld.CreateAsync(app, stationName: "语言测试联络站");
        var path = $"/p/s/{world.StationCode}";
        await app.Visitor().GetAsync(path);
        Assert.True((await app.Visitor().GetAsync(path)).FromCache());

        using var english = new HttpRequestMessage(HttpMethod.Get, path);
        english.Headers.Add("Cookie", $"{UiSetup.CookieName}=c%3Den%7Cuic%3Den");
        var res = await app.Visitor().SendAsync(english);
        Assert.False(res.FromCache());
        Assert.Contains("Reception days", await res.Content.ReadAsStringAsync());
    }
}

/// <summary>The tracking page: cached while it only shows progress, evicted by the next workflow step, and never
/// cached while it holds the rating form (whose antiforgery token belongs to one visitor's cookie).</summary>
[Collection(OpinionsCollection.Name)]
public sealed class TrackingPageCacheTests(DemoApp app)
{
    [Fact]
    public async Task The_tracking_page_shows_the_new_state_right_after_a_workflow_action()
    {
        var (id, code) = await app.OpinionInAsync("submitted", content: "缓存测试：公交站台雨棚漏雨");
        var path = $"/p/t/{code}";
        await app.Visitor().GetAsync(path);
        var cached = await app.Visitor().GetAsync(path);
        Assert.True(cached.FromCache());
        Assert.Contains("badge state-submitted", await cached.Content.ReadAsStringAsync());

        var staff = await app.As(StaffSupport.Staff);
        Assert.Equal(HttpStatusCode.OK, (await staff.ActAsync(id, "triage", new { category = "transport", urgency = "normal" })).StatusCode);

        var after = await app.Visitor().GetAsync(path);
        Assert.False(after.FromCache());
        Assert.Contains("badge state-triaged", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_with_the_rating_form_is_never_cached_and_each_visitor_can_rate_with_their_own_token()
    {
        var code = await app.SubmitOpinionAsCitizenAsync("缓存测试：评价表单");
        await app.ForceStateAsync(code, "replied", o => { o.ReplyContent = "已处理"; o.RepliedAt = app.Clock.GetUtcNow().UtcDateTime; });
        var path = $"/p/t/{code}";

        var first = await app.Visitor().GetAsync(path);
        Assert.Contains(first.Headers, h => h.Key == "Set-Cookie");   // the antiforgery cookie
        var second = await app.Visitor().GetAsync(path);
        Assert.False(second.FromCache());
        Assert.Contains("name=\"Rating\"", await second.Content.ReadAsStringAsync());

        // Two visitors, each with their own cookie: one form token each, and the rating goes through.
        var a = app.PageClient();
        var b = app.PageClient();
        Assert.NotEqual(await a.AntiforgeryTokenAsync(path), await b.AntiforgeryTokenAsync(path));
        var rated = await b.PostFormAsync($"{path}?handler=Rate", new Dictionary<string, string> { ["Rating"] = "satisfied" }, path);
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        var thanks = await b.GetStringAsync(path);
        Assert.Contains("感谢您的评价", thanks);   // the flash, not a cached copy

        var closed = await app.Visitor().GetStringAsync(path);
        Assert.DoesNotContain("name=\"Rating\"", closed);
        Assert.DoesNotContain("感谢您的评价", closed);   // a flash is never stored for others
        Assert.Contains("badge state-closed", closed);
    }
}

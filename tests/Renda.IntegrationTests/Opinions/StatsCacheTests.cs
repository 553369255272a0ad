using System.Net;
using System.Text.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;
using static Renda.IntegrationTests.Opinions.StatsWorld;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The figures of a city or the province are kept for a few minutes and say when they were computed
/// (docs/adr/0040); a county's are computed on every request. Its own app: the test moves the clock.</summary>
public sealed class StatsCacheTests(RendaApp app) : IClassFixture<RendaApp>
{
    private const string Period = "/api/opinions/stats?from=2026-02-01&to=2026-02-28";

    private static int Received(JsonElement stats) => stats.GetProperty("totals").GetProperty("received").GetInt32();

    [Fact]
    public async Task A_city_sees_figures_up_to_five_minutes_old_with_their_time_a_county_sees_them_live()
    {
        await app.EnsureJurisdictionAsync("3397", "测试市");
        var w = await new StatsWorld(app, "339701").CreateAsync();
        await app.CreateUserAsync("staff-3397", "3397", Roles.CongressStaff);
        var city = await app.SignedInAsync("staff-3397");
        var county = await w.StaffAsync();
        await w.AddAsync(China(2026, 2, 3), "submitted");
        var start = app.Clock.GetUtcNow();
        try
        {
            var first = await (await city.GetAsync(Period)).JsonAsync();
            Assert.Equal(1, Received(first));
            Assert.Equal(300, first.GetProperty("maxAgeSeconds").GetInt32());
            Assert.Equal(start.UtcDateTime, first.GetProperty("asOf").GetDateTime().ToUniversalTime());

            await w.AddAsync(China(2026, 2, 4), "submitted");
            app.Clock.Advance(TimeSpan.FromMinutes(4));
            var kept = await (await city.GetAsync(Period)).JsonAsync();
            Assert.Equal(1, Received(kept));
            Assert.Equal(first.GetProperty("asOf").GetString(), kept.GetProperty("asOf").GetString());
            var live = await (await county.GetAsync(Period)).JsonAsync();
            Assert.Equal(2, Received(live));
            Assert.Equal(0, live.GetProperty("maxAgeSeconds").GetInt32());
            Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, live.GetProperty("asOf").GetDateTime().ToUniversalTime());

            // Another period is computed on its own; bad input is refused as before, never served from the cache.
            var longer = await (await city.GetAsync("/api/opinions/stats?from=2026-01-01&to=2026-02-28")).JsonAsync();
            Assert.Equal(2, Received(longer));
            Assert.Equal(HttpStatusCode.BadRequest, (await city.GetAsync("/api/opinions/stats?from=2026-02-30")).StatusCode);

            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var recomputed = await (await city.GetAsync(Period)).JsonAsync();
            Assert.Equal(2, Received(recomputed));
            Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, recomputed.GetProperty("asOf").GetDateTime().ToUniversalTime());

            var page = app.PageClient();
            Assert.Equal(HttpStatusCode.Redirect, (await page.SignInWithFormAsync("staff-3397")).StatusCode);
            var html = await page.GetStringAsync("/opinions/dashboard?from=2026-02-01&to=2026-02-28");
            var china = (app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm");
            Assert.Contains($"数据截至 {china}", html);
            Assert.Contains("每 5 分钟更新一次", html);
            var countyPage = app.PageClient();
            Assert.Equal(HttpStatusCode.Redirect, (await countyPage.SignInWithFormAsync(w.Staff)).StatusCode);
            var countyHtml = await countyPage.GetStringAsync("/opinions/dashboard?from=2026-02-01&to=2026-02-28");
            Assert.Contains($"数据截至 {china}", countyHtml);
            Assert.DoesNotContain("分钟更新一次", countyHtml);
        }
        finally
        {
            app.Clock.Set(start);
        }
    }
}

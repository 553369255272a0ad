using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The insight pages and figures on the demo county, whatever opinions it holds (the demo data of
/// the opinions module, and what other tests of the collection submitted).</summary>
[Collection(OpinionsCollection.Name)]
public sealed class StatsOnDemoTests(DemoApp app)
{
    [Fact]
    public async Task The_figures_match_the_table_and_the_pages_open_for_demo_staff_and_leader()
    {
        await app.SubmitOpinionAsCitizenAsync("小区停车难，车位不够。", await app.StationCodeAsync());
        int expected;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var start = new DateTime(2025, 3, 31, 16, 0, 0, DateTimeKind.Utc); // 2025-04-01 00:00 China time
            expected = await db.Set<Opinion>().IgnoreQueryFilters()
                .CountAsync(o => o.JurisdictionCode.StartsWith("330523") && o.CreatedAt >= start);
        }

        var staff = await app.SignedInAsync("demo-staff", RendaApp.DemoPassword);
        var stats = await (await staff.GetAsync("/api/opinions/stats")).JsonAsync();
        Assert.Equal(expected, stats.GetProperty("totals").GetProperty("received").GetInt32());
        Assert.Equal(expected, stats.GetProperty("byState").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()));
        Assert.Equal(expected, stats.GetProperty("byTownship").EnumerateArray().Sum(s => s.GetProperty("received").GetInt32()));
        Assert.Equal(expected, stats.GetProperty("byMonth").EnumerateArray().Sum(s => s.GetProperty("received").GetInt32()));

        foreach (var user in new[] { "demo-staff", "demo-leader" })
        {
            var http = app.PageClient();
            Assert.Equal(HttpStatusCode.Redirect, (await http.SignInWithFormAsync(user, RendaApp.DemoPassword)).StatusCode);
            foreach (var path in new[] { "/opinions/dashboard", "/opinions/hot-topics", "/opinions/hot-topics/proposals" })
            {
                var res = await http.GetAsync(path);
                Assert.True(res.StatusCode == HttpStatusCode.OK, $"{user} {path}: {(int)res.StatusCode}");
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/opinions/stats.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/opinions/hot-topics?days=366&minCount=2")).StatusCode);
    }
}

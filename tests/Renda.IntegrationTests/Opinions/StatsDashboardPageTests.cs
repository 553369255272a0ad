using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;
using static Renda.IntegrationTests.Opinions.StatsWorld;

namespace Renda.IntegrationTests.Opinions;

/// <summary>/opinions/dashboard without a browser: the KPI tiles and tables carry the API's figures, the
/// charts' data travels in a JSON block (never an inline script), an empty period shows an empty state.</summary>
public sealed partial class StatsDashboardPageTests(RendaApp app) : IClassFixture<RendaApp>
{
    private async Task<HttpClient> SignedInPageAsync(string user)
    {
        var http = app.PageClient();
        var res = await http.SignInWithFormAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return http;
    }

    [Fact]
    public async Task The_dashboard_shows_the_figures_and_hands_the_charts_their_data_as_json()
    {
        var w = await new StatsWorld(app, "339801").CreateAsync();
        await w.AddAsync(China(2026, 2, 3), "closed", o =>
        {
            (o.StationId, o.UnitId, o.Category, o.DueDate) = (w.StationA, w.UnitA, "transport", new DateOnly(2026, 2, 20));
            (o.RepliedAt, o.RatedAt, o.Rating, o.ClosedAt) = (China(2026, 2, 10), China(2026, 2, 11), "satisfied", China(2026, 2, 11));
        });
        await w.AddAsync(China(2026, 2, 4), "in_progress", o =>
            (o.StationId, o.UnitId, o.DueDate, o.Content) = (w.StationA, w.UnitA, new DateOnly(2026, 2, 25), "</script><script>alert(1)</script>"));
        await app.EnsureJurisdictionAsync(w.TownshipA, "甲镇");
        var http = await SignedInPageAsync(w.Staff);

        var html = await http.GetStringAsync("/opinions/dashboard?from=2026-02-01&to=2026-02-28");

        Assert.Contains("data-kpi=\"received\">2<", html);
        Assert.Contains("data-kpi=\"completionRate\">50.0%<", html);
        Assert.Contains("data-kpi=\"satisfactionRate\">100.0%<", html);
        Assert.Contains("县住建局", html);
        Assert.Contains("/api/opinions/stats.xlsx?from=2026-02-01&amp;to=2026-02-28", html);
        Assert.Contains("<script src=\"/lib/echarts.min.js\"", html);
        Assert.DoesNotContain("<script>", html);
        var json = DataBlock().Match(html);
        Assert.True(json.Success, "the chart data block is missing");
        var data = JsonDocument.Parse(json.Groups[1].Value).RootElement;
        Assert.Equal(2, data.GetProperty("months").EnumerateArray().Single().GetProperty("received").GetInt32());
        Assert.Equal("甲镇", data.GetProperty("townships").EnumerateArray().Single().GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_empty_period_shows_an_empty_state_without_charts()
    {
        var w = await new StatsWorld(app, "339803").CreateAsync();
        var http = await SignedInPageAsync(w.Leader);

        var html = await http.GetStringAsync("/opinions/dashboard");

        Assert.Contains("该期间没有意见数据", html);
        Assert.Contains("data-kpi=\"completionRate\">—<", html);
        Assert.DoesNotContain("opinion-stats-data", html);
        Assert.DoesNotContain("echarts", html);
    }

    [Fact]
    public async Task A_bad_date_is_named_on_the_page()
    {
        var w = await new StatsWorld(app, "339805").CreateAsync();
        var http = await SignedInPageAsync(w.Staff);
        var html = await http.GetStringAsync("/opinions/dashboard?from=2026-02-31");
        Assert.Contains("class=\"error\"", html);
        Assert.Contains("开始日期须为", html);
    }

    [Fact]
    public async Task A_representative_is_turned_away()
    {
        await app.CreateUserAsync("dash-rep", "339807", Roles.Representative);
        var http = await SignedInPageAsync("dash-rep");
        var res = await http.GetAsync("/opinions/dashboard");
        Assert.NotEqual(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("/account/denied", res.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"opinion-stats-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}

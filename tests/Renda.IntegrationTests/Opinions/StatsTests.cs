using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Spreadsheets;
using static Renda.IntegrationTests.Opinions.StatsWorld;

namespace Renda.IntegrationTests.Opinions;

/// <summary>GET /api/opinions/stats on a known set of ten opinions (the app's clock stands at 2026-03-02 09:00
/// China time), every figure asserted exactly; see the module README for the definitions.</summary>
public sealed class StatsTests(RendaApp app) : IClassFixture<RendaApp>
{
    private const string Period = "from=2026-01-01&to=2026-02-28";

    /// <summary>#1 … #8 in the county, #9 just after the period, #10 in the neighbouring county.</summary>
    private async Task<StatsWorld> KnownSetAsync(string county)
    {
        var w = await new StatsWorld(app, county).CreateAsync();
        // #1 closed satisfied in January, replied on time.
        await w.AddAsync(China(2026, 1, 5), "closed", o =>
        {
            (o.StationId, o.Category, o.UnitId, o.DueDate) = (w.StationA, "urban_construction", w.UnitA, new DateOnly(2026, 1, 20));
            (o.RepliedAt, o.RatedAt, o.Rating, o.ClosedAt) = (China(2026, 1, 15), China(2026, 1, 16), "satisfied", China(2026, 1, 16));
        });
        // #2 re-handled twice, its latest reply on time (Feb), basically satisfied and closed in February.
        await w.AddAsync(China(2026, 1, 10), "closed", o =>
        {
            (o.StationId, o.Category, o.UnitId, o.DueDate, o.Round) = (w.StationA, "transport", w.UnitB, new DateOnly(2026, 2, 20), 2);
            (o.RepliedAt, o.RatedAt, o.Rating, o.ClosedAt) = (China(2026, 2, 10), China(2026, 2, 12), "basically_satisfied", China(2026, 2, 12));
        });
        // #3 came in at 01:00 on 1 February China time (still 31 January in UTC); rated unsatisfied, back in progress.
        await w.AddAsync(China(2026, 2, 1, 1), "in_progress", o =>
        {
            (o.StationId, o.Category, o.UnitId, o.DueDate, o.Round) = (w.StationB, "urban_construction", w.UnitA, new DateOnly(2026, 2, 15), 1);
            (o.RepliedAt, o.RatedAt, o.Rating) = (China(2026, 2, 8), China(2026, 2, 10), "unsatisfied");
        }, w.TownshipB);
        // #4 the first minutes of the period (still 2025 in UTC), from the general page, not triaged.
        await w.AddAsync(China(2026, 1, 1, 0, 30), "submitted", jurisdiction: w.TownshipB);
        // #5 replied late, waiting for its rating.
        await w.AddAsync(China(2026, 2, 5), "replied", o =>
        {
            (o.StationId, o.Category, o.UnitId, o.DueDate) = (w.StationB, "environment", w.UnitA, new DateOnly(2026, 2, 25));
            (o.RepliedAt, o.RepliedLate) = (China(2026, 2, 27), true);
        }, w.TownshipB);
        // #6 declined.
        await w.AddAsync(China(2026, 2, 6), "declined", o => (o.StationId, o.Category) = (w.StationA, "urban_construction"));
        // #7 came in before the period, due, replied, rated and closed in January.
        await w.AddAsync(China(2025, 12, 20), "closed", o =>
        {
            (o.StationId, o.Category, o.UnitId, o.DueDate) = (w.StationA, "transport", w.UnitB, new DateOnly(2026, 1, 8));
            (o.RepliedAt, o.RatedAt, o.Rating, o.ClosedAt) = (China(2026, 1, 7), China(2026, 1, 9), "satisfied", China(2026, 1, 9));
        });
        // #8 replied on time in February, its deadline after the period.
        await w.AddAsync(China(2026, 2, 10), "replied", o =>
        {
            (o.StationId, o.Category, o.UnitId, o.DueDate) = (w.StationA, "transport", w.UnitB, new DateOnly(2026, 3, 5));
            o.RepliedAt = China(2026, 2, 26);
        });
        // #9 half an hour into March China time (still 28 February in UTC): outside the period.
        await w.AddAsync(China(2026, 3, 1, 0, 30), "submitted");
        // #10 the same county code plus one: another county, never counted here.
        var neighbour = (long.Parse(county) + 1).ToString();
        await app.EnsureJurisdictionAsync(neighbour, "邻县");
        await w.AddAsync(China(2026, 1, 20), "submitted", jurisdiction: neighbour);
        return w;
    }

    private static async Task<JsonElement> StatsAsync(HttpClient http, string query)
    {
        var res = await http.GetAsync("/api/opinions/stats?" + query);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await res.JsonAsync();
    }

    private static JsonElement RowOf(JsonElement stats, string breakdown, string key) =>
        stats.GetProperty(breakdown).EnumerateArray().Single(r => r.GetProperty("key").GetString() == key);

    private static int I(JsonElement e, string name) => e.GetProperty(name).GetInt32();
    private static decimal? Rate(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    [Fact]
    public async Task The_totals_and_the_three_rates_are_exact_on_a_known_set()
    {
        var w = await KnownSetAsync("339901");
        var stats = await StatsAsync(await w.StaffAsync(), Period);

        Assert.Equal("2026-01-01", stats.GetProperty("from").GetString());
        Assert.Equal("2026-02-28", stats.GetProperty("to").GetString());
        var t = stats.GetProperty("totals");
        Assert.Equal(7, I(t, "received"));
        Assert.Equal((5, 3, 0.6m), (I(t, "due"), I(t, "closed"), Rate(t, "completionRate")));
        Assert.Equal((6, 5, 0.8333m), (I(t, "replied"), I(t, "repliedOnTime"), Rate(t, "onTimeRate")));
        Assert.Equal((4, 2, 1, 1, 0.75m), (I(t, "rated"), I(t, "satisfied"), I(t, "basicallySatisfied"), I(t, "unsatisfied"), Rate(t, "satisfactionRate")));
        Assert.Equal((2, 3), (I(t, "rehandled"), I(t, "rehandlingRounds")));

        var states = stats.GetProperty("byState").EnumerateArray().ToDictionary(s => s.GetProperty("state").GetString()!, s => I(s, "count"));
        Assert.Equal(new Dictionary<string, int>
        {
            ["submitted"] = 1, ["triaged"] = 0, ["merged"] = 0, ["declined"] = 1, ["assigned"] = 0, ["escalated"] = 0,
            ["in_progress"] = 1, ["replied"] = 2, ["closed"] = 2,
        }, states);
        Assert.Equal("已办结", stats.GetProperty("byState").EnumerateArray().Single(s => s.GetProperty("state").GetString() == "closed").GetProperty("label").GetString());
    }

    [Fact]
    public async Task Months_are_China_months_and_each_figure_falls_in_the_month_of_its_own_event()
    {
        var w = await KnownSetAsync("339903");
        var stats = await StatsAsync(await w.StaffAsync(), Period);

        Assert.Equal(["2026-01", "2026-02"], stats.GetProperty("byMonth").EnumerateArray().Select(m => m.GetProperty("key").GetString()));
        var jan = RowOf(stats, "byMonth", "2026-01");
        Assert.Equal((3, 1, 2), (I(jan, "received"), I(jan, "rehandled"), I(jan, "rehandlingRounds")));
        Assert.Equal((2, 2, 1m), (I(jan, "due"), I(jan, "closed"), Rate(jan, "completionRate")));
        Assert.Equal((2, 2, 2, 1m), (I(jan, "replied"), I(jan, "repliedOnTime"), I(jan, "rated"), Rate(jan, "satisfactionRate")));
        var feb = RowOf(stats, "byMonth", "2026-02");
        Assert.Equal((4, 1, 1), (I(feb, "received"), I(feb, "rehandled"), I(feb, "rehandlingRounds")));
        Assert.Equal((3, 1, 0.3333m), (I(feb, "due"), I(feb, "closed"), Rate(feb, "completionRate")));
        Assert.Equal((4, 3, 0.75m), (I(feb, "replied"), I(feb, "repliedOnTime"), Rate(feb, "onTimeRate")));
        Assert.Equal((2, 0.5m), (I(feb, "rated"), Rate(feb, "satisfactionRate")));
    }

    [Fact]
    public async Task Breakdowns_by_unit_category_station_and_township_are_named_and_add_up()
    {
        var w = await KnownSetAsync("339905");
        var stats = await StatsAsync(await w.StaffAsync(), Period);

        var ua = RowOf(stats, "byUnit", w.UnitA.ToString());
        Assert.Equal(("县住建局", 3, 3, 1, 0.3333m), (ua.GetProperty("name").GetString(), I(ua, "received"), I(ua, "due"), I(ua, "closed"), Rate(ua, "completionRate")));
        var ub = RowOf(stats, "byUnit", w.UnitB.ToString());
        Assert.Equal(("县交通运输局", 2, 2, 2, 1m, 3, 3), (ub.GetProperty("name").GetString(), I(ub, "received"), I(ub, "due"), I(ub, "closed"),
            Rate(ub, "completionRate"), I(ub, "replied"), I(ub, "repliedOnTime")));
        var none = RowOf(stats, "byUnit", "none");
        Assert.Equal((2, 0, (decimal?)null), (I(none, "received"), I(none, "due"), Rate(none, "completionRate")));

        var categories = stats.GetProperty("byCategory").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => I(c, "received"));
        Assert.Equal(new Dictionary<string, int> { ["urban_construction"] = 3, ["transport"] = 2, ["environment"] = 1, ["none"] = 1 }, categories);
        Assert.Equal("城乡建设", RowOf(stats, "byCategory", "urban_construction").GetProperty("name").GetString());

        var sa = RowOf(stats, "byStation", w.StationA.ToString());
        Assert.Equal(("甲镇人大代表联络站", 4), (sa.GetProperty("name").GetString(), I(sa, "received")));
        Assert.Equal(2, I(RowOf(stats, "byStation", w.StationB.ToString()), "received"));
        Assert.Equal(1, I(RowOf(stats, "byStation", "none"), "received"));

        var ta = RowOf(stats, "byTownship", w.TownshipA);
        Assert.Equal(("甲镇", 4, 3, 3, 1m), (ta.GetProperty("name").GetString(), I(ta, "received"), I(ta, "due"), I(ta, "closed"), Rate(ta, "completionRate")));
        var tb = RowOf(stats, "byTownship", w.TownshipB);
        Assert.Equal(("乙镇", 3, 2, 0, 0m), (tb.GetProperty("name").GetString(), I(tb, "received"), I(tb, "due"), I(tb, "closed"), Rate(tb, "completionRate")));
        Assert.Equal(2, stats.GetProperty("byTownship").GetArrayLength());
    }

    [Fact]
    public async Task An_empty_period_has_zero_counts_and_null_rates()
    {
        var w = await KnownSetAsync("339907");
        var stats = await StatsAsync(await app.SignedInAsync(w.Leader), "from=2025-01-01&to=2025-01-31");

        var t = stats.GetProperty("totals");
        Assert.Equal((0, 0, 0, 0), (I(t, "received"), I(t, "due"), I(t, "replied"), I(t, "rated")));
        Assert.Null(Rate(t, "completionRate"));
        Assert.Null(Rate(t, "onTimeRate"));
        Assert.Null(Rate(t, "satisfactionRate"));
        Assert.All(stats.GetProperty("byState").EnumerateArray(), s => Assert.Equal(0, I(s, "count")));
        Assert.Equal(0, stats.GetProperty("byUnit").GetArrayLength());
        var month = Assert.Single(stats.GetProperty("byMonth").EnumerateArray());
        Assert.Equal(("2025-01", 0), (month.GetProperty("key").GetString(), I(month, "received")));
    }

    [Fact]
    public async Task Deadlines_after_today_are_not_due_yet()
    {
        var w = await KnownSetAsync("339909");
        // The period runs to the end of March; today is 2 March, so #8 (due 5 March) is not due yet.
        var stats = await StatsAsync(await w.StaffAsync(), "from=2026-03-01&to=2026-03-31");
        var t = stats.GetProperty("totals");
        Assert.Equal((1, 0, (decimal?)null), (I(t, "received"), I(t, "due"), Rate(t, "completionRate")));
    }

    [Fact]
    public async Task Staff_see_only_their_jurisdiction()
    {
        await KnownSetAsync("339911");
        await app.CreateUserAsync("staff-339912", "339912", Roles.CongressStaff);
        var stats = await StatsAsync(await app.SignedInAsync("staff-339912"), Period);
        Assert.Equal(1, I(stats.GetProperty("totals"), "received"));
        Assert.Equal(0, I(stats.GetProperty("totals"), "due"));
    }

    [Fact]
    public async Task The_default_period_is_the_twelve_months_up_to_today()
    {
        var w = await new StatsWorld(app, "339913").CreateAsync();
        var stats = await StatsAsync(await w.StaffAsync(), "");
        Assert.Equal(("2025-04-01", "2026-03-02"), (stats.GetProperty("from").GetString(), stats.GetProperty("to").GetString()));
        Assert.Equal(12, stats.GetProperty("byMonth").GetArrayLength());
    }

    [Theory]
    [InlineData(20, "from=2026-13-01", "from")]
    [InlineData(21, "from=yesterday", "from")]
    [InlineData(22, "to=2026-02-30", "to")]
    [InlineData(23, "from=1900-01-01&to=1900-01-02", "from")]
    [InlineData(24, "from=2026-03-01&to=2026-02-01", "to")]
    [InlineData(25, "from=2020-01-01&to=2026-01-01", "to")]
    public async Task Bad_periods_are_refused_field_by_field(int county, string query, string field)
    {
        var w = await new StatsWorld(app, "3399" + county).CreateAsync();
        var res = await (await w.StaffAsync()).GetAsync("/api/opinions/stats?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData(Roles.Representative)]
    [InlineData(Roles.HandlingUnit)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SecurityAdmin)]
    public async Task Only_staff_and_leaders_read_the_figures(string role)
    {
        var user = "stats-" + role;
        await app.CreateUserAsync(user, "339999", role);
        var http = await app.SignedInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/opinions/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/opinions/stats.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/opinions/stats")).StatusCode);
    }

    [Fact]
    public async Task The_workbook_holds_the_same_figures_one_sheet_per_breakdown()
    {
        var w = await KnownSetAsync("339997");
        var res = await (await w.StaffAsync()).GetAsync("/api/opinions/stats.xlsx?" + Period);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, res.Content.Headers.ContentType?.MediaType);
        Assert.Contains("opinion-stats-20260101-20260228.xlsx", res.Content.Headers.ContentDisposition?.ToString());
        var bytes = await res.Content.ReadAsByteArrayAsync();

        using (var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(["汇总", "按承办单位", "按类别", "按家站点", "按乡镇", "按月份"], names);
        }
        var summary = XlsxReader.Read(new MemoryStream(bytes)).ToDictionary(r => r.Cells[0], r => r.Cells.Count > 1 ? r.Cells[1] : "");
        Assert.Equal("7", summary["收到件数"]);
        Assert.Equal("0.6", summary["办结率"]);
        Assert.Equal("0.8333", summary["按期率"]);
        Assert.Equal("0.75", summary["满意率"]);
        Assert.Equal("2", summary["其中：已办结"]);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Stations;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Performance;

/// <summary>一人一档 over HTTP and on its page: filters by year and kind, newest first, counts by kind;
/// a representative reads their own, staff those of their jurisdiction.</summary>
[Collection(StationsCollection.Name)]
public sealed class ArchiveApiTests(DemoApp app)
{
    /// <summary>A representative with five records: 2025 a meeting and a training, 2026 two receptions and a meeting.</summary>
    private async Task<long> RepresentativeWithRecordsAsync(string name, string township = Dipu)
    {
        var rep = await app.NewRepresentativeAsync(name, township);
        await using var scope = app.Scope();
        var db = new AppDbContext(scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>(), new SystemUser("archive-test"), app.Clock);
        (string Kind, string Date, string Title)[] rows =
        [
            (DutyKinds.Meeting, "2025-03-10", "参加县人大常委会第十次会议"), (DutyKinds.Training, "2025-06-20", "参加履职能力培训"),
            (DutyKinds.Reception, "2026-01-10", "在联络站接待选民 8 人次"), (DutyKinds.Meeting, "2026-01-15", "列席县人民代表大会"),
            (DutyKinds.Reception, "2026-02-10", "在联络站接待选民 12 人次"),
        ];
        foreach (var (kind, date, title) in rows)
            await DutyArchive.RecordAsync(db, new DutyEntry(rep, kind, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), title, "tests", $"{name}:{date}"));
        await db.SaveChangesAsync();
        return rep;
    }

    private static IEnumerable<string> Dates(System.Text.Json.JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("date").GetString()!);

    [Fact]
    public async Task The_archive_filters_by_year_and_kind_newest_first_in_the_one_list_shape()
    {
        var rep = await RepresentativeWithRecordsAsync("档案筛选代表");
        var staff = await app.StaffAsync();

        var all = await staff.OkJsonAsync($"/api/representatives/{rep}/archive");
        var y2025 = await staff.OkJsonAsync($"/api/representatives/{rep}/archive?year=2025");
        var meetings = await staff.OkJsonAsync($"/api/representatives/{rep}/archive?kind=meeting");
        var receptions2026 = await staff.OkJsonAsync($"/api/representatives/{rep}/archive?year=2026&kind=reception&page=2&pageSize=1");

        Assert.Equal(["2026-02-10", "2026-01-15", "2026-01-10", "2025-06-20", "2025-03-10"], Dates(all));
        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal(["2025-06-20", "2025-03-10"], Dates(y2025));
        Assert.Equal(["2026-01-15", "2025-03-10"], Dates(meetings));
        Assert.Equal(["2026-01-10"], Dates(receptions2026));
        Assert.Equal(2, receptions2026.GetProperty("total").GetInt32());
        Assert.Equal(2, receptions2026.GetProperty("page").GetInt32());
        Assert.Equal(1, receptions2026.GetProperty("pageSize").GetInt32());
        Assert.Equal("参加会议", meetings.GetProperty("items")[0].GetProperty("kindLabel").GetString());
    }

    [Fact]
    public async Task The_summary_counts_by_kind_and_lists_the_years()
    {
        var rep = await RepresentativeWithRecordsAsync("档案统计代表");
        var staff = await app.StaffAsync();

        var all = await staff.OkJsonAsync($"/api/representatives/{rep}/archive/summary");
        var y2026 = await staff.OkJsonAsync($"/api/representatives/{rep}/archive/summary?year=2026");

        int Count(System.Text.Json.JsonElement s, string kind) =>
            s.GetProperty("byKind").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == kind).GetProperty("count").GetInt32();
        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal(2, Count(all, "meeting"));
        Assert.Equal(1, Count(all, "training"));
        Assert.Equal(0, Count(all, "quiz"));
        Assert.Equal([2026, 2025], all.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(3, y2026.GetProperty("total").GetInt32());
        Assert.Equal(2, Count(y2026, "reception"));
        Assert.Equal(0, Count(y2026, "training"));
        Assert.Equal(DutyKinds.All.Count, y2026.GetProperty("byKind").GetArrayLength());
    }

    [Fact]
    public async Task Bad_filters_are_400s()
    {
        var rep = await RepresentativeWithRecordsAsync("档案坏参数代表");
        var staff = await app.StaffAsync();
        await AssertInvalidAsync(await staff.GetAsync($"/api/representatives/{rep}/archive?year=20x6&kind=nap"), "year", "kind");
        await AssertInvalidAsync(await staff.GetAsync($"/api/representatives/{rep}/archive?year=-2026"), "year");
        await AssertInvalidAsync(await staff.GetAsync($"/api/representatives/{rep}/archive/summary?year=99999"), "year");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/representatives/987654321/archive")).StatusCode);
    }

    [Fact]
    public async Task A_representative_reads_their_own_archive_with_the_demo_receptions_and_nobody_elses()
    {
        var other = await RepresentativeWithRecordsAsync("别人的档案");
        var rep = await app.SignedInAsync("demo-rep", RendaApp.DemoPassword);

        var own = await rep.OkJsonAsync("/api/representatives/1/archive?kind=reception&pageSize=100");
        // Receptions at the stations, and 统一见面日 activities (which are receptions too).
        var fromStations = own.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("sourceModule").GetString() == "stations").ToList();
        Assert.True(fromStations.Count >= 3, own.ToString());
        Assert.All(own.GetProperty("items").EnumerateArray(), r => Assert.Contains(r.GetProperty("sourceModule").GetString(), new[] { "stations", "activities" }));
        Assert.All(fromStations, r =>
        {
            Assert.StartsWith("reception:", r.GetProperty("sourceId").GetString());
            Assert.True(string.CompareOrdinal(r.GetProperty("date").GetString(), "2026-03-02") < 0, "demo receptions lie before the load day");
        });
        var denied = await rep.GetAsync($"/api/representatives/{other}/archive");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync($"/api/representatives/{other}/archive/summary")).StatusCode);

        var browser = app.PageClient();
        await browser.SignInWithFormAsync("demo-rep", RendaApp.DemoPassword);
        var redirect = await browser.GetAsync("/archive");
        Assert.Equal("/archive/1", redirect.Headers.Location?.OriginalString);
        var page = await browser.GetStringAsync("/archive/1?kind=reception");
        Assert.Contains("接待选民", page);
        Assert.Contains("递铺街道人大代表联络站", page);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/archive/{other}")).StatusCode);
    }

    [Fact]
    public async Task Township_staff_read_the_archives_of_their_township_only()
    {
        var here = await RepresentativeWithRecordsAsync("孝丰档案代表", Xiaofeng);
        var there = await RepresentativeWithRecordsAsync("递铺档案代表", Dipu);
        await app.CreateUserAsync("xf-archive", Xiaofeng, Roles.CongressStaff);
        var staff = await app.SignedInAsync("xf-archive");

        Assert.Equal(5, (await staff.OkJsonAsync($"/api/representatives/{here}/archive")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/representatives/{there}/archive")).StatusCode);
    }

    [Fact]
    public async Task The_archive_page_filters_and_counts()
    {
        var rep = await RepresentativeWithRecordsAsync("档案页面代表");
        var browser = app.PageClient();
        await browser.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);

        var html = await browser.GetStringAsync($"/archive/{rep}?year=2025");

        Assert.Contains("参加县人大常委会第十次会议", html);
        Assert.Contains("参加履职能力培训", html);
        Assert.DoesNotContain("列席县人民代表大会", html);
        Assert.Matches(@"<span class=""count"">2</span>\s*全部", html);
        var bad = await browser.GetStringAsync($"/archive/{rep}?year=abc");
        Assert.Contains("年份应为四位数字", bad);
    }
}

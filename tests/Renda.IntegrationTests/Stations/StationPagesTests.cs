using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Performance;
using Renda.Modules.Stations;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Stations;

/// <summary>The workbench pages drive the same use cases as the API: forms post, errors show per field,
/// and nothing is lost.</summary>
[Collection(StationsCollection.Name)]
public sealed partial class StationPagesTests(DemoApp app)
{
    private async Task<HttpClient> StaffPagesAsync()
    {
        var browser = app.PageClient();
        await browser.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        return browser;
    }

    [Fact]
    public async Task Staff_create_a_station_on_the_form_and_a_bad_grade_keeps_what_was_typed()
    {
        var browser = await StaffPagesAsync();
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = "表单新建联络点", ["Form.Kind"] = "point", ["Form.JurisdictionCode"] = "330523001012",
            ["Form.Address"] = "桃城社区党群服务中心二楼", ["Form.Grade"] = "9", ["Form.ContactName"] = "吴芳",
            ["Form.Rules[0].Rule"] = "door_open", ["Form.Rules[0].Met"] = "true", ["Form.Rules[0].Note"] = "每天开放",
        };

        var bad = await browser.PostFormAsync("/stations/new", fields);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("星级应为 1–5", badHtml);
        Assert.Contains("value=\"表单新建联络点\"", badHtml);
        Assert.Contains("value=\"桃城社区党群服务中心二楼\"", badHtml);
        Assert.Equal(0, await app.CountAsync<Station>(s => s.Name == "表单新建联络点"));

        fields["Form.Grade"] = "2";
        var ok = await browser.PostFormAsync("/stations/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = await browser.GetStringAsync(ok.Headers.Location!.OriginalString);
        Assert.Contains("已新建家站点", page);
        Assert.Contains("表单新建联络点", page);
        Assert.Contains("每天开放", page);
        Assert.Contains("二星级", page);
    }

    [Fact]
    public async Task Staff_log_a_reception_from_the_calendar_and_it_reaches_the_archive()
    {
        var station = await app.NewStationAsync("页面接待联络点");
        var rep = await app.NewRepresentativeAsync("页面接待代表");
        var staff = await app.StaffAsync();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/stations/{station}/representatives",
            System.Net.Http.Json.JsonContent.Create(new { representativeIds = new[] { rep } }))).StatusCode);
        var browser = await StaffPagesAsync();

        // A rule for today (the test clock is Monday 2026-03-02): the calendar offers to log it.
        var schedule = await browser.PostFormAsync($"/stations/{station}/schedule?handler=Add", new Dictionary<string, string>
        {
            ["Form.Title"] = "周一接待", ["Form.Kind"] = "weekly", ["Form.Weekday"] = "1", ["Form.StartTime"] = "9:00", ["Form.EndTime"] = "11:00",
            ["Form.ValidFrom"] = "2026-03-01", ["Form.OnDuty"] = rep.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, tokenFrom: $"/stations/{station}/schedule");
        Assert.Equal(HttpStatusCode.Redirect, schedule.StatusCode);
        var detail = await browser.GetStringAsync($"/stations/{station}");
        var link = LogLink().Match(detail);
        Assert.True(link.Success, "the calendar offers to log today's reception");
        Assert.Equal("2026-03-02", link.Groups["date"].Value);

        var form = await browser.GetStringAsync(WebUtility.HtmlDecode(link.Value[6..^1]));
        Assert.Contains("value=\"2026-03-02\"", form);
        Assert.Contains("value=\"9:00\"", form);
        Assert.Matches($"value=\"{rep}\" checked", form);
        Assert.Contains($"name=\"Form.ScheduleRuleId\" value=\"{link.Groups["rule"].Value}\"", form);

        var logged = await browser.PostFormAsync($"/stations/{station}/receptions/new", new Dictionary<string, string>
        {
            ["Form.ScheduleRuleId"] = link.Groups["rule"].Value, ["Form.Date"] = "2026-03-02", ["Form.StartTime"] = "9:00", ["Form.EndTime"] = "11:00", ["Form.Kind"] = "reception_day",
            ["Form.Receivers"] = rep.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Form.CitizenCount"] = "6",
            ["Form.Items"] = "公交站台缺少遮雨棚\r\n\r\n菜场门口占道经营", ["Form.Summary"] = "现场答复 1 件",
        });
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var after = await browser.GetStringAsync($"/stations/{station}");
        Assert.Contains("已登记接待，并记入 1 名代表的履职档案", after);
        Assert.Contains("公交站台缺少遮雨棚", after);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var reception = await db.Set<Reception>().Include(r => r.Items).SingleAsync(r => r.StationId == station);
        Assert.Equal(["公交站台缺少遮雨棚", "菜场门口占道经营"], reception.Items.OrderBy(i => i.Ordinal).Select(i => i.Text));
        Assert.NotNull(reception.ScheduleRuleId);
        var record = await db.Set<DutyRecord>().SingleAsync(d => d.RepresentativeId == rep);
        Assert.Equal($"reception:{reception.Id}", record.SourceId);
        Assert.Contains("在页面接待联络点接待选民 6 人次", await browser.GetStringAsync($"/archive/{rep}"));
    }

    [Fact]
    public async Task A_bad_reception_form_shows_the_reasons_and_keeps_the_input()
    {
        var station = await app.NewStationAsync("页面坏接待联络点");
        var browser = await StaffPagesAsync();

        var res = await browser.PostFormAsync($"/stations/{station}/receptions/new", new Dictionary<string, string>
        {
            ["Form.Date"] = "2026-13-40", ["Form.CitizenCount"] = "-1", ["Form.Items"] = "保留这段输入",
        });
        var html = await res.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("日期格式应为 yyyy-MM-dd", html);
        Assert.Contains("接待人次应为 0–10000", html);
        Assert.Contains("请选择接待的代表", html);
        Assert.Contains("保留这段输入", html);
        Assert.Equal(0, await app.CountAsync<Reception>(r => r.StationId == station));
    }

    [Fact]
    public async Task Staff_assign_and_end_on_the_assignments_page()
    {
        var station = await app.NewStationAsync("页面编组站");
        var rep = await app.NewRepresentativeAsync("页面编组甲");
        var browser = await StaffPagesAsync();
        var id = rep.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var page = await browser.GetStringAsync($"/stations/{station}/assignments");
        Assert.Contains($"name=\"Add\" value=\"{id}\"", page);   // same township: offered first, as a checkbox
        var added = await browser.PostFormAsync($"/stations/{station}/assignments?handler=Add", new Dictionary<string, string> { ["Add"] = id },
            tokenFrom: $"/stations/{station}/assignments");
        Assert.Contains("已编入 1 名代表", await added.Content.ReadAsStringAsync());

        var ended = await browser.PostFormAsync($"/stations/{station}/assignments?handler=End",
            new Dictionary<string, string> { ["representativeId"] = id, ["endedOn"] = "" }, tokenFrom: $"/stations/{station}/assignments");
        var html = await ended.Content.ReadAsStringAsync();
        Assert.Contains("已调出", html);
        Assert.Contains("2026-03-02", html);
        Assert.Equal(0, await app.CountAsync<StationRepresentative>(x => x.StationId == station));
        Assert.Equal(1, await app.CountAsync<StationAssignment>(a => a.StationId == station && a.EndedOn != null));
    }

    [GeneratedRegex("href=\"(?<href>/stations/\\d+/receptions/new\\?date=(?<date>[0-9-]+)&(amp;)?rule=(?<rule>\\d+))\"")]
    private static partial Regex LogLink();
}

using System.Net;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Stations;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Performance;

/// <summary>The pages over the same use cases: the rulebook editor writes a version, activities invite and
/// record attendance, the public evaluation page takes one vote per code, pages keep to their roles.</summary>
[Collection(StationsCollection.Name)]
public sealed class PerformancePagesTests(DemoApp app)
{
    [Fact]
    public async Task Staff_save_a_rulebook_in_the_page_and_see_what_changed_bad_rows_are_shown_per_field()
    {
        var browser = app.PageClient();
        await browser.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        var page = await browser.GetStringAsync("/performance/rulebook?year=2023");
        Assert.Contains("本年度尚无规则", page);

        var bad = await browser.PostFormAsync("/performance/rulebook?year=2023", new Dictionary<string, string>
        {
            ["year"] = "2023", ["Name"] = "2023年度积分办法",
            ["Criteria[0].Code"] = "JD", ["Criteria[0].Name"] = "接待选民", ["Criteria[0].Counts"] = "reception,<script>", ["Criteria[0].PointsPerRecord"] = "2", ["Criteria[0].Cap"] = "10",
        }, tokenFrom: "/performance/rulebook?year=2023");
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("未知类别", badPage);
        Assert.DoesNotContain("<script>", badPage);

        var ok = await browser.PostFormAsync("/performance/rulebook?year=2023", new Dictionary<string, string>
        {
            ["year"] = "2023", ["Name"] = "2023年度积分办法",
            ["Criteria[0].Code"] = "JD", ["Criteria[0].Name"] = "接待选民", ["Criteria[0].Counts"] = "reception", ["Criteria[0].PointsPerRecord"] = "2", ["Criteria[0].Cap"] = "10",
            ["Criteria[1].Code"] = "", ["Criteria[1].Name"] = "", ["Criteria[1].Counts"] = "", ["Criteria[1].PointsPerRecord"] = "", ["Criteria[1].Cap"] = "",
        }, tokenFrom: "/performance/rulebook?year=2023");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("已保存为第", await ok.Content.ReadAsStringAsync());
        var staff = await app.StaffAsync();
        var versions = await staff.OkJsonAsync("/api/rulebooks/2023");
        Assert.Equal(1, versions[0].GetProperty("criteria").GetArrayLength());
    }

    [Fact]
    public async Task The_public_evaluation_page_takes_one_vote_per_attendee_code()
    {
        var staff = await app.StaffAsync();
        var rep = await app.NewRepresentativeAsync("扫码测评代表");
        var meeting = await (await staff.PostJsonAsync("/api/reporting-meetings", new { representativeId = rep, date = "2026-02-20", place = "村文化礼堂", audience = "选民", attendees = 2 })).JsonAsync();
        var code = meeting.GetProperty("publicCode").GetString();
        var ballot = meeting.GetProperty("codes")[0].GetString()!;

        var phone = app.PageClient();
        var page = await phone.GetStringAsync($"/p/e/{code}");
        Assert.Contains("扫码测评代表", page);
        var first = await phone.PostFormAsync($"/p/e/{code}", new Dictionary<string, string> { ["AttendeeCode"] = ballot, ["Rating"] = "satisfied" });
        Assert.Contains("感谢您的评议", await first.Content.ReadAsStringAsync());
        var again = await phone.PostFormAsync($"/p/e/{code}", new Dictionary<string, string> { ["AttendeeCode"] = ballot, ["Rating"] = "unsatisfied" });
        Assert.Contains("该测评码已投票", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync("/p/e/NOSUCHCODE")).StatusCode);
        var view = await staff.OkJsonAsync($"/api/reporting-meetings/{meeting.GetProperty("id").GetInt64()}");
        Assert.Equal((1, 1), (view.GetProperty("cast").GetInt32(), view.GetProperty("satisfied").GetInt32()));
    }

    [Fact]
    public async Task Pages_keep_to_their_roles()
    {
        var rep = app.PageClient();
        await rep.SignInWithFormAsync("demo-rep", RendaApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/performance/score")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/performance/register")).StatusCode);
        foreach (var staffOnly in new[] { "/performance/review", "/performance/rulebook", "/performance/activities", "/performance/rankings" })
            Assert.NotEqual(HttpStatusCode.OK, (await rep.GetAsync(staffOnly)).StatusCode);

        var staff = app.PageClient();
        await staff.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        foreach (var path in new[] { "/performance/review", "/performance/rulebook", "/performance/activities", "/performance/activities/1", "/performance/rankings", "/performance/meetings", "/performance/score?id=1" })
            Assert.True((await staff.GetAsync(path)).StatusCode == HttpStatusCode.OK, path);
        Assert.NotEqual(HttpStatusCode.OK, (await staff.GetAsync("/performance/register")).StatusCode);
    }
}

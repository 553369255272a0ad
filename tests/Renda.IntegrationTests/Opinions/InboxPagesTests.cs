using System.Net;
using Renda.IntegrationTests.Infrastructure;
using static Renda.IntegrationTests.Opinions.StaffSupport;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The inbox and detail pages drive the same use cases and effects as the API.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class InboxPagesTests(DemoApp app)
{
    private async Task<HttpClient> PagesAsync(string user)
    {
        var browser = app.PageClient();
        await browser.SignInWithFormAsync(user, RendaApp.DemoPassword);
        return browser;
    }

    [Fact]
    public async Task The_inbox_searches_and_encodes_what_citizens_wrote()
    {
        var tag = "页" + Guid.NewGuid().ToString("N")[..6];
        var (id, _) = await app.OpinionInAsync("submitted", $"{tag} 停车场<script>alert(1)</script>收费太高", o => o.Overdue = true);
        var html = await (await PagesAsync(Staff)).GetStringAsync("/opinions?q=" + Uri.EscapeDataString(tag + " 停车"));
        Assert.Contains($"/opinions/{id}", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("138****8000", html);
        Assert.Contains("逾期", html);
        Assert.Contains("共 1", html);
    }

    [Fact]
    public async Task Staff_triage_and_assign_on_the_detail_page_and_a_missing_unit_is_named()
    {
        var (id, _) = await app.OpinionInAsync("submitted");
        var staff = await PagesAsync(Staff);
        var page = await staff.GetStringAsync($"/opinions/{id}");
        Assert.Contains("梳理", page);
        Assert.Contains("不予受理", page);
        var triage = await staff.PostFormAsync($"/opinions/{id}?handler=Act&act=triage",
            new Dictionary<string, string> { ["Form.Category"] = "transport", ["Form.Urgency"] = "urgent" }, $"/opinions/{id}");
        Assert.Equal(HttpStatusCode.Redirect, triage.StatusCode);
        Assert.Equal(("triaged", "transport"), ((await app.LoadAsync(id)).State, (await app.LoadAsync(id)).Category));

        var missing = await staff.PostFormAsync($"/opinions/{id}?handler=Act&act=assign", new Dictionary<string, string>(), $"/opinions/{id}");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("请选择承办单位", await missing.Content.ReadAsStringAsync());
        var assign = await staff.PostFormAsync($"/opinions/{id}?handler=Act&act=assign",
            new Dictionary<string, string> { ["Form.UnitId"] = (await app.StaffUnitIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/opinions/{id}");
        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);
        Assert.Equal("assigned", (await app.LoadAsync(id)).State);
        Assert.Contains("已交办", await staff.GetStringAsync($"/opinions/{id}"));
    }

    [Fact]
    public async Task The_unit_sees_its_deadline_and_staff_reveal_the_phone()
    {
        var (id, _) = await app.OpinionInAsync("assigned", change: o => o.DueDate = new DateOnly(2026, 4, 30));
        var unit = await PagesAsync(Unit);
        var inbox = await unit.GetStringAsync("/opinions?state=assigned");
        Assert.Contains($"/opinions/{id}", inbox);
        Assert.Contains("2026-04-30", inbox);
        var detail = await unit.GetStringAsync($"/opinions/{id}");
        Assert.Contains("签收", detail);
        Assert.DoesNotContain("查看完整号码", detail);

        var staff = await PagesAsync(Staff);
        var revealed = await staff.PostFormAsync($"/opinions/{id}?handler=Reveal", new Dictionary<string, string>(), $"/opinions/{id}");
        Assert.Contains(OpinionTestSupport.Phone, await revealed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Similar_opinions_stand_side_by_side_with_a_merge_button()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var (id, _) = await app.OpinionInAsync("submitted", $"梧桐街菜市场门口占道经营，交通堵塞严重 {tag}");
        var (alike, _) = await app.OpinionInAsync("triaged", $"梧桐街菜市场门口占道经营严重，堵塞交通 {tag}");
        var staff = await PagesAsync(Staff);
        var page = await staff.GetStringAsync($"/opinions/{id}");
        Assert.Contains("相似的未办结意见", page);
        Assert.Contains($"value=\"{alike}\"", page);
        var merged = await staff.PostFormAsync($"/opinions/{id}?handler=Act&act=merge",
            new Dictionary<string, string> { ["Form.TargetId"] = alike.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/opinions/{id}");
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(("merged", (long?)alike), ((await app.LoadAsync(id)).State, (await app.LoadAsync(id)).MergedIntoId));
    }

    [Fact]
    public async Task The_auditor_gets_no_opinion_page()
    {
        var auditor = await PagesAsync(Auditor);
        var res = await auditor.GetAsync("/opinions");
        Assert.NotEqual(HttpStatusCode.OK, res.StatusCode);
    }
}

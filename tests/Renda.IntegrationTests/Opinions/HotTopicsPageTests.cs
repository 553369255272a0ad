using System.Net;
using System.Text.RegularExpressions;
using Renda.IntegrationTests.Infrastructure;

namespace Renda.IntegrationTests.Opinions;

/// <summary>/opinions/hot-topics and /opinions/hot-topics/proposals without a browser.</summary>
public sealed partial class HotTopicsPageTests(RendaApp app) : IClassFixture<RendaApp>
{
    private async Task<HttpClient> SignedInPageAsync(string user)
    {
        var http = app.PageClient();
        Assert.Equal(HttpStatusCode.Redirect, (await http.SignInWithFormAsync(user)).StatusCode);
        return http;
    }

    private static Dictionary<string, string> ProposalForm(string html, string title) => new()
    {
        ["days"] = "30", ["minCount"] = "3", ["Form.Kind"] = "livelihood_project", ["Form.Title"] = title,
        ["Form.Summary"] = "建议列入明年民生实事候选项目", ["Form.Topic"] = TopicId().Match(html).Groups[1].Value,
        ["Form.OpinionIds"] = OpinionIds().Match(html).Groups[1].Value,
    };

    [Fact]
    public async Task Staff_see_the_topic_and_propose_it_as_a_livelihood_project_candidate()
    {
        var s = await HotTopicsApiTests.SeedAsync(app, "339601");
        var http = await SignedInPageAsync(s.World.Staff);

        var html = await http.GetStringAsync("/opinions/hot-topics");
        Assert.Contains("5 件", html);
        Assert.Contains("乙镇城南联络点 × 1", html);
        Assert.Contains("乙镇 × 3", html);
        Assert.Single(TopicId().Matches(html));
        Assert.DoesNotContain(HotTopicsApiTests.StreetLight, html);

        var res = await http.PostFormAsync("/opinions/hot-topics?handler=Propose", ProposalForm(html, "关于老旧小区停车难问题"), tokenFrom: "/opinions/hot-topics");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var location = res.Headers.Location!.ToString();
        Assert.StartsWith("/opinions/hot-topics/proposals?created=", location);

        var list = await http.GetStringAsync(location);
        Assert.Contains("已提出。", list);
        Assert.Contains("关于老旧小区停车难问题", list);
        Assert.Contains("民生实事候选项目", list);
        Assert.Contains(string.Join(", ", s.ParkingIds.Order()), list);
    }

    [Fact]
    public async Task A_proposal_without_a_title_is_refused_on_the_page_and_nothing_is_written()
    {
        var s = await HotTopicsApiTests.SeedAsync(app, "339603");
        var http = await SignedInPageAsync(s.World.Staff);
        var html = await http.GetStringAsync("/opinions/hot-topics");

        var res = await http.PostFormAsync("/opinions/hot-topics?handler=Propose", ProposalForm(html, " "), tokenFrom: "/opinions/hot-topics");

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var page = await res.Content.ReadAsStringAsync();
        Assert.Contains("请填写标题", page);
        Assert.Contains("还没有提出的议题", await http.GetStringAsync("/opinions/hot-topics/proposals"));
    }

    [Fact]
    public async Task Leaders_read_topics_but_may_not_propose()
    {
        var s = await HotTopicsApiTests.SeedAsync(app, "339605");
        var http = await SignedInPageAsync(s.World.Leader);
        var html = await http.GetStringAsync("/opinions/hot-topics");
        Assert.Contains("5 件", html);
        Assert.DoesNotContain("handler=Propose", html);

        var staffHtml = await (await SignedInPageAsync(s.World.Staff)).GetStringAsync("/opinions/hot-topics");
        var res = await http.PostFormAsync("/opinions/hot-topics?handler=Propose", ProposalForm(staffHtml, "越权"), tokenFrom: "/opinions/hot-topics");
        Assert.NotEqual(HttpStatusCode.OK, res.StatusCode);
        Assert.DoesNotContain("越权", await http.GetStringAsync("/opinions/hot-topics/proposals"));
    }

    [Fact]
    public async Task An_empty_county_shows_empty_states()
    {
        var w = await new StatsWorld(app, "339607").CreateAsync();
        var http = await SignedInPageAsync(w.Staff);
        Assert.Contains("这段时间没有反映集中的问题", await http.GetStringAsync("/opinions/hot-topics"));
        Assert.Contains("还没有提出的议题", await http.GetStringAsync("/opinions/hot-topics/proposals"));
        Assert.Contains("天数须为", await http.GetStringAsync("/opinions/hot-topics?days=9999"));
    }

    [GeneratedRegex("name=\"Form.Topic\" value=\"(\\d+)\"")]
    private static partial Regex TopicId();

    [GeneratedRegex("name=\"Form.OpinionIds\" value=\"([\\d,]+)\"")]
    private static partial Regex OpinionIds();
}

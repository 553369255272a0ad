using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Renda.IntegrationTests.Infrastructure;

namespace Renda.IntegrationTests.Suggestions;

/// <summary>The pages drive the same use cases as the API: filing through the form, actions as forms.</summary>
[Collection(SuggestionsCollection.Name)]
public sealed partial class SuggestionPagesTests(SuggestionsApp app)
{
    private async Task<HttpClient> PagesAs(string user)
    {
        var http = app.PageClient();
        var res = await http.SignInWithFormAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return http;
    }

    [Fact]
    public async Task The_dashboard_draws_charts_from_a_json_block_and_keeps_the_tables()
    {
        await app.RepliedAsync(title: "关于<script>增设</script>城区停车位的建议");
        var html = await (await PagesAs("sg-staff")).GetStringAsync("/suggestions/dashboard");

        foreach (var chart in new[] { "sessions", "units", "categories", "kinds" })
            Assert.Contains($"data-chart=\"{chart}\"", html);
        Assert.Contains("<script src=\"/lib/echarts.min.js\"", html);
        Assert.Contains("<script src=\"/js/suggestion-dashboard.js", html);
        Assert.Contains("<table class=\"rates\">", html);
        // No inline script under the CSP: every script tag loads a file or is the JSON data block.
        Assert.All(Regex.Matches(html, "<script[^>]*>").Select(m => m.Value),
            tag => Assert.True(tag.Contains("src=\"/", StringComparison.Ordinal) || tag.Contains("type=\"application/json\"", StringComparison.Ordinal), tag));

        var block = DataBlock().Match(html);
        Assert.True(block.Success, "the chart data block is missing");
        Assert.DoesNotContain("</script>", block.Groups[1].Value);
        var data = JsonDocument.Parse(block.Groups[1].Value).RootElement;
        Assert.Equal("办成率", data.GetProperty("labels").GetProperty("solvedRate").GetString());
        var unit = data.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("name").GetString() == "县住房和城乡建设局");
        Assert.True(unit.GetProperty("registered").GetInt32() >= 1);
        Assert.True(unit.GetProperty("solvedRate").GetDouble() > 0);
        Assert.NotEmpty(data.GetProperty("sessions").EnumerateArray());
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"suggestion-stats-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();

    [Fact]
    public async Task A_representative_files_through_the_form_and_staff_act_through_the_action_forms()
    {
        var rep = await PagesAs("sg-rep");
        var bad = await rep.PostFormAsync("/suggestions/new", new Dictionary<string, string> { ["Form.Kind"] = "suggestion", ["Form.Title"] = "", ["Form.Body"] = "正文" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("field-error", await bad.Content.ReadAsStringAsync());

        var created = await rep.PostFormAsync("/suggestions/new", new Dictionary<string, string>
        {
            ["Form.Kind"] = "suggestion", ["Form.Title"] = "关于<b>增设</b>社区公共充电桩的建议", ["Form.Body"] = "小区充电难。", ["Form.Category"] = "城乡建设",
            ["Form.CoSigners"] = app.Reps["李秀英"].ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var id = long.Parse(IdPattern().Match(path).Groups[1].Value);
        var page = await rep.GetStringAsync(path);
        Assert.Contains("关于&lt;b&gt;增设&lt;/b&gt;社区公共充电桩的建议", page);    // encoded, never markup
        Assert.Contains("data-action=\"submit\"", page);

        var co = await PagesAs("sg-rep2");
        Assert.Equal(HttpStatusCode.Redirect, (await co.PostFormAsync($"{path}?handler=CoSign", new Dictionary<string, string>(), path)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await rep.PostFormAsync($"{path}?handler=Act&action=submit", new Dictionary<string, string>(), path)).StatusCode);

        var staff = await PagesAs("sg-staff");
        var refused = await staff.PostFormAsync($"{path}?handler=Act&action=return", new Dictionary<string, string>(), path);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写退回理由", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{path}?handler=Act&action=register", new Dictionary<string, string>(), path)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{path}?handler=Act&action=assign", new Dictionary<string, string>
        {
            ["Form.LeadUnitId"] = app.Units["县住房和城乡建设局"].ToString(), ["Form.CoUnitIds"] = app.Units["县交通运输局"].ToString(),
        }, path)).StatusCode);
        var view = await app.GetAsync("sg-staff", id);
        Assert.Equal("assigned", view.GetProperty("state").GetString());
        Assert.Equal(2, view.GetProperty("signers").GetInt32());
    }

    [GeneratedRegex(@"/suggestions/(\d+)")]
    private static partial Regex IdPattern();
}

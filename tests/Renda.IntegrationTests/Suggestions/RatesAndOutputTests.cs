using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Documents;
using Renda.Platform.Spreadsheets;

namespace Renda.IntegrationTests.Suggestions;

/// <summary>The rates on a known data set (a database of its own), the .xlsx export, the compilation and
/// the public list of replies.</summary>
public sealed class RatesAndOutputTests(RatesAndOutputTests.KnownSet set) : IClassFixture<RatesAndOutputTests.KnownSet>
{
    /// <summary>Five registered suggestions of the 5th session, all led by 住建局:
    /// S1 solved on time, satisfied; S2 planned (B) on time, unsatisfied, re-handled, solved, basically satisfied;
    /// S3 deadline of one working day, replied C a week later (late), unsatisfied (open again);
    /// S4 deadline of one working day, never replied (overdue); S5 explained (C) on time, not evaluated, category 交通运输.
    /// Plus a draft and a submitted one that are not counted.
    /// Expected: registered 5, replied 4, solved 2 (办成率 0.5), evaluated 3 and satisfied 2 (满意率 0.6667),
    /// on time 3 of 4 (0.75), overdue 1, average handling days (0 + 0 + 7 + 0) / 4 = 1.75.</summary>
    public sealed class KnownSet : IAsyncLifetime
    {
        public SuggestionsApp App { get; } = new();
        public long S1 { get; private set; }

        public async Task InitializeAsync()
        {
            var app = App;
            await app.InitializeAsync();
            S1 = await app.AssignedAsync("关于新建城北公共停车场的建议");
            var s2 = await app.AssignedAsync("关于改造递铺老街排水管网的建议");
            var s3 = await app.AssignedAsync("关于修缮孝丰镇危旧桥梁的建议", deadline: 1);
            await app.AssignedAsync("关于加装老旧小区电梯的建议", deadline: 1);
            var s5 = await app.DraftAsync(title: "关于优化城乡公交班次的建议", category: "交通运输");
            await app.MustActAsync("sg-rep", s5, "submit");
            await app.MustActAsync("sg-staff", s5, "register");
            await app.MustActAsync("sg-staff", s5, "assign", new { leadUnitId = app.Units["县住房和城乡建设局"] });
            await app.DraftAsync(title: "未提交的草稿");
            var submitted = await app.DraftAsync(title: "已提交未立案的建议");
            await app.MustActAsync("sg-rep", submitted, "submit");

            foreach (var id in new[] { S1, s2, s5 }) await app.MustActAsync("sg-lead", id, "acknowledge");
            await app.MustActAsync("sg-lead", S1, "reply", new { resultClass = "solved", content = "城北停车场已建成投用。" });
            await app.MustActAsync("sg-lead", s2, "reply", new { resultClass = "in_progress_plan", content = "已列入明年计划。" });
            await app.MustActAsync("sg-lead", s5, "reply", new { resultClass = "explained", content = "受财力所限，暂留作参考。" });
            await app.MustActAsync("sg-rep", S1, "evaluate", new { rating = "satisfied" });
            await app.MustActAsync("sg-rep", s2, "evaluate", new { rating = "unsatisfied", reason = "进度太慢" });
            await app.MustActAsync("sg-lead", s2, "reply", new { resultClass = "solved", content = "已提前完成改造。" });
            await app.MustActAsync("sg-rep", s2, "evaluate", new { rating = "basically_satisfied" });

            app.Clock.Advance(TimeSpan.FromDays(7));
            await app.MustActAsync("sg-lead", s3, "acknowledge");
            await app.MustActAsync("sg-lead", s3, "reply", new { resultClass = "explained", content = "已纳入规划研究。" });
            await app.MustActAsync("sg-rep", s3, "evaluate", new { rating = "unsatisfied", reason = "没有实质进展" });
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private SuggestionsApp App => set.App;

    [Fact]
    public async Task The_rates_of_the_session_match_the_known_set()
    {
        var stats = await (await App.As("sg-staff")).GetFromJsonAsync<JsonElement>($"/api/suggestions/stats?session={App.SessionId}");
        var total = stats.GetProperty("total");
        Assert.Equal(5, total.GetProperty("registered").GetInt32());
        Assert.Equal(4, total.GetProperty("replied").GetInt32());
        Assert.Equal(2, total.GetProperty("solved").GetInt32());
        Assert.Equal(0.5, total.GetProperty("solvedRate").GetDouble());
        Assert.Equal(3, total.GetProperty("evaluated").GetInt32());
        Assert.Equal(0.6667, total.GetProperty("satisfactionRate").GetDouble());
        Assert.Equal(0.75, total.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(1, total.GetProperty("overdue").GetInt32());
        Assert.InRange(total.GetProperty("averageHandlingDays").GetDouble(), 1.7, 1.8);

        var byCategory = stats.GetProperty("byCategory").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("registered").GetInt32());
        Assert.Equal(4, byCategory["城乡建设"]);
        Assert.Equal(1, byCategory["交通运输"]);
        var unit = stats.GetProperty("byUnit").EnumerateArray().Single();
        Assert.Equal("县住房和城乡建设局", unit.GetProperty("label").GetString());
        Assert.Equal(5, unit.GetProperty("registered").GetInt32());

        var earlier = await (await App.As("sg-staff")).GetFromJsonAsync<JsonElement>($"/api/suggestions/stats?session={App.EarlierSessionId}");
        Assert.Equal(0, earlier.GetProperty("total").GetProperty("registered").GetInt32());
        Assert.Equal(JsonValueKind.Null, earlier.GetProperty("total").GetProperty("solvedRate").ValueKind);
        var byTerm = await (await App.As("sg-leader")).GetFromJsonAsync<JsonElement>($"/api/suggestions/stats?term={App.TermId}");
        Assert.Equal(5, byTerm.GetProperty("total").GetProperty("registered").GetInt32());
    }

    [Fact]
    public async Task Bad_stats_parameters_are_400_and_other_roles_are_refused()
    {
        var staff = await App.As("sg-staff");
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/suggestions/stats?term=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/suggestions/stats?session=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.As("sg-rep")).GetAsync("/api/suggestions/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.As("sg-auditor")).GetAsync("/api/suggestions/stats")).StatusCode);
    }

    [Fact]
    public async Task The_rates_export_to_xlsx()
    {
        var res = await (await App.As("sg-staff")).GetAsync($"/api/suggestions/stats.xlsx?session={App.SessionId}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, res.Content.Headers.ContentType?.MediaType);
        var rows = XlsxReader.Read(await res.Content.ReadAsStreamAsync()).ToList();
        Assert.Equal("办成率", rows[0].Cells[9]);
        Assert.Equal("合计", rows[1].Cells[0]);
        Assert.Equal("5", rows[1].Cells[2]);
        Assert.Equal("0.5", rows[1].Cells[9]);
    }

    [Fact]
    public async Task The_compilation_of_the_latest_session_reads_back_with_every_suggestion_and_reply()
    {
        var res = await (await App.As("sg-staff")).GetAsync("/api/suggestions/compilation.docx");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(DocxDocument.ContentType, res.Content.Headers.ContentType?.MediaType);
        var text = DocxText.Paragraphs(await res.Content.ReadAsByteArrayAsync());
        Assert.Equal("安吉县第十八届人民代表大会第五次会议代表建议、议案及办理答复汇编", text[0]);
        Assert.Contains(text, p => p.StartsWith("建议第1号", StringComparison.Ordinal) && p.Contains("关于新建城北公共停车场的建议"));
        Assert.Contains("城北停车场已建成投用。", text);
        Assert.Contains(text, p => p == "办理结果：A 已解决或采纳");
        Assert.Contains(text, p => p == "代表评价：基本满意（第2轮办理）");
        Assert.DoesNotContain(text, p => p.Contains("已提交未立案的建议"));
        Assert.Equal(5, text.Count(p => p.StartsWith("领衔代表：", StringComparison.Ordinal)));

        var missing = await (await App.As("sg-staff")).GetAsync("/api/suggestions/compilation.docx?session=abc");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task The_public_list_of_replies_names_the_filer_and_nothing_else_personal()
    {
        var anonymous = App.CreateClient();
        var res = await anonymous.GetAsync("/api/public/suggestion-replies?pageSize=50");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var raw = await res.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(4, body.GetProperty("total").GetInt32());
        var item = body.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString() == "关于新建城北公共停车场的建议");
        Assert.Equal("王建国", item.GetProperty("filerName").GetString());
        Assert.Equal("A 已解决或采纳", item.GetProperty("resultLabel").GetString());
        Assert.DoesNotContain("138", raw);
        Assert.DoesNotContain("phone", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("1970", raw);
        Assert.DoesNotContain("filerId", raw);
    }
}

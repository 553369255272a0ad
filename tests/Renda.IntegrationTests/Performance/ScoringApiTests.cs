using System.Net;
using System.Net.Http.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Stations;
using Renda.Modules.Performance;
using Renda.Platform.Documents;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Performance;

/// <summary>The rulebook, the explained score, rulebook changes, objections, rankings, warnings and the annual report.</summary>
[Collection(StationsCollection.Name)]
public sealed class ScoringApiTests(DemoApp app)
{
    private const int Year = 2024;   // no demo book: the tests' own known book

    private async Task EnsureKnownBookAsync(HttpClient staff)
    {
        var versions = await staff.OkJsonAsync($"/api/rulebooks/{Year}");
        if (versions.GetArrayLength() > 0) return;
        var res = await staff.PostJsonAsync($"/api/rulebooks/{Year}", PerformanceTestSupport.KnownBook());
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
    }

    [Fact]
    public async Task The_score_has_one_explained_line_per_criterion_adding_up_to_the_total_with_caps_and_zero_lines()
    {
        var staff = await app.StaffAsync();
        await EnsureKnownBookAsync(staff);
        var rep = await app.NewRepresentativeAsync("积分计算代表");
        await app.RecordsAsync(rep, DutyKinds.Reception, 7, "2024-04-01");   // 14 → capped at 10
        await app.RecordsAsync(rep, DutyKinds.Meeting, 2, "2024-05-01");     // with training: 3 × 3 = 9
        await app.RecordsAsync(rep, DutyKinds.Training, 1, "2024-06-01");
        await app.RecordsAsync(rep, DutyKinds.Reception, 3, "2023-12-31");   // another year: not counted
        await app.RecordsAsync(rep, DutyKinds.VoterContact, 4, "2024-06-01"); // counted by no criterion

        var score = await staff.ScoreAsync(rep, Year);

        Assert.Equal(["R1", "M1", "S1", "Q1", "D1"], score.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("criterion").GetString()));
        var r1 = score.Line("R1");
        Assert.Equal(7, r1.GetProperty("records").GetInt32());
        Assert.Equal(10m, r1.Dec("points"));
        Assert.True(r1.GetProperty("capped").GetBoolean());
        Assert.Equal(9m, score.Line("M1").Dec("points"));
        Assert.False(score.Line("M1").GetProperty("capped").GetBoolean());
        Assert.Equal(0, score.Line("Q1").GetProperty("records").GetInt32());
        Assert.Equal(0m, score.Line("Q1").Dec("points"));
        Assert.Equal(19m, score.Dec("total"));
        Assert.Equal(score.Dec("total"), score.GetProperty("lines").EnumerateArray().Sum(l => l.Dec("points")));
    }

    [Fact]
    public async Task Unexcused_absences_from_attendance_are_deducted_and_capped_excused_ones_are_not()
    {
        var staff = await app.StaffAsync();
        await EnsureKnownBookAsync(staff);
        var rep = await app.NewRepresentativeAsync("缺席扣分代表");
        for (var i = 0; i < 5; i++)
        {
            var a = await (await staff.PostJsonAsync("/api/activities", new { type = "inspection", title = $"视察 {i}", date = $"2024-0{i + 1}-10", place = "县城", organiser = "代表工委" })).JsonAsync();
            var id = a.GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await staff.PostJsonAsync($"/api/activities/{id}/invitations", new { representativeIds = new[] { rep } })).StatusCode);
            var status = i < 4 ? "absent" : "excused";
            var res = await staff.PutAsJsonAsync($"/api/activities/{id}/attendance", new { entries = new[] { new { representativeId = rep, status, reason = i < 4 ? null : "出差" } } });
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        }

        var d1 = (await staff.ScoreAsync(rep, Year)).Line("D1");
        Assert.Equal(4, d1.GetProperty("records").GetInt32());
        Assert.Equal(-6m, d1.Dec("points"));
        Assert.True(d1.GetProperty("capped").GetBoolean());
    }

    [Fact]
    public async Task A_rulebook_edit_is_a_new_version_that_recomputes_the_year_and_reports_what_changed()
    {
        var staff = await app.StaffAsync();
        await EnsureKnownBookAsync(staff);
        var rep = await app.NewRepresentativeAsync("规则变更代表");
        await app.RecordsAsync(rep, DutyKinds.Reception, 8, "2024-03-03");
        Assert.Equal(10m, (await staff.ScoreAsync(rep, Year)).Line("R1").Dec("points"));
        var before = (await staff.OkJsonAsync($"/api/rulebooks/{Year}"))[0].GetProperty("version").GetInt32();

        var raised = new
        {
            name = "测试积分办法（修订）",
            criteria = new object[]
            {
                new { code = "R1", name = "接待选民", counts = "reception", pointsPerRecord = "2", cap = "20" },
                new { code = "M1", name = "会议和培训", counts = "meeting,training", pointsPerRecord = "3", cap = "12" },
                new { code = "S1", name = "自主登记", counts = "self_reported", pointsPerRecord = "1.5", cap = "" },
                new { code = "Q1", name = "应知应会", counts = "quiz", pointsPerRecord = "1", cap = "3" },
                new { code = "D1", name = "无故缺席", counts = "absence_unexcused", pointsPerRecord = "-2", cap = "6" },
            },
        };
        try
        {
            var res = await staff.PostJsonAsync($"/api/rulebooks/{Year}", raised);
            Assert.Equal(HttpStatusCode.Created, res.StatusCode);
            var change = await res.JsonAsync();
            Assert.Equal(before + 1, change.GetProperty("rulebook").GetProperty("version").GetInt32());
            Assert.Equal(before, change.GetProperty("previousVersion").GetInt32());
            Assert.True(change.GetProperty("changed").GetInt32() >= 1);
            var moved = change.GetProperty("largest").EnumerateArray().Single(c => c.GetProperty("representativeId").GetInt64() == rep);
            Assert.Equal((10m, 16m), (moved.Dec("before"), moved.Dec("after")));
            Assert.Equal(16m, (await staff.ScoreAsync(rep, Year)).Line("R1").Dec("points"));
            Assert.Equal(before + 1, (await staff.ScoreAsync(rep, Year)).GetProperty("rulebookVersion").GetInt32());
        }
        finally
        {
            await staff.PostJsonAsync($"/api/rulebooks/{Year}", PerformanceTestSupport.KnownBook());   // back to the known book
        }
    }

    [Fact]
    public async Task A_bad_rulebook_is_refused_field_by_field_and_changes_nothing()
    {
        var staff = await app.StaffAsync();
        await EnsureKnownBookAsync(staff);
        var versions = (await staff.OkJsonAsync($"/api/rulebooks/{Year}")).GetArrayLength();
        var res = await staff.PostJsonAsync($"/api/rulebooks/{Year}", new
        {
            name = "",
            criteria = new object[]
            {
                new { code = "R 1<script>", name = "接待", counts = "reception", pointsPerRecord = "2", cap = "10" },
                new { code = "X", name = "未知", counts = "nap", pointsPerRecord = "0", cap = "-1" },
            },
        });
        await AssertInvalidAsync(res, "name", "criteria[0].code", "criteria[1].counts", "criteria[1].pointsPerRecord", "criteria[1].cap");
        Assert.Equal(versions, (await staff.OkJsonAsync($"/api/rulebooks/{Year}")).GetArrayLength());

        var (_, rep) = await app.RepresentativeAccountAsync("rule-rep");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostJsonAsync($"/api/rulebooks/{Year}", PerformanceTestSupport.KnownBook())).StatusCode);
    }

    [Fact]
    public async Task A_representative_reads_only_their_own_score_and_a_bad_year_is_400()
    {
        var (own, http) = await app.RepresentativeAccountAsync("score-rep");
        var other = await app.NewRepresentativeAsync("别人的积分");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/representatives/{own}/score?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/representatives/{other}/score?year=2024")).StatusCode);
        await AssertInvalidAsync(await http.GetAsync($"/api/representatives/{own}/score?year=20x4"), "year");
        var staff = await app.StaffAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/representatives/987654321/score?year=2024")).StatusCode);
    }

    [Fact]
    public async Task The_demo_book_has_at_least_eight_criteria_and_counts_the_records_every_module_wrote()
    {
        var staff = await app.StaffAsync();
        var demoRep = await app.SignedInAsync("demo-rep", RendaApp.DemoPassword);
        var me = await demoRep.OkJsonAsync("/api/me");
        var id = me.GetProperty("representativeId").GetInt64();
        var score = await staff.ScoreAsync(id, 2026);
        var summary = await staff.OkJsonAsync($"/api/representatives/{id}/archive/summary?year=2026");
        int Count(string kind) => summary.GetProperty("byKind").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == kind).GetProperty("count").GetInt32();

        Assert.True(score.GetProperty("lines").GetArrayLength() >= 8);
        // Records flowing in from the modules that exist: stations (reception), 双联 (voter_contact), activities
        // (meeting, inspection, training, group activity), 述职 (evaluation), self-registration (approved only).
        foreach (var (criterion, kind) in new[] { ("JD", "reception"), ("LX", "voter_contact"), ("HY", "meeting"), ("SC", "inspection"),
                     ("PX", "training"), ("XZ", "group_activity"), ("SZ", "evaluation") })
            Assert.Equal(Count(kind), score.Line(criterion).GetProperty("records").GetInt32());
        Assert.True(Count("reception") > 0 && Count("voter_contact") > 0, "demo-rep has receptions and voter contacts");
        Assert.Equal(score.Dec("total"), score.GetProperty("lines").EnumerateArray().Sum(l => l.Dec("points")));
    }

    [Fact]
    public async Task An_objection_on_a_line_is_answered_once_by_staff()
    {
        var staff = await app.StaffAsync();
        await EnsureKnownBookAsync(staff);
        var (rep, http) = await app.RepresentativeAccountAsync("objecting-rep");

        await AssertInvalidAsync(await http.PostJsonAsync($"/api/representatives/{rep}/score/objections", new { year = Year, criterion = "ZZZ", text = "" }), "criterion", "text");
        var other = await app.NewRepresentativeAsync("他人异议");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostJsonAsync($"/api/representatives/{other}/score/objections", new { year = Year, criterion = "R1", text = "x" })).StatusCode);
        var res = await http.PostJsonAsync($"/api/representatives/{rep}/score/objections", new { year = Year, criterion = "R1", text = "3月的接待没有计入 <b>" });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var id = (await res.JsonAsync()).GetProperty("id").GetInt64();

        var open = await staff.OkJsonAsync("/api/score-objections?open=true");
        Assert.Contains(open.EnumerateArray(), o => o.GetProperty("id").GetInt64() == id && o.GetProperty("text").GetString() == "3月的接待没有计入 <b>");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostJsonAsync($"/api/score-objections/{id}/answer", new { answer = "自己答复" })).StatusCode);
        await AssertInvalidAsync(await staff.PostJsonAsync($"/api/score-objections/{id}/answer", new { answer = " " }), "answer");
        var answered = await staff.PostJsonAsync($"/api/score-objections/{id}/answer", new { answer = "已核实，联络站补录后计入" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/score-objections/{id}/answer", new { answer = "再答复" })).StatusCode);

        var mine = await http.OkJsonAsync("/api/score-objections");
        var o = mine.EnumerateArray().Single(x => x.GetProperty("id").GetInt64() == id);
        Assert.Equal("已核实，联络站补录后计入", o.GetProperty("answer").GetString());
        Assert.DoesNotContain((await staff.OkJsonAsync("/api/score-objections?open=true")).EnumerateArray(), x => x.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Rankings_group_by_each_dimension_best_first_and_export_to_xlsx()
    {
        var staff = await app.StaffAsync();
        foreach (var by in new[] { "delegation_group", "professional_group", "jurisdiction" })
        {
            var groups = await staff.OkJsonAsync($"/api/performance/rankings?year=2026&by={by}");
            Assert.True(groups.GetArrayLength() > 0, by);
            foreach (var g in groups.EnumerateArray())
            {
                var totals = g.GetProperty("rows").EnumerateArray().Select(r => r.Dec("total")).ToList();
                Assert.Equal(totals.OrderDescending(), totals);
                Assert.Equal(1, g.GetProperty("rows")[0].GetProperty("rank").GetInt32());
            }
        }
        // A ranked total is the representative's score under the book in force for them.
        var top = (await staff.OkJsonAsync("/api/performance/rankings?year=2026&by=jurisdiction"))[0].GetProperty("rows")[0];
        var topScore = await staff.ScoreAsync(top.GetProperty("representativeId").GetInt64(), 2026);
        Assert.Equal(topScore.Dec("total"), top.Dec("total"));
        await AssertInvalidAsync(await staff.GetAsync("/api/performance/rankings?by=shoe_size"), "by");
        var xlsx = await staff.GetAsync("/api/performance/rankings.xlsx?year=2026&by=delegation_group");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var (_, rep) = await app.RepresentativeAccountAsync("ranking-rep");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/performance/rankings")).StatusCode);
    }

    [Fact]
    public async Task Warnings_list_those_without_records_for_N_months_and_without_attendance_this_year()
    {
        var staff = await app.StaffAsync();
        var idle = await app.NewRepresentativeAsync("预警代表");
        var busy = await app.NewRepresentativeAsync("活跃代表");
        var recent = Renda.Platform.Calendar.ChinaTime.Today(app.Clock).AddDays(-10);
        await app.RecordsAsync(busy, DutyKinds.Reception, 1, Renda.Platform.Calendar.ChinaTime.Format(recent));

        var warnings = await staff.OkJsonAsync("/api/performance/warnings?months=6");
        string[] Reasons(long id) => warnings.EnumerateArray().Where(w => w.GetProperty("representativeId").GetInt64() == id)
            .Select(w => w.GetProperty("reason").GetString()!).ToArray();
        Assert.Equal(["no_record_6_months", "no_attendance_this_year"], Reasons(idle));
        Assert.Equal(["no_attendance_this_year"], Reasons(busy));
        await AssertInvalidAsync(await staff.GetAsync("/api/performance/warnings?months=0"), "months");
    }

    [Fact]
    public async Task The_annual_report_is_a_word_document_with_the_archive_the_points_and_the_evaluation()
    {
        var staff = await app.StaffAsync();
        await EnsureKnownBookAsync(staff);
        var (rep, http) = await app.RepresentativeAccountAsync("report-rep");
        await app.RecordsAsync(rep, DutyKinds.Reception, 2, "2024-09-09");

        var res = await http.GetAsync($"/api/representatives/{rep}/annual-report.docx?year=2024");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(DocxDocument.ContentType, res.Content.Headers.ContentType?.MediaType);
        var text = string.Join("\n", DocxText.Paragraphs(await res.Content.ReadAsByteArrayAsync()));
        Assert.Contains("代表report-rep同志2024年度履职报告", text);
        Assert.Contains("履职积分 4 分", text);
        Assert.Contains("2 条 × 2 分 = 4 分（上限 10 分）", text);
        Assert.Contains("未进行述职测评", text);
        var other = await app.NewRepresentativeAsync("别人的报告");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/representatives/{other}/annual-report.docx?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/representatives/{rep}/term-summary.docx")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.Modules.Performance;
using Renda.Modules.Suggestions;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.IntegrationTests.Infrastructure;

namespace Renda.IntegrationTests.Suggestions;

/// <summary>Every row of DOMAIN.md's suggestion-or-motion table, allowed and refused, by role.</summary>
[Collection(SuggestionsCollection.Name)]
public sealed class SuggestionWorkflowTests(SuggestionsApp app)
{
    private static async Task AssertRefusedAsync(HttpResponseMessage res, HttpStatusCode status, string type)
    {
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == status, $"expected {(int)status} {type}, got {(int)res.StatusCode}: {body}");
        Assert.Equal(type, SuggestionsApp.ProblemType(JsonDocument.Parse(body).RootElement));
    }

    private static string[] Allowed(JsonElement view) => view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray();

    [Fact]
    public async Task Draft_is_for_representatives_and_lands_in_state_draft()
    {
        var id = await app.DraftAsync();
        var view = await app.GetAsync("sg-rep", id);
        Assert.Equal("draft", view.GetProperty("state").GetString());
        Assert.Equal("session", view.GetProperty("period").GetString());
        Assert.Equal(["submit"], Allowed(view));

        var staff = await (await app.As("sg-staff")).PostAsJsonAsync("/api/suggestions", new { kind = "suggestion", title = "t", body = "b" });
        Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);
        // A draft is the representative's own: staff do not see it yet, nor do other representatives.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("sg-staff")).GetAsync($"/api/suggestions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("sg-rep3")).GetAsync($"/api/suggestions/{id}")).StatusCode);
    }

    [Fact]
    public async Task Draft_input_is_checked_field_by_field()
    {
        var res = await (await app.As("sg-rep")).PostAsJsonAsync("/api/suggestions", new
        {
            kind = "petition", title = new string('长', 201), body = "", coSigners = new[] { app.ChangxingRep, app.Reps["王建国"] },
        });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "kind", "title", "body", "coSigners" }) Assert.True(errors.TryGetProperty(field, out _), field);
        var script = await (await app.As("sg-rep")).PostAsJsonAsync("/api/suggestions", new { kind = "suggestion", title = "<script>alert(1)</script>'; DROP TABLE suggestions;--", body = "正文" });
        Assert.Equal(HttpStatusCode.Created, script.StatusCode);   // stored as text, encoded on output
    }

    [Fact]
    public async Task Submit_is_for_the_filer_only()
    {
        var id = await app.DraftAsync(coSigners: [app.Reps["李秀英"]]);
        await AssertRefusedAsync(await app.ActAsync("sg-rep2", id, "submit"), HttpStatusCode.Conflict, "role-not-allowed");
        var view = await app.MustActAsync("sg-rep", id, "submit");
        Assert.Equal("submitted", view.GetProperty("state").GetString());
        await AssertRefusedAsync(await app.ActAsync("sg-rep", id, "submit"), HttpStatusCode.Conflict, "action-not-allowed");
    }

    [Fact]
    public async Task Register_numbers_per_term_and_kind_and_is_for_staff()
    {
        var a = await app.DraftAsync(title: "关于加快农村饮用水提标改造的建议");
        var b = await app.DraftAsync(title: "关于完善乡村公交线路的建议");
        await app.MustActAsync("sg-rep", a, "submit");
        await app.MustActAsync("sg-rep", b, "submit");
        Assert.Equal(HttpStatusCode.NotFound, (await app.ActAsync("sg-lead", a, "register")).StatusCode);   // units see only what they hold
        await AssertRefusedAsync(await app.ActAsync("sg-rep", a, "register"), HttpStatusCode.Conflict, "role-not-allowed");
        var first = (await app.MustActAsync("sg-staff", a, "register")).GetProperty("number").GetInt32();
        var second = await app.MustActAsync("sg-staff", b, "register");
        Assert.Equal(first + 1, second.GetProperty("number").GetInt32());
        Assert.Equal($"第{first + 1}号", second.GetProperty("numberText").GetString());
        Assert.Equal("registered", second.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Staff_return_needs_a_reason_and_the_filer_may_submit_again()
    {
        var id = await app.DraftAsync();
        await app.MustActAsync("sg-rep", id, "submit");
        var noReason = await app.ActAsync("sg-staff", id, "return");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        await AssertRefusedAsync(await app.ActAsync("sg-leader", id, "return", new { reason = "x" }), HttpStatusCode.Conflict, "role-not-allowed");
        var returned = await app.MustActAsync("sg-staff", id, "return", new { reason = "内容属于个人诉求，请按信访渠道反映" });
        Assert.Equal("returned", returned.GetProperty("state").GetString());
        Assert.Equal("内容属于个人诉求，请按信访渠道反映", (await app.GetAsync("sg-rep", id)).GetProperty("returnReason").GetString());
        Assert.Equal("submitted", (await app.MustActAsync("sg-rep", id, "submit")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Assign_sets_lead_and_co_units_with_a_default_deadline_of_sixty_working_days()
    {
        var id = await app.DraftAsync();
        await app.MustActAsync("sg-rep", id, "submit");
        await app.MustActAsync("sg-staff", id, "register");
        var lead = app.Units["县住房和城乡建设局"];
        await AssertRefusedAsync(await app.ActAsync("sg-rep", id, "assign", new { leadUnitId = lead }), HttpStatusCode.Conflict, "role-not-allowed");
        var bad = await app.ActAsync("sg-staff", id, "assign", new { leadUnitId = 999999, coUnitIds = new[] { lead }, deadline = "2020-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badDeadline = await app.ActAsync("sg-staff", id, "assign", new { leadUnitId = lead, deadline = "明天" });
        Assert.True((await badDeadline.JsonAsync()).GetProperty("errors").TryGetProperty("deadline", out _));

        var view = await app.MustActAsync("sg-staff", id, "assign", new { leadUnitId = lead, coUnitIds = new[] { app.Units["县交通运输局"] } });
        Assert.Equal("assigned", view.GetProperty("state").GetString());
        var today = ChinaTime.Today(app.Clock);
        var expected = WorkingDayCalendar.FromEmbeddedData().Deadline(today, 60).Date;
        Assert.Equal(ChinaTime.Format(expected), view.GetProperty("deadline").GetString());
        var units = view.GetProperty("units").EnumerateArray().Select(u => (u.GetProperty("name").GetString(), u.GetProperty("role").GetString())).ToList();
        Assert.Equal([("县住房和城乡建设局", "lead"), ("县交通运输局", "co")], units);
    }

    [Fact]
    public async Task A_deadline_can_be_given_in_working_days_or_as_a_date()
    {
        var days = await app.AssignedAsync(deadline: 10);
        var expected = WorkingDayCalendar.FromEmbeddedData().Deadline(ChinaTime.Today(app.Clock), 10).Date;
        Assert.Equal(ChinaTime.Format(expected), (await app.GetAsync("sg-staff", days)).GetProperty("deadline").GetString());
        var date = await app.AssignedAsync(deadline: "2026-05-29");
        Assert.Equal("2026-05-29", (await app.GetAsync("sg-staff", date)).GetProperty("deadline").GetString());
    }

    [Fact]
    public async Task Designate_key_is_for_staff_naming_a_leader_in_registered_assigned_and_in_progress()
    {
        var id = await app.AssignedAsync();
        await AssertRefusedAsync(await app.ActAsync("sg-leader", id, "designate_key", new { leaderUserName = "sg-leader" }), HttpStatusCode.Conflict, "role-not-allowed");
        var notLeader = await app.ActAsync("sg-staff", id, "designate_key", new { leaderUserName = "sg-rep" });
        Assert.Equal(HttpStatusCode.BadRequest, notLeader.StatusCode);
        var view = await app.MustActAsync("sg-staff", id, "designate_key", new { leaderUserName = "sg-leader" });
        Assert.Equal("assigned", view.GetProperty("state").GetString());
        Assert.True(view.GetProperty("isKey").GetBoolean());
        Assert.Equal("sg-leader", view.GetProperty("keyLeaderUserName").GetString());

        var draft = await app.DraftAsync();
        await app.MustActAsync("sg-rep", draft, "submit");
        await AssertRefusedAsync(await app.ActAsync("sg-staff", draft, "designate_key", new { leaderUserName = "sg-leader" }), HttpStatusCode.Conflict, "action-not-allowed");
    }

    [Fact]
    public async Task Acknowledge_is_for_the_lead_unit_not_a_co_unit()
    {
        var id = await app.AssignedAsync();
        await AssertRefusedAsync(await app.ActAsync("sg-co", id, "acknowledge"), HttpStatusCode.Conflict, "role-not-allowed");
        await AssertRefusedAsync(await app.ActAsync("sg-staff", id, "acknowledge"), HttpStatusCode.Conflict, "role-not-allowed");
        Assert.Equal(HttpStatusCode.NotFound, (await app.ActAsync("sg-other-unit", id, "acknowledge")).StatusCode);
        Assert.Equal("in_progress", (await app.MustActAsync("sg-lead", id, "acknowledge")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_lead_unit_returns_a_wrong_assignment_within_the_window_only()
    {
        var id = await app.AssignedAsync();
        var noReason = await app.ActAsync("sg-lead", id, "return");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        await AssertRefusedAsync(await app.ActAsync("sg-co", id, "return", new { reason = "不是我们的" }), HttpStatusCode.Conflict, "role-not-allowed");
        var back = await app.MustActAsync("sg-lead", id, "return", new { reason = "停车场建设属自然资源和规划局职责" });
        Assert.Equal("registered", back.GetProperty("state").GetString());
        Assert.Equal(0, back.GetProperty("units").GetArrayLength());
        // The unit no longer sees it.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("sg-lead")).GetAsync($"/api/suggestions/{id}")).StatusCode);

        var late = await app.AssignedAsync();
        app.Clock.Advance(TimeSpan.FromDays(14));
        try
        {
            await AssertRefusedAsync(await app.ActAsync("sg-lead", late, "return", new { reason = "不是我们的" }), HttpStatusCode.Conflict, "return-window-closed");
            Assert.Equal("assigned", (await app.GetAsync("sg-staff", late)).GetProperty("state").GetString());
        }
        finally { app.Clock.Advance(TimeSpan.FromDays(-14)); }
    }

    [Fact]
    public async Task Reply_is_for_the_lead_unit_with_a_result_class()
    {
        var id = await app.InProgressAsync();
        await AssertRefusedAsync(await app.ActAsync("sg-co", id, "reply", new { resultClass = "solved", content = "x" }), HttpStatusCode.Conflict, "role-not-allowed");
        var bad = await app.ActAsync("sg-lead", id, "reply", new { resultClass = "done", content = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var empty = await app.ActAsync("sg-lead", id, "reply", new { resultClass = "solved" });
        Assert.True((await empty.JsonAsync()).GetProperty("errors").TryGetProperty("content", out _));
        var view = await app.MustActAsync("sg-lead", id, "reply", new { resultClass = "in_progress_plan", content = "已列入2026年城市更新计划。" });
        Assert.Equal("replied", view.GetProperty("state").GetString());
        Assert.Equal("B 正在解决或列入计划", view.GetProperty("resultLabel").GetString());
        Assert.True(view.GetProperty("repliedOnTime").GetBoolean());
    }

    [Fact]
    public async Task Evaluate_is_for_the_filer_unsatisfied_reopens_as_a_new_round_satisfied_closes()
    {
        var id = await app.RepliedAsync("in_progress_plan");
        Assert.Equal(HttpStatusCode.NotFound, (await app.ActAsync("sg-rep2", id, "evaluate", new { rating = "satisfied" })).StatusCode);
        await AssertRefusedAsync(await app.ActAsync("sg-lead", id, "evaluate", new { rating = "satisfied" }), HttpStatusCode.Conflict, "role-not-allowed");
        await AssertRefusedAsync(await app.ActAsync("sg-staff", id, "evaluate", new { rating = "satisfied" }), HttpStatusCode.Conflict, "role-not-allowed");
        var noReason = await app.ActAsync("sg-rep", id, "evaluate", new { rating = "unsatisfied" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var reopened = await app.MustActAsync("sg-rep", id, "evaluate", new { rating = "unsatisfied", reason = "停车场选址离小区太远" });
        Assert.Equal("in_progress", reopened.GetProperty("state").GetString());
        Assert.Equal(2, reopened.GetProperty("round").GetInt32());
        var expected = WorkingDayCalendar.FromEmbeddedData().Deadline(ChinaTime.Today(app.Clock), 22).Date;
        Assert.Equal(ChinaTime.Format(expected), reopened.GetProperty("deadline").GetString());

        await app.MustActAsync("sg-lead", id, "reply", new { resultClass = "solved", content = "已在小区旁新建停车场。" });
        var closed = await app.MustActAsync("sg-rep", id, "evaluate", new { rating = "basically_satisfied" });
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Empty(Allowed(closed));
        var evaluations = closed.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("action").GetString() == "evaluate").ToList();
        Assert.Equal(2, evaluations.Count);
        await AssertRefusedAsync(await app.ActAsync("sg-leader", id, "supervise", new { note = "x" }), HttpStatusCode.Conflict, "action-not-allowed");
    }

    [Fact]
    public async Task Carry_over_is_for_staff_while_in_progress()
    {
        var id = await app.InProgressAsync();
        await AssertRefusedAsync(await app.ActAsync("sg-lead", id, "carry_over"), HttpStatusCode.Conflict, "role-not-allowed");
        var view = await app.MustActAsync("sg-staff", id, "carry_over");
        Assert.Equal("in_progress", view.GetProperty("state").GetString());
        Assert.True(view.GetProperty("carriedOver").GetBoolean());
        Assert.Equal(2027, view.GetProperty("carriedIntoYear").GetInt32());
        // Tracked into next year: a year later it is still open, overdue and on the list of carried-over items.
        app.Clock.Advance(TimeSpan.FromDays(365));
        try
        {
            var list = await (await app.As("sg-staff")).GetFromJsonAsync<JsonElement>("/api/suggestions?overdue=true&pageSize=200");
            var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id);
            Assert.True(item.GetProperty("carriedOver").GetBoolean());
            Assert.True(item.GetProperty("overdue").GetBoolean());
        }
        finally { app.Clock.Advance(TimeSpan.FromDays(-365)); }

        var replied = await app.RepliedAsync();
        await AssertRefusedAsync(await app.ActAsync("sg-staff", replied, "carry_over"), HttpStatusCode.Conflict, "action-not-allowed");
    }

    [Fact]
    public async Task Supervise_is_for_staff_and_leaders_with_a_note_in_any_open_state()
    {
        var id = await app.AssignedAsync();
        await AssertRefusedAsync(await app.ActAsync("sg-lead", id, "supervise", new { note = "x" }), HttpStatusCode.Conflict, "role-not-allowed");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ActAsync("sg-leader", id, "supervise")).StatusCode);
        var view = await app.MustActAsync("sg-leader", id, "supervise", new { note = "请于本月底前与代表见面沟通" });
        Assert.Equal(1, view.GetProperty("supervisionCount").GetInt32());
        var last = view.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("supervise", last.GetProperty("action").GetString());
        Assert.Equal("请于本月底前与代表见面沟通", last.GetProperty("comment").GetString());
        await app.MustActAsync("sg-staff", id, "supervise", new { note = "再次督促" });
    }

    [Fact]
    public async Task Outsiders_and_admin_roles_see_nothing()
    {
        var id = await app.AssignedAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("cx-staff")).GetAsync($"/api/suggestions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("sg-auditor")).GetAsync($"/api/suggestions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("sg-auditor")).GetAsync("/api/suggestions")).StatusCode);
    }

    [Fact]
    public async Task Filing_co_signing_and_evaluating_land_in_the_duty_archive()
    {
        var id = await app.DraftAsync(coSigners: [app.Reps["李秀英"], app.Reps["张志强"]]);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("sg-rep2")).PostAsync($"/api/suggestions/{id}/co-sign", null)).StatusCode);
        await app.MustActAsync("sg-rep", id, "submit");
        await app.MustActAsync("sg-staff", id, "register");
        await app.MustActAsync("sg-staff", id, "assign", new { leadUnitId = app.Units["县住房和城乡建设局"] });
        await app.MustActAsync("sg-lead", id, "acknowledge");
        var meeting = await (await app.As("sg-lead")).PostAsJsonAsync($"/api/suggestions/{id}/meetings",
            new { heldOn = ChinaTime.Format(ChinaTime.Today(app.Clock)), place = "县住建局三楼会议室", participants = "王建国代表、住建局副局长" });
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
        await app.MustActAsync("sg-lead", id, "reply", new { resultClass = "solved", content = "已解决。" });
        await app.MustActAsync("sg-rep", id, "evaluate", new { rating = "satisfied" });

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var records = await db.Set<DutyRecord>().Where(d => d.SourceModule == "suggestions" && (d.SourceId == id.ToString() || d.SourceId.StartsWith(id + "-")))
            .Select(d => new { d.RepresentativeId, d.Kind }).ToListAsync();
        Assert.Contains(records, r => r.RepresentativeId == app.Reps["王建国"] && r.Kind == DutyKinds.SuggestionFiled);
        Assert.Contains(records, r => r.RepresentativeId == app.Reps["李秀英"] && r.Kind == DutyKinds.CoSigned);
        Assert.DoesNotContain(records, r => r.RepresentativeId == app.Reps["张志强"]);   // invited, never confirmed
        Assert.Contains(records, r => r.RepresentativeId == app.Reps["王建国"] && r.Kind == DutyKinds.SuggestionEvaluated);
        Assert.True(await db.Set<DutyRecord>().AnyAsync(d => d.Kind == DutyKinds.SuggestionMeeting && d.RepresentativeId == app.Reps["王建国"]));
    }
}

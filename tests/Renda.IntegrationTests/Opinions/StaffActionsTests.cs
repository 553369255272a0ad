using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Audit;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Opinions.StaffSupport;

namespace Renda.IntegrationTests.Opinions;

/// <summary>What each action does with its body, and the bad bodies it refuses (400 per field, 409 by rule).</summary>
[Collection(OpinionsCollection.Name)]
public sealed class StaffActionsTests(DemoApp app)
{
    private static async Task AssertInvalid(HttpResponseMessage res, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), await res.Content.ReadAsStringAsync());
    }

    private static async Task AssertRefused(HttpResponseMessage res, string code)
    {
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Equal("urn:renda:problem:" + code, (await res.JsonAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Triage_sets_category_and_urgency_and_refuses_unknown_ones()
    {
        var staff = await app.As(Staff);
        var (id, _) = await app.OpinionInAsync("submitted");
        await AssertInvalid(await staff.ActAsync(id, "triage", new { category = "<script>" }), "category");
        await AssertInvalid(await staff.ActAsync(id, "triage", new { urgency = "asap" }), "urgency");
        Assert.Equal(HttpStatusCode.OK, (await staff.ActAsync(id, "triage", new { category = "transport", urgency = "urgent" })).StatusCode);
        var o = await app.LoadAsync(id);
        Assert.Equal(("triaged", "transport", "urgent"), (o.State, o.Category, o.Urgency));
    }

    [Fact]
    public async Task Assign_checks_the_unit_and_the_deadline()
    {
        var staff = await app.As(Staff);
        var (id, _) = await app.OpinionInAsync("triaged");
        await AssertInvalid(await staff.ActAsync(id, "assign", new { }), "unitId");
        await AssertInvalid(await staff.ActAsync(id, "assign", new { unitId = 987654321 }), "unitId");
        await AssertInvalid(await staff.ActAsync(id, "assign", new { unitId = await app.StaffUnitIdAsync(), deadline = "2020-01-01" }), "deadline");
        await AssertInvalid(await staff.ActAsync(id, "assign", new { unitId = await app.StaffUnitIdAsync(), deadline = "next week" }), "deadline");
        Assert.Equal("triaged", (await app.LoadAsync(id)).State);

        var res = await staff.ActAsync(id, "assign", new { unitId = await app.StaffUnitIdAsync(), deadline = "2026-12-31" });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var o = await app.LoadAsync(id);
        Assert.Equal((await app.StaffUnitIdAsync(), new DateOnly(2026, 12, 31), false), (o.UnitId, o.DueDate, o.Overdue));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, o.AssignedAt);
    }

    [Fact]
    public async Task The_default_deadline_counts_working_days_across_national_day_and_its_make_up_saturday()
    {
        var saved = app.Clock.GetUtcNow();
        try
        {
            app.Clock.Set(new DateTimeOffset(2026, 9, 30, 9, 0, 0, TimeSpan.FromHours(8)));
            var (id, _) = await app.OpinionInAsync("triaged");
            // A fresh sign-in: the cached token was issued months "earlier".
            var staff = await app.SignedInAsync(Staff, RendaApp.DemoPassword);
            var res = await staff.ActAsync(id, "assign", new { unitId = await app.StaffUnitIdAsync() });
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            // 15 working days from Wed 30 Sep: 1–7 Oct are 国庆 holidays, Sat 10 Oct is a 调休 working day.
            Assert.Equal(new DateOnly(2026, 10, 27), (await app.LoadAsync(id)).DueDate);
            Assert.Equal("2026-10-27", (await res.JsonAsync()).GetProperty("dueDate").GetString());
        }
        finally { app.Clock.Set(saved); }
    }

    [Fact]
    public async Task A_returned_opinion_loses_its_unit_but_the_unit_still_sees_it_and_another_unit_never_does()
    {
        var (id, _) = await app.OpinionInAsync("assigned");
        var unit = await app.As(Unit);
        await AssertInvalid(await unit.ActAsync(id, "return", new { reason = "  " }), "reason");
        Assert.Equal(HttpStatusCode.OK, (await unit.ActAsync(id, "return", new { reason = "不属于本单位职责，应由交通运输局办理" })).StatusCode);
        var o = await app.LoadAsync(id);
        Assert.Equal(("triaged", (long?)null, (DateOnly?)null), (o.State, o.UnitId, o.DueDate));
        var view = await (await unit.GetAsync($"/api/opinions/{id}")).JsonAsync();
        Assert.Equal("不属于本单位职责，应由交通运输局办理", view.GetProperty("history").EnumerateArray().Last().GetProperty("comment").GetString());
        Assert.Empty(view.GetProperty("allowedActions").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(OtherUnit)).GetAsync($"/api/opinions/{id}")).StatusCode);
    }

    [Fact]
    public async Task Acknowledge_then_reply_records_times_and_a_late_reply_is_marked()
    {
        var (id, _) = await app.OpinionInAsync("assigned", change: o => o.DueDate = new DateOnly(2026, 1, 5));
        var unit = await app.As(Unit);
        Assert.Equal(HttpStatusCode.OK, (await unit.ActAsync(id, "acknowledge")).StatusCode);
        Assert.NotNull((await app.LoadAsync(id)).AcknowledgedAt);
        await AssertInvalid(await unit.ActAsync(id, "reply", new { content = "" }), "content");
        await AssertInvalid(await unit.ActAsync(id, "reply", new { content = new string('答', Opinion.MaxReply + 1) }), "content");
        await AssertInvalid(await unit.ActAsync(id, "reply", new { content = 42 }), "content");
        Assert.Equal(HttpStatusCode.OK, (await unit.ActAsync(id, "reply", new { content = "已更换灯泡，<b>恢复照明</b>" })).StatusCode);
        var o = await app.LoadAsync(id);
        Assert.Equal(("replied", "已更换灯泡，<b>恢复照明</b>", true), (o.State, o.ReplyContent, o.RepliedLate));
        Assert.NotNull(o.RepliedAt);

        var (onTime, _) = await app.OpinionInAsync("in_progress", change: o => o.DueDate = new DateOnly(2026, 12, 31));
        Assert.Equal(HttpStatusCode.OK, (await unit.ActAsync(onTime, "reply", new { content = "已办理" })).StatusCode);
        Assert.False((await app.LoadAsync(onTime)).RepliedLate);
    }

    [Fact]
    public async Task A_declined_opinion_shows_its_reason_to_the_citizen()
    {
        var (id, code) = await app.OpinionInAsync("submitted");
        var staff = await app.As(Staff);
        await AssertInvalid(await staff.ActAsync(id, "decline", new { }), "reason");
        Assert.Equal(HttpStatusCode.OK, (await staff.ActAsync(id, "decline", new { reason = "属于司法程序事项，请向法院反映" })).StatusCode);
        Assert.Equal("属于司法程序事项，请向法院反映", (await app.LoadAsync(id)).DeclineReason);
        Assert.Equal("属于司法程序事项，请向法院反映", (await app.TrackAsync(code)).GetProperty("declineReason").GetString());
    }

    [Fact]
    public async Task Merge_needs_another_open_opinion_of_the_same_jurisdiction()
    {
        var staff = await app.As(Staff);
        var (id, _) = await app.OpinionInAsync("submitted");
        var (closed, _) = await app.OpinionInAsync("closed");
        var (elsewhere, _) = await app.OpinionInAsync("triaged", change: o => o.JurisdictionCode = "330523100");
        var (target, _) = await app.OpinionInAsync("assigned");
        await AssertInvalid(await staff.ActAsync(id, "merge", new { }), "targetId");
        await AssertInvalid(await staff.ActAsync(id, "merge", new { targetId = id }), "targetId");
        await AssertInvalid(await staff.ActAsync(id, "merge", new { targetId = 987654321 }), "targetId");
        await AssertRefused(await staff.ActAsync(id, "merge", new { targetId = closed }), "merge-target-closed");
        await AssertRefused(await staff.ActAsync(id, "merge", new { targetId = elsewhere }), "merge-target-elsewhere");
        Assert.Equal(HttpStatusCode.OK, (await staff.ActAsync(id, "merge", new { targetId = target })).StatusCode);
        var o = await app.LoadAsync(id);
        Assert.Equal(("merged", (long?)target), (o.State, o.MergedIntoId));
    }

    [Fact]
    public async Task Escalation_goes_up_a_level_or_becomes_a_recess_suggestion_draft_of_the_receiving_representative()
    {
        var staff = await app.As(Staff);
        var (id, _) = await app.OpinionInAsync("triaged");
        await AssertInvalid(await staff.ActAsync(id, "escalate", new { kind = "somewhere" }), "kind");
        var (noRep, _) = await app.OpinionInAsync("triaged", withRep: false);
        await AssertRefused(await staff.ActAsync(noRep, "escalate", new { kind = "suggestion" }), "no-receiving-representative");
        Assert.Equal(("triaged", null), ((await app.LoadAsync(noRep)).State, (await app.LoadAsync(noRep)).EscalatedTo));

        Assert.Equal(HttpStatusCode.OK, (await staff.ActAsync(id, "escalate", new { kind = "upper_level", reason = "跨县河道整治" })).StatusCode);
        var o = await app.LoadAsync(id);
        Assert.Equal(("escalated", "upper_level"), (o.State, o.EscalatedTo));

        var (toSuggestion, _) = await app.OpinionInAsync("triaged");
        Assert.Equal(HttpStatusCode.OK, (await staff.ActAsync(toSuggestion, "escalate", new { kind = "suggestion", reason = "带有普遍性" })).StatusCode);
        var escalated = await app.LoadAsync(toSuggestion);
        Assert.Equal(("escalated", "suggestion"), (escalated.State, escalated.EscalatedTo));
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var draft = await db.Set<Renda.Modules.Suggestions.Suggestion>().IgnoreQueryFilters().SingleAsync(s => s.OriginOpinionId == toSuggestion);
        Assert.Equal(("draft", escalated.RepresentativeId), (draft.State, (long?)draft.FilerId));
        Assert.Contains(escalated.Content[..Math.Min(10, escalated.Content.Length)], draft.Body);
    }

    [Fact]
    public async Task Supervision_needs_a_note_counts_and_keeps_the_note_in_the_history()
    {
        var (id, _) = await app.OpinionInAsync("in_progress");
        var leader = await app.As(Leader);
        await AssertInvalid(await leader.ActAsync(id, "supervise", new { note = "" }), "note");
        Assert.Equal(HttpStatusCode.OK, (await leader.ActAsync(id, "supervise", new { note = "群众反映强烈，请本周内答复" })).StatusCode);
        var res = await (await app.As(Staff)).ActAsync(id, "supervise", new { note = "再次督办" });
        var json = await res.JsonAsync();
        Assert.Equal(2, json.GetProperty("supervisionCount").GetInt32());
        var notes = json.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("action").GetString() == "supervise")
            .Select(h => h.GetProperty("comment").GetString()).ToList();
        Assert.Equal(["群众反映强烈，请本周内答复", "再次督办"], notes);
    }

    [Fact]
    public async Task Publishing_happens_once()
    {
        var (id, _) = await app.OpinionInAsync("closed");
        var staff = await app.As(Staff);
        Assert.Equal(HttpStatusCode.OK, (await staff.ActAsync(id, "publish")).StatusCode);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, (await app.LoadAsync(id)).PublishedAt);
        await AssertRefused(await staff.ActAsync(id, "publish"), "already-published");
    }

    [Fact]
    public async Task The_receiving_representative_rates_and_unsatisfied_reopens_it_for_another_round()
    {
        var (id, _) = await app.OpinionInAsync("replied");
        var rep = await app.As(Rep);
        await AssertInvalid(await rep.ActAsync(id, "rate", new { rating = "meh" }), "rating");
        Assert.Equal(HttpStatusCode.OK, (await rep.ActAsync(id, "rate", new { rating = "unsatisfied", comment = "灯还是不亮" })).StatusCode);
        var o = await app.LoadAsync(id);
        Assert.Equal(("in_progress", 1, "unsatisfied"), (o.State, o.Round, o.Rating));
        Assert.NotNull(o.DueDate);
    }

    [Fact]
    public async Task Bodies_that_are_not_json_objects_are_refused()
    {
        var (id, _) = await app.OpinionInAsync("submitted");
        var staff = await app.As(Staff);
        var res = await staff.PostAsync($"/api/opinions/{id}/actions/triage", new StringContent("[1,2", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("submitted", (await app.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Staff_reveal_the_phone_audited_and_a_unit_is_refused_audited_too()
    {
        var (id, _) = await app.OpinionInAsync("assigned");
        var res = await (await app.As(Staff)).PostAsync($"/api/opinions/{id}/reveal", null);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(OpinionTestSupport.Phone, (await res.JsonAsync()).GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As(Unit)).PostAsync($"/api/opinions/{id}/reveal", null)).StatusCode);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.Where(a => a.Action == AuditActions.Reveal && a.EntityType == nameof(Opinion) && a.EntityId == key)
            .Select(a => new { a.Actor, a.Outcome, a.Summary }).ToListAsync();
        Assert.Contains(entries, e => e.Actor == Staff && e.Outcome == AuditOutcomes.Success);
        Assert.Contains(entries, e => e.Actor == Unit && e.Outcome == AuditOutcomes.Denied);
        Assert.DoesNotContain(entries, e => e.Summary.Contains(OpinionTestSupport.Phone, StringComparison.Ordinal));
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Audit;
using Renda.Platform.Workflow;

namespace Renda.UnitTests.Workflow;

/// <summary>The one code path against a real database: what is written together, and what a refusal leaves alone.</summary>
public sealed class EnginePersistenceTests : IDisposable
{
    private readonly TicketDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private async Task<WorkflowResult> Apply(long id, WorkflowCommand command, TestUser user, Action<WorkflowStep<Ticket>>? effect = null)
    {
        await using var db = _db.Open(user);
        var ticket = db.Tickets.Single(t => t.Id == id);
        return await _db.Engine(db).ApplyAsync(Ticket.Definition, ticket, command, user, effect);
    }

    [Fact]
    public async Task A_successful_action_writes_state_history_and_audit_together_and_bumps_the_version()
    {
        var id = _db.Seed("triaged");

        var auditBefore = _db.AllAudit().Count;
        var result = await Apply(id, new WorkflowCommand("assign", ExpectedVersion: 1, Comment: "请于十五个工作日内办理", Data: new { unitId = 8 }),
            People.Staff, step => step.Entity.UnitId = 8);

        Assert.True(result.Succeeded);
        Assert.Equal(("triaged", "assigned", 2L), (result.FromState, result.State, result.Version));
        var after = _db.Read(id);
        Assert.Equal(("assigned", 2L), (after.Ticket.State, after.Ticket.Version));

        var h = Assert.Single(after.History);
        Assert.Equal(("triaged", "assign", "assigned"), (h.FromState, h.Action, h.ToState));
        Assert.Equal(("staff", "congress_staff"), (h.Actor, h.ActorRole));
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, h.At);
        Assert.Equal("请于十五个工作日内办理", h.Comment);
        Assert.Equal("""{"unitId":8}""", h.Data);
        Assert.Equal(Ticket.SampleJurisdiction, h.JurisdictionCode);

        var a = Assert.Single(after.WorkflowAudit);
        Assert.Equal(("workflow.ticket.assign", "Ticket", id.ToString(), AuditOutcomes.Success), (a.Action, a.EntityType, a.EntityId, a.Outcome));
        Assert.Equal("""{"from":"triaged","to":"assigned","changed":{"unitId":{"from":7,"to":8}}}""", a.Summary);
        Assert.Equal(("staff", Ticket.SampleJurisdiction), (a.Actor, a.JurisdictionCode));
        // One act, one entry: the automatic change audit does not describe the same update again.
        Assert.Equal(auditBefore + 1, _db.AllAudit().Count);
    }

    [Fact]
    public async Task An_asynchronous_effect_is_awaited_before_saving_and_may_refuse_after_querying()
    {
        var id = _db.Seed("triaged");
        var other = _db.Seed("submitted");

        await using (var db = _db.Open(People.Staff))
        {
            var ticket = db.Tickets.Single(t => t.Id == id);
            var refused = await _db.Engine(db).ApplyAsync(Ticket.Definition, ticket, "assign", People.Staff, async (step, ct) =>
            {
                var found = await db.Tickets.AnyAsync(t => t.Id == 999_999, ct);
                if (!found) step.Refuse("unit-not-found", "承办单位不存在", "No such unit.");
            });
            Assert.Equal("unit-not-found", refused.Refusal?.Code);

            var done = await _db.Engine(db).ApplyAsync(Ticket.Definition, ticket, "assign", People.Staff, async (step, ct) =>
            {
                var count = await db.Tickets.CountAsync(t => t.Id == other, ct);
                step.Entity.UnitId = 40 + count;
            });
            Assert.True(done.Succeeded);
        }

        var after = _db.Read(id);
        Assert.Equal(("assigned", 41L), (after.Ticket.State, (long)after.Ticket.UnitId!));
    }

    [Fact]
    public async Task A_refused_action_leaves_state_history_and_version_unchanged_and_is_audited_as_denied()
    {
        var id = _db.Seed("submitted");

        var byRole = await Apply(id, "triage", People.Unit);
        var byState = await Apply(id, "reply", People.Unit);

        Assert.Equal("role-not-allowed", byRole.Refusal?.Code);
        Assert.Equal("action-not-allowed", byState.Refusal?.Code);
        var after = _db.Read(id);
        Assert.Equal(("submitted", 1L), (after.Ticket.State, after.Ticket.Version));
        Assert.Empty(after.History);
        Assert.Equal(["workflow.ticket.triage", "workflow.ticket.reply"], after.WorkflowAudit.Select(a => a.Action));
        Assert.All(after.WorkflowAudit, a => Assert.Equal(AuditOutcomes.Denied, a.Outcome));
        Assert.Equal("""{"from":"submitted","refused":"role-not-allowed"}""", after.WorkflowAudit[0].Summary);
    }

    [Fact]
    public async Task An_action_out_of_jurisdiction_is_refused_and_audited_under_the_entitys_jurisdiction()
    {
        var id = _db.Seed("submitted");
        var neighbour = People.Staff with { Scope = "330103" };
        await using var db = _db.Open(neighbour);
        Assert.Empty(db.Tickets.Where(t => t.Id == id));   // the query filter hides it; the engine checks again
        var ticket = db.Tickets.IgnoreQueryFilters().Single(t => t.Id == id);

        var result = await _db.Engine(db).ApplyAsync(Ticket.Definition, ticket, "triage", neighbour);

        Assert.Equal("out-of-jurisdiction", result.Refusal?.Code);
        var after = _db.Read(id);
        Assert.Equal(("submitted", 1L), (after.Ticket.State, after.Ticket.Version));
        var denied = Assert.Single(after.WorkflowAudit);
        Assert.Equal((AuditOutcomes.Denied, Ticket.SampleJurisdiction), (denied.Outcome, denied.JurisdictionCode));
    }

    [Fact]
    public async Task An_unknown_action_is_refused_without_an_audit_entry()
    {
        var id = _db.Seed("submitted");

        var result = await Apply(id, "drop_table", People.Staff);

        Assert.Equal("action-not-allowed", result.Refusal?.Code);
        Assert.Empty(_db.Read(id).WorkflowAudit);
    }

    [Fact]
    public async Task An_effect_that_refuses_undoes_what_it_changed()
    {
        var id = _db.Seed("triaged");
        await using var db = _db.Open(People.Staff);
        var ticket = db.Tickets.Single(t => t.Id == id);

        var result = await _db.Engine(db).ApplyAsync(Ticket.Definition, ticket, "assign", People.Staff, step =>
        {
            step.Entity.UnitId = 99;
            step.Entity.Title = "changed";
            step.Refuse("unit-not-found", "承办单位不存在", "No such handling unit.");
        });

        Assert.Equal("unit-not-found", result.Refusal?.Code);
        Assert.Equal(("triaged", 7L, "路灯不亮", 1L), (ticket.State, ticket.UnitId, ticket.Title, ticket.Version));
        var after = _db.Read(id);
        Assert.Equal(("triaged", 7L, "路灯不亮", 1L), (after.Ticket.State, after.Ticket.UnitId, after.Ticket.Title, after.Ticket.Version));
        Assert.Empty(after.History);
        Assert.Equal(AuditOutcomes.Denied, Assert.Single(after.WorkflowAudit).Outcome);
    }

    [Fact]
    public async Task Invalid_input_is_refused_without_saving_or_auditing_anything()
    {
        var id = _db.Seed("submitted");

        var noReason = await Apply(id, "merge", People.Staff, step => step.RequireComment());
        var tooLong = await Apply(id, new WorkflowCommand("triage", Comment: new string('长', WorkflowCommand.MaxCommentLength + 1)), People.Staff);

        Assert.Equal(("invalid-input", "comment"), (noReason.Refusal?.Code, noReason.Refusal?.Field));
        Assert.Equal(("invalid-input", "comment"), (tooLong.Refusal?.Code, tooLong.Refusal?.Field));
        var after = _db.Read(id);
        Assert.Equal(("submitted", 1L), (after.Ticket.State, after.Ticket.Version));
        Assert.Empty(after.History);
        Assert.Empty(after.WorkflowAudit);
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_as_stale_and_changes_nothing()
    {
        var id = _db.Seed("submitted");
        Assert.True((await Apply(id, new WorkflowCommand("triage", ExpectedVersion: 1), People.Staff)).Succeeded);

        var stale = await Apply(id, new WorkflowCommand("assign", ExpectedVersion: 1), People.Staff);

        Assert.Equal("stale-version", stale.Refusal?.Code);
        Assert.Equal(2L, stale.Refusal?.CurrentVersion);
        var after = _db.Read(id);
        Assert.Equal(("triaged", 2L), (after.Ticket.State, after.Ticket.Version));
        Assert.Single(after.History);
        Assert.Single(after.WorkflowAudit);
    }

    [Fact]
    public async Task Two_contexts_racing_on_one_row_give_one_success_and_one_stale()
    {
        var id = _db.Seed("submitted");
        await using var first = _db.Open(People.Staff);
        await using var second = _db.Open(People.Leader);
        var a = first.Tickets.Single(t => t.Id == id);
        var b = second.Tickets.Single(t => t.Id == id);

        var results = await Task.WhenAll(
            _db.Engine(first).ApplyAsync(Ticket.Definition, a, "triage", People.Staff),
            _db.Engine(second).ApplyAsync(Ticket.Definition, b, "supervise", People.Leader));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Refusal?.Code == "stale-version");
        var after = _db.Read(id);
        Assert.Equal(2L, after.Ticket.Version);
        var h = Assert.Single(after.History);
        Assert.Equal(results.Single(r => r.Succeeded).Action, h.Action);
        Assert.Single(after.WorkflowAudit);
        AssertChainIsIntact(_db.AllAudit());
    }

    [Fact]
    public async Task An_action_that_keeps_the_state_still_records_history_and_bumps_the_version()
    {
        var id = _db.Seed("in_progress");

        var result = await Apply(id, new WorkflowCommand("supervise", Comment: "请加快办理"), People.Leader);

        Assert.Equal(("in_progress", "in_progress", 2L), (result.FromState, result.State, result.Version));
        var after = _db.Read(id);
        Assert.Equal(("in_progress", 2L), (after.Ticket.State, after.Ticket.Version));
        var h = Assert.Single(after.History);
        Assert.Equal(("in_progress", "supervise", "in_progress", "leader"), (h.FromState, h.Action, h.ToState, h.ActorRole));
    }

    [Theory]
    [InlineData("satisfied", "closed")]
    [InlineData("basically_satisfied", "closed")]
    [InlineData("unsatisfied", "in_progress")]
    public async Task The_effect_chooses_the_target_among_those_allowed(string rating, string expected)
    {
        var id = _db.Seed("replied");

        var result = await Apply(id, "rate", People.Submitter, step => Ticket.Rate(step, rating));

        Assert.Equal(expected, result.State);
        var after = _db.Read(id);
        Assert.Equal((expected, rating), (after.Ticket.State, after.Ticket.Rating));
        Assert.Equal(WorkflowRoles.Submitter, Assert.Single(after.History).ActorRole);
        Assert.Equal($$"""{"rating":"{{rating}}"}""", after.History[0].Data);
    }

    [Fact]
    public async Task A_multi_target_action_whose_effect_does_not_choose_is_a_programming_error_that_saves_nothing()
    {
        var id = _db.Seed("replied");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Apply(id, "rate", People.Submitter));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Apply(id, "rate", People.Submitter, step => step.GoTo("merged")));

        var after = _db.Read(id);
        Assert.Equal(("replied", 1L), (after.Ticket.State, after.Ticket.Version));
        Assert.Empty(after.History);
    }

    [Fact]
    public async Task Starting_inserts_the_entity_with_its_first_history_row_and_audit_entry()
    {
        await using var db = _db.Open(People.Anonymous);
        var ticket = new Ticket { Title = "小区门口积水", Version = 1 };

        var result = await _db.Engine(db).StartAsync(Ticket.Definition, ticket, new WorkflowCommand("submit", Data: new { channel = "qr" }), People.Anonymous);

        Assert.True(result.Succeeded);
        Assert.True(ticket.Id > 0);
        var after = _db.Read(ticket.Id);
        Assert.Equal("submitted", after.Ticket.State);
        var h = Assert.Single(after.History);
        Assert.Equal(("", "submit", "submitted", "anyone", "citizen"), (h.FromState, h.Action, h.ToState, h.ActorRole, h.Actor));
        Assert.Equal("""{"from":"","to":"submitted"}""", Assert.Single(after.WorkflowAudit).Summary);
    }

    [Fact]
    public async Task Starting_is_refused_outside_the_callers_jurisdiction_and_inserts_nothing()
    {
        await using var db = _db.Open(People.Staff);
        var ticket = new Ticket { Title = "x", JurisdictionCode = "330103001" };

        var result = await _db.Engine(db).StartAsync(Ticket.Definition, ticket, "submit", People.Staff);

        Assert.Equal("out-of-jurisdiction", result.Refusal?.Code);
        await using var check = _db.Open(People.System);
        Assert.Empty(check.Tickets);
    }

    [Fact]
    public async Task The_history_of_an_entity_comes_back_oldest_first()
    {
        var id = _db.Seed("submitted");
        await Apply(id, "triage", People.Staff);
        _db.Clock.Advance(TimeSpan.FromHours(1));
        await Apply(id, "assign", People.Staff);

        await using var db = _db.Open(People.Staff);
        var history = await _db.Engine(db).HistoryAsync(Ticket.Definition, id);

        Assert.Equal(["triage", "assign"], history.Select(h => h.Action));
        Assert.Equal(TimeSpan.FromHours(1), history[1].At - history[0].At);
    }

    private static void AssertChainIsIntact(List<AuditEntry> entries)
    {
        var prev = AuditHasher.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(i + 1, entries[i].Id);
            Assert.Equal(prev, entries[i].PrevHash);
            Assert.Equal(AuditHasher.Compute(entries[i]), entries[i].Hash);
            prev = entries[i].Hash;
        }
        Assert.NotEmpty(entries);
        Assert.Contains(entries, e => JsonDocument.Parse(e.Summary).RootElement.ValueKind == JsonValueKind.Object);
    }
}

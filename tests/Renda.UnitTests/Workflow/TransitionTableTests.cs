using Renda.Platform.Auth;
using Renda.Platform.Workflow;

namespace Renda.UnitTests.Workflow;

/// <summary>The sample table checked as a table: every (state, action, caller) is allowed exactly when
/// the expected table below says so, and a refusal says whether the state or the role was wrong.</summary>
public class TransitionTableTests
{
    /// <summary>Written independently of <see cref="Ticket.Definition"/>: state, action, who may.</summary>
    private static readonly string[] Expected =
    [
        "submitted   triage       staff",
        "submitted   merge        staff",
        "triaged     merge        staff",
        "triaged     assign       staff",
        "assigned    acknowledge  unit",
        "assigned    return       unit",
        "in_progress reply        unit",
        "replied     rate         submitter",
        "replied     expire       system",
        "submitted   supervise    staff leader",
        "triaged     supervise    staff leader",
        "assigned    supervise    staff leader",
        "in_progress supervise    staff leader",
        "replied     supervise    staff leader",
        "closed      publish      staff",
    ];

    private static readonly string[] AllStates = ["submitted", "triaged", "assigned", "in_progress", "replied", "closed", "merged"];
    private static readonly string[] AllActions =
        ["triage", "merge", "assign", "acknowledge", "return", "reply", "rate", "expire", "supervise", "publish", "submit"];

    private static Dictionary<(string State, string Action), string[]> ExpectedTable() =>
        Expected.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => (p[0], p[1]), p => p[2..]);

    public static TheoryData<string, string, string> EveryCase()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var s in AllStates)
            foreach (var a in AllActions)
                foreach (var who in People.ByName.Keys)
                    data.Add(s, a, who);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Each_state_action_and_caller_is_allowed_exactly_as_the_table_says(string state, string action, string who)
    {
        var table = ExpectedTable();
        var decision = Ticket.Definition.Check(Ticket.In(state), action, People.ByName[who]);

        if (table.TryGetValue((state, action), out var allowed) && allowed.Contains(who))
        {
            Assert.True(decision.Allowed, $"{who} should be able to {action} in {state}: {decision.Refusal?.En}");
            Assert.Equal(action, decision.Transition!.Action);
        }
        else
        {
            Assert.False(decision.Allowed, $"{who} should not be able to {action} in {state}");
            var expectedCode = table.ContainsKey((state, action)) ? WorkflowRefusal.RoleNotAllowedCode : WorkflowRefusal.ActionNotAllowedCode;
            Assert.Equal(expectedCode, decision.Refusal!.Code);
        }
    }

    [Fact]
    public void The_table_has_no_row_the_expected_table_lacks()
    {
        var table = ExpectedTable();
        var actual = Ticket.Definition.States
            .SelectMany(s => Ticket.Definition.Actions.Select(a => (s, a)))
            .Where(k => Ticket.Definition.Check(Ticket.In(k.s), k.a, new TestUser("all", [.. Roles.All, "system"]) with { Unit = 7, Representative = 42 }).Allowed)
            .ToHashSet();
        Assert.Equal(table.Keys.ToHashSet(), actual);
    }

    [Fact]
    public void A_state_refusal_names_the_state_and_where_the_action_is_allowed()
    {
        var refusal = Ticket.Definition.Check(Ticket.In("closed"), "triage", People.Staff).Refusal!;

        Assert.Equal("action-not-allowed", refusal.Code);
        Assert.Equal("'triage' is not allowed in state 'closed'.", refusal.En);
        Assert.Equal("“已办结”状态下不能“梳理”", refusal.Zh);
        Assert.Equal(["submitted"], refusal.AllowedInStates);
    }

    [Fact]
    public void A_role_refusal_names_the_roles_that_may()
    {
        var refusal = Ticket.Definition.Check(Ticket.In("submitted"), "supervise", People.Unit).Refusal!;

        Assert.Equal("role-not-allowed", refusal.Code);
        Assert.Equal([Roles.CongressStaff, Roles.Leader], refusal.AllowedRoles);
        Assert.Equal("只有人大工作人员、领导可以“督办”", refusal.Zh);
        Assert.Equal("Only Congress staff or Leader may 'supervise'.", refusal.En);
    }

    [Fact]
    public void An_unknown_action_is_refused_as_not_allowed()
    {
        var refusal = Ticket.Definition.Check(Ticket.In("submitted"), "delete_everything", People.Staff).Refusal!;

        Assert.Equal("action-not-allowed", refusal.Code);
        Assert.Contains("delete_everything", refusal.En);
        Assert.Empty(refusal.AllowedInStates);
    }

    [Fact]
    public void Relationship_roles_follow_the_entity_not_the_account_role()
    {
        var assignedToUnit8 = Ticket.In("assigned");
        assignedToUnit8.UnitId = 8;

        Assert.False(Ticket.Definition.Check(assignedToUnit8, "acknowledge", People.Unit).Allowed);
        Assert.True(Ticket.Definition.Check(assignedToUnit8, "acknowledge", People.OtherUnit).Allowed);

        var someoneElsesTicket = Ticket.In("replied");
        someoneElsesTicket.SubmitterRepresentativeId = 43;
        Assert.False(Ticket.Definition.Check(someoneElsesTicket, "rate", People.Submitter).Allowed);
        Assert.True(Ticket.Definition.Check(someoneElsesTicket, "rate", People.OtherRep).Allowed);
    }

    [Fact]
    public void The_acting_role_is_the_role_that_allowed_the_action()
    {
        Assert.Equal(WorkflowRoles.AssignedUnit, Ticket.Definition.Check(Ticket.In("assigned"), "acknowledge", People.Unit).ActingRole);
        Assert.Equal(Roles.Leader, Ticket.Definition.Check(Ticket.In("assigned"), "supervise", People.Leader).ActingRole);
        Assert.Equal(WorkflowRoles.Submitter, Ticket.Definition.Check(Ticket.In("replied"), "rate", People.Submitter).ActingRole);
    }

    [Fact]
    public void Outside_the_callers_jurisdiction_everything_is_refused_without_telling_the_state()
    {
        foreach (var action in Ticket.Definition.Actions)
        {
            var refusal = Ticket.Definition.Check(Ticket.In("submitted"), action, People.NeighbourStaff).Refusal;
            Assert.Equal("out-of-jurisdiction", refusal?.Code);
            Assert.DoesNotContain("submitted", refusal!.En);
        }
        Assert.Empty(Ticket.Definition.AllowedActions(Ticket.In("submitted"), People.NeighbourStaff));
    }

    [Fact]
    public void An_unscoped_caller_and_a_caller_scoped_above_the_entity_pass_the_jurisdiction_check()
    {
        Assert.True(Ticket.Definition.Check(Ticket.In("replied"), "expire", People.System).Allowed);
        var cityStaff = People.Staff with { Scope = "3301" };
        Assert.True(Ticket.Definition.Check(Ticket.In("submitted"), "triage", cityStaff).Allowed);
        var noJurisdiction = People.Staff with { Scope = HttpCurrentUser.NoScope };
        Assert.Equal("out-of-jurisdiction", Ticket.Definition.Check(Ticket.In("submitted"), "triage", noJurisdiction).Refusal?.Code);
    }

    [Theory]
    [InlineData("staff", "submitted", "triage merge supervise")]
    [InlineData("leader", "submitted", "supervise")]
    [InlineData("unit", "assigned", "acknowledge return")]
    [InlineData("other_unit", "assigned", "")]
    [InlineData("unit", "in_progress", "reply")]
    [InlineData("submitter", "replied", "rate")]
    [InlineData("other_rep", "replied", "")]
    [InlineData("staff", "replied", "supervise")]
    [InlineData("system", "replied", "expire")]
    [InlineData("staff", "closed", "publish")]
    [InlineData("leader", "closed", "")]
    [InlineData("staff", "merged", "")]
    [InlineData("anonymous", "submitted", "")]
    public void Allowed_actions_per_caller(string who, string state, string actions)
    {
        var allowed = Ticket.Definition.AllowedActions(Ticket.In(state), People.ByName[who]);
        Assert.Equal(actions.Split(' ', StringSplitOptions.RemoveEmptyEntries), allowed.Select(a => a.Action));
    }

    [Fact]
    public void Allowed_actions_carry_labels_and_targets_for_buttons()
    {
        var rate = Assert.Single(Ticket.Definition.AllowedActions(Ticket.In("replied"), People.Submitter));
        Assert.Equal(new WorkflowLabel("评价", "Rate"), rate.Label);
        Assert.Equal(["closed", "in_progress"], rate.Targets);

        var supervise = Assert.Single(Ticket.Definition.AllowedActions(Ticket.In("replied"), People.Leader));
        Assert.Empty(supervise.Targets);
        Assert.Equal(new WorkflowLabel("评价期满办结", "Close unrated"), Ticket.Definition.ActionLabel("expire"));
    }

    [Fact]
    public void Any_open_state_means_every_state_not_declared_final()
    {
        Assert.Equal(["assigned", "in_progress", "replied", "submitted", "triaged"], Ticket.Definition.OpenStates.Order(StringComparer.Ordinal));
        Assert.False(Ticket.Definition.Check(Ticket.In("merged"), "supervise", People.Staff).Allowed);
    }

    [Fact]
    public void Creating_is_checked_from_the_new_row_and_only_there()
    {
        var fresh = new Ticket();
        Assert.True(Ticket.Definition.CheckStart(fresh, "submit", People.Anonymous).Allowed);
        Assert.Equal("action-not-allowed", Ticket.Definition.CheckStart(fresh, "triage", People.Staff).Refusal?.Code);
        Assert.Equal("action-not-allowed", Ticket.Definition.Check(Ticket.In("submitted"), "submit", People.Staff).Refusal?.Code);
    }

    [Fact]
    public void State_labels_come_from_the_shared_domain_table()
    {
        Assert.Equal(new WorkflowLabel("已提交", "Submitted"), Ticket.Definition.StateLabel("submitted"));
        Assert.Equal(new WorkflowLabel("办理中", "In progress"), Ticket.Definition.StateLabel("in_progress"));
        Assert.Equal(new WorkflowLabel("已办结", "Closed"), Ticket.Definition.StateLabel("closed"));
    }
}

using Renda.Platform.Auth;
using Renda.Platform.Workflow;
using static Renda.Platform.Workflow.WorkflowDefinition;

namespace Renda.UnitTests.Workflow;

public class DefinitionTests
{
    /// <summary>What the module README would hold: the test fails when the table and the diagram drift apart.</summary>
    private const string Readme = """
        # Tickets

        The sample workflow.

        ```mermaid
        stateDiagram-v2
            [*] --> submitted: submit
            submitted --> triaged: triage
            submitted --> merged: merge
            triaged --> merged: merge
            triaged --> assigned: assign
            assigned --> in_progress: acknowledge
            assigned --> triaged: return
            in_progress --> replied: reply
            replied --> closed: rate
            replied --> in_progress: rate
            replied --> closed: expire
            merged --> [*]
            closed --> [*]
            %% supervise (state unchanged) in: (any open state)
            %% publish (state unchanged) in: closed
        ```
        """;

    [Fact]
    public void The_readme_diagram_is_the_table()
    {
        var block = Assert.Single(MermaidBlocks(Readme));
        Assert.Equal(block, NormalizeMermaid(Ticket.Definition.ToMermaid()));
    }

    [Fact]
    public void A_changed_table_no_longer_matches_the_readme()
    {
        var changed = new WorkflowDefinition<Ticket>("ticket")
            .On(New, "submit", "submitted", WorkflowRoles.Anyone)
            .On("submitted", "triage", "triaged", Roles.CongressStaff);
        Assert.NotEqual(MermaidBlocks(Readme)[0], NormalizeMermaid(changed.ToMermaid()));
    }

    [Fact]
    public void Two_rows_for_the_same_state_and_action_are_rejected()
    {
        var def = new WorkflowDefinition<Ticket>("dup")
            .On("submitted", "triage", "triaged", Roles.CongressStaff)
            .On(AnyOpen, "triage", Unchanged, Roles.Leader);
        var e = Assert.Throws<InvalidOperationException>(def.Validate);
        Assert.Contains("two rows for action 'triage' in state 'submitted'", e.Message);
    }

    [Fact]
    public void A_state_or_action_without_a_label_is_rejected_until_labelled()
    {
        var unlabelled = new WorkflowDefinition<Ticket>("unlabelled").On("submitted", "frobnicate", "frobbed", Roles.CongressStaff);
        var e = Assert.Throws<InvalidOperationException>(unlabelled.Validate);
        Assert.Contains("state 'frobbed' has no label", e.Message);
        Assert.Contains("action 'frobnicate' has no label", e.Message);

        var labelled = new WorkflowDefinition<Ticket>("labelled")
            .On("submitted", "frobnicate", "frobbed", Roles.CongressStaff)
            .State("frobbed", "已处理", "Frobbed")
            .Action("frobnicate", "处理", "Frobnicate");
        labelled.Validate();
        Assert.Equal("已处理", labelled.StateLabel("frobbed").Zh);
    }

    [Fact]
    public void A_table_in_use_cannot_grow()
    {
        var def = new WorkflowDefinition<Ticket>("frozen").On("submitted", "triage", "triaged", Roles.CongressStaff);
        Assert.NotEmpty(def.AllowedActions(Ticket.In("submitted"), People.Staff));
        Assert.Throws<InvalidOperationException>(() => def.On("triaged", "assign", "assigned", Roles.CongressStaff));
    }

    [Theory]
    [InlineData("Submitted", "triage", "triaged")]
    [InlineData("submitted", "Triage", "triaged")]
    [InlineData("submitted", "triage", "triaged; drop table")]
    [InlineData("", "triage", "triaged")]
    public void States_and_actions_are_snake_case_identifiers(string from, string action, string to)
    {
        Assert.Throws<ArgumentException>(() => new WorkflowDefinition<Ticket>("bad").On(from, action, to, Roles.CongressStaff));
    }

    [Fact]
    public void A_row_needs_roles_and_a_choice_needs_two_targets()
    {
        Assert.Throws<ArgumentException>(() => new WorkflowDefinition<Ticket>("bad").On("submitted", "triage", "triaged"));
        Assert.Throws<ArgumentException>(() => new WorkflowDefinition<Ticket>("bad").On("replied", "rate", ["closed"], Roles.Representative));
        Assert.Throws<ArgumentException>(() => new WorkflowDefinition<Ticket>("bad").On(New, "submit", Unchanged, Roles.Representative));
    }

    [Fact]
    public void Final_states_must_occur_in_the_table()
    {
        var def = new WorkflowDefinition<Ticket>("final").On("submitted", "triage", "triaged", Roles.CongressStaff).Final("archived");
        Assert.Contains("final state 'archived'", Assert.Throws<InvalidOperationException>(def.Validate).Message);
    }
}

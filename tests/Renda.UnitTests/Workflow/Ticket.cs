using Renda.Platform.Auth;
using Renda.Platform.Workflow;
using static Renda.Platform.Workflow.WorkflowDefinition;

namespace Renda.UnitTests.Workflow;

/// <summary>A sample workflow entity shaped like an opinion: the tests' stand-in for a module.</summary>
public sealed class Ticket : IWorkflowEntity
{
    public const string SampleJurisdiction = "330102001";

    public long Id { get; set; }
    public string State { get; set; } = "";
    public long Version { get; set; } = 1;
    public string JurisdictionCode { get; set; } = SampleJurisdiction;
    public string Title { get; set; } = "";
    public long? UnitId { get; set; }
    public long? SubmitterRepresentativeId { get; set; }
    public string? Rating { get; set; }

    public static readonly WorkflowDefinition<Ticket> Definition = new WorkflowDefinition<Ticket>("ticket")
        .On(New, "submit", "submitted", WorkflowRoles.Anyone)
        .On("submitted", "triage", "triaged", Roles.CongressStaff)
        .On(["submitted", "triaged"], "merge", "merged", Roles.CongressStaff)
        .On("triaged", "assign", "assigned", Roles.CongressStaff)
        .On("assigned", "acknowledge", "in_progress", WorkflowRoles.AssignedUnit)
        .On("assigned", "return", "triaged", WorkflowRoles.AssignedUnit)
        .On("in_progress", "reply", "replied", WorkflowRoles.AssignedUnit)
        .On("replied", "rate", ["closed", "in_progress"], WorkflowRoles.Submitter)
        .On("replied", "expire", "closed", WorkflowRoles.System)
        .On(AnyOpen, "supervise", Unchanged, Roles.CongressStaff, Roles.Leader)
        .On("closed", "publish", Unchanged, Roles.CongressStaff)
        .Final("closed", "merged")
        .Action("expire", "评价期满办结", "Close unrated")
        .Relationships(Related);

    private static IEnumerable<string> Related(Ticket t, ICurrentUser user)
    {
        if (user.IsInRole(Roles.HandlingUnit) && user.UnitId is { } unit && unit == t.UnitId) yield return WorkflowRoles.AssignedUnit;
        if (user.RepresentativeId is { } rep && rep == t.SubmitterRepresentativeId) yield return WorkflowRoles.Submitter;
    }

    /// <summary>The rate effect: satisfied or basically satisfied close it, unsatisfied reopens it.</summary>
    public static void Rate(WorkflowStep<Ticket> step, string? rating)
    {
        switch (rating)
        {
            case "satisfied" or "basically_satisfied":
                step.GoTo("closed");
                break;
            case "unsatisfied":
                step.GoTo("in_progress");
                break;
            default:
                step.Invalid("rating", "请选择满意度", "Choose a rating.");
                return;
        }
        step.Entity.Rating = rating;
        step.Data = new { rating };
    }

    public static Ticket In(string state) => new()
    {
        Id = 1, State = state, Title = "路灯不亮", UnitId = 7, SubmitterRepresentativeId = 42,
    };
}

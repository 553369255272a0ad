using Renda.Platform.Auth;
using Renda.Platform.Workflow;
using static Renda.Platform.Workflow.WorkflowDefinition;

namespace Renda.Modules.Opinions;

/// <summary>DOMAIN.md's Opinion table, row for row. <c>rate</c> is the submitter's (who holds the tracking
/// code, or the representative who received it); <c>acknowledge</c>, <c>return</c> and <c>reply</c> are the
/// assigned unit's; <c>close</c> is the system's when the rating window passes unrated.</summary>
public static class OpinionWorkflow
{
    /// <summary>The representative who received the opinion (scanned code or reception).</summary>
    public const string ReceivingRepresentative = "receiving_representative";

    public static readonly WorkflowDefinition<Opinion> Definition = new WorkflowDefinition<Opinion>("opinion")
        .On(New, "submit", "submitted", WorkflowRoles.Anyone)
        .On("submitted", "triage", "triaged", Roles.CongressStaff)
        .On(["submitted", "triaged"], "merge", "merged", Roles.CongressStaff)
        .On(["submitted", "triaged"], "decline", "declined", Roles.CongressStaff)
        .On("triaged", "assign", "assigned", Roles.CongressStaff)
        .On("triaged", "escalate", "escalated", Roles.CongressStaff)
        .On("assigned", "acknowledge", "in_progress", WorkflowRoles.AssignedUnit)
        .On("assigned", "return", "triaged", WorkflowRoles.AssignedUnit)
        .On("in_progress", "reply", "replied", WorkflowRoles.AssignedUnit)
        .On("replied", "rate", ["closed", "in_progress"], WorkflowRoles.Submitter, ReceivingRepresentative)
        .On("replied", "close", "closed", WorkflowRoles.System)
        .On(AnyOpen, "supervise", Unchanged, Roles.CongressStaff, Roles.Leader)
        .On("closed", "publish", Unchanged, Roles.CongressStaff)
        .Final("closed", "merged", "declined", "escalated")
        .Action("close", "逾期未评价办结", "Close unrated")
        .Role(ReceivingRepresentative, "接收意见的代表", "the receiving representative")
        .Relationships(Relationships);

    private static IEnumerable<string> Relationships(Opinion o, ICurrentUser user)
    {
        if (user.UnitId is { } unit && unit == o.UnitId && user.IsInRole(Roles.HandlingUnit))
            yield return WorkflowRoles.AssignedUnit;
        if (user.RepresentativeId is { } rep && rep == o.RepresentativeId && user.IsInRole(Roles.Representative))
            yield return ReceivingRepresentative;
        if (user is TrackingCodeHolder holder && holder.TrackingCode == o.TrackingCode)
            yield return WorkflowRoles.Submitter;
    }
}

/// <summary>The citizen who holds an opinion's tracking code: no account, no jurisdiction scope, and the
/// submitter of that one opinion only.</summary>
public sealed class TrackingCodeHolder(string trackingCode, string? clientIp) : ICurrentUser
{
    public string TrackingCode { get; } = trackingCode;
    public string? UserId => null;
    public string? UserName => "citizen";
    public IReadOnlyList<string> Roles => [];
    public string? ScopeCode => null;
    public string? ClientIp { get; } = clientIp;
    public long? UnitId => null;
    public long? RepresentativeId => null;
    public long? StationId => null;
    public bool IsInRole(string role) => false;
}

using Renda.Platform.Data;

namespace Renda.Platform.Workflow;

/// <summary>One applied workflow action: who, when, from which state, to which state, and a comment.
/// Shared by every workflow (table <c>workflow_history</c>).</summary>
[NotAudited]
public sealed class WorkflowHistoryEntry : IJurisdictionScoped
{
    public long Id { get; set; }
    public string Workflow { get; set; } = "";
    public long EntityId { get; set; }
    public string FromState { get; set; } = "";
    public string Action { get; set; } = "";
    public string ToState { get; set; } = "";
    public string Actor { get; set; } = "";
    public string ActorRole { get; set; } = "";
    public DateTime At { get; set; }
    public string? Comment { get; set; }
    /// <summary>Action-specific data as JSON (e.g. the unit and deadline of an assignment).</summary>
    public string? Data { get; set; }
    public string JurisdictionCode { get; set; } = "";
}

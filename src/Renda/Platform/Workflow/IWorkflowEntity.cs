using Renda.Platform.Data;

namespace Renda.Platform.Workflow;

/// <summary>An entity that moves through a workflow. Its <c>State</c> is one of its definition's
/// states and is changed only by <see cref="WorkflowEngine"/>; <c>Version</c> is bumped by every
/// applied action (the DbContext makes it the optimistic-concurrency token).</summary>
/// <remarks>Implement <c>State</c> as a plain public property named <c>State</c>: the engine marks
/// it modified by that name, so that every action bumps the row version, even one that keeps the state.</remarks>
public interface IWorkflowEntity : IVersioned, IJurisdictionScoped
{
    long Id { get; }
    string State { get; set; }
}

/// <summary>A text shown to people, in Simplified Chinese first and English second.</summary>
public readonly record struct WorkflowLabel(string Zh, string En)
{
    public string For(bool english) => english ? En : Zh;
    public override string ToString() => Zh;
}

/// <summary>Role names a transition table may use besides the account roles of <see cref="Auth.Roles"/>.
/// Relationship roles (submitter, filer, lead unit…) are granted per entity by the definition's
/// <see cref="WorkflowDefinition{T}.Relationships"/> function.</summary>
public static class WorkflowRoles
{
    /// <summary>Whoever submitted the entity (a representative by id, or a citizen holding its tracking code).</summary>
    public const string Submitter = "submitter";
    /// <summary>The representative who filed a suggestion or motion.</summary>
    public const string Filer = "filer";
    /// <summary>The handling unit leading the work on the entity (主办).</summary>
    public const string LeadUnit = "lead_unit";
    /// <summary>The handling unit the entity is assigned to.</summary>
    public const string AssignedUnit = "assigned_unit";
    /// <summary>Background jobs (<see cref="Auth.SystemUser"/> holds this role).</summary>
    public const string System = "system";
    /// <summary>Every caller, signed in or not (e.g. a citizen submitting an opinion by QR code).</summary>
    public const string Anyone = "anyone";

    public static WorkflowLabel Label(string role) => role switch
    {
        Submitter => new("提交人", "the submitter"),
        Filer => new("提出建议的代表", "the filing representative"),
        LeadUnit => new("主办单位", "the lead unit"),
        AssignedUnit => new("承办单位", "the assigned unit"),
        System => new("系统", "the system"),
        Anyone => new("任何人", "anyone"),
        _ => new(Auth.Roles.Label(role, english: false), Auth.Roles.Label(role, english: true)),
    };
}

/// <summary>The state and action labels of DOMAIN.md, shared by every workflow. A definition can
/// add or override labels with <see cref="WorkflowDefinition{T}.State"/> and <see cref="WorkflowDefinition{T}.Action"/>.</summary>
public static class WorkflowLabels
{
    public static readonly IReadOnlyDictionary<string, WorkflowLabel> States = new Dictionary<string, WorkflowLabel>
    {
        ["draft"] = new("草稿", "Draft"),
        ["submitted"] = new("已提交", "Submitted"),
        ["triaged"] = new("已梳理", "Triaged"),
        ["registered"] = new("已立案", "Registered"),
        ["returned"] = new("已退回", "Returned"),
        ["assigned"] = new("已交办", "Assigned"),
        ["in_progress"] = new("办理中", "In progress"),
        ["replied"] = new("已答复", "Replied"),
        ["closed"] = new("已办结", "Closed"),
        ["merged"] = new("已合并", "Merged"),
        ["declined"] = new("不予受理", "Declined"),
        ["escalated"] = new("已转办", "Escalated"),
        ["pending"] = new("待审核", "Pending review"),
        ["approved"] = new("已审核", "Approved"),
    };

    public static readonly IReadOnlyDictionary<string, WorkflowLabel> Actions = new Dictionary<string, WorkflowLabel>
    {
        ["draft"] = new("起草", "Draft"),
        ["submit"] = new("提交", "Submit"),
        ["triage"] = new("梳理", "Triage"),
        ["merge"] = new("合并", "Merge"),
        ["decline"] = new("不予受理", "Decline"),
        ["assign"] = new("交办", "Assign"),
        ["escalate"] = new("转办", "Escalate"),
        ["acknowledge"] = new("签收", "Acknowledge"),
        ["return"] = new("退回", "Return"),
        ["reply"] = new("答复", "Reply"),
        ["rate"] = new("评价", "Rate"),
        ["evaluate"] = new("评价", "Evaluate"),
        ["supervise"] = new("督办", "Supervise"),
        ["publish"] = new("公示", "Publish"),
        ["register"] = new("立案", "Register"),
        ["designate_key"] = new("列为重点督办", "Designate as key"),
        ["carry_over"] = new("跨年度结转", "Carry over"),
        ["approve"] = new("审核通过", "Approve"),
        ["reject"] = new("驳回", "Reject"),
        ["close"] = new("办结", "Close"),
    };
}

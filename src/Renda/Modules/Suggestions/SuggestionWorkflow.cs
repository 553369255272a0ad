using Renda.Platform.Auth;
using Renda.Platform.Jurisdictions;
using Renda.Platform.Workflow;

namespace Renda.Modules.Suggestions;

/// <summary>DOMAIN.md's "Suggestion or motion" table, row by row. The filer and the lead unit are
/// relationship roles granted per suggestion.</summary>
public static class SuggestionWorkflow
{
    public static readonly WorkflowDefinition<Suggestion> Definition = new WorkflowDefinition<Suggestion>("suggestion")
        .On(WorkflowDefinition.New, "draft", "draft", Roles.Representative)
        .On(["draft", "returned"], "submit", "submitted", WorkflowRoles.Filer)
        .On("submitted", "register", "registered", Roles.CongressStaff)
        .On("submitted", "return", "returned", Roles.CongressStaff)
        .On("registered", "assign", "assigned", Roles.CongressStaff)
        .On(["registered", "assigned", "in_progress"], "designate_key", WorkflowDefinition.Unchanged, Roles.CongressStaff)
        .On("assigned", "acknowledge", "in_progress", WorkflowRoles.LeadUnit)
        .On("assigned", "return", "registered", WorkflowRoles.LeadUnit)
        .On("in_progress", "reply", "replied", WorkflowRoles.LeadUnit)
        .On("replied", "evaluate", ["closed", "in_progress"], WorkflowRoles.Filer)
        .On("in_progress", "carry_over", WorkflowDefinition.Unchanged, Roles.CongressStaff)
        .On(WorkflowDefinition.AnyOpen, "supervise", WorkflowDefinition.Unchanged, Roles.CongressStaff, Roles.Leader)
        .Final("closed")
        .Relationships(Relationships);

    private static IEnumerable<string> Relationships(Suggestion s, ICurrentUser user)
    {
        if (user.RepresentativeId is { } rep && rep == s.FilerId && user.IsInRole(Roles.Representative)) yield return WorkflowRoles.Filer;
        if (user.UnitId is { } unit && unit == s.LeadUnitId && user.IsInRole(Roles.HandlingUnit)) yield return WorkflowRoles.LeadUnit;
    }

    /// <summary>States in which the suggestion is with the units (the per-unit board and overdue flags).</summary>
    public static readonly string[] HandlingStates = ["assigned", "in_progress", "replied"];

    /// <summary>States before registration: what a representative can still change or staff still review.</summary>
    public static readonly string[] FilingStates = ["draft", "submitted", "returned"];
}

/// <summary>Settings under <c>Suggestions</c> in configuration.</summary>
public sealed class SuggestionOptions
{
    /// <summary>The reply deadline of an assignment when staff give none: three months, as the law sets
    /// (自交办之日起三个月内答复), counted as 60 working days on the holiday calendar.</summary>
    public int DeadlineWorkingDays { get; set; } = 60;
    /// <summary>The new deadline after an unsatisfied evaluation (one month of working days).</summary>
    public int RehandleWorkingDays { get; set; } = 22;
    /// <summary>The window in which a lead unit may return an assignment as not its own (退回改办).</summary>
    public int ReturnWindowWorkingDays { get; set; } = 5;
    /// <summary>Working days before the deadline from which an item is flagged as due soon.</summary>
    public int DueSoonWorkingDays { get; set; } = 10;
    /// <summary>How many representatives (the filer included) must sign a motion, by congress level:
    /// 地方各级人民代表大会和地方各级人民政府组织法 — above the township 代表十人以上联名, at a township
    /// 代表五人以上联名.</summary>
    public Dictionary<string, int> MotionSigners { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Province"] = 10, ["City"] = 10, ["County"] = 10, ["Township"] = 5,
    };

    public int RequiredMotionSigners(JurisdictionLevel level) =>
        MotionSigners.TryGetValue(level.ToString(), out var n) && n > 0 ? n : level == JurisdictionLevel.Township ? 5 : 10;
}

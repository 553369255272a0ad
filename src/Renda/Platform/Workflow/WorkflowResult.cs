using System.Globalization;
using Renda.Platform.Http;

namespace Renda.Platform.Workflow;

/// <summary>What happened to one action: applied (new state and version) or refused (why).</summary>
public sealed record WorkflowResult
{
    public required string Action { get; init; }
    /// <summary>The state before the action ("" when the action created the entity).</summary>
    public required string FromState { get; init; }
    /// <summary>The state after a success; the unchanged current state after a refusal.</summary>
    public required string State { get; init; }
    /// <summary>The row version after a success; the version the engine saw after a refusal.</summary>
    public long Version { get; init; }
    public WorkflowRefusal? Refusal { get; init; }
    public bool Succeeded => Refusal is null;
}

/// <summary>Why an action was refused: a stable <see cref="Code"/> (the problem type's slug) and a reason in Chinese and English.</summary>
public sealed record WorkflowRefusal(string Code, string Zh, string En)
{
    public const string ActionNotAllowedCode = "action-not-allowed";
    public const string RoleNotAllowedCode = "role-not-allowed";
    public const string OutOfJurisdictionCode = "out-of-jurisdiction";
    public const string StaleVersionCode = "stale-version";
    public const string InvalidInputCode = "invalid-input";

    /// <summary>For <see cref="InvalidInputCode"/>: the input field at fault.</summary>
    public string? Field { get; init; }
    /// <summary>For <see cref="RoleNotAllowedCode"/>: the roles that may do the action.</summary>
    public IReadOnlyList<string> AllowedRoles { get; init; } = [];
    /// <summary>For <see cref="ActionNotAllowedCode"/>: the states in which the action is allowed.</summary>
    public IReadOnlyList<string> AllowedInStates { get; init; } = [];
    /// <summary>For <see cref="StaleVersionCode"/>: the current version, when known.</summary>
    public long? CurrentVersion { get; init; }

    /// <summary>409 refusals are audited as "denied"; stale versions and bad input are not (nothing was attempted against the rules).</summary>
    public bool IsDenial => Code is not (StaleVersionCode or InvalidInputCode);

    public static WorkflowRefusal OutOfJurisdiction() =>
        new(OutOfJurisdictionCode, "该事项不在您的辖区范围内", "This item is outside your jurisdiction.");

    public static WorkflowRefusal UnknownAction(string workflow, string action) =>
        new(ActionNotAllowedCode, $"没有“{Clip(action)}”这一操作", $"Workflow '{workflow}' has no action '{Clip(action)}'.");

    public static WorkflowRefusal ActionNotAllowed(string state, WorkflowLabel stateLabel, string action, WorkflowLabel actionLabel,
        IReadOnlyList<string> allowedIn) =>
        new(ActionNotAllowedCode, $"“{stateLabel.Zh}”状态下不能“{actionLabel.Zh}”",
            $"'{action}' is not allowed in state '{state}'.") { AllowedInStates = allowedIn };

    public static WorkflowRefusal RoleNotAllowed(string action, WorkflowLabel actionLabel, IReadOnlyList<string> roles,
        IReadOnlyList<WorkflowLabel> roleLabels) =>
        new(RoleNotAllowedCode, $"只有{string.Join("、", roleLabels.Select(l => l.Zh))}可以“{actionLabel.Zh}”",
            $"Only {string.Join(" or ", roleLabels.Select(l => l.En))} may '{action}'.") { AllowedRoles = roles };

    public static WorkflowRefusal Stale(long? currentVersion) =>
        new(StaleVersionCode, "数据已被他人修改，请刷新后重试", "The record was changed by someone else; reload and retry.")
        { CurrentVersion = currentVersion };

    public static WorkflowRefusal InvalidInput(string field, string zh, string en) =>
        new(InvalidInputCode, zh, en) { Field = field };

    private static string Clip(string s) => s.Length <= 64 ? s : s[..64];
}

public static class WorkflowResultHttp
{
    /// <summary>Success → <paramref name="success"/> (usually 200 with the entity view); refusal → 409
    /// problem+json with the refusal's code as type; stale → 412; invalid input → 400 with the field's error.</summary>
    public static IResult ToHttp(this WorkflowResult result, Func<IResult> success) => result.Refusal switch
    {
        null => success(),
        { Code: WorkflowRefusal.StaleVersionCode } r => Problems.StaleVersion(r.CurrentVersion),
        { Code: WorkflowRefusal.InvalidInputCode } r => Problems.Validation(r.Field ?? "body",
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? r.En : r.Zh),
        var r => Conflict(result, r),
    };

    public static IResult ToHttp(this WorkflowResult result, object? body) => result.ToHttp(() => TypedResults.Ok(body));

    private static IResult Conflict(WorkflowResult result, WorkflowRefusal r)
    {
        var (zh, en) = r.Code switch
        {
            WorkflowRefusal.ActionNotAllowedCode => ("当前状态不允许此操作", "Action not allowed in the current state"),
            WorkflowRefusal.RoleNotAllowedCode => ("您的角色不能执行此操作", "Your role may not perform this action"),
            WorkflowRefusal.OutOfJurisdictionCode => ("不在您的辖区范围内", "Outside your jurisdiction"),
            _ => (r.Zh, r.En),
        };
        var ext = new Dictionary<string, object?>
        {
            ["reasonZh"] = r.Zh,
            ["reasonEn"] = r.En,
            ["action"] = result.Action,
        };
        if (r.Code != WorkflowRefusal.OutOfJurisdictionCode) ext["state"] = result.State;
        if (r.AllowedRoles.Count > 0) ext["allowedRoles"] = r.AllowedRoles;
        if (r.AllowedInStates.Count > 0) ext["allowedInStates"] = r.AllowedInStates;
        return Problems.Conflict(r.Code, zh, en, r.En, ext);
    }
}

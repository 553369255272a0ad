namespace Renda.Platform.Audit;

/// <summary>How actions and outcomes read on the auditor's page. The action filter matches a value
/// exactly or as a dotted prefix, so "auth" finds every sign-in event.</summary>
public static class AuditLabels
{
    public sealed record Option(string Value, string Zh, string En);

    public static readonly IReadOnlyList<Option> Actions =
    [
        new("auth", "登录与退出（全部）", "Sign-in and sign-out (all)"),
        new(AuditActions.SignIn, "登录成功", "Signed in"),
        new(AuditActions.SignInFailed, "登录失败", "Sign-in failed"),
        new(AuditActions.LockedOut, "账号锁定", "Locked out"),
        new(AuditActions.SignOut, "退出登录", "Signed out"),
        new(AuditActions.PasswordChanged, "修改密码", "Password changed"),
        new("admin", "授权与策略（全部）", "Roles and policy (all)"),
        new(AuditActions.RoleGranted, "授予角色", "Role granted"),
        new(AuditActions.RoleRevoked, "撤销角色", "Role revoked"),
        new(AuditActions.PolicyChanged, "修改安全策略", "Policy changed"),
        new("entity", "数据变更（全部）", "Data changes (all)"),
        new(AuditActions.Create, "新建", "Created"),
        new(AuditActions.Update, "修改", "Updated"),
        new(AuditActions.Delete, "删除", "Deleted"),
        new("workflow", "流程操作（全部）", "Workflow actions (all)"),
        new(AuditActions.Reveal, "查看个人信息", "Personal data revealed"),
        new(AuditActions.AccessDenied, "越权访问", "Access denied"),
        new(AuditActions.AuditExport, "导出审计日志", "Audit trail exported"),
    ];

    public static readonly IReadOnlyList<Option> Outcomes =
    [
        new(AuditOutcomes.Success, "成功", "Success"),
        new(AuditOutcomes.Failure, "失败", "Failure"),
        new(AuditOutcomes.Denied, "拒绝", "Denied"),
    ];

    public static string Action(string action, bool english) =>
        Actions.FirstOrDefault(o => o.Value == action) is { } o ? (english ? o.En : o.Zh) : action;

    public static string Outcome(string outcome, bool english) =>
        Outcomes.FirstOrDefault(o => o.Value == outcome) is { } o ? (english ? o.En : o.Zh) : outcome;
}

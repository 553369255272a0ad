using Renda.Platform.Auth;

namespace Renda.Platform.Ui;

/// <summary>One entry of the workbench navigation, shown to the roles named (empty = every signed-in user).</summary>
public sealed record NavItem(string Zh, string En, string Href, params string[] Roles);

/// <summary>The workbench menu. A module adds its entries here; the layout shows each user the ones
/// their roles allow, so navigation follows the same role rules as the pages.</summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("工作台", "Workbench", "/workbench"),
        new("代表名册", "Roster", "/representatives", Roles.CongressStaff, Roles.Leader),
        new("代表小组", "Groups", "/groups", Roles.CongressStaff, Roles.Leader),
        new("家站点", "Stations", "/stations", Roles.CongressStaff, Roles.StationManager, Roles.Leader, Roles.Representative),
        new("履职档案", "Duty archive", "/archive", Roles.CongressStaff, Roles.Leader, Roles.Representative),
        new("我的履职积分", "My duty points", "/performance/score", Roles.Representative),
        new("履职积分", "Duty points", "/performance/rankings", Roles.CongressStaff, Roles.Leader),
        new("热线工单导入", "Hotline import", "/opinions/feeds/hotline", Roles.CongressStaff),
        new("站内通知", "Notices", "/notices", Roles.CongressStaff, Roles.HandlingUnit, Roles.Leader),
        new("账号管理", "Accounts", "/admin/users", Roles.SystemAdmin),
        new("Open311 密钥", "Open311 keys", "/admin/open311-keys", Roles.SystemAdmin),
        new("行政区划", "Jurisdictions", "/admin/jurisdictions", Roles.SystemAdmin),
        new("角色授权", "Roles", "/admin/roles", Roles.SecurityAdmin),
        new("安全策略", "Security policy", "/admin/policy", Roles.SecurityAdmin),
        new("审计日志", "Audit trail", "/audit", Roles.Auditor),
        new("双联", "Keeping in touch", "/contacts", Roles.CongressStaff, Roles.Leader, Roles.StationManager),
        new("我的联系选民", "My voters", "/contacts/voters", Roles.Representative),
        new("民意直通车", "Citizen opinions", "/opinions", Roles.CongressStaff, Roles.HandlingUnit, Roles.Leader, Roles.Representative),
        new("建议议案", "Suggestions", "/suggestions", Roles.CongressStaff, Roles.Leader, Roles.Representative, Roles.HandlingUnit),
        new("民意看板", "Opinions dashboard", "/opinions/dashboard", Roles.CongressStaff, Roles.Leader),
        new("反映集中问题", "Hot topics", "/opinions/hot-topics", Roles.CongressStaff, Roles.Leader),
    ];

    public static IEnumerable<NavItem> For(ICurrentUser user) =>
        Items.Where(i => i.Roles.Length == 0 || i.Roles.Any(user.IsInRole));
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Notifications;
using Renda.Platform.Workflow;

namespace Renda.Modules.Suggestions;

/// <summary>Turns suggestion actions into in-app notices, in the action's transaction (docs/adr/0024, 0030):
/// the lead unit hears of an assignment, the filer's accounts of a reply.</summary>
public sealed class SuggestionNoticesObserver(Notifications notifications) : IWorkflowObserver
{
    public async Task OnAppliedAsync(WorkflowApplied a, CancellationToken ct)
    {
        if (a.Workflow != SuggestionWorkflow.Definition.Name || a.Entity is not Suggestion s) return;
        switch (a.Action)
        {
            case "assign":
                await UnitNoticeAsync(a.Db, notifications, s, "suggestion.assigned", $"新交办：{Label(s)}",
                    s.Deadline is { } due ? $"请及时签收，并在{due:yyyy年M月d日}前答复。" : "请及时签收办理。", ct);
                break;
            case "reply":
                await FilerNoticeAsync(a.Db, s, ct);
                break;
        }
    }

    /// <summary>To every account linked to the filer, in the account's own jurisdiction (so a township account sees it too).</summary>
    private async Task FilerNoticeAsync(AppDbContext db, Suggestion s, CancellationToken ct)
    {
        var accounts = await db.Set<AppUser>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.RepresentativeId == s.FilerId && !u.Disabled)
            .Select(u => new { u.UserName, u.JurisdictionCode }).ToListAsync(ct);
        foreach (var u in accounts.Where(u => u.UserName is { Length: > 0 }))
            notifications.Notify(db, new NewNotice(u.JurisdictionCode, NoticeAudiences.User, u.UserName!,
                $"您的{SuggestionTerms.KindLabel(s.Kind, false)}已有答复：{Label(s)}", "suggestion.replied",
                "请查看答复并作出评价。", Link(s.Id), nameof(Suggestion), s.Id));
    }

    /// <summary>A notice to the lead unit, in the unit's jurisdiction.</summary>
    internal static async Task UnitNoticeAsync(AppDbContext db, Notifications notifications, Suggestion s, string kind,
        string title, string? body, CancellationToken ct)
    {
        if (s.LeadUnitId is not { } unitId) return;
        var jurisdiction = await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(u => u.Id == unitId)
            .Select(u => u.JurisdictionCode).SingleOrDefaultAsync(ct) ?? s.JurisdictionCode;
        notifications.Notify(db, new NewNotice(jurisdiction, NoticeAudiences.Unit, unitId.ToString(CultureInfo.InvariantCulture),
            title, kind, body, Link(s.Id), nameof(Suggestion), s.Id));
    }

    /// <summary>The number (when registered) and the title, cut to 30 characters.</summary>
    internal static string Label(Suggestion s)
    {
        var title = s.Title.Length <= 30 ? s.Title : s.Title[..30] + "…";
        return s.Number is null ? title : $"{s.NumberText} {title}";
    }

    internal static string Link(long id) => "/suggestions/" + id.ToString(CultureInfo.InvariantCulture);
}

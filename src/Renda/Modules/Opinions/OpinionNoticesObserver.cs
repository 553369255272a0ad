using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Notifications;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

/// <summary>Where the opinion notices point: the citizen's tracking page (absolute when
/// <c>PublicCodes:BaseUrl</c> is set or a request is at hand, as the QR codes do) and the staff detail page.</summary>
public sealed class OpinionLinks(IConfiguration config, IHttpContextAccessor http)
{
    public string Tracking(string trackingCode) => Base() + "/p/t/" + trackingCode;

    public static string Staff(long opinionId) => "/opinions/" + opinionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Base() =>
        config["PublicCodes:BaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/')
        : http.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}{r.PathBase}"
        : "";
}

/// <summary>Turns opinion actions into notifications, in the action's transaction (docs/adr/0024): the unit
/// hears of an assignment, a supervision note and a re-handling (in-app); the citizen gets an SMS with the
/// tracking link on a reply, a decline and the closing; staff hear of a return.</summary>
public sealed class OpinionNoticesObserver(Notifications notifications, PersonalData personal, OpinionLinks links) : IWorkflowObserver
{
    public async Task OnAppliedAsync(WorkflowApplied a, CancellationToken ct)
    {
        if (a.Workflow != OpinionWorkflow.Definition.Name || a.Entity is not Opinion o) return;
        var db = a.Db;
        switch (a.Action)
        {
            case "assign":
                await UnitNoticeAsync(db, o, "opinion.assigned", $"新交办意见：{Excerpt(o.Content)}",
                    o.DueDate is { } due ? $"请在{due:yyyy年M月d日}前答复，并及时签收。" : "请及时签收办理。", ct);
                break;
            case "supervise":
                await UnitNoticeAsync(db, o, "opinion.supervised", $"督办：{Excerpt(o.Content)}", a.Comment, ct);
                break;
            case "rate" when a.To == "in_progress":
                await UnitNoticeAsync(db, o, "opinion.rehandle", $"群众不满意，请重新办理：{Excerpt(o.Content)}",
                    o.DueDate is { } d ? $"第{o.Round}轮办理，请在{d:yyyy年M月d日}前答复。" : null, ct);
                break;
            case "return":
                notifications.Notify(db, new NewNotice(o.JurisdictionCode, NoticeAudiences.Role, Roles.CongressStaff,
                    $"承办单位退回意见：{Excerpt(o.Content)}", "opinion.returned", a.Comment, OpinionLinks.Staff(o.Id), nameof(Opinion), o.Id));
                break;
            case "reply":
                Sms(db, o, "opinion.replied", $"【人大代表联络站】您反映的问题已有答复，请查看并评价：{links.Tracking(o.TrackingCode)}");
                break;
            case "decline":
                Sms(db, o, "opinion.declined", $"【人大代表联络站】您反映的问题不予受理，原因请查看：{links.Tracking(o.TrackingCode)}");
                break;
        }
        if (a.To == "closed" && a.From != "closed")
            Sms(db, o, "opinion.closed", $"【人大代表联络站】您反映的问题已办结，感谢您的参与：{links.Tracking(o.TrackingCode)}");
    }

    private async Task UnitNoticeAsync(AppDbContext db, Opinion o, string kind, string title, string? body, CancellationToken ct)
    {
        if (o.UnitId is not { } unitId) return;
        var jurisdiction = await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(u => u.Id == unitId)
            .Select(u => u.JurisdictionCode).SingleOrDefaultAsync(ct) ?? o.JurisdictionCode;
        notifications.Notify(db, new NewNotice(jurisdiction, NoticeAudiences.Unit,
            unitId.ToString(System.Globalization.CultureInfo.InvariantCulture), title, kind, body, OpinionLinks.Staff(o.Id), nameof(Opinion), o.Id));
    }

    private void Sms(AppDbContext db, Opinion o, string kind, string text)
    {
        if (personal.Unprotect(o.PhoneCipher) is not { Length: > 0 } phone) return;
        notifications.Enqueue(db, new OutgoingMessage(NotificationChannels.Sms, phone, text, kind, SourceType: nameof(Opinion), SourceId: o.Id));
    }

    public static string Excerpt(string text) => text.Length <= 30 ? text : text[..30] + "…";
}

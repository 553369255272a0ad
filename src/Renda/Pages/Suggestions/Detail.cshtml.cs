using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Suggestions;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Ui;
using Renda.Platform.Workflow;

namespace Renda.Pages.Suggestions;

/// <summary>The fields of every action form; each action reads the ones it needs.</summary>
public sealed class ActionForm
{
    public long? Version { get; set; }
    public bool ConvertToSuggestion { get; set; }
    public string? Reason { get; set; }
    public long? LeadUnitId { get; set; }
    public List<long> CoUnitIds { get; set; } = [];
    public string? Deadline { get; set; }
    public string? LeaderUserName { get; set; }
    public string? ResultClass { get; set; }
    public string? Content { get; set; }
    public string? Rating { get; set; }
    public string? Note { get; set; }
    public string? HeldOn { get; set; }
    public string? Place { get; set; }
    public string? Participants { get; set; }
    public string? Notes { get; set; }
}

/// <summary>/suggestions/{id}: the suggestion, its co-signers, units, meetings, documents and history, with
/// the caller's allowed actions as forms (the same table as the API's <c>allowedActions</c>); for staff
/// registering it, look-alike suggestions side by side.</summary>
[Authorize(Roles = SuggestionPages.Readers)]
public sealed class DetailModel(AppDbContext db, WorkflowEngine engine, SuggestionActions actions, SuggestionQueries queries,
    SuggestionFiling filing, ReplyDocuments documents, ICurrentUser me, Lang lang) : PageModel
{
    [BindProperty] public ActionForm Form { get; set; } = new();
    public Suggestion Entity { get; private set; } = null!;
    public SuggestionView View { get; private set; } = null!;
    public IReadOnlyList<AllowedAction> Allowed { get; private set; } = [];
    public IReadOnlyList<WorkflowHistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<DuplicateCandidate> Duplicates { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Units { get; private set; } = [];
    public IReadOnlyList<(string UserName, string Name)> Leaders { get; private set; } = [];
    public string? Error { get; private set; }
    public string? ErrorAction { get; private set; }

    public bool IsInvited => View.CoSigners.Any(c => c.RepresentativeId == me.RepresentativeId && !c.Confirmed) && Entity.State is "draft" or "returned";
    public bool IsCoUnit => me.IsInRole(Roles.HandlingUnit) && View.Units.Any(u => u.Role == SuggestionTerms.Co && u.UnitId == me.UnitId) && Entity.State is "assigned" or "in_progress";
    public bool IsLeadInProgress => me.IsInRole(Roles.HandlingUnit) && me.UnitId == Entity.LeadUnitId && Entity.State == "in_progress";
    public bool CanLogMeeting => Entity.State is "registered" or "assigned" or "in_progress" or "replied"
        && (SuggestionAccess.Overseers.Any(me.IsInRole) || (me.IsInRole(Roles.HandlingUnit) && View.Units.Any(u => u.UnitId == me.UnitId)));

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostActAsync(long id, string action, CancellationToken ct)
    {
        if (await SuggestionAccess.LoadAsync(db, id, ct) is not { } s) return NotFound();
        object? input = action switch
        {
            "register" => new RegisterInput(Form.ConvertToSuggestion),
            "return" => new ReturnInput(Form.Reason),
            "assign" => new AssignInput(Form.LeadUnitId, Form.CoUnitIds,
                string.IsNullOrWhiteSpace(Form.Deadline) ? null : JsonSerializer.SerializeToElement(Form.Deadline.Trim())),
            "designate_key" => new DesignateKeyInput(Form.LeaderUserName),
            "reply" => new ReplyInput(Form.ResultClass, Form.Content),
            "evaluate" => new EvaluateInput(Form.Rating, Form.Reason),
            "supervise" => new SuperviseInput(Form.Note),
            _ => null,
        };
        var result = await actions.ApplyAsync(engine, s, action, input, me, version: Form.Version, ct: ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = lang[$"已{SuggestionWorkflow.Definition.ActionLabel(action).Zh}", $"Done: {SuggestionWorkflow.Definition.ActionLabel(action).En}"];
            return Redirect($"/suggestions/{id}");
        }
        Error = lang.IsEnglish ? result.Refusal!.En : result.Refusal!.Zh;
        ErrorAction = action;
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCoSignAsync(long id, CancellationToken ct)
    {
        var r = await filing.ConfirmAsync(id, ct);
        return await AfterAsync(id, r.Ok, r.Message(lang.IsEnglish), "co_sign", lang["已确认联名", "You have co-signed"], ct);
    }

    public async Task<IActionResult> OnPostCoOpinionAsync(long id, CancellationToken ct)
    {
        var r = await filing.CoUnitOpinionAsync(id, new OpinionInput(Form.Content), ct);
        return await AfterAsync(id, r.Ok, r.Message(lang.IsEnglish), "co_opinion", lang["会办意见已送主办单位", "Opinion sent to the lead unit"], ct);
    }

    public async Task<IActionResult> OnPostMeetingAsync(long id, CancellationToken ct)
    {
        var r = await filing.MeetingAsync(id, new MeetingInput(Form.HeldOn, Form.Place, Form.Participants, Form.Notes), ct);
        return await AfterAsync(id, r.Ok, r.Message(lang.IsEnglish), "meeting", lang["已登记见面沟通，并记入代表履职档案", "Meeting logged and added to the representative's archive"], ct);
    }

    public async Task<IActionResult> OnPostDocumentAsync(long id, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0 || file.Length > ReplyDocuments.MaxBytes)
            return await AfterAsync(id, false, lang["请选择不超过10MB的 .docx 或 PDF 文件", "Choose a .docx or PDF of at most 10 MB"], "document", "", ct);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var r = await documents.UploadAsync(id, file.FileName, buffer.ToArray(), ct);
        return await AfterAsync(id, r.Ok, r.Message(lang.IsEnglish), "document", lang["答复函已上传", "Reply document uploaded"], ct);
    }

    private async Task<IActionResult> AfterAsync(long id, bool ok, string message, string action, string flash, CancellationToken ct)
    {
        if (ok)
        {
            TempData["Flash"] = flash;
            return Redirect($"/suggestions/{id}");
        }
        Error = message;
        ErrorAction = action;
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await SuggestionAccess.LoadAsync(db, id, ct) is not { } s) return false;
        Entity = s;
        View = await queries.ViewAsync(s, lang.IsEnglish, ct);
        Allowed = SuggestionWorkflow.Definition.AllowedActions(s, me);
        History = await engine.HistoryAsync(SuggestionWorkflow.Definition, s.Id, ct);
        if (me.IsInRole(Roles.CongressStaff) && s.State is "submitted" or "registered") Duplicates = await queries.DuplicatesAsync(s, ct: ct);
        if (Allowed.Any(a => a.Action == "assign"))
            Units = (await db.Set<HandlingUnit>().AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
                .Select(u => (u.Id, u.Name)).ToList();
        if (Allowed.Any(a => a.Action == "designate_key"))
        {
            var leaderRole = await db.Roles.Where(r => r.Name == Roles.Leader).Select(r => r.Id).SingleOrDefaultAsync(ct);
            Leaders = (await db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == leaderRole))
                .OrderBy(u => u.UserName).Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct))
                .Select(u => (u.UserName ?? "", string.IsNullOrEmpty(u.DisplayName) ? u.UserName ?? "" : u.DisplayName)).ToList();
        }
        Form.Version = s.Version;
        return true;
    }

    public bool Can(string action) => Allowed.Any(a => a.Action == action);

    public string ActionLabel(string action) => SuggestionWorkflow.Definition.ActionLabel(action).For(lang.IsEnglish);

    public static string Time(DateTime? utc) =>
        utc is { } t ? Renda.Platform.Calendar.ChinaTime.FormatInstant(t) : "";
}
